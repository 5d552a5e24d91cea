import type { ImportLog } from "./import-log";
import { kebabId } from "./kebab-id";
import type { PassageNames } from "./name-passages";
import { readJsonPassage } from "./read-json";
import type { Passage } from "./read-passages";

/** The start node: StoryData's start passage, else the passage named Start, else the first; a warning when not found. */
export function importStart(dataPassage: Passage | undefined, names: PassageNames, log: ImportLog): string {
  const data = dataPassage ? readJsonPassage(dataPassage, log) : {};
  const at = dataPassage?.at ?? 0;
  if (typeof data.start === "string") {
    const start = names.idOf.get(data.start) ?? kebabId(data.start, "start");
    if (!names.idOf.has(data.start)) {
      log.warn(at, "twee-link-unknown", `StoryData: the start passage "${data.start}" does not exist; start is "${start}"`);
    }
    return start;
  }
  const start = names.idOf.get("Start") ?? names.ids[0] ?? "start";
  if (!names.idOf.has("Start")) log.warn(at, "twee-no-start", `the story names no start passage; start is "${start}"`);
  return start;
}
