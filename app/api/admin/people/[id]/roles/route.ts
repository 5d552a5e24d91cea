import type { PersonAnswer } from "../../../../../../contracts/people-answers";
import { rolesRequestSchema } from "../../../../../../contracts/people-requests";
import { handle, json, readBody, refuseCrossSite } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { setRoles } from "../../../../../../server/people";
import { checkRecordId, requireAdmin } from "../../../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** Sets the account's roles (the last active administrator keeps that role). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "change roles");
    const id = checkRecordId((await params).id, "account");
    const { roles } = await readBody(request, rolesRequestSchema);
    const { db } = await (await getStore()).database();
    const person = await setRoles(db, actor, id, roles);
    return json({ person } satisfies PersonAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
