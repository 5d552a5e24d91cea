import type { ImportLog } from "./import-log";
import { METADATA_PASSAGE, METADATA_TAG } from "./metadata-passage";
import type { Passage } from "./read-passages";

/** A story's passages by what they hold: the special ones, and those that become nodes. */
export interface ClassifiedPassages {
  title?: Passage;
  data?: Passage;
  metadata?: Passage;
  story: Passage[];
}

/** Sets apart StoryTitle, StoryData and the metadata passage, and drops scripts and stylesheets with a warning. */
export function classifyPassages(passages: Passage[], log: ImportLog): ClassifiedPassages {
  const out: ClassifiedPassages = { story: [] };
  for (const p of passages) {
    if (p.name === "StoryTitle") out.title = p;
    else if (p.name === "StoryData") out.data = p;
    else if (p.name === METADATA_PASSAGE || p.tags.some((t) => t.name === METADATA_TAG)) out.metadata = p;
    else if (p.tags.some((t) => t.name === "script" || t.name === "stylesheet")) {
      const message = `passage "${p.name}" is a script or stylesheet, which a scenario cannot hold; not carried over`;
      log.warn(p.at, "twee-script", message);
    } else out.story.push(p);
  }
  return out;
}
