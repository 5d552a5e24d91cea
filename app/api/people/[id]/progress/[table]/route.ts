import { progressTableSchema } from "../../../../../../contracts/analytics-answers";
import { requireAccount } from "../../../../../../server/accounts";
import { csvResponse, progressTable } from "../../../../../../server/analytics/csv";
import { personProgress } from "../../../../../../server/analytics/person-progress";
import { handle } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { ServiceError } from "../../../../../../server/service-error";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; table: string }> };

/** A table of a person's progress as CSV (`sessions.csv`). */
export async function GET(request: Request, { params }: Ctx) {
  return handle(async () => {
    const account = await requireAccount(request);
    const { id, table: file } = await params;
    const table = progressTableSchema.safeParse(file.replace(/\.csv$/, ""));
    if (!file.endsWith(".csv") || !table.success) throw new ServiceError(404, `no progress table "${file.slice(0, 80)}"`);
    const progress = await personProgress(account, id);
    return csvResponse(`progress-${progress.person.id}-${table.data}.csv`, progressTable(progress, table.data));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
