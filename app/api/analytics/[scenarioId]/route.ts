import type { ScenarioAnalytics } from "../../../../contracts/analytics-answers";
import { requireAccount } from "../../../../server/accounts";
import { analyticsFiltersOrThrow } from "../../../../server/analytics/query";
import { scenarioAnalytics } from "../../../../server/analytics/scenario-analytics";
import { handle, json } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ scenarioId: string }> };

/** A scenario's analytics over the sessions the signed-in account may count, filtered by `?cohort=&mode=&from=&to=&version=`. */
export async function GET(request: Request, { params }: Ctx) {
  return handle(async () => {
    const account = await requireAccount(request);
    const filters = analyticsFiltersOrThrow(new URL(request.url).searchParams);
    return json((await scenarioAnalytics(account, (await params).scenarioId, filters)) satisfies ScenarioAnalytics);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
