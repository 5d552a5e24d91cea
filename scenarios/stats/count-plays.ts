/** How many distinct plays lead from the start to an ending. */
import type { Graph } from "./situation-graph";

/**
 * Plays from the start to an ending in a situation graph without cycles, counted edge by edge
 * (two choices that lead to the same situation are two plays). Counted in doubles first, which
 * are exact while every count stays below 2^53, since a situation's count is never below any
 * partial sum that led to it; only larger scenarios pay for BigInt.
 */
export function countPlays(g: Graph, postorder: Int32Array, isEnding: (s: number) => boolean): bigint {
  const n = g.sNode.length;
  if (n === 0) return 0n;
  const quick = new Float64Array(n);
  quick[0] = 1;
  let total = 0;
  for (let k = n - 1; k >= 0; k--) {
    const u = postorder[k]!;
    const c = quick[u]!;
    if (c === 0) continue;
    if (isEnding(u)) total += c;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) quick[g.edgeTo[e]!]! += c;
  }
  if (total <= Number.MAX_SAFE_INTEGER && quick.every((c) => c <= Number.MAX_SAFE_INTEGER)) return BigInt(total);

  const count = new Array<bigint>(n).fill(0n);
  count[0] = 1n;
  let exact = 0n;
  for (let k = n - 1; k >= 0; k--) {
    const u = postorder[k]!;
    const c = count[u]!;
    if (c === 0n) continue;
    if (isEnding(u)) exact += c;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) count[g.edgeTo[e]!]! += c;
  }
  return exact;
}
