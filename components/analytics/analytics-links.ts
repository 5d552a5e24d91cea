/**
 * The addresses of a scenario's analytics with the same filters: the page, its printable report,
 * and each table's CSV (the API takes the filters as the page does: `?cohort=&mode=&from=&to=&version=`).
 */
import type { AnalyticsFilters, AnalyticsTable, ProgressTable } from "../../contracts/analytics-answers";

/** The applied filters as a query string ("" when none), in a fixed order so links compare equal. */
export function filterQuery(filters: AnalyticsFilters): string {
  const params = new URLSearchParams();
  if (filters.cohort) params.set("cohort", filters.cohort.id);
  if (filters.mode) params.set("mode", filters.mode);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.version) params.set("version", filters.version);
  const q = params.toString();
  return q === "" ? "" : `?${q}`;
}

const idPart = (id: string) => encodeURIComponent(id);

export const analyticsHref = (scenarioId: string, filters: AnalyticsFilters) => `/analytics/${idPart(scenarioId)}${filterQuery(filters)}`;

export const reportHref = (scenarioId: string, filters: AnalyticsFilters) => `/analytics/${idPart(scenarioId)}/report${filterQuery(filters)}`;

export const analyticsCsvHref = (scenarioId: string, table: AnalyticsTable, filters: AnalyticsFilters) =>
  `/api/analytics/${idPart(scenarioId)}/${table}.csv${filterQuery(filters)}`;

export const progressHref = (personId: string) => `/people/${idPart(personId)}`;

export const progressCsvHref = (personId: string, table: ProgressTable) => `/api/people/${idPart(personId)}/progress/${table}.csv`;
