import Link from "next/link";
import type { LibraryEntry } from "../../scenarios/library-entry";
import { ProblemList } from "./problem-list";

type Valid = Extract<LibraryEntry, { ok: true }>;
type Broken = Extract<LibraryEntry, { ok: false }>;

/** A scenario of the library; with `analytics` (for supervisors, trainers and administrators), a link to its analytics. */
export function ScenarioCard({ entry, analytics = false }: { entry: Valid; analytics?: boolean }) {
  const s = entry.scenario;
  const length =
    entry.longestTurns === undefined ? "long" : entry.longestTurns === "unbounded" ? "open-ended" : `up to ${entry.longestTurns} turns`;
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 className="text-lg font-semibold">
        <Link href={`/play/${s.id}`} className="text-brand-800 underline-offset-2 hover:underline">
          {s.title}
        </Link>
      </h2>
      <p className="mt-1 text-stone-700">{s.summary}</p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-stone-600">With</dt>
        <dd>
          {s.roles.counterpart.name}
          {s.roles.counterpart.description ? ` — ${s.roles.counterpart.description}` : ""}
        </dd>
        <dt className="text-stone-600">You play</dt>
        <dd>{s.roles.trainee}</dd>
        <dt className="text-stone-600">Length</dt>
        <dd>{length}</dd>
        {s.skills.length > 0 && (
          <>
            <dt className="text-stone-600">Skills</dt>
            <dd>
              <ul className="flex flex-wrap gap-1" aria-label="Skills">
                {s.skills.map((k) => (
                  <li key={k} className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-800">
                    {k}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {analytics && (
        <p className="mt-3 text-sm">
          <Link href={`/analytics/${s.id}`} className="text-brand-700 underline">
            Analytics<span className="sr-only"> of {s.title}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

export function BrokenScenarioCard({ entry }: { entry: Broken }) {
  return (
    <li className="rounded-lg border border-red-300 bg-red-50 p-4">
      <h2 className="text-lg font-semibold text-red-900">{entry.id}: cannot be played</h2>
      <p className="text-sm text-red-900">
        {entry.file} has {entry.problems.length === 1 ? "a problem" : `${entry.problems.length} problems`} to fix:
      </p>
      <ProblemList file={entry.file} problems={entry.problems} />
    </li>
  );
}
