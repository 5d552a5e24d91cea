/** How often each response kind is on offer and in the file. */
import { RESPONSE_KIND_IDS } from "../kinds";
import type { Graph } from "./situation-graph";
import type { KindStats } from "./types";

/** Every kind's counts, in the kinds table's order, given which nodes some play reaches; and all choices on offer. */
export function kindStats(g: Graph, reachedNodes: Uint8Array): { kinds: KindStats[]; choicesOnOffer: number } {
  const kinds = RESPONSE_KIND_IDS.map((kind): KindStats => ({ kind, onOffer: 0, inFile: 0 }));
  const kindAt = new Map(kinds.map((k) => [k.kind, k]));
  let choicesOnOffer = 0;
  g.nodes.forEach((node, i) => {
    if (node.type !== "turn") return;
    for (const c of node.choices) {
      const k = kindAt.get(c.kind)!;
      k.inFile++;
      if (reachedNodes[i]) {
        k.onOffer++;
        choicesOnOffer++;
      }
    }
  });
  return { kinds, choicesOnOffer };
}
