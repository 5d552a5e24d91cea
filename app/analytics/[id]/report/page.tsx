import type { Metadata } from "next";
import { analyticsHref } from "../../../../components/analytics/analytics-links";
import { AnalyticsSections } from "../../../../components/analytics/analytics-sections";
import { AnalyticsSummary } from "../../../../components/analytics/analytics-summary";
import { Ignored } from "../../../../components/analytics/ignored-filters";
import { PrintButton } from "../../../../components/analytics/print-button";
import { ButtonLink } from "../../../../components/ui/button";
import { Notice } from "../../../../components/ui/notice";
import { loadAnalytics, type SearchParams } from "../load-analytics";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cohort report" };

/**
 * A scenario's analytics as a document to print: no site navigation, every chart with its table
 * in sight, the nodes as a table instead of the interactive graph, and page breaks kept out of
 * charts, table rows and pitfalls (app/globals.css).
 */
export default async function ReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const loaded = await loadAnalytics(id, await searchParams, `/analytics/${id}/report`);
  if ("unavailable" in loaded) {
    return (
      <div data-print-page className="space-y-4">
        <h1 className="text-2xl font-semibold">Cohort report</h1>
        <Notice tone="error" role="alert">
          The report cannot be made: the database cannot be used right now ({loaded.unavailable}). Try again in a moment.
        </Notice>
      </div>
    );
  }
  const { analytics: a, problems, allCohorts } = loaded;
  return (
    <article data-print-page className="report space-y-8">
      <header className="space-y-3">
        <div className="no-print flex flex-wrap items-center gap-3">
          <PrintButton />
          <ButtonLink variant="quiet" href={analyticsHref(a.scenarioId, a.filters)}>
            Back to the analytics
          </ButtonLink>
        </div>
        <p className="text-sm text-stone-700">Peer Practice · cohort report · made {a.computedAt.slice(0, 16).replace("T", " ")} UTC</p>
        <h1 className="text-2xl font-semibold break-words">{a.title}</h1>
        <Ignored problems={problems} />
        <AnalyticsSummary counts={a.counts} filters={a.filters} allCohorts={allCohorts} coverage={a.coverage} versions={a.versions} />
      </header>
      {a.counts.sessions === 0 ? <Notice tone="plain">No sessions match these filters, so there is nothing to report.</Notice> : <AnalyticsSections a={a} tables="visible" />}
    </article>
  );
}
