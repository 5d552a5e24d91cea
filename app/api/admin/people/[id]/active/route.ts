import type { PersonAnswer } from "../../../../../../contracts/people-answers";
import { activeRequestSchema } from "../../../../../../contracts/people-requests";
import { handle, json, readBody, refuseCrossSite } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { setActive } from "../../../../../../server/people";
import { checkRecordId, requireAdmin } from "../../../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** Deactivates an account (its sign-ins end, and it can sign in no more) or reactivates it. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "deactivate or reactivate accounts");
    const id = checkRecordId((await params).id, "account");
    const { active } = await readBody(request, activeRequestSchema);
    const { db } = await (await getStore()).database();
    const person = await setActive(db, actor, id, active);
    return json({ person } satisfies PersonAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
