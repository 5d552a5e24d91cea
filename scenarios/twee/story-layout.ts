import type { Scenario, ScenarioNode } from "../types";

function targetsOf(node: ScenarioNode): string[] {
  if (node.type === "turn") return node.choices.map((c) => c.next);
  if (node.type === "branch") return node.branch.map((b) => b.next);
  return [];
}

/** Story map positions: one row per distance from the start, so Twine draws the flow top to bottom. */
export function storyLayout(scenario: Scenario): Map<string, string> {
  const depth = new Map<string, number>([[scenario.start, 0]]);
  const queue = [scenario.start];
  for (const id of queue) {
    const node = scenario.nodes[id];
    if (!node) continue;
    for (const next of targetsOf(node)) {
      if (depth.has(next) || !Object.hasOwn(scenario.nodes, next)) continue;
      depth.set(next, (depth.get(id) ?? 0) + 1);
      queue.push(next);
    }
  }
  const unreached = Math.max(0, ...depth.values()) + 1;
  const used = new Map<number, number>();
  const at = new Map<string, string>();
  for (const id of Object.keys(scenario.nodes)) {
    const row = depth.get(id) ?? unreached;
    const column = used.get(row) ?? 0;
    used.set(row, column + 1);
    at.set(id, `${100 + column * 150},${100 + row * 150}`);
  }
  return at;
}
