import { checkSessionId, endBody, handle, json, readBody } from "../../../../../server/http";
import { getStore } from "../../../../../server/open-store";
import { endSession } from "../../../../../server/session-service";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

/** Completes (at an ending) or abandons a session. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = checkSessionId((await params).id);
    const { status } = await readBody(request, endBody);
    return json({ session: await endSession(await getStore(), id, status) });
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
