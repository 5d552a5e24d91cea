import type { DoneAnswer } from "../../../../../contracts/people-answers";
import { cohortRequestSchema } from "../../../../../contracts/people-requests";
import { deleteCohort, renameCohort } from "../../../../../server/cohorts";
import { handle, json, readBody, refuseCrossSite } from "../../../../../server/http";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { checkRecordId, requireAdmin } from "../../../../../server/require-admin";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Renames the cohort. */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "rename cohorts");
    const id = checkRecordId((await params).id, "cohort");
    const { name } = await readBody(request, cohortRequestSchema);
    const { db } = await (await getStore()).database();
    await renameCohort(db, actor, id, name);
    return json({ done: true } satisfies DoneAnswer);
  });
}

/** Deletes the cohort with its memberships and assignments; the sessions its trainees played stay theirs. */
export async function DELETE(request: Request, { params }: Context) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "delete cohorts");
    const id = checkRecordId((await params).id, "cohort");
    const { db } = await (await getStore()).database();
    await deleteCohort(db, actor, id);
    return json({ done: true } satisfies DoneAnswer);
  });
}

export const { GET, PUT, PATCH, OPTIONS } = methodsNotAllowed("POST", "DELETE");
