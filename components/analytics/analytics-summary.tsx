import type { AnalyticsCounts, AnalyticsFilters, AnalyticsVersion, VersionCoverage } from "../../contracts/analytics-answers";
import { MODE_LABELS } from "../../contracts/enum-labels";
import { Notice } from "../ui/notice";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The filters applied, in words, the ones not set too: "Cohort Spring · practice mode · started on 2031-03-01 or later · every version". */
export function filtersText(filters: AnalyticsFilters, allCohorts: string): string {
  const parts = [filters.cohort ? `Cohort ${filters.cohort.name}` : allCohorts];
  parts.push(filters.mode ? `${MODE_LABELS[filters.mode].toLowerCase()} mode` : "both modes");
  if (filters.from && filters.to) parts.push(`started from ${filters.from} to before ${filters.to}`);
  else if (filters.from) parts.push(`started on ${filters.from} or later`);
  else if (filters.to) parts.push(`started before ${filters.to}`);
  else parts.push("any date");
  parts.push(filters.version ? `version ${filters.version.slice(0, 12)}` : "every version");
  return parts.join(" · ");
}

/** How many sessions, of how many trainees, are counted, and on which versions. */
export function AnalyticsSummary({
  counts,
  filters,
  allCohorts,
  coverage,
  versions,
}: {
  counts: AnalyticsCounts;
  filters: AnalyticsFilters;
  allCohorts: string;
  coverage: VersionCoverage;
  versions: readonly AnalyticsVersion[];
}) {
  const drawn = versions.find((v) => v.hash === coverage.drawn);
  const because = { chosen: "the version chosen", current: "the current version", latest: "the latest version with sessions" }[coverage.drawnBecause];
  return (
    <div className="space-y-2">
      <p>
        <strong>{plural(counts.sessions, "session", "sessions")}</strong> by <strong>{plural(counts.trainees, "trainee", "trainees")}</strong>: {counts.completed}{" "}
        completed, {counts.abandoned} abandoned, {counts.active} unfinished.
      </p>
      <p className="text-sm text-stone-700">Counted: {filtersText(filters, allCohorts)}.</p>
      {counts.sessions > 0 && (
        <p className="text-sm text-stone-700">
          Figures are worked out from the stored choices, replayed on the version each session was played on. The scenario is shown as version{" "}
          <span className="font-mono">{coverage.drawn.slice(0, 12)}</span>
          {drawn ? ` (“${drawn.title}”)` : ""}, {because}
          {coverage.acrossVersions ? `; the sessions counted span ${coverage.included.length} versions, added up by node and choice` : ""}.
        </p>
      )}
      {(coverage.nodesNotDrawn.length > 0 || coverage.choicesNotDrawn.length > 0) && (
        <Notice tone="plain" role="note">
          Some sessions were played on versions with {coverage.nodesNotDrawn.length > 0 ? plural(coverage.nodesNotDrawn.length, "node", "nodes") : ""}
          {coverage.nodesNotDrawn.length > 0 && coverage.choicesNotDrawn.length > 0 ? " and " : ""}
          {coverage.choicesNotDrawn.length > 0 ? plural(coverage.choicesNotDrawn.length, "choice", "choices") : ""} that the version shown does not have; they are
          in the tables, marked “not in the version shown”, but not on the graph. Choose a version to see it alone.
        </Notice>
      )}
      {counts.damaged > 0 && (
        <Notice tone="warning" role="note">
          {plural(counts.damaged, "session's", "sessions'")} stored choices replay only in part; {counts.damaged === 1 ? "it counts" : "they count"} as far as they replay.
        </Notice>
      )}
    </div>
  );
}
