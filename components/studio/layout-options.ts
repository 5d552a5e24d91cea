/**
 * How the studio's graphs are laid out: each node's size and elkjs's options. A module of its
 * own, so that the layout worker (layout.worker.ts) takes these and nothing else of the graph model.
 */
export type GraphNodeType = "turn" | "branch" | "ending";

/** The size each node is laid out and drawn at (React Flow draws nodes at exactly this size). */
export const NODE_SIZE: Record<GraphNodeType, { width: number; height: number }> = {
  turn: { width: 240, height: 96 },
  branch: { width: 200, height: 64 },
  ending: { width: 220, height: 88 },
};

/** elkjs's layered algorithm, top to bottom, keeping the file's order where it can. */
export const LAYOUT_OPTIONS: Readonly<Record<string, string>> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.spacing.nodeNode": "40",
  "elk.layered.spacing.nodeNodeBetweenLayers": "70",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",
  // React Flow draws the edges itself; elkjs's routes are not used, so the cheapest routing will do.
  "elk.edgeRouting": "POLYLINE",
};

/** The space between the columns and between the rows of a tidy tree (tree-layout.ts), as elkjs's between nodes and layers. */
export const TREE_SPACING = { column: 40, row: 70 };

/**
 * How a graph is laid out: by elkjs's layered algorithm with every edge, or, past
 * `ALL_EDGES_LAID_OUT_UP_TO`, as a tidy tree of its breadth-first tree from the start.
 */
export type LayoutMethod = "layered" | "tree";

/**
 * Up to this many edges, elkjs lays out with every edge. Past it, only the edges of a
 * breadth-first tree from the start are laid out, as a tidy tree (tree-layout.ts): every other
 * edge (a loop back, a jump over several rows) would make elkjs route it through every row it
 * crosses, and on a thousand nodes elkjs took seconds even on the tree alone; a node's row is
 * then its fewest steps from the start, and React Flow still draws every edge.
 */
export const ALL_EDGES_LAID_OUT_UP_TO = 400;
