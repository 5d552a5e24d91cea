/** Most turns from the start to each situation no loop can lead to. */
import type { Graph } from "./situation-graph";

/**
 * Most turns to each situation no loop can lead to (`afterLoop` marks those a loop can), -1 for
 * the others. Edges among those are never back edges, so reverse postorder is a topological
 * order for them.
 */
export function mostTurns(g: Graph, postorder: Int32Array, afterLoop: Uint8Array): Int32Array {
  const n = g.sNode.length;
  const most = new Int32Array(n).fill(-1);
  if (n > 0 && !afterLoop[0]) most[0] = 0;
  for (let k = n - 1; k >= 0; k--) {
    const u = postorder[k]!;
    if (afterLoop[u] || most[u]! < 0) continue;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
      const v = g.edgeTo[e]!;
      if (afterLoop[v]) continue;
      const len = most[u]! + (g.edgeChoice[e]! >= 0 ? 1 : 0);
      if (len > most[v]!) most[v] = len;
    }
  }
  return most;
}
