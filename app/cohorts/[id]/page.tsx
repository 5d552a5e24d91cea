import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignForm, type AssignableTurn } from "../../../components/cohorts/assign-form";
import { Day } from "../../../components/cohorts/due-date";
import { RemoveAssignment } from "../../../components/cohorts/remove-assignment";
import { StateBadge } from "../../../components/cohorts/state-badge";
import { Notice } from "../../../components/ui/notice";
import { ASSIGNMENT_STATE_LABELS, MODE_LABELS } from "../../../contracts/enum-labels";
import { ASSIGNMENT_STATES } from "../../../contracts/enums";
import { PERSON_ID } from "../../../contracts/people-requests";
import { isAdmin } from "../../../server/access";
import type { Account } from "../../../server/accounts";
import { cohortProgress, getCohort, type Assignment, type AssignmentStanding, type Cohort, type CohortMember, type CohortProgress } from "../../../server/cohorts";
import { getStore } from "../../../server/open-store";
import { accountForPage } from "../../../server/page-account";
import { loadLibrary } from "../../../server/scenario-library";
import type { Scenario } from "../../../scenarios/types";
import { ServiceError } from "../../../server/service-error";
import { unavailableReason } from "../../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cohort" };

type Params = { params: Promise<{ id: string }> };

/** What the page shows of an assignment: its scenario's title, or its id when the library no longer has it; the turns it asks for a note on. */
type Shown = Assignment & { title: string; inLibrary: boolean; askedTurns: string[] };

/** A scenario's turns, in file order, as the assign form offers them for a note. */
function turnsOf(scenario: Scenario): AssignableTurn[] {
  return Object.entries(scenario.nodes).flatMap(([id, n]) => (n.type === "turn" ? [{ id, line: n.say[0] ?? "", asks: n.askRationale === true }] : []));
}

/** The turns an assignment asks for a note on, by their first line (by id when the current version has no such turn). */
function askedTurns(a: Assignment, scenario: Scenario | undefined): string[] {
  return a.rationaleNodes.map((id) => {
    const n = scenario?.nodes[id];
    const line = n?.type === "turn" ? n.say[0] : undefined;
    return line === undefined ? id : `“${line.length > 60 ? `${line.slice(0, 59)}…` : line}”`;
  });
}

const ASSIGNMENTS_HEADING = "assignments-heading";

/** "Practice · due 14 March 2031" */
function AssignmentTerms({ a }: { a: Assignment }) {
  return (
    <>
      {MODE_LABELS[a.mode]} ·{" "}
      {a.dueOn === null ? (
        "no due date"
      ) : (
        <>
          due <Day day={a.dueOn} />
        </>
      )}
    </>
  );
}

/** The link to a trainee's session for an assignment, when there is one. */
function SessionLink({ standing, who, a }: { standing: AssignmentStanding | undefined; who: string; a: Shown }) {
  if (!standing?.sessionId) return null;
  return (
    <Link href={`/sessions/${standing.sessionId}`} className="text-sm text-brand-700 underline">
      {standing.state === "done" ? "Transcript" : "Session so far"}
      <span className="sr-only">
        {" "}
        of {who} on {a.title}, {a.mode}
      </span>
    </Link>
  );
}

/** The sessions list narrowed to this cohort's trainees going by this name. */
function sessionsOf(member: CohortMember, cohortId: string): string {
  return `/sessions?${new URLSearchParams({ cohort: cohortId, participant: member.name }).toString()}`;
}

function Assignments({ assignments, progress, traineeCount }: { assignments: Shown[]; progress: CohortProgress; traineeCount: number }) {
  if (assignments.length === 0) {
    return <Notice tone="plain">Nothing is assigned to this cohort yet. Assign a scenario below, and its trainees see it on their home page.</Notice>;
  }
  return (
    <ul className="space-y-3" aria-labelledby={ASSIGNMENTS_HEADING}>
      {assignments.map((a) => {
        const counts = progress.counts[a.id];
        return (
          <li key={a.id} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 className="font-semibold break-words">{a.title}</h3>
                <p className="text-sm text-stone-700">
                  <AssignmentTerms a={a} /> · assigned <Day day={a.createdAt.slice(0, 10)} />
                </p>
                {a.askedTurns.length > 0 && (
                  <p className="text-sm text-stone-700">
                    Asks why they chose on {a.askedTurns.length === 1 ? "one turn" : `${a.askedTurns.length} turns`}: {a.askedTurns.join(", ")}
                  </p>
                )}
                {!a.inLibrary && <p className="text-sm text-amber-900">This scenario is no longer in the library, so it cannot be played.</p>}
              </div>
              <RemoveAssignment id={a.id} what={`the assignment “${a.title}”, ${a.mode}`} headingId={ASSIGNMENTS_HEADING} />
            </div>
            <p className="text-sm">
              <Link href={`/analytics/${encodeURIComponent(a.scenarioId)}?${new URLSearchParams({ cohort: a.cohortId, mode: a.mode }).toString()}`} className="text-brand-700 underline">
                Analytics<span className="sr-only"> of “{a.title}”</span>
              </Link>{" "}
              <span className="text-stone-600">of this cohort’s {a.mode} sessions</span>
            </p>
            {traineeCount > 0 && counts && (
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={`Progress on “${a.title}”`}>
                {ASSIGNMENT_STATES.map((s) => (
                  <li key={s}>
                    <span className="font-semibold tabular-nums">{counts[s]}</span> {ASSIGNMENT_STATE_LABELS[s].toLowerCase()}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Each trainee against each assignment: a table on wider screens, a list per trainee on a phone. */
function Trainees({ trainees, assignments, progress, admin, cohortId }: { trainees: CohortMember[]; assignments: Shown[]; progress: CohortProgress; admin: boolean; cohortId: string }) {
  if (trainees.length === 0) {
    return (
      <Notice tone="plain" as="div">
        <p>
          This cohort has no trainees yet. An administrator attaches them
          {admin ? (
            <>
              {" "}
              under <Link href={`/admin/cohorts/${cohortId}`}>Manage members</Link>
            </>
          ) : null}
          .
        </p>
      </Notice>
    );
  }
  const name = (t: CohortMember) => (
    <>
      {t.name}
      {!t.active && <span className="font-normal text-stone-600"> (deactivated)</span>}
    </>
  );
  return (
    <>
      {assignments.length > 0 && (
        <div className="hidden overflow-x-auto sm:block">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Where each trainee stands on each assignment</caption>
            <thead>
              <tr className="border-b border-stone-300 align-bottom">
                <th scope="col" className="py-2 pr-3">
                  Trainee
                </th>
                {assignments.map((a) => (
                  <th key={a.id} scope="col" className="min-w-32 py-2 pr-3 font-semibold">
                    {a.title}
                    <span className="block font-normal text-stone-600">
                      <AssignmentTerms a={a} />
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trainees.map((t) => (
                <tr key={t.id} className="border-b border-stone-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {name(t)}
                    <Link href={sessionsOf(t, cohortId)} className="block text-sm font-normal text-brand-700 underline">
                      Sessions<span className="sr-only"> of {t.name}</span>
                    </Link>
                    <Link href={`/people/${encodeURIComponent(t.id)}`} className="block text-sm font-normal text-brand-700 underline">
                      Progress<span className="sr-only"> of {t.name}</span>
                    </Link>
                  </th>
                  {assignments.map((a) => {
                    const standing = progress.standings[t.id]?.[a.id];
                    return (
                      <td key={a.id} className="space-y-1 py-2 pr-3">
                        {standing && <StateBadge state={standing.state} />}
                        <div>
                          <SessionLink standing={standing} who={t.name} a={a} />
                        </div>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul className={assignments.length > 0 ? "space-y-3 sm:hidden" : "space-y-3"} aria-label="Trainees">
        {trainees.map((t) => (
          <li key={t.id} className="rounded-lg border border-stone-200 bg-white p-3">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <h3 className="font-medium break-words">{name(t)}</h3>
              <span className="flex gap-3">
                <Link href={sessionsOf(t, cohortId)} className="text-sm text-brand-700 underline">
                  Sessions<span className="sr-only"> of {t.name}</span>
                </Link>
                <Link href={`/people/${encodeURIComponent(t.id)}`} className="text-sm text-brand-700 underline">
                  Progress<span className="sr-only"> of {t.name}</span>
                </Link>
              </span>
            </div>
            <p className="text-sm break-all text-stone-600">{t.email}</p>
            {assignments.length > 0 && (
              <ul className="mt-2 space-y-2" aria-label={`${t.name}'s assignments`}>
                {assignments.map((a) => {
                  const standing = progress.standings[t.id]?.[a.id];
                  return (
                    <li key={a.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                      <span className="min-w-0 break-words">
                        {a.title} <span className="text-stone-600">({a.mode})</span>
                      </span>
                      {standing && <StateBadge state={standing.state} />}
                      <SessionLink standing={standing} who={t.name} a={a} />
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function Staff({ staff }: { staff: CohortMember[] }) {
  if (staff.length === 0) return <Notice tone="plain">No supervisor or trainer is attached to this cohort; an administrator attaches them.</Notice>;
  return (
    <ul className="space-y-1" aria-label="Supervisors and trainers">
      {staff.map((s) => (
        <li key={s.id} className="break-words">
          {s.name}
          {!s.active && <span className="text-stone-600"> (deactivated)</span>} <span className="text-sm break-all text-stone-600">{s.email}</span>
        </li>
      ))}
    </ul>
  );
}

async function load(account: Account, id: string): Promise<{ cohort: Cohort; progress: CohortProgress } | { unavailable: string }> {
  try {
    const { db } = await (await getStore()).database();
    const cohort = await getCohort(db, account, id);
    return { cohort, progress: await cohortProgress(db, cohort) };
  } catch (e) {
    if (e instanceof ServiceError && e.status === 404) notFound();
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return { unavailable };
  }
}

/** One cohort for its staff and administrators: its assignments and how far each trainee has got, assigning, and its people. */
export default async function CohortPage({ params }: Params) {
  const { id } = await params;
  if (!PERSON_ID.test(id)) notFound();
  const account = await accountForPage(`/cohorts/${id}`);
  const [loaded, library] = await Promise.all([load(account, id), loadLibrary()]);
  if ("unavailable" in loaded) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Cohort</h1>
        <Notice tone="error" role="alert">
          This cohort cannot be shown: the database cannot be used right now ({loaded.unavailable}). Try again in a moment.
        </Notice>
      </div>
    );
  }
  const { cohort, progress } = loaded;
  const admin = isAdmin(account);
  const scenarios = new Map(library.flatMap((e) => (e.ok ? [[e.id, e.scenario] as const] : [])));
  const assignments: Shown[] = cohort.assignments.map((a) => {
    const scenario = scenarios.get(a.scenarioId);
    return { ...a, title: scenario?.title ?? a.scenarioId, inLibrary: scenario !== undefined, askedTurns: askedTurns(a, scenario) };
  });
  const trainees = cohort.members.filter((m) => m.membership === "trainee");
  const staff = cohort.members.filter((m) => m.membership === "staff");
  const playable = library.flatMap((e) => (e.ok ? [{ id: e.id, title: e.scenario.title, turns: turnsOf(e.scenario) }] : []));

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/cohorts" className="text-brand-700 underline">
            Cohorts
          </Link>
        </p>
        <h1 className="text-2xl font-semibold break-words">{cohort.name}</h1>
        <p className="text-stone-700">
          {trainees.length} {trainees.length === 1 ? "trainee" : "trainees"} · {staff.length}{" "}
          {staff.length === 1 ? "supervisor or trainer" : "supervisors and trainers"}
        </p>
        {admin && (
          <p className="text-sm">
            <Link href={`/admin/cohorts/${cohort.id}`} className="text-brand-700 underline">
              Manage members
            </Link>{" "}
            <span className="text-stone-600">(administration)</span>
          </p>
        )}
      </div>

      <section aria-labelledby={ASSIGNMENTS_HEADING} className="space-y-3">
        <h2 id={ASSIGNMENTS_HEADING} tabIndex={-1} className="text-xl font-semibold">
          Assignments
        </h2>
        <Assignments assignments={assignments} progress={progress} traineeCount={trainees.length} />
      </section>

      <section aria-labelledby="assign-heading" className="space-y-3">
        <h2 id="assign-heading" className="text-xl font-semibold">
          Assign a scenario
        </h2>
        <p className="text-sm text-stone-700">
          Every trainee of the cohort sees it on their home page. It is done once they complete a session of it, in its mode, after it was
          assigned.
        </p>
        <AssignForm cohortId={cohort.id} scenarios={playable} />
      </section>

      <section aria-labelledby="trainees-heading" className="space-y-3">
        <h2 id="trainees-heading" className="text-xl font-semibold">
          Trainees
        </h2>
        <Trainees trainees={trainees} assignments={assignments} progress={progress} admin={admin} cohortId={cohort.id} />
      </section>

      <section aria-labelledby="staff-heading" className="space-y-3">
        <h2 id="staff-heading" className="text-xl font-semibold">
          Supervisors and trainers
        </h2>
        <Staff staff={staff} />
      </section>
    </div>
  );
}
