import Link from "next/link";
import { BrokenScenarioCard, ScenarioCard } from "../components/library/scenario-card";
import { ButtonLink } from "../components/ui/button";
import { Notice } from "../components/ui/notice";
import { hasAccounts } from "../server/accounts";
import { loadLibrary } from "../server/scenario-library";

export const dynamic = "force-dynamic";

// The chosen filter is marked by aria-current, so the look follows what a screen reader is told.
const SKILL_LINK =
  "inline-block rounded-full border border-stone-300 px-3 py-1 text-sm aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white";

export default async function LibraryPage({ searchParams }: { searchParams: Promise<{ skill?: string | string[] }> }) {
  const { skill: raw } = await searchParams;
  const skill = typeof raw === "string" ? raw : undefined;
  const [entries, accounts] = await Promise.all([loadLibrary(), hasAccounts().catch(() => true)]);
  const skills = [...new Set(entries.flatMap((e) => (e.ok ? e.scenario.skills : [])))].sort();
  const shown = entries.filter((e) => !skill || (e.ok && e.scenario.skills.includes(skill)));

  return (
    <div className="space-y-6">
      {!accounts && (
        <Notice tone="info" role="note">
          This installation has no accounts yet. <Link href="/setup">Set up the first administrator</Link>.
        </Notice>
      )}
      <div>
        <h1 className="text-2xl font-semibold">Scenario library</h1>
        <p className="mt-1 text-stone-700">
          Pick a conversation to practise. Each response moves rapport and mutuality; the debrief shows what each one did.
        </p>
      </div>

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
          {shown.map((e) => (e.ok ? <ScenarioCard key={e.file} entry={e} /> : <BrokenScenarioCard key={e.file} entry={e} />))}
        </ul>
      )}
    </div>
  );
}
