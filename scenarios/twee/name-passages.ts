import { RESPONSE_KIND_IDS, type ResponseKindId } from "../kinds";
import { kebabId, uniqueId } from "./kebab-id";
import type { Passage } from "./read-passages";

/** What links find through a passage's name. */
export interface PassageNames {
  /** Each story passage's node id, in the order of the passages. */
  ids: string[];
  /** A passage name's node id; with two passages of one name, the first's. */
  idOf: Map<string, string>;
  /** The response kind a passage's tag gives the links that lead to it. */
  kindOf: Map<string, ResponseKindId>;
}

const isKind = (tag: string): tag is ResponseKindId => (RESPONSE_KIND_IDS as readonly string[]).includes(tag);

/** Gives every story passage a unique node id and reads the response kind its tags name. */
export function namePassages(story: Passage[]): PassageNames {
  const used = new Set<string>();
  const ids = story.map((p) => uniqueId(kebabId(p.name, "passage"), used));
  const idOf = new Map<string, string>();
  const kindOf = new Map<string, ResponseKindId>();
  story.forEach((p, i) => {
    if (!idOf.has(p.name)) idOf.set(p.name, ids[i] ?? "");
    const kind = p.tags.map((t) => t.name).find(isKind);
    if (kind && !kindOf.has(p.name)) kindOf.set(p.name, kind);
  });
  return { ids, idOf, kindOf };
}
