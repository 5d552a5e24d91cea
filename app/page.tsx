import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AssignedToYou, type AssignedItem } from "../components/cohorts/assigned-to-you";
import { BrokenScenarioCard, ScenarioCard } from "../components/library/scenario-card";
import { ButtonLink } from "../components/ui/button";
import { Notice } from "../components/ui/notice";
import { mayReadAnalytics } from "../server/access";
import { hasAccounts, signedInAccount } from "../server/accounts";
import { assignmentsForTrainee, type TraineeAssignment } from "../server/cohorts";
import { getStore } from "../server/open-store";
import { loadLibrary } from "../server/scenario-library";
import { unavailableReason } from "../server/store-errors";

export const dynamic = "force-dynamic";

// The chosen filter is marked by aria-current, so the look follows what a screen reader is told.
const SKILL_LINK =
  "inline-block rounded-full border border-stone-300 px-3 py-1 text-sm aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white";

/**
 * The signed-in account's assignments; none for a visitor. The library stays open without a
 * database: when it cannot be used, that is said instead of the assignments.
 */
async function ownAssignments(): Promise<{ assignments: TraineeAssignment[]; staff: boolean } | { unavailable: string }> {
  try {
    const account = await signedInAccount(await headers());
    if (!account) return { assignments: [], staff: false };
    const { db } = await (await getStore()).database();
    // Supervisors, trainers and administrators find each scenario's analytics on its card.
    return { assignments: await assignmentsForTrainee(db, account), staff: mayReadAnalytics(account) };
  } catch (e) {
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return { unavailable };
  }
}

export default async function LibraryPage({ searchParams }: { searchParams: Promise<{ skill?: string | string[] }> }) {
  const { skill: raw } = await searchParams;
  const skill = typeof raw === "string" ? raw : undefined;
  const [entries, accounts, own] = await Promise.all([loadLibrary(), hasAccounts().catch(() => true), ownAssignments()]);
  const titles = new Map(entries.flatMap((e) => (e.ok ? [[e.id, e.scenario.title] as const] : [])));
  const assigned: AssignedItem[] =
    "assignments" in own ? own.assignments.map((a) => ({ ...a, title: titles.get(a.scenarioId) ?? null })) : [];
  const skills = [...new Set(entries.flatMap((e) => (e.ok ? e.scenario.skills : [])))].sort();
  // A new installation's first visit makes its first administrator.
  if (!accounts) redirect("/setup");
  const shown = entries.filter((e) => !skill || (e.ok && e.scenario.skills.includes(skill)));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Scenario library</h1>
        <p className="mt-1 text-stone-700">
          Pick a conversation to practise. Each response moves rapport and mutuality; the debrief shows what each one did.
        </p>
      </div>

      {"unavailable" in own && (
        <Notice tone="warning" role="note">
          What is assigned to you cannot be shown right now: the database cannot be used ({own.unavailable}).
        </Notice>
      )}
      {assigned.length > 0 && <AssignedToYou items={assigned} />}

      {skills.length > 0 && (
        <nav aria-label="Filter by skill">
          <h2 className="mb-2 text-sm font-medium text-stone-700">Filter by skill</h2>
          <ul className="flex flex-wrap gap-2">
            <li>
              <Link
                href="/"
                aria-current={skill === undefined ? "page" : undefined}
                className={SKILL_LINK}
              >
                All
              </Link>
            </li>
            {skills.map((k) => (
              <li key={k}>
                <Link
                  href={`/?skill=${encodeURIComponent(k)}`}
                  aria-current={skill === k ? "page" : undefined}
                  className={SKILL_LINK}
                >
                  {k}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {shown.length === 0 ? (
        <Notice tone="plain">
          {skill ? (
            <>
              No scenario practises “{skill}”.{" "}
              <ButtonLink variant="quiet" href="/">
                Show all
              </ButtonLink>
            </>
          ) : (
            "No scenarios yet: add *.scenario.yaml files to scenarios/library."
          )}
        </Notice>
      ) : (
        <ul className="space-y-4" aria-label={skill ? `Scenarios practising ${skill}` : "All scenarios"}>
          {shown.map((e) => (e.ok ? <ScenarioCard key={e.file} entry={e} analytics={"staff" in own && own.staff} /> : <BrokenScenarioCard key={e.file} entry={e} />))}
        </ul>
      )}
    </div>
  );
}
