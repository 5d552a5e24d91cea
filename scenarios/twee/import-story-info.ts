import type { KeyPath } from "./comment-before";
import type { ImportLog } from "./import-log";
import { isRecord, type Json } from "./json-object";
import { kebabId } from "./kebab-id";
import { METADATA_KEYS } from "./metadata-passage";
import { PLACEHOLDER } from "./placeholders";
import { knownKeys, readJsonPassage } from "./read-json";
import type { Passage } from "./read-passages";

const OPTIONAL_INFO = ["skills", "content-note", "language"];

/** The scenario's fields that describe the whole story, as the scenario file writes them. */
export interface StoryInfo {
  id: unknown;
  title: unknown;
  summary: unknown;
  /** skills, content-note and language, those the story gives. */
  optional: Json;
  roles: Json;
  meters?: unknown;
}

/** Reads the metadata passage (and StoryTitle), with a placeholder for each required field missing. */
export function importStoryInfo(metadata: Passage | undefined, titlePassage: Passage | undefined, log: ImportLog): StoryInfo {
  const infoAt = (metadata ?? titlePassage)?.at ?? 0;
  const info = metadata
    ? knownKeys(readJsonPassage(metadata, log), METADATA_KEYS, metadata.at, `passage "${metadata.name}"`, log)
    : {};
  const storyTitle = titlePassage?.body.trim() || undefined;
  const roles = isRecord(info.roles) ? info.roles : {};
  const { name, ...counterpart } = isRecord(roles.counterpart) ? roles.counterpart : {};
  const missing: [KeyPath, unknown, string, string][] = [
    [["title"], info.title ?? storyTitle, "the story has no title; the title", "no title"],
    [["summary"], info.summary, "the story has no summary; the summary", "no summary"],
    [["roles", "trainee"], roles.trainee, "the story does not say whom the trainee plays; roles.trainee", "no trainee role"],
    [["roles", "counterpart", "name"], name, "the story does not name the counterpart; roles.counterpart.name", "no counterpart"],
  ];
  for (const [path, value, message, comment] of missing) {
    if (value !== undefined) continue;
    log.placeholder(path, infoAt, "twee-placeholder", `${message} is a placeholder`, `${comment} in the Twee file`);
  }
  const title = info.title ?? storyTitle ?? PLACEHOLDER.title;
  return {
    id: info.id ?? kebabId(typeof title === "string" ? title : "", "imported-from-twee"),
    title,
    summary: info.summary ?? PLACEHOLDER.summary,
    optional: Object.fromEntries(OPTIONAL_INFO.filter((k) => info[k] !== undefined).map((k) => [k, info[k]])),
    roles: {
      trainee: roles.trainee ?? PLACEHOLDER.trainee,
      counterpart: { name: name ?? PLACEHOLDER.counterpart, ...counterpart },
    },
    ...(info.meters !== undefined && { meters: info.meters }),
  };
}
