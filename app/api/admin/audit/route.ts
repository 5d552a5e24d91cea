import type { AuditAnswer } from "../../../../contracts/people-answers";
import { auditQuerySchema } from "../../../../contracts/people-requests";
import { listAudit } from "../../../../server/audit";
import { handle, json } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";
import { getStore } from "../../../../server/open-store";
import { requireAdmin } from "../../../../server/require-admin";
import { ServiceError } from "../../../../server/service-error";

export const dynamic = "force-dynamic";

/** One page of the audit log, newest first (`page`, from 1), only what was done by or to one account when `person` names it. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireAdmin(request, "read the audit log");
    const search = new URL(request.url).searchParams;
    const raw: Record<string, string> = {};
    for (const [key, value] of search) raw[key] = value;
    const parsed = auditQuerySchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(query)", message: i.message }));
      throw new ServiceError(400, `the query is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
    }
    const { db } = await (await getStore()).database();
    const answer = await listAudit(db, { page: parsed.data.page, personId: parsed.data.person });
    return json(answer satisfies AuditAnswer);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
