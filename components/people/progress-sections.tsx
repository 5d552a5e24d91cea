/** The parts of a person's progress page: sessions over time (charts and table), assignments, and comments on their sessions. */
import Link from "next/link";
import type { PersonProgress, ProgressAssignment, ProgressComment, ProgressSession } from "../../contracts/analytics-answers";
import { MODE_LABELS, OUTCOME_FILTER_LABELS, SESSION_STATUS_LABELS } from "../../contracts/enum-labels";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import { TrendChart } from "../charts/trend-chart";
import { Day } from "../cohorts/due-date";
import { StateBadge } from "../cohorts/state-badge";
import { MITI_NOTE } from "../play/reflection-metrics-table";


/** "2031-03-14 09:30": a stored time as the sessions list shows it. */
export const timeText = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** A session's responses by effect: helpful, neutral and harmful counts and the helpful and harmful shares. */
export function effectsOf(s: Pick<ProgressSession, "kindMix">): { helpful: number; neutral: number; harmful: number; total: number } {
  const out = { helpful: 0, neutral: 0, harmful: 0, total: 0 };
  for (const { kind, count } of s.kindMix) {
    out[RESPONSE_KINDS[kind].effect] += count;
    out.total += count;
  }
  return out;
}

const percent = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : null);

/**
 * The trends, over the sessions that were completed (an unfinished or abandoned session's meters
 * are where it stopped, not where it ended): final meters, the reflection metrics beside MITI's
 * thresholds, and the share of helpful and harmful responses.
 */
export function ProgressTrends({ progress }: { progress: PersonProgress }) {
  const done = progress.sessions.filter((s) => s.status === "completed");
  if (done.length === 0) return <p className="text-sm">No completed session yet: the trends start with the first one.</p>;
  const points = done.map((s) => ({ key: s.id, label: s.startedAt.slice(0, 10) }));
  const t = progress.thresholds;
  const of = `${done.length} completed ${done.length === 1 ? "session" : "sessions"}, oldest first`;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <TrendChart
        caption={`Final meters of the ${of}`}
        points={points}
        series={[
          { name: "Rapport", values: done.map((s) => s.finalMeters.rapport) },
          { name: "Mutuality", values: done.map((s) => s.finalMeters.mutuality) },
        ]}
        yDomain={[0, 100]}
      />
      <TrendChart
        caption={`Helpful and harmful responses, as a share of each session's, over the ${of}`}
        points={points}
        series={[
          { name: "Helpful %", values: done.map((s) => percent(effectsOf(s).helpful, effectsOf(s).total)) },
          // In the amber of harmful kinds elsewhere, dotted with triangles.
          { name: "Harmful %", values: done.map((s) => percent(effectsOf(s).harmful, effectsOf(s).total)), look: 2 },
        ]}
        yDomain={[0, 100]}
      />
      <TrendChart
        caption={`Reflections per question in the ${of}`}
        points={points}
        series={[{ name: "Reflections per question", values: done.map((s) => s.reflections.ratio) }]}
        references={[
          { value: t.reflectionToQuestion.fair, label: `fair ${t.reflectionToQuestion.fair} : 1` },
          { value: t.reflectionToQuestion.good, label: `good ${t.reflectionToQuestion.good} : 1` },
        ]}
        digits={1}
        note="A session without questions has no ratio to draw and leaves a gap (with reflections it rates good; with neither there is nothing to rate)."
      />
      <TrendChart
        caption={`Complex reflections, as a share of the reflections, in the ${of}`}
        points={points}
        series={[{ name: "Complex %", values: done.map((s) => s.reflections.percentComplex) }]}
        references={[
          { value: t.percentComplex.fair, label: `fair ${t.percentComplex.fair}%` },
          { value: t.percentComplex.good, label: `good ${t.percentComplex.good}%` },
        ]}
        yDomain={[0, 100]}
        note={MITI_NOTE}
      />
    </div>
  );
}

/** Every session, newest first, with its outcome, final meters, reflection metrics and mix, linked to its transcript. */
export function ProgressSessionsTable({ sessions }: { sessions: readonly ProgressSession[] }) {
  if (sessions.length === 0) return <p className="text-sm">No sessions yet.</p>;
  const newestFirst = [...sessions].reverse();
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Every session, newest first</caption>
        <thead>
          <tr className="border-b border-stone-300 align-bottom">
            <th scope="col" className="py-1 pr-3">
              Started
            </th>
            <th scope="col" className="pr-3">
              Scenario
            </th>
            <th scope="col" className="pr-3">
              Mode
            </th>
            <th scope="col" className="pr-3">
              Outcome
            </th>
            <th scope="col" className="pr-3 text-right">
              Turns
            </th>
            <th scope="col" className="pr-3 text-right">
              Rapport
            </th>
            <th scope="col" className="pr-3 text-right">
              Mutuality
            </th>
            <th scope="col" className="pr-3 text-right">
              Reflections : questions
            </th>
            <th scope="col" className="pr-3 text-right">
              Complex
            </th>
            <th scope="col" className="text-right">
              Helpful / harmful
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((s) => {
            const e = effectsOf(s);
            return (
              <tr key={s.id} className="border-b border-stone-200 align-top">
                <th scope="row" className="py-1 pr-3 font-normal whitespace-nowrap">
                  <Link href={`/sessions/${s.id}`} className="text-brand-700 underline">
                    {timeText(s.startedAt)}
                    <span className="sr-only"> (transcript)</span>
                  </Link>
                </th>
                <td className="py-1 pr-3">{s.title}</td>
                <td className="py-1 pr-3">{MODE_LABELS[s.mode]}</td>
                <td className="py-1 pr-3">
                  {s.outcome ? OUTCOME_FILTER_LABELS[s.outcome] : SESSION_STATUS_LABELS[s.status]}
                  {s.damage && <span className="block text-amber-900">Replays only in part: {s.damage}</span>}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">{s.turns}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{s.finalMeters.rapport}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{s.finalMeters.mutuality}</td>
                <td className="py-1 pr-3 text-right tabular-nums whitespace-nowrap">
                  {s.reflections.reflections} : {s.reflections.questions}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">{s.reflections.percentComplex === null ? "none tagged" : `${s.reflections.percentComplex}%`}</td>
                <td className="py-1 text-right tabular-nums whitespace-nowrap">
                  {e.helpful} / {e.harmful}
                  <span className="sr-only"> of {e.total}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The person's assignments, most pressing first, each with its cohort, terms, state and session. */
export function ProgressAssignments({ assignments }: { assignments: readonly ProgressAssignment[] }) {
  if (assignments.length === 0) return <p className="text-sm">Nothing is assigned.</p>;
  return (
    <ul className="space-y-2">
      {assignments.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-stone-200 bg-white px-3 py-2 text-sm">
          <StateBadge state={a.state} />
          <span className="min-w-0 font-medium break-words">{a.title ?? `${a.scenarioId} (no longer in the library)`}</span>
          <span className="text-stone-700">
            {MODE_LABELS[a.mode]} · {a.cohortName} ·{" "}
            {a.dueOn === null ? (
              "no due date"
            ) : (
              <>
                due <Day day={a.dueOn} />
              </>
            )}
          </span>
          {a.sessionId && (
            <Link href={`/sessions/${a.sessionId}`} className="text-brand-700 underline">
              {a.state === "done" ? "Transcript" : "Session so far"}
              <span className="sr-only"> of {a.title ?? a.scenarioId}</span>
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Comments written on the person's sessions, newest first, each linked to its transcript. */
export function ProgressComments({ comments, titles }: { comments: readonly ProgressComment[]; titles: ReadonlyMap<string, string> }) {
  if (comments.length === 0) return <p className="text-sm">No comments on these sessions yet.</p>;
  return (
    <ul className="space-y-2">
      {comments.map((c) => (
        <li key={c.id} className="break-inside-avoid rounded bg-sky-50 px-3 py-2 text-sm">
          <p>{c.text}</p>
          <p className="mt-1 text-stone-700">
            {c.author}, {timeText(c.at)}, on{" "}
            <Link href={`/sessions/${c.sessionId}`} className="text-brand-700 underline">
              {c.turn === null ? "the whole session" : `turn ${c.turn}`} of {titles.get(c.sessionId) ?? c.scenarioId}
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
