import type { DoneAnswer } from "../../../../../../../contracts/people-answers";
import { removeMember } from "../../../../../../../server/cohorts";
import { handle, json, refuseCrossSite } from "../../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../../server/open-store";
import { checkRecordId, requireAdmin } from "../../../../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** Takes someone out of the cohort. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string; userId: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "change a cohort's members");
    const { id, userId } = await params;
    const { db } = await (await getStore()).database();
    await removeMember(db, actor, checkRecordId(id, "cohort"), checkRecordId(userId, "account"));
    return json({ done: true } satisfies DoneAnswer);
  });
}

export const { GET, POST, PUT, PATCH, OPTIONS } = methodsNotAllowed("DELETE");
