import type { Metadata } from "next";
import Link from "next/link";
import { reportHref } from "../../../components/analytics/analytics-links";
import { AnalyticsSections, SECTIONS } from "../../../components/analytics/analytics-sections";
import { AnalyticsSummary } from "../../../components/analytics/analytics-summary";
import { FilterForm } from "../../../components/analytics/filter-form";
import { Ignored } from "../../../components/analytics/ignored-filters";
import { ScenarioGraph } from "../../../components/studio/scenario-graph";
import { ButtonLink } from "../../../components/ui/button";
import { Notice } from "../../../components/ui/notice";
import { overlayOf } from "./graph-overlay";
import { loadAnalytics, type SearchParams } from "./load-analytics";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scenario analytics" };

/**
 * A scenario's analytics for supervisors, trainers and administrators, over the sessions of the
 * cohorts they may see: the graph with each node's visits and each choice's share, the choices,
 * the pitfalls, outcomes, meters, kinds and reflections, times and abandonment, filtered by a
 * plain GET form; every table as CSV, and the whole as a printable report.
 */
export default async function AnalyticsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const loaded = await loadAnalytics(id, await searchParams, `/analytics/${id}`);
  if ("unavailable" in loaded) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Scenario analytics</h1>
        <Notice tone="error" role="alert">
          The analytics cannot be shown: the database cannot be used right now ({loaded.unavailable}). Try again in a moment.
        </Notice>
      </div>
    );
  }
  const { analytics: a, problems, allCohorts } = loaded;
  const action = `/analytics/${encodeURIComponent(a.scenarioId)}`;
  return (
    <div data-wide className="mx-auto max-w-6xl space-y-8">
      <div className="space-y-3">
        <p className="no-print text-sm">
          <Link href="/sessions" className="text-brand-700 underline">
            Sessions
          </Link>
          {" · "}
          <Link href={`/sessions?scenario=${encodeURIComponent(a.scenarioId)}`} className="text-brand-700 underline">
            Sessions of this scenario
          </Link>
        </p>
        <h1 className="text-2xl font-semibold break-words">Analytics: {a.title}</h1>
        <FilterForm action={action} filters={a.filters} cohorts={a.cohorts} allCohorts={allCohorts} versions={a.versions} />
        <Ignored problems={problems} />
        <AnalyticsSummary counts={a.counts} filters={a.filters} allCohorts={allCohorts} coverage={a.coverage} versions={a.versions} />
        {a.counts.sessions > 0 && (
          <p className="no-print flex flex-wrap gap-3">
            <ButtonLink variant="secondary" size="sm" href={reportHref(a.scenarioId, a.filters)}>
              Printable cohort report
            </ButtonLink>
          </p>
        )}
      </div>

      {a.counts.sessions === 0 ? (
        <Notice tone="plain" role="status">
          No sessions match these filters, so there is nothing to count yet. Widen the filters, or assign the scenario to a cohort and come back once its trainees have played it.
        </Notice>
      ) : (
        <>
          <nav aria-label="On this page" className="no-print">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`} className="text-brand-700 underline">
                    {s.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <AnalyticsSections
            a={a}
            tables="visible"
            graph={
              <div className="no-print">
                <ScenarioGraph
                  scenario={a.scenario}
                  overlay={overlayOf(a)}
                  className="h-[28rem] sm:h-[36rem]"
                  textAlternative="The table of every node's visits, under the graph, and the choices table list the same figures."
                />
              </div>
            }
          />
        </>
      )}
    </div>
  );
}
