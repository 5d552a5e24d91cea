"use client";
/**
 * The scenario graph as text, for keyboard and screen-reader users: every node as a list item with
 * its type, what the counterpart says, its choices (kind, class and target, each a button that
 * selects the target) and the checker's markers in words. The same model as `ScenarioGraph`.
 */
import { useEffect, useMemo, useRef } from "react";
import type { Scenario } from "../../scenarios/types";
import { EDGE_CLASS_LABELS, NODE_TYPE_LABELS, OUTCOME_LABELS, scenarioGraphOf, type GraphMarker, type GraphNode, type GraphProblem } from "./graph-model";

/** Findings in words: what the marker is, its severity and rule, and the checker's sentence. */
function Markers({ markers, label, className }: { markers: readonly GraphMarker[]; label: string; className: string }) {
  if (markers.length === 0) return null;
  return (
    <ul className={`${className} space-y-0.5 text-sm`} aria-label={label}>
      {markers.map((m, i) => (
        <li key={i} className={m.severity === "error" ? "text-rose-800" : "text-amber-900"}>
          <strong>
            {m.label} ({m.severity}, {m.rule}):
          </strong>{" "}
          {m.message}
        </li>
      ))}
    </ul>
  );
}

export interface ScenarioOutlineProps {
  scenario: Scenario;
  problems?: readonly GraphProblem[];
  /** The node marked as current (`aria-current`) and scrolled into view. */
  selectedNodeId?: string | null;
  /** Called with a node's id when the trainer selects it, or the target of one of its choices. */
  onSelectNode?: (id: string) => void;
  className?: string;
}

/** The id of a node's list item, so a page can link to it. */
export const outlineItemId = (nodeId: string) => `outline-node-${nodeId}`;

function NodeItem({ node, selected, onSelectNode }: { node: GraphNode; selected: boolean; onSelectNode?: ((id: string) => void) | undefined }) {
  const headingId = `${outlineItemId(node.id)}-heading`;
  return (
    <li
      id={outlineItemId(node.id)}
      aria-labelledby={headingId}
      aria-current={selected ? "true" : undefined}
      className={`rounded-md border p-3 ${selected ? "border-brand-600 bg-brand-50" : "border-stone-200 bg-white"}`}
    >
      <h3 id={headingId} className="text-sm font-semibold">
        <button type="button" className="text-left underline-offset-2 hover:underline" onClick={() => onSelectNode?.(node.id)}>
          {NODE_TYPE_LABELS[node.type]} <span className="font-mono">{node.id}</span>
          {node.isStart && ", start"}
          {node.outcome && `, outcome ${OUTCOME_LABELS[node.outcome].toLowerCase()}`}
        </button>
      </h3>
      <Markers markers={node.markers} label="Checker findings" className="mt-1" />
      {node.say && <p className="mt-1 text-sm text-stone-700">Says: “{node.say}”</p>}
      {node.edges.length > 0 && (
        <ol className="mt-2 space-y-1 text-sm" aria-label={node.type === "branch" ? "Branch entries" : "Choices"}>
          {node.edges.map((e) => (
            <li key={e.id}>
              {e.edgeClass === "branch" ? (
                <span>{e.text === "otherwise" ? "Otherwise" : e.text.replace(/^when/, "When")}</span>
              ) : (
                <span>
                  {e.label} ({EDGE_CLASS_LABELS[e.edgeClass]}){e.conditional && ", only when its condition holds"}: “{e.text}”
                </span>
              )}{" "}
              {e.targetExists ? (
                <button type="button" className="font-medium text-brand-700 underline underline-offset-2" onClick={() => onSelectNode?.(e.target)}>
                  → go to {e.target}
                </button>
              ) : (
                <span className="text-rose-800">→ {e.target} (no such node)</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

export function ScenarioOutline({ scenario, problems, selectedNodeId = null, onSelectNode, className = "" }: ScenarioOutlineProps) {
  const graph = useMemo(() => scenarioGraphOf(scenario, problems ?? []), [scenario, problems]);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!selectedNodeId) return;
    const item = list.current?.querySelector(`#${CSS.escape(outlineItemId(selectedNodeId))}`);
    item?.scrollIntoView?.({ block: "nearest" });
  }, [selectedNodeId]);

  return (
    <section className={className} aria-label={`Outline of ${scenario.title}`}>
      <Markers markers={graph.scenarioMarkers} label="Findings about the whole scenario" className="mb-2" />
      <ol ref={list} className="space-y-2" aria-label="Nodes">
        {graph.nodes.map((n) => (
          <NodeItem key={n.id} node={n} selected={n.id === selectedNodeId} onSelectNode={onSelectNode} />
        ))}
      </ol>
    </section>
  );
}
