import { toScenarioFile } from "../serialize-scenario";
import type { Scenario } from "../types";
import { ifidOf } from "./ifid";
import { METADATA_KEYS, METADATA_PASSAGE, METADATA_TAG } from "./metadata-passage";
import { storyLayout } from "./story-layout";
import { writePassage } from "./write-passage";

const STORY_FORMAT = { format: "Harlowe", "format-version": "3.3.9" };

/** The scenario as a Twee 3 story; `importTwee` of it gives back the same scenario. */
export function exportTwee(scenario: Scenario): string {
  const file = toScenarioFile(scenario);
  const metadata = Object.fromEntries(METADATA_KEYS.filter((k) => file[k] !== undefined).map((k) => [k, file[k]]));
  const title = scenario.title.replace(/\s+/g, " ").replace(/^::/, " ::");
  const data = { ifid: ifidOf(scenario.id), ...STORY_FORMAT, start: scenario.start };
  const position = storyLayout(scenario);
  const passages = [
    `:: StoryTitle\n${title}`,
    `:: StoryData\n${JSON.stringify(data, null, 2)}`,
    `:: ${METADATA_PASSAGE} [${METADATA_TAG}]\n${JSON.stringify(metadata, null, 2)}`,
    ...Object.entries(scenario.nodes).map(([id, node]) => writePassage(id, node, position.get(id) ?? "100,100")),
  ];
  return `${passages.join("\n\n\n")}\n`;
}
