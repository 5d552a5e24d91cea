/** Per ending node: whether plays end there, in how many turns and with what meters; and the best and worst ending situations. */
import type { Outcome } from "../types";
import type { Graph } from "./situation-graph";
import type { EndingStats, Unbounded } from "./types";

const OUTCOME_RANK: Record<Outcome, number> = { connected: 2, mixed: 1, disengaged: 0 };

/**
 * Every ending node's figures in file order, from the fewest (`dist`) and most (`most`, or a
 * loop before it, `afterLoop`) turns to each situation; `best` and `worst` are the ending
 * situations with the best and worst result (-1 when no ending is reached).
 */
export function endingStats(
  g: Graph,
  dist: Int32Array,
  most: Int32Array,
  afterLoop: Uint8Array,
): { endings: EndingStats[]; best: number; worst: number } {
  const endingAt: (EndingStats | undefined)[] = [];
  const endings: EndingStats[] = [];
  g.nodes.forEach((node, i) => {
    if (node.type !== "ending") return;
    const e: EndingStats = { nodeId: g.nodeIds[i]!, outcome: node.outcome, reachable: false };
    endingAt[i] = e;
    endings.push(e);
  });
  let best = -1;
  let worst = -1;
  let bestRank = -1;
  let worstRank = Infinity;
  for (let s = 0; s < g.sNode.length; s++) {
    const e = endingAt[g.sNode[s]!];
    if (!e) continue;
    const r = g.sRapport[s]!;
    const m = g.sMutuality[s]!;
    const turns = dist[s]!;
    const longest: number | Unbounded = afterLoop[s] ? "unbounded" : most[s]!;
    if (!e.reachable || !e.rapport || !e.mutuality || e.fewestTurns === undefined || e.mostTurns === undefined) {
      e.reachable = true;
      e.fewestTurns = turns;
      e.mostTurns = longest;
      e.rapport = { low: r, high: r };
      e.mutuality = { low: m, high: m };
    } else {
      e.fewestTurns = Math.min(e.fewestTurns, turns);
      if (e.mostTurns !== "unbounded") e.mostTurns = longest === "unbounded" ? longest : Math.max(e.mostTurns, longest);
      e.rapport.low = Math.min(e.rapport.low, r);
      e.rapport.high = Math.max(e.rapport.high, r);
      e.mutuality.low = Math.min(e.mutuality.low, m);
      e.mutuality.high = Math.max(e.mutuality.high, m);
    }
    // Outcome first, then the meters together; ties go to the shorter play.
    const rank = OUTCOME_RANK[e.outcome] * 1000 + r + m;
    if (rank > bestRank || (rank === bestRank && turns < dist[best]!)) (bestRank = rank), (best = s);
    if (rank < worstRank || (rank === worstRank && turns < dist[worst]!)) (worstRank = rank), (worst = s);
  }
  return { endings, best, worst };
}
