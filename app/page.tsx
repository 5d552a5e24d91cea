import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AssignedToYou, type AssignedItem } from "../components/cohorts/assigned-to-you";
import { BrokenScenarios } from "../components/library/broken-scenarios";
import { LibraryBrowser, type FamilyOption } from "../components/library/library-browser";
import { filterItem, readFilters } from "../components/library/library-items";
import { ScenarioCard, type CardProgress } from "../components/library/scenario-card";
import { SkillGlossary } from "../components/library/skill-glossary";
import { Notice } from "../components/ui/notice";
import { SKILL_FAMILIES, skillLabel } from "../scenarios/skills";
import { mayAuthor, mayReadAnalytics } from "../server/access";
import { hasAccounts, signedInAccount } from "../server/accounts";
import { assignmentsForTrainee, type TraineeAssignment } from "../server/cohorts";
import { libraryProgress } from "../server/library-progress";
import { getStore } from "../server/open-store";
import { loadLibrary } from "../server/scenario-library";
import { unavailableReason } from "../server/store-errors";

export const dynamic = "force-dynamic";

interface Own {
  assignments: TraineeAssignment[];
  /** Where the account stands with each scenario it played, by id. */
  progress: Map<string, CardProgress>;
  /** Supervisors, trainers and administrators find each scenario's analytics on its card. */
  analytics: boolean;
  /** Trainers and administrators see the scenarios that cannot be played, with their problems. */
  author: boolean;
}

/**
 * What the signed-in account has of its own: assignments and progress marks (one query each for
 * the whole page); nothing for a visitor. The library stays open without a database: when it
 * cannot be used, that is said instead.
 */
async function ownPart(): Promise<Own | { unavailable: string }> {
  const none: Own = { assignments: [], progress: new Map(), analytics: false, author: false };
  try {
    const account = await signedInAccount(await headers());
    if (!account) return none;
    const { db } = await (await getStore()).database();
    const [assignments, progress] = await Promise.all([assignmentsForTrainee(db, account), libraryProgress(db, account.id)]);
    return { assignments, progress, analytics: mayReadAnalytics(account), author: mayAuthor(account) };
  } catch (e) {
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return { unavailable };
  }
}

type Search = { q?: string | string[]; family?: string | string[]; skill?: string | string[] };

export default async function LibraryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const filters = readFilters(await searchParams);
  // Each render of the page is its own: the filter starts from this address, and Back finds this render's filters again.
  const render = crypto.randomUUID();
  const [entries, accounts, own] = await Promise.all([loadLibrary(), hasAccounts().catch(() => true), ownPart()]);
  // A new installation's first visit makes its first administrator.
  if (!accounts) redirect("/setup");

  const mine: Own | undefined = "unavailable" in own ? undefined : own;
  const playable = entries.filter((e) => e.ok);
  const broken = entries.filter((e) => !e.ok);
  const titles = new Map(playable.map((e) => [e.id, e.scenario.title] as const));
  const assigned: AssignedItem[] = (mine?.assignments ?? []).map((a) => ({ ...a, title: titles.get(a.scenarioId) ?? null }));

  const items = playable.map((e) => filterItem(e.scenario));
  const families: FamilyOption[] = SKILL_FAMILIES.map((f) => ({
    id: f.id,
    label: f.label,
    count: items.filter((i) => i.families.includes(f.id)).length,
  })).filter((f) => f.count > 0);
  const cards = Object.fromEntries(
    playable.map((e) => [
      e.id,
      <ScenarioCard key={e.id} entry={e} analytics={mine?.analytics ?? false} progress={mine?.progress.get(e.id)} />,
    ]),
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Scenario library</h1>
        <p className="mt-1 text-stone-700">
          Pick a conversation to practise. Each response moves rapport and mutuality; the debrief shows what each one did.
        </p>
        {playable.length > 0 && (
          <a
            href="#scenario-list"
            className="sr-only focus:not-sr-only focus:mt-2 focus:inline-block focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800 focus:underline"
          >
            Skip to the scenarios
          </a>
        )}
      </div>

      {"unavailable" in own && (
        <Notice tone="warning" role="note">
          What is assigned to you and your progress cannot be shown right now: the database cannot be used ({own.unavailable}).
        </Notice>
      )}
      {assigned.length > 0 && <AssignedToYou items={assigned} />}

      <section aria-labelledby="library-heading" className="space-y-3">
        <h2 id="library-heading" className={assigned.length > 0 ? "text-xl font-semibold" : "sr-only"}>
          All scenarios
        </h2>
        {playable.length === 0 ? (
          <Notice tone="plain">No scenarios yet: add *.scenario.yaml files to scenarios/library.</Notice>
        ) : (
          <LibraryBrowser
            key={render}
            render={render}
            items={items}
            cards={cards}
            families={families}
            initial={filters}
            skillLabel={filters.skill ? skillLabel(filters.skill) : null}
          />
        )}
      </section>

      {mine?.author && <BrokenScenarios entries={broken} />}
      {playable.length > 0 && <SkillGlossary />}
    </div>
  );
}
