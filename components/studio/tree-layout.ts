/**
 * The layout of a large graph: its breadth-first tree from the start (`layoutEdgesOf`) drawn as a
 * tidy tree by d3-hierarchy, each node in the row of its fewest steps from the start, centred over
 * the nodes it leads on to. A tree needs none of elkjs's layered machinery (cycle breaking,
 * crossing minimisation, routing), which on a thousand nodes took seconds; this takes milliseconds.
 * Pure: the layout worker runs it, the tests and the bench too.
 */
import type { ElkNode } from "elkjs/lib/elk-api";
import { hierarchy, tree } from "d3-hierarchy";
import { NODE_SIZE, TREE_SPACING } from "./layout-options";

interface Branch {
  id: string;
  children: Branch[];
}

/** The widest and tallest node, with the spacing: every column and row of the tree is this size. */
const COLUMN = Math.max(...Object.values(NODE_SIZE).map((s) => s.width)) + TREE_SPACING.column;
const ROW = Math.max(...Object.values(NODE_SIZE).map((s) => s.height)) + TREE_SPACING.row;

/**
 * `graph`'s nodes placed as a tidy tree of its edges (each node's first edge in is its parent's;
 * a node with none starts a tree of its own, in the graph's order, beside the others), as elkjs
 * would give them: each child's top-left corner. Every node is placed once, whatever the edges.
 */
export function tidyTreeLayout(graph: ElkNode): ElkNode {
  const nodes = graph.children ?? [];
  const known = new Set(nodes.map((n) => n.id));
  const parentOf = new Map<string, string>();
  for (const e of graph.edges ?? []) {
    const source = e.sources[0];
    const target = e.targets[0];
    if (source === undefined || target === undefined || source === target || !known.has(source) || !known.has(target)) continue;
    if (!parentOf.has(target)) parentOf.set(target, source);
  }
  const branches = new Map(nodes.map((n) => [n.id, { id: n.id, children: [] } as Branch]));
  for (const n of nodes) {
    const parent = parentOf.get(n.id);
    if (parent !== undefined) branches.get(parent)!.children.push(branches.get(n.id)!);
  }
  // Under one root of no node: the trees of the nodes without a parent, then of any node on a
  // loop of parents (which no tree reaches), taken out of the loop.
  const top: Branch = { id: "", children: [] };
  const placed = new Set<string>();
  const take = (b: Branch) => {
    top.children.push(b);
    const stack = [b];
    while (stack.length > 0) {
      const next = stack.pop()!;
      placed.add(next.id);
      for (const c of next.children) if (!placed.has(c.id)) stack.push(c);
    }
  };
  for (const n of nodes) if (!parentOf.has(n.id)) take(branches.get(n.id)!);
  for (const n of nodes) {
    if (placed.has(n.id)) continue;
    const parent = branches.get(parentOf.get(n.id)!)!;
    parent.children = parent.children.filter((c) => c.id !== n.id);
    take(branches.get(n.id)!);
  }

  const root = tree<Branch>()
    .nodeSize([COLUMN, ROW])
    .separation(() => 1)(hierarchy(top));
  const size = new Map(nodes.map((n) => [n.id, { width: n.width ?? 0, height: n.height ?? 0 }]));
  const laid = root.descendants().filter((d) => d.depth > 0);
  const left = Math.min(...laid.map((d) => d.x));
  return {
    id: graph.id,
    children: laid.map((d) => {
      const { width, height } = size.get(d.data.id)!;
      return { id: d.data.id, width, height, x: d.x - left + (COLUMN - width) / 2, y: (d.depth - 1) * ROW };
    }),
  };
}
