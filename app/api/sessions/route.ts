import { getStore } from "../../../server/open-store";
import { handle, json, readBody, startBody } from "../../../server/http";
import { startSession } from "../../../server/session-service";
import { methodsNotAllowed } from "../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

/** Starts a session. */
export async function POST(request: Request) {
  return handle(async () => {
    const body = await readBody(request, startBody);
    const session = await startSession(await getStore(), body);
    return json({ session }, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
