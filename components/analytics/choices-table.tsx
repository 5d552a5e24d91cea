import type { ChoiceStat, NodeStat } from "../../contracts/analytics-answers";
import type { Scenario } from "../../scenarios/types";
import { sharePercent, shareText } from "../charts/format";
import { NodeName } from "./node-cell";
import { kindLabel, nodeOrder } from "./node-names";

/** A choice's kind and effect in words, a harmful one marked with a sign as well as its colour. */
export function KindCell({ choice }: { choice: Pick<ChoiceStat, "kind" | "effect"> }) {
  const harmful = choice.effect === "harmful";
  return (
    <span className={harmful ? "font-semibold text-amber-900" : undefined}>
      {harmful && <span aria-hidden="true">⚠ </span>}
      {kindLabel(choice.kind)} <span className="whitespace-nowrap">({choice.effect})</span>
    </span>
  );
}

/**
 * Every choice of every turn reached: the share of the sessions that reached its turn which took
 * it, how often it was picked, and by how many trainees. Grouped by turn, in the scenario's order.
 */
export function ChoicesTable({ scenario, choices, nodes }: { scenario: Scenario; choices: readonly ChoiceStat[]; nodes: readonly NodeStat[] }) {
  const byNode = new Map<string, ChoiceStat[]>();
  for (const c of choices) byNode.set(c.nodeId, [...(byNode.get(c.nodeId) ?? []), c]);
  const ids = [...byNode.keys()].sort(nodeOrder(scenario));
  const inDrawn = new Map(nodes.map((n) => [n.nodeId, n.inDrawn]));
  if (ids.length === 0) return <p className="text-sm">No choice was made in the sessions counted.</p>;
  const reachedText = (n: number) => `Reached in ${n} ${n === 1 ? "session" : "sessions"}`;
  return (
    <>
      {/* A phone gets each turn as a list, the figures under each choice; wider screens (and print) the table. */}
      <ul className="space-y-4 sm:hidden" aria-label="Choices at each turn">
        {ids.map((id) => {
          const rows = byNode.get(id)!;
          return (
            <li key={id} className="space-y-2">
              <p className="text-sm">
                <span className="font-semibold">Turn</span> <NodeName scenario={scenario} nodeId={id} notDrawn={inDrawn.get(id) === false} />
                <span className="block text-stone-700">{reachedText(rows[0]!.reached)}</span>
              </p>
              <ul className="space-y-2" aria-label={`Choices at ${id}`}>
                {rows.map((c) => (
                  <li key={c.choiceId} className={`rounded border border-stone-200 bg-white p-2 text-sm ${c.effect === "harmful" ? "border-l-4 border-l-amber-600" : ""}`}>
                    <p>{c.text}</p>
                    {!c.inDrawn && <p className="text-stone-600">(not in the version shown)</p>}
                    <p className="mt-1">
                      <KindCell choice={c} /> · taken in <strong>{shareText(c.sessions, c.reached)}</strong> · {c.picks} {c.picks === 1 ? "pick" : "picks"} · {c.trainees}{" "}
                      {c.trainees === 1 ? "trainee" : "trainees"} ({sharePercent(c.traineeShare)})
                    </p>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">Choices at each turn, with the share of the sessions that reached the turn which took each</caption>
          <thead>
            <tr className="border-b border-stone-300 align-bottom">
              <th scope="col" className="py-1 pr-3">
                Choice
              </th>
              <th scope="col" className="pr-3">
                Kind
              </th>
              <th scope="col" className="pr-3 text-right">
                Taken in (of the sessions at the turn)
              </th>
              <th scope="col" className="pr-3 text-right">
                Picks
              </th>
              <th scope="col" className="text-right">
                Trainees
              </th>
            </tr>
          </thead>
          {ids.map((id) => {
            const rows = byNode.get(id)!;
            return (
              <tbody key={id} className="break-inside-avoid">
                <tr className="border-b border-stone-200 bg-stone-100">
                  <th scope="rowgroup" colSpan={5} className="px-1 py-1 text-left font-normal">
                    <span className="font-semibold">Turn</span> <NodeName scenario={scenario} nodeId={id} notDrawn={inDrawn.get(id) === false} />
                    <span className="block text-stone-700">{reachedText(rows[0]!.reached)}</span>
                  </th>
                </tr>
                {rows.map((c) => (
                  <tr key={c.choiceId} className={`border-b border-stone-200 align-top ${c.effect === "harmful" ? "harmful-row" : ""}`}>
                    <th scope="row" className={`py-1 pr-3 font-normal ${c.effect === "harmful" ? "border-l-4 border-amber-600 pl-2" : "pl-3"}`}>
                      {c.text}
                      {!c.inDrawn && <span className="block text-stone-600">(not in the version shown)</span>}
                    </th>
                    <td className="py-1 pr-3 whitespace-nowrap">
                      <KindCell choice={c} />
                    </td>
                    <td className="py-1 pr-3 text-right tabular-nums whitespace-nowrap">{shareText(c.sessions, c.reached)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{c.picks}</td>
                    <td className="py-1 text-right tabular-nums whitespace-nowrap">
                      {c.trainees} <span className="text-stone-600">({sharePercent(c.traineeShare)})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </>
  );
}
