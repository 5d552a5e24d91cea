import type { DoneAnswer } from "../../../../contracts/people-answers";
import { SESSION_ID } from "../../../../contracts/session-requests";
import { requireAccount } from "../../../../server/accounts";
import { removeAssignment } from "../../../../server/cohorts";
import { handle, json, refuseCrossSite } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";
import { getStore } from "../../../../server/open-store";
import { ServiceError } from "../../../../server/service-error";

export const dynamic = "force-dynamic";

/**
 * Removes an assignment; the sessions played for it stay. Like every request that changes
 * something, it must say it is JSON (an empty object will do): that, with the browser's own
 * Sec-Fetch-Site and Origin, keeps another site's page from sending it.
 */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const { id } = await params;
    // Assignment ids are UUIDs, like session ids; anything else is looked up nowhere.
    if (!SESSION_ID.test(id)) throw new ServiceError(404, `no assignment "${id.slice(0, 80)}"`);
    const { db } = await (await getStore()).database();
    await removeAssignment(db, account, id);
    return json({ done: true } satisfies DoneAnswer);
  });
}

export const { GET, POST, PUT, PATCH, OPTIONS } = methodsNotAllowed("DELETE");
