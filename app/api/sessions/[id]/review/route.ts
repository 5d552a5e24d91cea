import { checkSessionId, handle, HttpError, json, readBody, reviewBody } from "../../../../../server/http";
import { getStore } from "../../../../../server/open-store";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

/** Marks a session reviewed, or not. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = checkSessionId((await params).id);
    const { reviewed } = await readBody(request, reviewBody);
    const store = await getStore();
    if (!(await store.getSession(id))) throw new HttpError(404, `no session "${id}"`);
    await store.setReviewed(id, reviewed);
    return json({ reviewed });
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
