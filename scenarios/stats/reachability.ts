/** Which situations lead to which: forwards from given situations, and backwards from the endings. */
import type { Graph } from "./situation-graph";

/** Marks every situation reachable from the given ones along forward edges. */
export function forwardClosure(g: Graph, from: readonly number[]): Uint8Array {
  const mark = new Uint8Array(g.sNode.length);
  const queue: number[] = [];
  for (const s of from) if (!mark[s]) (mark[s] = 1), queue.push(s);
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q]!;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
      const v = g.edgeTo[e]!;
      if (!mark[v]) (mark[v] = 1), queue.push(v);
    }
  }
  return mark;
}

/** Marks the situations from which some ending situation can be reached. */
export function canReachEnding(g: Graph, isEnding: (s: number) => boolean): Uint8Array {
  const n = g.sNode.length;
  // Reverse edges, laid out like the forward ones.
  const revStart = new Int32Array(n + 1);
  for (const v of g.edgeTo) revStart[v + 1]!++;
  for (let i = 0; i < n; i++) revStart[i + 1]! += revStart[i]!;
  const fill = revStart.slice(0, n);
  const revFrom = new Int32Array(g.edgeTo.length);
  for (let u = 0; u < n; u++) for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) revFrom[fill[g.edgeTo[e]!]!++] = u;

  const mark = new Uint8Array(n);
  const queue: number[] = [];
  for (let s = 0; s < n; s++) if (isEnding(s)) (mark[s] = 1), queue.push(s);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (let k = revStart[v]!; k < revStart[v + 1]!; k++) {
      const u = revFrom[k]!;
      if (!mark[u]) (mark[u] = 1), queue.push(u);
    }
  }
  return mark;
}
