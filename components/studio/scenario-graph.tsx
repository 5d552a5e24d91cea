"use client";
/**
 * The scenario as a node graph, drawn with React Flow and laid out by elkjs in a Web Worker.
 * Turns, branches and endings have shapes and labels of their own, endings their outcome in
 * colour and words, edges their kind's class in colour, dash and words, and nodes the checker's
 * findings as a marker with text. Nodes are not tab stops (a thousand would be a trap for the
 * keyboard): `ScenarioOutline` is the same graph as a list, for keyboard and screen-reader users.
 */
import "@xyflow/react/dist/style.css";
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type NodeProps, type NodeTypes, type ReactFlowInstance } from "@xyflow/react";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Scenario } from "../../scenarios/types";
import {
  elkGraphOf,
  firstViewOf,
  flowEdgesOf,
  flowNodesOf,
  layoutKeyOf,
  layoutMethodOf,
  markerLabels,
  NODE_SIZE,
  NODE_TYPE_LABELS,
  OUTCOME_LABELS,
  positionsOf,
  scenarioGraphOf,
  type FirstView,
  type GraphOverlay,
  type GraphProblem,
  type ScenarioFlowNode,
  keepUnchanged,
  SOURCE_HANDLES,
  type KeptItems,
} from "./graph-model";
import { useGraphLayout } from "./use-graph-layout";

export interface ScenarioGraphProps {
  /** The parsed scenario (`checkScenario(text).scenario`). */
  scenario: Scenario;
  /** The checker's problems for the same text (`checkScenario(text).problems`); those with a `nodeId` mark their node. */
  problems?: readonly GraphProblem[];
  /** The node to highlight and bring into view, such as the one under the editor's cursor. */
  selectedNodeId?: string | null;
  /** Called with a node's id when it is clicked. */
  onSelectNode?: (id: string) => void;
  /** Classes for the outer box; it needs a height (the default is `h-[32rem]`). */
  className?: string;
  /**
   * Figures to draw over the graph, read-only (the analytics page): each node's visits, each
   * choice edge's share of the sessions that reached its turn.
   */
  overlay?: GraphOverlay;
  /** Where screen-reader users find the same graph as text (the studio's outline by default). */
  textAlternative?: string;
}

const OUTCOME_STYLES = {
  connected: "border-emerald-600 bg-emerald-50",
  mixed: "border-amber-500 bg-amber-50",
  disengaged: "border-rose-500 bg-rose-50",
} as const;

const OUTCOME_ICONS = { connected: "●", mixed: "◐", disengaged: "○" } as const;

const TYPE_STYLES = {
  turn: "rounded-md border-stone-400 bg-white",
  branch: "rounded-[2rem] border-dashed border-brand-600 bg-brand-50",
  ending: "rounded-md border-[3px] border-double",
} as const;

const TYPE_ICONS = { turn: "▭", branch: "◇", ending: "■" } as const;

const hiddenHandle = "!h-1 !w-1 !min-h-0 !min-w-0 !border-0 !bg-transparent";

/** One node of the graph: its type (shape, icon, word), id, start, outcome, a line of what is said, and markers. */
const ScenarioNodeView = memo(function ScenarioNodeView({ data, selected }: NodeProps<ScenarioFlowNode>) {
  const n = data.node;
  const labels = markerLabels(n);
  const hasError = n.markers.some((m) => m.severity === "error");
  const size = NODE_SIZE[n.type];
  return (
    <div
      className={`flex flex-col gap-1 overflow-hidden border-2 px-2 py-1.5 text-xs text-stone-900 ${TYPE_STYLES[n.type]} ${
        n.outcome ? OUTCOME_STYLES[n.outcome] : ""
      } ${hasError ? "outline-2 outline-offset-2 outline-rose-600 outline-dashed" : ""} ${selected ? "ring-4 ring-brand-600" : ""}`}
      style={{ width: size.width, height: size.height }}
      title={n.markers.map((m) => m.message).join("\n") || undefined}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className={hiddenHandle} />
      <div className="flex items-center gap-1 font-semibold">
        <span aria-hidden="true">{n.outcome ? OUTCOME_ICONS[n.outcome] : TYPE_ICONS[n.type]}</span>
        <span>{NODE_TYPE_LABELS[n.type]}</span>
        {n.outcome && <span>· {OUTCOME_LABELS[n.outcome]}</span>}
        {n.isStart && <span className="rounded bg-brand-700 px-1 text-[10px] text-white">Start</span>}
        <span className="ml-auto truncate font-mono font-normal text-stone-600">{n.id}</span>
      </div>
      {n.say && <p className={`${data.figures === undefined ? "line-clamp-2" : "line-clamp-1"} text-stone-700`}>{n.say}</p>}
      {/* With figures, a branch has room for them instead of its number of ways on. */}
      {n.type === "branch" && data.figures === undefined && <p className="text-stone-700">{n.edges.length} ways on</p>}
      {data.figures !== undefined && (
        <p className="font-semibold text-stone-900">
          <span aria-hidden="true">◉ </span>
          {data.figures}
        </p>
      )}
      {labels.length > 0 && (
        <p className="mt-auto flex flex-wrap gap-1">
          {labels.map((label) => (
            <span key={label} className={`rounded px-1 font-semibold ${hasError ? "bg-rose-700 text-white" : "bg-amber-200 text-stone-900"}`}>
              <span aria-hidden="true">⚠ </span>
              {label}
            </span>
          ))}
        </p>
      )}
      {(n.type === "branch" ? (["branch"] as const) : n.type === "turn" ? (["helpful", "neutral", "harmful"] as const) : []).map((c) => (
        <Handle key={c} id={c} type="source" position={Position.Bottom} isConnectable={false} className={hiddenHandle} style={{ left: SOURCE_HANDLES[c] }} />
      ))}
    </div>
  );
});

const NODE_TYPES: NodeTypes = { scenario: ScenarioNodeView };

export function ScenarioGraph({
  scenario,
  problems,
  selectedNodeId = null,
  onSelectNode,
  className = "h-[32rem]",
  overlay,
  textAlternative = "The outline lists the same nodes and choices as text.",
}: ScenarioGraphProps) {
  const graph = useMemo(() => scenarioGraphOf(scenario, problems ?? []), [scenario, problems]);
  // Laid out again only when the nodes or the edges laid out with change (see layoutKeyOf).
  const layoutKey = useMemo(() => layoutKeyOf(graph), [graph]);
  const latestGraph = useRef(graph);
  latestGraph.current = graph;
  const layoutInput = useMemo(() => ({ graph: elkGraphOf(latestGraph.current), method: layoutMethodOf(latestGraph.current) }), [layoutKey]);
  const layout = useGraphLayout(layoutInput);
  const positions = useMemo(() => (layout.layout ? positionsOf(layout.layout) : null), [layout.layout]);
  // Nodes and edges the new text left as they were keep their objects (see keepUnchanged).
  const keptNodes = useRef<KeptItems<ScenarioFlowNode>>(new Map());
  const keptEdges = useRef<KeptItems<Edge>>(new Map());
  const nodes = useMemo(() => {
    const next = keepUnchanged(keptNodes.current, positions ? flowNodesOf(graph, positions, selectedNodeId, overlay) : []);
    keptNodes.current = next.kept;
    return next.items;
  }, [graph, positions, selectedNodeId, overlay]);
  const edges = useMemo(() => {
    const next = keepUnchanged(keptEdges.current, flowEdgesOf(graph, selectedNodeId, overlay));
    keptEdges.current = next.kept;
    return next.items;
  }, [graph, selectedNodeId, overlay]);
  const [flow, setFlow] = useState<ReactFlowInstance<ScenarioFlowNode> | null>(null);
  const host = useRef<HTMLDivElement>(null);
  // The graph's box, read once it is in the page (before the layout comes), for the first view.
  const box = useRef<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    if (host.current) box.current = { width: host.current.clientWidth, height: host.current.clientHeight };
  }, []);

  // How the first layout is shown, worked out once when it arrives: the whole graph fitted, or
  // a graph too big to read that way from its start (or the selected node) at a size that can be
  // read. Worked out from the positions, not by fitting first: a fitted large graph has every node
  // in view, and drawing a thousand nodes takes seconds. The second is React Flow's first
  // viewport, so only the nodes around the start are ever drawn on the way.
  const firstView = useRef<FirstView | null>(null);
  if (positions && firstView.current === null) firstView.current = firstViewOf(graph, positions, selectedNodeId, box.current);

  // Bring the selected node into view when it changes (from the editor's cursor, say), at the current zoom.
  useEffect(() => {
    if (!flow || !positions || !selectedNodeId) return;
    const at = positions.get(selectedNodeId);
    const node = graph.nodes.find((n) => n.id === selectedNodeId);
    if (!at || !node) return;
    const size = NODE_SIZE[node.type];
    void flow.setCenter(at.x + size.width / 2, at.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 0.5) });
  }, [flow, positions, selectedNodeId, graph]);

  // A graph that can be read whole is fitted once its first layout is drawn.
  const fitted = useRef(false);
  useEffect(() => {
    if (!flow || !positions || fitted.current) return;
    fitted.current = true;
    if (firstView.current?.fit) void flow.fitView({ padding: 0.1, maxZoom: 1 });
  }, [flow, positions]);

  return (
    <div ref={host} className={`relative rounded-md border border-stone-300 bg-stone-50 ${className}`} role="group" aria-label={`Graph of ${scenario.title}`}>
      <p className="sr-only">{textAlternative}</p>
      {layout.status === "failed" && (
        <p role="alert" className="p-4 text-sm text-rose-800">
          The graph could not be laid out: {layout.error}. The outline still lists every node.
        </p>
      )}
      {layout.status === "laying-out" && !positions && (
        <p role="status" className="p-4 text-sm text-stone-700">
          Laying out {graph.nodes.length} nodes…
        </p>
      )}
      {positions && (
        <ReactFlow<ScenarioFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          onInit={setFlow}
          defaultViewport={firstView.current?.fit === false ? firstView.current.viewport : undefined}
          onNodeClick={(_, node) => onSelectNode?.(node.id)}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          onlyRenderVisibleElements
          minZoom={0.05}
          maxZoom={2}
          proOptions={{ hideAttribution: false }}
        >
          <Background gap={24} />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
    </div>
  );
}
