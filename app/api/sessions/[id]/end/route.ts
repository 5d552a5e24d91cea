import type { EndAnswer } from "../../../../../contracts/session-answers";
import { endRequestSchema } from "../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody, refuseCrossSite } from "../../../../../server/http";
import { requireAccount } from "../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { endSession } from "../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** Completes (at an ending) or abandons a session. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    const { status } = await readBody(request, endRequestSchema);
    const session = await endSession(await getStore(), account, id, status);
    return json({ session } satisfies EndAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
