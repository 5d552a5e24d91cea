import { checkSessionId, handle, json, readBody, takeBackBody } from "../../../../../server/http";
import { getStore } from "../../../../../server/open-store";
import { takeBack } from "../../../../../server/session-service";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

/** Takes back the last choice (practice mode). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = checkSessionId((await params).id);
    const { seq } = await readBody(request, takeBackBody);
    return json({ session: await takeBack(await getStore(), id, seq) });
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
