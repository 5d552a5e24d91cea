import type { ElkNode } from "elkjs/lib/elk-api";
import { describe, expect, it } from "vitest";
import { generateScenario } from "../../../../bench/generate-scenario";
import { elkGraphOf, layoutEdgesOf, scenarioGraphOf } from "../../../../components/studio/graph-model";
import { NODE_SIZE, TREE_SPACING } from "../../../../components/studio/layout-options";
import { tidyTreeLayout } from "../../../../components/studio/tree-layout";

type Box = { id: string; x: number; y: number; width: number; height: number };

function boxesOf(layout: ElkNode): Box[] {
  return (layout.children ?? []).map((c) => ({ id: c.id, x: c.x!, y: c.y!, width: c.width!, height: c.height! }));
}

/** Pairs of boxes that overlap, or are closer across than the tree's spacing in one row. */
function crowded(boxes: Box[]): string[] {
  const out: string[] = [];
  const rows = new Map<number, Box[]>();
  for (const b of boxes) rows.set(b.y, [...(rows.get(b.y) ?? []), b]);
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++) if (row[i]!.x < row[i - 1]!.x + row[i - 1]!.width + TREE_SPACING.column) out.push(`${row[i - 1]!.id} and ${row[i]!.id}`);
  }
  return out;
}

const ROW = Math.max(...Object.values(NODE_SIZE).map((s) => s.height)) + TREE_SPACING.row;

describe("the tidy tree of a large graph (tree-layout.ts)", () => {
  it("places every node of a 1,000-node scenario once, in the row of its fewest steps from the start, none crowding another", () => {
    const scenario = generateScenario({ nodes: 1000, seed: 1 });
    const graph = scenarioGraphOf(scenario);
    const input = elkGraphOf(graph);
    const boxes = boxesOf(tidyTreeLayout(input));
    expect(boxes.map((b) => b.id).sort()).toEqual(Object.keys(scenario.nodes).sort());
    for (const b of boxes) expect(b).toMatchObject(NODE_SIZE[graph.nodes.find((n) => n.id === b.id)!.type]);
    expect(crowded(boxes)).toEqual([]);
    const at = new Map(boxes.map((b) => [b.id, b]));
    expect(at.get(scenario.start)!.y).toBe(0);
    expect(Math.min(...boxes.map((b) => b.x))).toBeGreaterThanOrEqual(0);
    // Each tree edge goes one row down, and a node is centred over the nodes it leads on to (across, between the first and the last).
    const tree = layoutEdgesOf(graph);
    for (const e of tree) expect(at.get(e.target)!.y - at.get(e.source)!.y, `${e.source} → ${e.target}`).toBe(ROW);
    const centre = (b: Box) => b.x + b.width / 2;
    for (const node of graph.nodes) {
      const below = tree.filter((e) => e.source === node.id).map((e) => centre(at.get(e.target)!));
      if (below.length > 0) expect(centre(at.get(node.id)!)).toBeCloseTo((Math.min(...below) + Math.max(...below)) / 2);
    }
  });

  it("places every node once whatever the edges: to unknown nodes, to itself, two into one node, a loop with no way in", () => {
    const node = (id: string) => ({ id, ...NODE_SIZE.turn });
    const edge = (id: string, from: string, to: string) => ({ id, sources: [from], targets: [to] });
    const layout = tidyTreeLayout({
      id: "odd",
      children: ["a", "b", "c", "d", "e", "f"].map(node),
      edges: [edge("1", "a", "b"), edge("2", "a", "ghost"), edge("3", "ghost", "c"), edge("4", "b", "b"), edge("5", "a", "c"), edge("6", "b", "c"), edge("7", "d", "e"), edge("8", "e", "d"), edge("9", "f", "e")],
    });
    const boxes = boxesOf(layout);
    expect(boxes.map((b) => b.id).sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(crowded(boxes)).toEqual([]);
    for (const b of boxes) expect(Number.isFinite(b.x) && Number.isFinite(b.y)).toBe(true);
    // c's first edge in is a's: it sits under a, beside b.
    const y = Object.fromEntries(boxes.map((b) => [b.id, b.y]));
    expect([y.a, y.b, y.c]).toEqual([0, ROW, ROW]);
    expect(tidyTreeLayout({ id: "empty", children: [], edges: [] }).children).toEqual([]);
  });
});
