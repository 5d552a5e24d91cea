/** Fewest turns from the start to every situation, and the play that takes them. */
import type { Graph } from "./situation-graph";
import type { PathStats, PathStep } from "./types";

/** The fewest-turns tree: each situation's distance in turns and the edge that reaches it so. */
export interface FewestTurns {
  dist: Int32Array;
  parentEdge: Int32Array;
  /** The situation each edge leaves from. */
  edgeFrom: Int32Array;
}

/**
 * Fewest turns from the start to each situation, with the edge that last improved it. Branch
 * edges take no turn, so this is a breadth-first search by turn layers in which branch edges
 * stay in the current layer.
 */
export function fewestTurns(g: Graph): FewestTurns {
  const n = g.sNode.length;
  const dist = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const edgeFrom = new Int32Array(g.edgeTo.length);
  for (let u = 0; u < n; u++) for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) edgeFrom[e] = u;
  if (n === 0) return { dist, parentEdge, edgeFrom };
  dist[0] = 0;
  let layer = [0];
  for (let d = 0; layer.length; d++) {
    const next: number[] = [];
    for (let k = 0; k < layer.length; k++) {
      const u = layer[k]!;
      if (dist[u] !== d) continue;
      for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
        const v = g.edgeTo[e]!;
        const turn = g.edgeChoice[e]! >= 0;
        const nd = turn ? d + 1 : d;
        if (dist[v] === -1 || nd < dist[v]!) {
          dist[v] = nd;
          parentEdge[v] = e;
          (turn ? next : layer).push(v);
        }
      }
    }
    layer = next;
  }
  return { dist, parentEdge, edgeFrom };
}

/** The play from the start to situation `end` along the fewest-turns tree. */
export function pathTo(g: Graph, end: number, { parentEdge, edgeFrom }: FewestTurns): PathStats {
  const edges: number[] = [];
  for (let s = end; parentEdge[s]! >= 0; s = edgeFrom[parentEdge[s]!]!) edges.push(parentEdge[s]!);
  edges.reverse();
  const nodeIds = [g.nodeIds[g.sNode[0]!]!];
  const steps: PathStep[] = [];
  for (const e of edges) {
    const from = g.nodes[g.sNode[edgeFrom[e]!]!]!;
    const k = g.edgeChoice[e]!;
    if (k >= 0 && from.type === "turn") {
      const choice = from.choices[k]!;
      steps.push({ nodeId: g.nodeIds[g.sNode[edgeFrom[e]!]!]!, choiceId: choice.id, kind: choice.kind });
    }
    nodeIds.push(g.nodeIds[g.sNode[g.edgeTo[e]!]!]!);
  }
  const ending = g.nodes[g.sNode[end]!]!;
  return {
    endingId: g.nodeIds[g.sNode[end]!]!,
    outcome: ending.type === "ending" ? ending.outcome : "disengaged",
    meters: { rapport: g.sRapport[end]!, mutuality: g.sMutuality[end]! },
    steps,
    choiceIds: steps.map((s) => s.choiceId),
    nodeIds,
  };
}
