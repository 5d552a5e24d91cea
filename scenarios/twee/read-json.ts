/** JSON a Twee file carries for Peer Practice, read with a warning for whatever cannot be used. */
import type { ImportLog } from "./import-log";
import { isRecord, type Json } from "./json-object";
import type { Passage } from "./read-passages";

/** A passage whose body is a JSON object (StoryData, the metadata passage); otherwise `{}`, with a warning. */
export function readJsonPassage(p: Passage, log: ImportLog): Json {
  try {
    const value: unknown = JSON.parse(p.body);
    if (isRecord(value)) return value;
  } catch {
    // Reported below, like a value that is not an object.
  }
  log.warn(p.at, "twee-bad-json", `passage "${p.name}" is not a JSON object; ignored`);
  return {};
}

/** Keeps the known keys of a JSON object and reports the others, adding them to `dropped` when given. */
export function knownKeys(data: Json, keys: string[], at: number, where: string, log: ImportLog, dropped?: string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(data)) {
    if (keys.includes(k)) out[k] = v;
    else {
      log.warn(at, "twee-bad-json", `${where}: "${k}" is not a known key; not carried over`);
      dropped?.push(`${k}: ${JSON.stringify(v)}`);
    }
  }
  return out;
}
