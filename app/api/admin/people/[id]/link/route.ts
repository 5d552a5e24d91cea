import type { LinkAnswer } from "../../../../../../contracts/people-answers";
import { getAuthFor } from "../../../../../../server/auth";
import { handle, json, refuseCrossSite, requestOrigin } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { issueLink } from "../../../../../../server/people";
import { checkRecordId, requireAdmin } from "../../../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** A new one-time set-password link for the account: for an invitation not yet used, or a forgotten password. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "issue set-password links");
    const id = checkRecordId((await params).id, "account");
    const { db } = await (await getStore()).database();
    const link = await issueLink(await getAuthFor(request.headers), db, actor, id, requestOrigin(request));
    return json({ link } satisfies LinkAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
