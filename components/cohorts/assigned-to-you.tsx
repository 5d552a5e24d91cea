import Link from "next/link";
import { MODE_LABELS } from "../../contracts/enum-labels";
import type { AssignmentState, Mode } from "../../contracts/enums";
import { ButtonLink } from "../ui/button";
import { Day } from "./due-date";
import { StateBadge } from "./state-badge";

/** One of the trainee's assignments as the home page shows it. */
export interface AssignedItem {
  id: string;
  scenarioId: string;
  /** The scenario's title, or null when the library no longer offers it (removed, or now with errors). */
  title: string | null;
  mode: Mode;
  dueOn: string | null;
  cohortName: string;
  state: AssignmentState;
  sessionId: string | null;
}

const ORDER: Record<AssignmentState, number> = { overdue: 0, "in-progress": 1, open: 1, done: 2 };

/** Soonest due first; no due date after every date. */
const byDue = (a: AssignedItem, b: AssignedItem) => (a.dueOn ?? "9999-99-99").localeCompare(b.dueOn ?? "9999-99-99");

function playHref(item: AssignedItem): string {
  const query = new URLSearchParams({ mode: item.mode });
  // A session under way is resumed from the server, on this device or any other.
  if (item.sessionId !== null && item.state !== "done") query.set("session", item.sessionId);
  return `/play/${encodeURIComponent(item.scenarioId)}?${query.toString()}`;
}

function Due({ item }: { item: AssignedItem }) {
  if (item.dueOn === null) return <>No due date</>;
  return (
    <>
      {item.state === "overdue" ? "Was due " : "Due "}
      <Day day={item.dueOn} />
    </>
  );
}

function ToDo({ item }: { item: AssignedItem }) {
  const title = item.title ?? item.scenarioId;
  const overdue = item.state === "overdue";
  return (
    <li className={`rounded-lg border bg-white p-4 shadow-sm ${overdue ? "border-red-300 border-l-4 border-l-red-700" : "border-stone-200"}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h3 className="font-semibold break-words">{title}</h3>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <StateBadge state={item.state} />
            <span className={overdue ? "font-medium text-red-900" : "text-stone-700"}>
              <Due item={item} />
            </span>
          </p>
          <p className="text-sm break-words text-stone-700">
            {MODE_LABELS[item.mode]} mode · {item.cohortName}
          </p>
        </div>
        {item.title === null ? (
          <p className="text-sm text-amber-900">This scenario is not in the library any more; ask your supervisor.</p>
        ) : (
          <ButtonLink variant="primary" size="sm" href={playHref(item)}>
            {item.sessionId !== null ? "Continue" : "Start"}
            <span className="sr-only"> {title}</span>
          </ButtonLink>
        )}
      </div>
    </li>
  );
}

/**
 * The home page's "Assigned to you": what is overdue first, then what is still to do or under way
 * (soonest due first), then, folded away, what is done with a link to its transcript.
 */
export function AssignedToYou({ items }: { items: AssignedItem[] }) {
  const todo = items.filter((i) => i.state !== "done").sort((a, b) => ORDER[a.state] - ORDER[b.state] || byDue(a, b));
  const done = items.filter((i) => i.state === "done");
  const overdue = todo.filter((i) => i.state === "overdue").length;
  return (
    <section aria-labelledby="assigned-heading" className="space-y-3">
      <div>
        <h2 id="assigned-heading" className="text-xl font-semibold">
          Assigned to you
        </h2>
        <p className="text-sm text-stone-700">
          {todo.length === 0
            ? "Everything assigned to you is done."
            : `${todo.length} to do${overdue > 0 ? `, ${overdue} of them overdue` : ""}. An assignment is done once you complete a session of it in its mode.`}
        </p>
      </div>
      {todo.length > 0 && (
        <ul className="space-y-3" aria-label="To do">
          {todo.map((item) => (
            <ToDo key={item.id} item={item} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <details className="rounded-lg border border-stone-200 bg-white px-4 py-2">
          <summary className="cursor-pointer font-medium">Done ({done.length})</summary>
          <ul className="mt-2 space-y-2 text-sm" aria-label="Done">
            {done.map((item) => (
              <li key={item.id} className="flex flex-wrap items-baseline gap-x-2">
                <span className="break-words">{item.title ?? item.scenarioId}</span>
                <span className="text-stone-600">
                  ({item.mode}, {item.cohortName})
                </span>
                {item.sessionId !== null && (
                  <Link href={`/sessions/${item.sessionId}`} className="text-brand-700 underline">
                    Transcript<span className="sr-only"> of {item.title ?? item.scenarioId}</span>
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
