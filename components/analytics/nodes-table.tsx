import type { NodeStat } from "../../contracts/analytics-answers";
import type { Scenario } from "../../scenarios/types";
import { NodeName } from "./node-cell";
import { nodeOrder } from "./node-names";

const TYPE_WORDS = { turn: "Turn", branch: "Branch", ending: "Ending" } as const;

/** Every node with its visits (every return counted), the sessions and the trainees that reached it. */
export function NodesTable({ scenario, nodes }: { scenario: Scenario; nodes: readonly NodeStat[] }) {
  const sorted = [...nodes].sort((a, b) => nodeOrder(scenario)(a.nodeId, b.nodeId));
  return (
    <div className="max-w-4xl overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Nodes reached, with their visits, sessions and trainees</caption>
        <thead>
          <tr className="border-b border-stone-300 align-bottom">
            <th scope="col" className="py-1 pr-3">
              Node
            </th>
            <th scope="col" className="pr-3">
              Type
            </th>
            <th scope="col" className="pr-3 text-right">
              Visits
            </th>
            <th scope="col" className="pr-3 text-right">
              Sessions
            </th>
            <th scope="col" className="text-right">
              Trainees
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((n) => (
            <tr key={n.nodeId} className="border-b border-stone-200 align-top">
              <th scope="row" className="py-1 pr-3 font-normal">
                <NodeName scenario={scenario} nodeId={n.nodeId} notDrawn={!n.inDrawn} />
              </th>
              <td className="py-1 pr-3">{TYPE_WORDS[n.type]}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{n.visits}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{n.sessions}</td>
              <td className="py-1 text-right tabular-nums">{n.trainees}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
