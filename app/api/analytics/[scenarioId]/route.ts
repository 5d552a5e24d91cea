import type { ScenarioAnalytics } from "../../../../contracts/analytics-answers";
import { requireAccount } from "../../../../server/accounts";
import { analyticsFiltersOrThrow } from "../../../../server/analytics/query";
import { timedScenarioAnalytics } from "../../../../server/analytics/scenario-analytics";
import { handle, json } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ scenarioId: string }> };

/**
 * A scenario's analytics over the sessions the signed-in account may count, filtered by
 * `?cohort=&mode=&from=&to=&version=`. Server-Timing says where the time went and how the
 * session summaries were found (in memory, stored, or replayed).
 */
export async function GET(request: Request, { params }: Ctx) {
  return handle(async () => {
    const account = await requireAccount(request);
    const filters = analyticsFiltersOrThrow(new URL(request.url).searchParams);
    const { analytics, timings: t } = await timedScenarioAnalytics(account, (await params).scenarioId, filters);
    const answer = json(analytics satisfies ScenarioAnalytics);
    const d = (ms: number) => ms.toFixed(1);
    answer.headers.set(
      "server-timing",
      `query;dur=${d(t.queryMs)}, summaries;dur=${d(t.summariesMs)};desc="${t.memory} in memory / ${t.table} stored / ${t.replayed} replayed", aggregate;dur=${d(t.aggregateMs)}`,
    );
    return answer;
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
