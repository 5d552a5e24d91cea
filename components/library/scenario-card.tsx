import Link from "next/link";
import type { Mode } from "../../contracts/enums";
import type { LibraryEntry } from "../../scenarios/library-entry";
import { resolveSkills } from "../../scenarios/skills";
import { lengthLine } from "./time-estimate";

type Valid = Extract<LibraryEntry, { ok: true }>;

/** Where the signed-in account stands with the scenario, from its own sessions. */
export interface CardProgress {
  /** Its latest session under way, to continue; null when none is. */
  inProgress: { sessionId: string; mode: Mode } | null;
  /** How many of its sessions of the scenario reached an ending. */
  completed: number;
}

const MARK = "inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium";

const times = (n: number) => (n === 1 ? "" : n === 2 ? " twice" : ` ${n} times`);

/** "In progress" (with a link to continue) and "Completed", in words; the colours only follow them. */
function Marks({ id, title, progress }: { id: string; title: string; progress: CardProgress }) {
  const { inProgress, completed } = progress;
  if (!inProgress && completed === 0) return null;
  const resume = inProgress && `/play/${encodeURIComponent(id)}?${new URLSearchParams({ mode: inProgress.mode, session: inProgress.sessionId })}`;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      {inProgress && (
        <>
          <span className={`${MARK} border-amber-300 bg-amber-50 text-amber-900`}>
            <span aria-hidden="true">◐</span> In progress
          </span>
          <Link href={resume!} className="text-brand-700 underline underline-offset-2">
            Continue<span className="sr-only"> {title}</span>
          </Link>
        </>
      )}
      {completed > 0 && (
        <span className={`${MARK} border-brand-600 bg-brand-50 text-brand-800`}>
          <span aria-hidden="true">✓</span> Completed{times(completed)}
        </span>
      )}
    </p>
  );
}

/**
 * A scenario of the library; `progress` marks what the signed-in account has under way or
 * completed; with `analytics` (for supervisors, trainers and administrators), a link to its analytics.
 */
export function ScenarioCard({ entry, analytics = false, progress }: { entry: Valid; analytics?: boolean; progress?: CardProgress }) {
  const s = entry.scenario;
  const skills = resolveSkills(s.skills);
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <h3 className="text-lg font-semibold">
          <Link href={`/play/${s.id}`} className="text-brand-800 underline-offset-2 hover:underline">
            {s.title}
          </Link>
        </h3>
        {progress && <Marks id={s.id} title={s.title} progress={progress} />}
      </div>
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
        <dd>{lengthLine(entry.longestTurns)}</dd>
        {skills.length > 0 && (
          <>
            <dt className="text-stone-600">Skills</dt>
            <dd>
              <ul className="flex flex-wrap gap-1" aria-label="Skills">
                {skills.map((k) => (
                  <li key={k.id} className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-800">
                    {k.label}
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
