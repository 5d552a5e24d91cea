/**
 * The scenario as a graph, as plain data: what the studio's graph and its text outline both show.
 * Pure: a Scenario and the checker's problems → nodes, edges and markers; that → the input of
 * elkjs's layered layout; elkjs's output → React Flow's nodes and edges. No React, no worker.
 */
import type { Edge, Node, NodeHandle, Position, Viewport } from "@xyflow/react";
import type { ElkNode } from "elkjs/lib/elk-api";
import { RESPONSE_KINDS, type KindEffect, type ResponseKindId } from "../../scenarios/kinds";
import type { Problem, Severity } from "../../scenarios/problem";
import { describeWhen } from "../../scenarios/step";
import type { Outcome, Scenario } from "../../scenarios/types";
import { ALL_EDGES_LAID_OUT_UP_TO, LAYOUT_OPTIONS, NODE_SIZE, type GraphNodeType, type LayoutMethod } from "./layout-options";

export type { GraphNodeType };

/** How an edge is drawn: a choice by its kind's effect, or a branch entry. */
export type EdgeClass = KindEffect | "branch";

/** What the graph needs of a checker problem (a `Problem` of `checkScenario`, or the same shape from elsewhere). */
export type GraphProblem = Pick<Problem, "rule" | "severity" | "message"> & { nodeId?: string | undefined };

/** A checker finding shown at a node: a short label in words, and the checker's sentence. */
export interface GraphMarker {
  rule: string;
  severity: Severity;
  /** A word or two, such as "Unreachable" or "Dead end"; never only a colour. */
  label: string;
  message: string;
}

/** A choice or branch entry, leading from one node to another. */
export interface GraphEdge {
  /** `<source>/<position>`: unique, since node ids are unique and positions within a node are. */
  id: string;
  source: string;
  target: string;
  /** 0-based position among the node's choices or branch entries. */
  index: number;
  edgeClass: EdgeClass;
  /** The choice's kind (absent for branch entries). */
  kind?: ResponseKindId;
  /** The choice's id (absent for branch entries). */
  choiceId?: string;
  /** A short label: the kind's label, or the branch entry's condition ("otherwise" for the last). */
  label: string;
  /** What the trainee says, shortened (choices), or the condition in words (branch entries). */
  text: string;
  /** True when a `when` decides whether it is offered or taken. */
  conditional: boolean;
  /** False when `target` names no node (the checker reports `next-unknown`); such edges are not laid out. */
  targetExists: boolean;
}

export interface GraphNode {
  id: string;
  type: GraphNodeType;
  isStart: boolean;
  /** The counterpart's lines, joined and shortened; empty for branches and silent endings. */
  say: string;
  /** Endings only. */
  outcome?: Outcome;
  /** Errors first, then warnings, in the checker's order. */
  markers: GraphMarker[];
  /** Outgoing choices or branch entries, in file order. */
  edges: GraphEdge[];
}

export interface ScenarioGraph {
  /** In file order. */
  nodes: GraphNode[];
  /** Every choice and branch entry, node by node in file order. */
  edges: GraphEdge[];
  /** Problems not about one node (such as `no-connected-ending`). */
  scenarioMarkers: GraphMarker[];
}

export const NODE_TYPE_LABELS: Record<GraphNodeType, string> = { turn: "Turn", branch: "Branch", ending: "Ending" };

export const OUTCOME_LABELS: Record<Outcome, string> = { connected: "Connected", mixed: "Mixed", disengaged: "Disengaged" };

export const EDGE_CLASS_LABELS: Record<EdgeClass, string> = {
  helpful: "helpful",
  harmful: "harmful",
  neutral: "neutral",
  branch: "branch",
};

/** The words shown for the rules a trainer most needs to see on the graph; other rules show as "Error" or "Warning". */
export const MARKER_LABELS: Readonly<Record<string, string>> = {
  unreachable: "Unreachable",
  trap: "Trap",
  "choices-all-hidden": "Dead end",
};

/** Longest text shown in a node or an outline entry before it is cut with an ellipsis. */
export const SHORT_TEXT = 90;

/** Whitespace collapsed, and cut at a word near `max` characters with an ellipsis. */
export function shortText(text: string, max = SHORT_TEXT): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function markerOf(p: GraphProblem): GraphMarker {
  return {
    rule: p.rule,
    severity: p.severity,
    label: MARKER_LABELS[p.rule] ?? (p.severity === "error" ? "Error" : "Warning"),
    message: p.message,
  };
}

const bySeverity = (a: GraphMarker, b: GraphMarker) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1);

/** The scenario's nodes and edges, each node marked with the checker's problems about it. */
export function scenarioGraphOf(scenario: Scenario, problems: readonly GraphProblem[] = []): ScenarioGraph {
  const markersAt = new Map<string, GraphMarker[]>();
  const scenarioMarkers: GraphMarker[] = [];
  for (const p of problems) {
    if (p.nodeId !== undefined && Object.hasOwn(scenario.nodes, p.nodeId)) {
      const list = markersAt.get(p.nodeId) ?? [];
      list.push(markerOf(p));
      markersAt.set(p.nodeId, list);
    } else if (p.nodeId === undefined) {
      scenarioMarkers.push(markerOf(p));
    }
  }
  const exists = (id: string) => Object.hasOwn(scenario.nodes, id);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const [id, node] of Object.entries(scenario.nodes)) {
    const out: GraphEdge[] = [];
    if (node.type === "turn") {
      node.choices.forEach((c, i) => {
        const kind = RESPONSE_KINDS[c.kind];
        out.push({
          id: `${id}/${i}`,
          source: id,
          target: c.next,
          index: i,
          edgeClass: kind.effect,
          kind: c.kind,
          choiceId: c.id,
          label: kind.label,
          text: shortText(c.say),
          conditional: c.when !== undefined,
          targetExists: exists(c.next),
        });
      });
    } else if (node.type === "branch") {
      node.branch.forEach((b, i) => {
        const condition = b.when ? `when ${describeWhen(b.when)}` : "otherwise";
        out.push({
          id: `${id}/${i}`,
          source: id,
          target: b.next,
          index: i,
          edgeClass: "branch",
          label: shortText(condition, 40),
          text: condition,
          conditional: b.when !== undefined,
          targetExists: exists(b.next),
        });
      });
    }
    edges.push(...out);
    nodes.push({
      id,
      type: node.type,
      isStart: id === scenario.start,
      say: node.type === "branch" ? "" : shortText(node.say.join(" ")),
      ...(node.type === "ending" && { outcome: node.outcome }),
      markers: [...(markersAt.get(id) ?? [])].sort(bySeverity),
      edges: out,
    });
  }
  return { nodes, edges, scenarioMarkers };
}

/** A node's type, start, outcome and markers in words, as a screen reader or the outline says them. */
export function describeNode(node: GraphNode): string {
  const parts = [`${NODE_TYPE_LABELS[node.type]} ${node.id}`];
  if (node.isStart) parts.push("start");
  if (node.outcome) parts.push(`outcome ${OUTCOME_LABELS[node.outcome].toLowerCase()}`);
  const labels = markerLabels(node);
  if (labels.length) parts.push(labels.join(", ").toLowerCase());
  return parts.join(", ");
}

/** The distinct marker labels of a node, errors first. */
export function markerLabels(node: GraphNode): string[] {
  return [...new Set(node.markers.map((m) => m.label))];
}

export { ALL_EDGES_LAID_OUT_UP_TO, LAYOUT_OPTIONS, NODE_SIZE, type LayoutMethod } from "./layout-options";

/** The ids of the edges elkjs lays out with (see `ALL_EDGES_LAID_OUT_UP_TO`), in file order. */
export function layoutEdgesOf(graph: ScenarioGraph): GraphEdge[] {
  const drawn = graph.edges.filter((e) => e.targetExists);
  if (drawn.length <= ALL_EDGES_LAID_OUT_UP_TO) return drawn;
  const out = new Map<string, GraphEdge[]>();
  for (const e of drawn) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const tree = new Set<string>();
  // From the start first, then from each node still unplaced (unreachable ones), in file order.
  const seen = new Set<string>();
  const roots = [...graph.nodes.filter((n) => n.isStart), ...graph.nodes.filter((n) => !n.isStart)];
  for (const root of roots) {
    if (seen.has(root.id)) continue;
    seen.add(root.id);
    const queue = [root.id];
    for (let i = 0; i < queue.length; i++) {
      for (const e of out.get(queue[i]!) ?? []) {
        if (seen.has(e.target)) continue;
        seen.add(e.target);
        tree.add(e.id);
        queue.push(e.target);
      }
    }
  }
  return drawn.filter((e) => tree.has(e.id));
}

/**
 * What the layout depends on, as one string: the nodes with their types, and the edges laid out
 * with. Editing a line, a kind or a condition, or a new checker finding, leaves it unchanged, so
 * the graph is not laid out again on every keystroke.
 */
export function layoutKeyOf(graph: ScenarioGraph): string {
  return JSON.stringify([graph.nodes.map((n) => [n.id, n.type]), layoutEdgesOf(graph).map((e) => [e.source, e.target])]);
}

/** How the graph is laid out: with every edge by elkjs, or past ALL_EDGES_LAID_OUT_UP_TO as the tidy tree of its breadth-first tree. */
export function layoutMethodOf(graph: ScenarioGraph): LayoutMethod {
  return graph.edges.filter((e) => e.targetExists).length > ALL_EDGES_LAID_OUT_UP_TO ? "tree" : "layered";
}

/** The graph to lay out, in elkjs's form whichever the method: every node at its size, and the edges of `layoutEdgesOf`. */
export function elkGraphOf(graph: ScenarioGraph): ElkNode {
  return {
    id: "scenario",
    layoutOptions: { ...LAYOUT_OPTIONS },
    children: graph.nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.type] })),
    edges: layoutEdgesOf(graph).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export interface Point {
  x: number;
  y: number;
}

/** Each node's top-left corner from a layout (elkjs's output, or the tidy tree's in the same form). */
export function positionsOf(layout: ElkNode): Map<string, Point> {
  return new Map((layout.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}

/**
 * Figures drawn over the graph (the analytics page): how often each node was reached and each
 * choice picked. Plain objects, so a server page can hand them to the graph as props.
 */
export interface GraphOverlay {
  /** By node id; a node left out was never reached. */
  nodes: Readonly<Record<string, NodeFigures>>;
  /** By `choiceKey(nodeId, choiceId)`; a choice left out was never picked. */
  choices: Readonly<Record<string, ChoiceFigures>>;
}

export interface NodeFigures {
  /** Times reached, every return to it counted. */
  visits: number;
  /** Sessions that reached it. */
  sessions: number;
}

export interface ChoiceFigures {
  /** Times picked, repeats counted. */
  picks: number;
  /** Sessions that picked it at least once. */
  sessions: number;
}

/** The key of a choice in `GraphOverlay.choices`. */
export const choiceKey = (nodeId: string, choiceId: string) => `${nodeId}/${choiceId}`;

/** "2 of 4, 50%", or "0 of 0" when its turn was never reached. */
function shareOf(count: number, total: number): string {
  return total > 0 ? `${count} of ${total}, ${Math.round((count / total) * 100)}%` : `${count} of ${total}`;
}

/** A node's figures in words, as its box shows them: "Reached 5 times in 4 sessions", or "Not reached". */
export function nodeFiguresText(figures: NodeFigures | undefined): string {
  if (!figures || figures.visits === 0) return "Not reached";
  const times = figures.visits === 1 ? "once" : `${figures.visits} times`;
  return `Reached ${times} in ${figures.sessions} ${figures.sessions === 1 ? "session" : "sessions"}`;
}

/**
 * The figures of the choices one edge stands for (choices of one class between the same two
 * nodes are one edge): their picks and sessions summed, against the sessions that reached their
 * turn. A session that came back to the turn and picked two of them counts once for each, so
 * the sum can pass the sessions that reached it; the choices table beside the graph has each
 * choice on its own.
 */
export function edgeFigures(group: readonly GraphEdge[], overlay: GraphOverlay): { picks: number; sessions: number; reached: number } {
  const first = group[0];
  const reached = first ? (overlay.nodes[first.source]?.sessions ?? 0) : 0;
  let picks = 0;
  let sessions = 0;
  for (const e of group) {
    const f = e.choiceId === undefined ? undefined : overlay.choices[choiceKey(e.source, e.choiceId)];
    picks += f?.picks ?? 0;
    sessions += f?.sessions ?? 0;
  }
  return { picks, sessions, reached };
}

/** What a node of the graph carries to its React Flow node component. */
export interface ScenarioNodeData extends Record<string, unknown> {
  node: GraphNode;
  /** With an overlay: the node's figures in words (see `nodeFiguresText`). */
  figures?: string;
}

export type ScenarioFlowNode = Node<ScenarioNodeData, "scenario">;

/**
 * The app's palette for edges: the emerald, amber and stone the play page's feedback and the
 * debrief use for helpful, harmful and neutral kinds. The dash tells the classes apart without
 * colour: helpful solid, harmful dashed, neutral dotted, branch entries long-dashed.
 */
export const EDGE_STYLES: Record<EdgeClass, { stroke: string; strokeDasharray?: string }> = {
  helpful: { stroke: "#059669" },
  harmful: { stroke: "#d97706", strokeDasharray: "8 5" },
  neutral: { stroke: "#78716c", strokeDasharray: "2 4" },
  branch: { stroke: "#1f6f61", strokeDasharray: "14 4" },
};

/** React Flow's nodes, at the laid-out positions; a node elkjs did not place is put at the origin. */
// React Flow's Position values, written out: this module is also read by the layout worker and
// by Node.js, which must not load React Flow for an enum.
const TOP = "top" as Position;
const BOTTOM = "bottom" as Position;

/** The size of a node's (hidden) handles, in pixels: Tailwind's `h-1 w-1`. */
const HANDLE_SIZE = 4;

/**
 * Where a node's handles are, as React Flow would measure them: edges come in at the middle of the
 * top, and leave from the bottom, each class of choice at its place (SOURCE_HANDLES).
 */
function handlesOf(type: GraphNodeType): NodeHandle[] {
  const { width, height } = NODE_SIZE[type];
  const at = (fraction: number) => width * fraction - HANDLE_SIZE / 2;
  const target: NodeHandle = { id: null, type: "target", position: TOP, x: at(0.5), y: -HANDLE_SIZE / 2, width: HANDLE_SIZE, height: HANDLE_SIZE };
  const classes: EdgeClass[] = type === "turn" ? ["helpful", "neutral", "harmful"] : type === "branch" ? ["branch"] : [];
  return [
    target,
    ...classes.map((c): NodeHandle => ({ id: c, type: "source", position: BOTTOM, x: at(parseFloat(SOURCE_HANDLES[c]) / 100), y: height - HANDLE_SIZE / 2, width: HANDLE_SIZE, height: HANDLE_SIZE })),
  ];
}

export function flowNodesOf(graph: ScenarioGraph, positions: ReadonlyMap<string, Point>, selectedNodeId?: string | null, overlay?: GraphOverlay): ScenarioFlowNode[] {
  return graph.nodes.map((n) => {
    const figures = overlay && nodeFiguresText(overlay.nodes[n.id]);
    return {
      id: n.id,
      type: "scenario",
      position: positions.get(n.id) ?? { x: 0, y: 0 },
      data: figures === undefined ? { node: n } : { node: n, figures },
      ...NODE_SIZE[n.type],
      // Sizes and handles given, not measured: React Flow then draws only the nodes in view, even at
      // first (a node it has not measured yet it draws wherever it is), and never measures them again.
      measured: NODE_SIZE[n.type],
      handles: handlesOf(n.type),
      selected: n.id === selectedNodeId,
      draggable: false,
      connectable: false,
      ariaLabel: figures === undefined ? describeNode(n) : `${describeNode(n)}, ${figures.toLowerCase()}`,
    };
  });
}

/** Where each class of edge leaves a node, across its bottom edge: helpful left, harmful right. */
export const SOURCE_HANDLES: Record<EdgeClass, string> = { helpful: "25%", neutral: "50%", harmful: "75%", branch: "50%" };

/**
 * React Flow's edges: one per branch entry, and one per class of choice (helpful, neutral,
 * harmful) from a node to another, for those whose target exists; styled by class, leaving from
 * the class's own handle (see SOURCE_HANDLES).
 */
/**
 * With an overlay, each choice edge's label ends with the share of the sessions that reached its
 * turn which took it ("· 2 of 4, 50%"; "harmful 50%" when edges of two classes run side by side
 * between the same nodes), and the edge is drawn thicker the larger that share.
 */
export function flowEdgesOf(graph: ScenarioGraph, selectedNodeId?: string | null, overlay?: GraphOverlay): Edge[] {
  // Choices of one class from one node to the same node are drawn as one arrow (drawn apart they
  // would lie on top of each other, labels and all); each class leaves from its own handle.
  const groups = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (!e.targetExists) continue;
    const key = e.edgeClass === "branch" ? e.id : JSON.stringify([e.source, e.target, e.edgeClass]);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  // How many classes of choice go from a node to the same node: side by side, their labels are kept short.
  const classesBetween = new Map<string, number>();
  for (const [first] of groups.values()) {
    const pair = JSON.stringify([first!.source, first!.target]);
    classesBetween.set(pair, (classesBetween.get(pair) ?? 0) + 1);
  }
  return [...groups.values()].map((group) => {
    const e = group[0]!;
    const sideBySide = (classesBetween.get(JSON.stringify([e.source, e.target])) ?? 0) > 1;
    const style = EDGE_STYLES[e.edgeClass];
    const touchesSelection = selectedNodeId != null && (e.source === selectedNodeId || e.target === selectedNodeId);
    const kinds = [...new Set(group.map((g) => g.label))];
    const className = EDGE_CLASS_LABELS[e.edgeClass];
    let label: string;
    if (e.edgeClass === "branch") label = e.label;
    else if (sideBySide) label = `${group.length} ${className}`;
    else if (kinds.length === 1) label = `${group.length > 1 ? `${group.length} × ` : ""}${e.label} (${className})`;
    else if (kinds.length === 2) label = `${kinds.join(", ")} (${className})`;
    else label = `${group.length} ${className} choices`;
    let ariaLabel =
      e.edgeClass === "branch"
        ? `branch entry: ${e.source} to ${e.target}`
        : group.length === 1
          ? `${className} choice, ${e.label}: ${e.source} to ${e.target}`
          : `${group.length} ${className} choices, ${group.map((g) => g.label).join(", ")}: ${e.source} to ${e.target}`;
    let strokeWidth = touchesSelection ? 3 : 1.5;
    if (overlay && e.edgeClass !== "branch") {
      const f = edgeFigures(group, overlay);
      // Side by side, two labels sit close together: the class and the percentage only ("harmful 50%").
      label = sideBySide ? `${className} ${f.reached > 0 ? `${Math.round((f.sessions / f.reached) * 100)}%` : "0 of 0"}` : `${label} · ${shareOf(f.sessions, f.reached)}`;
      ariaLabel = `${ariaLabel}, taken in ${f.sessions} of the ${f.reached} sessions that reached it${f.reached > 0 ? ` (${Math.round((f.sessions / f.reached) * 100)}%)` : ""}, ${f.picks} ${f.picks === 1 ? "pick" : "picks"}`;
      // From 1.5 for none to 6 for every session: the well-trodden paths stand out.
      strokeWidth = Math.max(strokeWidth, 1.5 + 4.5 * (f.reached > 0 ? Math.min(1, f.sessions / f.reached) : 0));
    }
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.edgeClass,
      label,
      className: `scenario-edge scenario-edge-${e.edgeClass}`,
      style: { ...style, strokeWidth },
      markerEnd: { type: "arrowclosed", color: style.stroke },
      ariaLabel,
      focusable: false,
      data: { edgeClass: e.edgeClass, choices: group.length },
    };
  });
}

/** What `keepUnchanged` remembers between calls: each item by id, with the key it was made from. */
export type KeptItems<T> = ReadonlyMap<string, { key: string; item: T }>;

/**
 * The items of `next`, with each one whose content is unchanged since the last call replaced by
 * the object given then, so React Flow (which compares nodes and edges by identity) leaves it
 * alone: after a keystroke only what the text changed is drawn and measured again, not the whole
 * graph. Content is compared by JSON; the answer's `kept` goes to the next call.
 */
export function keepUnchanged<T extends { id: string }>(previous: KeptItems<T>, next: readonly T[]): { items: T[]; kept: KeptItems<T> } {
  const kept = new Map<string, { key: string; item: T }>();
  const items = next.map((item) => {
    const key = JSON.stringify(item);
    const before = previous.get(item.id);
    const same = before !== undefined && before.key === key ? before.item : item;
    kept.set(item.id, { key, item: same });
    return same;
  });
  return { items, kept };
}

/** How a graph's first layout is shown: fitted whole, or from a viewport of React Flow's. */
export type FirstView = { fit: true } | { fit: false; viewport: Viewport };

/** The smallest zoom at which a node's text can be read. */
export const READABLE_ZOOM = 0.75;

/**
 * How a graph's first layout is shown in a box of the given size: fitted whole when that can be
 * read, or else React Flow's viewport at a readable zoom with the selected node (or the start) in
 * the middle, a little above the centre so that more of what follows it is in view.
 */
export function firstViewOf(graph: ScenarioGraph, positions: ReadonlyMap<string, Point>, selectedNodeId: string | null, box: { width: number; height: number } | null): FirstView {
  let right = 0;
  let bottom = 0;
  for (const n of graph.nodes) {
    const at = positions.get(n.id);
    if (at) {
      right = Math.max(right, at.x + NODE_SIZE[n.type].width);
      bottom = Math.max(bottom, at.y + NODE_SIZE[n.type].height);
    }
  }
  const fits = box === null || right === 0 || Math.min(box.width / (right * 1.2), box.height / (bottom * 1.2)) >= READABLE_ZOOM;
  const first = graph.nodes.find((n) => n.id === selectedNodeId) ?? graph.nodes.find((n) => n.isStart) ?? graph.nodes[0];
  const at = first && positions.get(first.id);
  if (fits || !box || !first || !at) return { fit: true };
  const size = NODE_SIZE[first.type];
  const centre = { x: at.x + size.width / 2, y: at.y + size.height / 2 + 150 };
  return { fit: false, viewport: { x: box.width / 2 - centre.x * READABLE_ZOOM, y: box.height / 2 - centre.y * READABLE_ZOOM, zoom: READABLE_ZOOM } };
}
