import type { AccountAnswer } from "../../../contracts/session-answers";
import { firstAdminRequestSchema } from "../../../contracts/account-requests";
import { createFirstAdmin } from "../../../server/accounts";
import { getAuth } from "../../../server/auth";
import { handle, json, readBody, refuseCrossSite } from "../../../server/http";
import { methodsNotAllowed } from "../../../server/methods-not-allowed";
import { getStore } from "../../../server/open-store";

export const dynamic = "force-dynamic";

/** Makes the first administrator, while no account exists (409 afterwards). */
export async function POST(request: Request) {
  return handle(async () => {
    refuseCrossSite(request);
    const body = await readBody(request, firstAdminRequestSchema);
    const { db } = await (await getStore()).database();
    const account = await createFirstAdmin(await getAuth(), db, body);
    return json({ account } satisfies AccountAnswer, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
