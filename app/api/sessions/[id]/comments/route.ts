import { checkSessionId, commentBody, handle, HttpError, json, readBody } from "../../../../../server/http";
import { getStore } from "../../../../../server/open-store";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

/** A reviewer's comment on one turn, or on the whole session (turn null). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = checkSessionId((await params).id);
    const body = await readBody(request, commentBody);
    const store = await getStore();
    const session = await store.getSession(id);
    if (!session) throw new HttpError(404, `no session "${id}"`);
    if (body.turn !== null && body.turn > session.turns) {
      throw new HttpError(400, `turn ${body.turn} does not exist; the session has ${session.turns} turns`);
    }
    return json({ comment: await store.addComment({ sessionId: id, ...body }) }, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
