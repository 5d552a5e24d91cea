import { analyticsTableSchema } from "../../../../../contracts/analytics-answers";
import { requireAccount } from "../../../../../server/accounts";
import { analyticsTable, csvResponse } from "../../../../../server/analytics/csv";
import { analyticsFiltersOrThrow } from "../../../../../server/analytics/query";
import { scenarioAnalytics } from "../../../../../server/analytics/scenario-analytics";
import { handle } from "../../../../../server/http";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { ServiceError } from "../../../../../server/service-error";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ scenarioId: string; table: string }> };

/** One table of a scenario's analytics as CSV (`nodes.csv`, `choices.csv`, …), with the same filters as the JSON. */
export async function GET(request: Request, { params }: Ctx) {
  return handle(async () => {
    const account = await requireAccount(request);
    const { scenarioId, table: file } = await params;
    const table = analyticsTableSchema.safeParse(file.replace(/\.csv$/, ""));
    if (!file.endsWith(".csv") || !table.success) throw new ServiceError(404, `no analytics table "${file.slice(0, 80)}"`);
    const filters = analyticsFiltersOrThrow(new URL(request.url).searchParams);
    const analytics = await scenarioAnalytics(account, scenarioId, filters);
    return csvResponse(`${analytics.scenarioId}-${table.data}.csv`, analyticsTable(analytics, table.data));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
