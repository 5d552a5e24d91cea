/** The nodes where every play can surely end, seen from the graph alone. */
import type { Scenario } from "../types";

/**
 * Nodes where every situation can surely end, seen from the graph alone: endings, turns with a
 * choice that needs nothing (no when) leading to such a node, branches whose every entry does.
 * Settled back from the endings, each step between nodes looked at once: a branch keeps a count
 * of its entries that do not yet lead to a settled node.
 */
export function surelyEnding(scenario: Scenario): Set<string> {
  const sure = new Set<string>();
  // The steps that can settle a node, by where they lead: one per unguarded choice or branch entry.
  const settles = new Map<string, string[]>();
  const unsettled = new Map<string, number>();
  const queue: string[] = [];
  const step = (from: string, to: string) => {
    let into = settles.get(to);
    if (!into) settles.set(to, (into = []));
    into.push(from);
  };
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.type === "ending") {
      sure.add(id);
      queue.push(id);
    } else if (node.type === "turn") {
      for (const c of node.choices) if (!c.when) step(id, c.next);
    } else {
      unsettled.set(id, node.branch.length);
      for (const b of node.branch) step(id, b.next);
    }
  }
  while (queue.length) {
    for (const from of settles.get(queue.pop()!) ?? []) {
      if (sure.has(from)) continue;
      const left = unsettled.get(from);
      if (left !== undefined) {
        unsettled.set(from, left - 1);
        if (left > 1) continue;
      }
      sure.add(from);
      queue.push(from);
    }
  }
  return sure;
}
