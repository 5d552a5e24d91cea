import type { StartAnswer } from "../../../contracts/session-answers";
import { startRequestSchema } from "../../../contracts/session-requests";
import { handle, json, readBody, refuseCrossSite } from "../../../server/http";
import { requireAccount } from "../../../server/accounts";
import { methodsNotAllowed } from "../../../server/methods-not-allowed";
import { getStore } from "../../../server/open-store";
import { startSession } from "../../../server/session-service";

export const dynamic = "force-dynamic";

/** Starts a session. */
export async function POST(request: Request) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const body = await readBody(request, startRequestSchema);
    const session = await startSession(await getStore(), account, body);
    return json({ session } satisfies StartAnswer, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
