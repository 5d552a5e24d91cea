import type { DoneAnswer } from "../../../../../../contracts/people-answers";
import { eraseRequestSchema } from "../../../../../../contracts/people-requests";
import { handle, json, readBody, refuseCrossSite } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { erasePerson } from "../../../../../../server/people";
import { checkRecordId, requireAdmin } from "../../../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** Erases the person (their email typed again to confirm): their sessions deleted or kept without a name, as `mode` says. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "erase accounts");
    const id = checkRecordId((await params).id, "account");
    const body = await readBody(request, eraseRequestSchema);
    const { db } = await (await getStore()).database();
    await erasePerson(db, actor, id, body);
    return json({ done: true } satisfies DoneAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
