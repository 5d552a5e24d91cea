/** The charts and tables of a scenario's analytics that are figures over sessions (outcomes, meters, kinds, times, abandonment). */
import type { AbandonStat, KindStat, MeterPoint, OutcomeStat, PooledReflections, TimeStat } from "../../contracts/analytics-answers";
import { OUTCOME_FILTER_LABELS } from "../../contracts/enum-labels";
import { OUTCOMES, type Scenario } from "../../scenarios/types";
import { BandChart } from "../charts/band-chart";
import { BarChart } from "../charts/bar-chart";
import { type TableMode } from "../charts/chart-table";
import { durationText, sharePercent } from "../charts/format";
import { MITI_NOTE, ReflectionMetricsTable } from "../play/reflection-metrics-table";
import { NodeName } from "./node-cell";
import { kindLabel } from "./node-names";


/** How the sessions that reached an ending ended, every outcome listed. */
export function OutcomesChart({ outcomes, table = "visible" }: { outcomes: readonly OutcomeStat[]; table?: TableMode }) {
  const ended = outcomes.reduce((n, o) => n + o.count, 0);
  const byOutcome = new Map(outcomes.map((o) => [o.outcome, o.count]));
  return (
    <BarChart
      caption={`Outcomes of the ${ended} ${ended === 1 ? "session" : "sessions"} that reached an ending`}
      data={OUTCOMES.map((o) => ({ key: o, label: OUTCOME_FILTER_LABELS[o], count: byOutcome.get(o) ?? 0, tone: o }))}
      total={ended}
      labelHeading="Outcome"
      countHeading="Sessions"
      table={table}
    />
  );
}

/** Rapport and mutuality by turn: the median of the sessions that got that far, and their middle half. */
export function MetersChart({ meters, table = "visible" }: { meters: readonly MeterPoint[]; table?: TableMode }) {
  if (meters.length === 0) return <p className="text-sm">No session took a turn.</p>;
  const series = (["rapport", "mutuality"] as const).map((k) => ({
    name: k === "rapport" ? "Rapport" : "Mutuality",
    points: meters.map((m) => ({ x: m.turn, n: m.n, ...m[k] })),
  }));
  return <BandChart caption="Meters after each turn, across sessions" series={series} xText={(x) => (x === 0 ? "Start" : String(x))} table={table} />;
}

/** Every counted response by kind, as a share of all of them. */
export function KindsChart({ kinds, table = "visible" }: { kinds: readonly KindStat[]; table?: TableMode }) {
  const total = kinds.reduce((n, k) => n + k.count, 0);
  if (total === 0) return <p className="text-sm">No response was counted.</p>;
  return (
    <BarChart
      caption={`The ${total} responses chosen, by kind`}
      data={kinds.map((k) => ({ key: k.kind, label: kindLabel(k.kind), note: k.effect, count: k.count, tone: k.effect }))}
      total={total}
      labelHeading="Kind"
      countHeading="Responses"
      table={table}
    />
  );
}

/** The cohort's reflection metrics, pooled over every counted turn, beside MITI's thresholds; and how many sessions reach "fair" on their own. */
export function ReflectionsPanel({ reflections: r }: { reflections: PooledReflections }) {
  return (
    <div className="space-y-2">
      <ReflectionMetricsTable metrics={r} who="These sessions" caption="Reflection metrics of the sessions counted, beside MITI's thresholds" />
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>
          Sessions whose own reflections-to-questions ratio is fair or better:{" "}
          <strong>
            {r.sessionsRatioFair} of {r.sessionsWithRatio}
          </strong>{" "}
          (of the sessions with a reflection or a question).
        </li>
        <li>
          Sessions whose own complex reflections are fair or better:{" "}
          <strong>
            {r.sessionsComplexFair} of {r.sessionsWithComplex}
          </strong>{" "}
          (of the sessions with a reflection).
        </li>
      </ul>
      <p className="text-sm text-stone-700">{MITI_NOTE}</p>
    </div>
  );
}

/** Time taken to choose at each turn: median and middle half. */
export function TimesTable({ scenario, times }: { scenario: Scenario; times: readonly TimeStat[] }) {
  if (times.length === 0) return <p className="text-sm">No choice was timed.</p>;
  return (
    <div className="max-w-4xl overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Time taken to choose at each turn</caption>
        <thead>
          <tr className="border-b border-stone-300 align-bottom">
            <th scope="col" className="py-1 pr-3">
              Turn
            </th>
            <th scope="col" className="pr-3 text-right">
              Choices timed
            </th>
            <th scope="col" className="pr-3 text-right">
              Median
            </th>
            <th scope="col" className="text-right">
              Middle half
            </th>
          </tr>
        </thead>
        <tbody>
          {times.map((t) => (
            <tr key={t.nodeId} className="border-b border-stone-200 align-top">
              <th scope="row" className="py-1 pr-3 font-normal">
                <NodeName scenario={scenario} nodeId={t.nodeId} />
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">{t.n}</td>
              <td className="py-1 pr-3 text-right tabular-nums whitespace-nowrap">{durationText(t.medianMs)}</td>
              <td className="py-1 text-right tabular-nums whitespace-nowrap">
                {durationText(t.p25Ms)} to {durationText(t.p75Ms)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where abandoned sessions stopped, as a share of the abandoned ones and of the sessions that reached that node. */
export function AbandonmentTable({ scenario, abandonment, abandoned }: { scenario: Scenario; abandonment: readonly AbandonStat[]; abandoned: number }) {
  if (abandonment.length === 0) return <p className="text-sm">No session counted was abandoned.</p>;
  return (
    <div className="max-w-4xl overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Where the {abandoned} abandoned sessions stopped</caption>
        <thead>
          <tr className="border-b border-stone-300 align-bottom">
            <th scope="col" className="py-1 pr-3">
              Stopped at
            </th>
            <th scope="col" className="pr-3 text-right">
              Sessions
            </th>
            <th scope="col" className="pr-3 text-right">
              Of the abandoned
            </th>
            <th scope="col" className="text-right">
              Of those that got there
            </th>
          </tr>
        </thead>
        <tbody>
          {abandonment.map((a) => (
            <tr key={a.nodeId} className="border-b border-stone-200 align-top">
              <th scope="row" className="py-1 pr-3 font-normal">
                <NodeName scenario={scenario} nodeId={a.nodeId} />
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">{a.count}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{sharePercent(a.share)}</td>
              <td className="py-1 text-right tabular-nums">{sharePercent(a.ofReached)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
