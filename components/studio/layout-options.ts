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

/** For a large graph (laid out by its tree, see `ALL_EDGES_LAID_OUT_UP_TO`), one pass of crossing minimisation. */
export const LARGE_LAYOUT_OPTIONS: Readonly<Record<string, string>> = { "elk.layered.thoroughness": "1" };

/**
 * Up to this many edges, elkjs lays out with every edge. Past it, only with the edges of a
 * breadth-first tree from the start: every other edge (a loop back, a jump over several rows)
 * would make elkjs route it through every row it crosses, and on a thousand nodes that takes
 * seconds; with the tree, a node's row is the fewest steps from the start, and React Flow still
 * draws every edge.
 */
export const ALL_EDGES_LAID_OUT_UP_TO = 400;
