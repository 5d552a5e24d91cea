import type { DoneAnswer } from "../../../../../../contracts/people-answers";
import { memberRequestSchema } from "../../../../../../contracts/people-requests";
import { addMember } from "../../../../../../server/cohorts";
import { handle, json, readBody, refuseCrossSite } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { checkRecordId, requireAdmin } from "../../../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** Puts someone in the cohort as a trainee or as staff (or changes how they belong); their roles must fit. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "change a cohort's members");
    const id = checkRecordId((await params).id, "cohort");
    const { userId, membership } = await readBody(request, memberRequestSchema);
    const { db } = await (await getStore()).database();
    await addMember(db, actor, id, userId, membership);
    return json({ done: true } satisfies DoneAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
