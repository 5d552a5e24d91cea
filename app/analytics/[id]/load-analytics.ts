/**
 * What the analytics page and its printable report both load: the signed-in account's analytics
 * of a scenario with the filters in the address. A filter that does not check, or names a cohort
 * or version the account cannot see, is left out and said beside the form rather than refusing the page.
 */
import { notFound } from "next/navigation";
import type { ScenarioAnalytics } from "../../../contracts/analytics-answers";
import { isAdmin, mayReadAnalytics } from "../../../server/access";
import { checkAnalyticsQuery, type AnalyticsFilterInput } from "../../../server/analytics/query";
import { scenarioAnalytics } from "../../../server/analytics/scenario-analytics";
import { accountForPage } from "../../../server/page-account";
import { ServiceError } from "../../../server/service-error";
import { unavailableReason } from "../../../server/store-errors";

export type SearchParams = Record<string, string | string[] | undefined>;

export type Loaded =
  | { analytics: ScenarioAnalytics; problems: string[]; allCohorts: string }
  | { unavailable: string };

/** The analytics of `id` for the page at `path`; not found for whoever may not read analytics, and for a scenario there is none of. */
export async function loadAnalytics(id: string, search: SearchParams, path: string): Promise<Loaded> {
  const account = await accountForPage(path);
  // Trainees get the not-found page, as for a cohort's page: nothing here is theirs.
  if (!mayReadAnalytics(account)) notFound();
  const { filters, problems } = checkAnalyticsQuery(search);
  const allCohorts = isAdmin(account) ? "Every cohort" : "All your cohorts";
  try {
    try {
      return { analytics: await scenarioAnalytics(account, id, filters), problems, allCohorts };
    } catch (e) {
      // A cohort or version the account cannot see answers 404, as an unknown scenario does: try without them to tell which.
      if (!(e instanceof ServiceError && e.status === 404) || (filters.cohort === undefined && filters.version === undefined)) throw e;
      const { cohort, version, ...rest } = filters;
      let analytics = await scenarioAnalytics(account, id, rest);
      const kept: AnalyticsFilterInput = { ...rest };
      if (cohort !== undefined) {
        if (analytics.cohorts.some((c) => c.id === cohort)) kept.cohort = cohort;
        else problems.push(`Cohort: "${cohort.slice(0, 40)}" is not a cohort whose sessions you can see, so all of yours are counted`);
      }
      if (version !== undefined) {
        const withVersion = await scenarioAnalytics(account, id, { ...kept, version }).catch((v: unknown) => {
          if (v instanceof ServiceError && v.status === 404) return undefined;
          throw v;
        });
        if (withVersion) analytics = withVersion;
        else problems.push(`Version: ${version.slice(0, 12)} is not a version of this scenario, so every version is counted`);
      }
      if (kept.cohort !== undefined && analytics.filters.cohort === null) analytics = await scenarioAnalytics(account, id, kept);
      return { analytics, problems, allCohorts };
    }
  } catch (e) {
    if (e instanceof ServiceError && (e.status === 404 || e.status === 403)) notFound();
    const unavailable = unavailableReason(e);
    if (unavailable !== undefined) return { unavailable };
    throw e;
  }
}
