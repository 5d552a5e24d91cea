/** The scenario as a graph of nodes: where each node leads, and an order for processing them. */
import type { Scenario, ScenarioNode } from "../types";

/** Successor node ids of a node, in order. */
export function nextsOf(node: ScenarioNode): string[] {
  return node.type === "turn" ? node.choices.map((c) => c.next) : node.type === "branch" ? node.branch.map((b) => b.next) : [];
}

/** Each node's predecessors: the nodes with a choice or branch entry leading to it. */
export function predecessorsOf(scenario: Scenario): Map<string, Set<string>> {
  const preds = new Map<string, Set<string>>();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    for (const n of nextsOf(node)) {
      let p = preds.get(n);
      if (!p) preds.set(n, (p = new Set()));
      p.add(id);
    }
  }
  return preds;
}

/**
 * Nodes numbered so that every node comes after the nodes that lead to it, except along the back
 * edges of cycles (a depth-first reverse postorder). Processing pending work lowest number first
 * lets new situations flow down a whole scenario in one sweep instead of one node at a time.
 * Only nodes some path from the start reaches are numbered.
 */
export function flowOrder(scenario: Scenario): Map<string, number> {
  const order: string[] = [];
  const seen = new Set<string>([scenario.start]);
  const frame = (id: string) => {
    const node = scenario.nodes[id];
    return { id, nexts: node ? nextsOf(node) : [], i: 0 };
  };
  const stack = [frame(scenario.start)];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.nexts.length) {
      const n = top.nexts[top.i++]!;
      if (!seen.has(n) && Object.hasOwn(scenario.nodes, n)) {
        seen.add(n);
        stack.push(frame(n));
      }
    } else {
      order.push(top.id);
      stack.pop();
    }
  }
  order.reverse();
  return new Map(order.map((id, i) => [id, i]));
}
