/** A depth-first search of the situation graph. */
import type { Graph } from "./situation-graph";

/**
 * Depth-first from the start without recursion (a long scenario would overflow the stack):
 * the postorder, and the situations a back edge points at. Those lie on cycles, and every cycle
 * holds one of them, so "a loop can lead here" is "reachable from one of them".
 */
export function depthFirst(g: Graph): { postorder: Int32Array; loopEntries: number[] } {
  const n = g.sNode.length;
  const postorder = new Int32Array(n);
  const loopEntries: number[] = [];
  if (n === 0) return { postorder, loopEntries };
  const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 finished
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  let top = 0;
  let done = 0;
  stackNode[0] = 0;
  stackEdge[0] = g.edgeStart[0]!;
  state[0] = 1;
  while (top >= 0) {
    const u = stackNode[top]!;
    const e = stackEdge[top]!;
    if (e < g.edgeStart[u + 1]!) {
      stackEdge[top] = e + 1;
      const v = g.edgeTo[e]!;
      if (state[v] === 1) loopEntries.push(v);
      else if (state[v] === 0) {
        state[v] = 1;
        top++;
        stackNode[top] = v;
        stackEdge[top] = g.edgeStart[v]!;
      }
      continue;
    }
    state[u] = 2;
    postorder[done++] = u;
    top--;
  }
  return { postorder, loopEntries };
}
