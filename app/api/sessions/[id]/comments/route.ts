import type { CommentAnswer } from "../../../../../contracts/session-answers";
import { commentRequestSchema } from "../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody, refuseCrossSite } from "../../../../../server/http";
import { requireAccount } from "../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { addComment } from "../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** A reviewer's comment on one turn, or on the whole session (turn null). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    const body = await readBody(request, commentRequestSchema);
    const comment = await addComment(await getStore(), account, id, body);
    return json({ comment } satisfies CommentAnswer, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
