import { isMap, isScalar, type Document } from "yaml";

/** Where a key sits in a scenario file, such as `["nodes", "intro", "choices", 0, "kind"]`. */
export type KeyPath = (string | number)[];

/** Puts a comment line above the key at `path`, where a trainer editing the file will see it. */
export function commentBefore(doc: Document, path: KeyPath, text: string): void {
  const key = path[path.length - 1];
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  if (!pair || !isScalar(pair.key)) throw new Error(`[twee] no key at ${path.join(".")} to comment on`);
  pair.key.commentBefore = pair.key.commentBefore ? `${pair.key.commentBefore}\n${text}` : text;
}
