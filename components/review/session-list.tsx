import Link from "next/link";
import { MODE_LABELS } from "../../contracts/enum-labels";
import type { Mode, Outcome, SessionSort, SessionStatus, SortOrder } from "../../contracts/enums";
import { utcMinute } from "./format";

/** A session as the list shows it. */
export interface ListedSessionView {
  id: string;
  scenarioId: string;
  scenarioTitle: string;
  participant: string;
  /** The player's account, whose progress the viewer may read; null for sessions from before accounts. */
  userId: string | null;
  startedAt: string;
  mode: Mode;
  turns: number;
  status: SessionStatus;
  outcome: Outcome | null;
  reviewed: boolean;
  /** Whether the viewer may go on playing it (their own unfinished session). */
  canResume: boolean;
  /** Abandoned after 0 or 1 turns: nothing to review. */
  short: boolean;
}

/** The list's order and, for each sortable column, where its heading leads. */
export interface SortState {
  sort: SessionSort;
  order: SortOrder;
  href: (key: SessionSort) => string;
}

const ORDER_WORDS: Record<SessionSort, Record<SortOrder, string>> = {
  startedAt: { asc: "oldest first", desc: "newest first" },
  participant: { asc: "A to Z", desc: "Z to A" },
  scenario: { asc: "A to Z", desc: "Z to A" },
  turns: { asc: "fewest first", desc: "most first" },
  outcome: { asc: "connected first", desc: "no ending first" },
  review: { asc: "needs review first", desc: "unfinished first" },
};

/** The list's order in words: "Started, newest first". */
export function sortWords(labels: Record<SessionSort, string>, sort: SessionSort, order: SortOrder): string {
  return `${labels[sort]}, ${ORDER_WORDS[sort][order]}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Where a session ended, in words; an unfinished one of the viewer's own offers to resume it. */
function Outcome({ s }: { s: ListedSessionView }) {
  if (s.status === "active") {
    return (
      <span>
        Unfinished
        {s.canResume && (
          <>
            {": "}
            <Link href={`/play/${encodeURIComponent(s.scenarioId)}?session=${s.id}`} className="text-brand-700 underline">
              resume<span className="sr-only"> {s.scenarioTitle}</span>
            </Link>
          </>
        )}
      </span>
    );
  }
  if (s.outcome) return <span>{capitalize(s.outcome)}</span>;
  return <span>{s.status === "abandoned" ? "Abandoned" : "No ending"}</span>;
}

/** The review state: reviewed, needs review (an ended session not yet marked), not finished, or nothing to review (abandoned after 0 or 1 turns). */
function Review({ s }: { s: ListedSessionView }) {
  if (s.reviewed) {
    return (
      <span className="inline-flex items-center gap-1 text-brand-800">
        <span aria-hidden="true">✓</span> Reviewed
      </span>
    );
  }
  if (s.status === "active") return <span className="text-stone-600">Not finished</span>;
  if (s.short) return <span className="text-stone-600">Nothing to review</span>;
  return <span className="inline-block rounded border border-amber-400 bg-amber-50 px-1.5 text-amber-950">Needs review</span>;
}

/** A sortable column heading: a link that sorts by it (or reverses the order), with the direction shown and in aria-sort. */
function SortHeading({ label, column, state, className }: { label: string; column: SessionSort; state: SortState; className?: string }) {
  const current = state.sort === column;
  return (
    <th scope="col" className={["py-2 pr-3 font-medium", className].filter(Boolean).join(" ")} aria-sort={current ? (state.order === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={state.href(column)} className="group/sort inline-flex items-center gap-1 whitespace-nowrap text-stone-900 no-underline">
        <span className="underline decoration-stone-400 underline-offset-4 group-hover/sort:decoration-brand-700">{label}</span>
        <span aria-hidden="true" className={current ? "text-brand-700" : "text-stone-400"}>
          {current ? (state.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

function Participant({ s }: { s: ListedSessionView }) {
  // Every session listed is one whose player's progress the viewer may read (their own, their cohort's, or any for an administrator).
  return s.userId ? (
    <Link href={`/people/${encodeURIComponent(s.userId)}`} className="text-brand-700 underline">
      {s.participant}
      <span className="sr-only"> (progress)</span>
    </Link>
  ) : (
    <>{s.participant}</>
  );
}

/**
 * The sessions: a table with sortable headings from 640 px up, and below that a card per session
 * (scenario, participant, start, mode, turns, outcome and review state), so a phone never scrolls
 * sideways and never hides the outcome or the review state.
 */
export function SessionList({ rows, state, labels }: { rows: ListedSessionView[]; state: SortState; labels: Record<SessionSort, string> }) {
  return (
    <>
      <div className="hidden sm:block">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Sessions, sorted by {sortWords(labels, state.sort, state.order)}. The column headings with links sort the list.</caption>
          <thead>
            <tr className="border-b-2 border-stone-300">
              <SortHeading label={labels.scenario} column="scenario" state={state} />
              <SortHeading label={labels.participant} column="participant" state={state} />
              <SortHeading label={labels.startedAt} column="startedAt" state={state} />
              <th scope="col" className="py-2 pr-3 font-medium">
                Mode
              </th>
              <SortHeading label={labels.turns} column="turns" state={state} className="text-right" />
              <SortHeading label={labels.outcome} column="outcome" state={state} />
              <SortHeading label={labels.review} column="review" state={state} />
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} className="border-b border-stone-200 align-top hover:bg-white">
                <td className="py-2 pr-3">
                  <Link href={`/sessions/${s.id}`} className="font-medium text-brand-800 underline">
                    {s.scenarioTitle}
                  </Link>
                  <span className="block text-xs text-stone-600">{s.scenarioId}</span>
                </td>
                <td className="py-2 pr-3">
                  <Participant s={s} />
                </td>
                <td className="py-2 pr-3 whitespace-nowrap tabular-nums">
                  <time dateTime={s.startedAt}>{utcMinute(s.startedAt)}</time>
                </td>
                <td className="py-2 pr-3">{MODE_LABELS[s.mode]}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{s.turns}</td>
                <td className="py-2 pr-3">
                  <Outcome s={s} />
                </td>
                <td className="py-2">
                  <Review s={s} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 sm:hidden" aria-label={`Sessions, sorted by ${sortWords(labels, state.sort, state.order)}`}>
        {rows.map((s) => (
          <li key={s.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
            <Link href={`/sessions/${s.id}`} className="text-base font-medium text-brand-800 underline">
              {s.scenarioTitle}
            </Link>
            <p className="mt-1 text-stone-700">
              <Participant s={s} /> · {MODE_LABELS[s.mode]} · <time dateTime={s.startedAt}>{utcMinute(s.startedAt)}</time>
            </p>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
              <span>{s.turns === 1 ? "1 turn" : `${s.turns} turns`}</span>
              <span aria-hidden="true">·</span>
              <Outcome s={s} />
              <span aria-hidden="true">·</span>
              <Review s={s} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
