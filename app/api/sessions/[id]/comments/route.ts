import type { CommentAnswer } from "../../../../../contracts/session-answers";
import { commentRequestSchema } from "../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody } from "../../../../../server/http";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { addComment } from "../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** A reviewer's comment on one turn, or on the whole session (turn null). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = checkSessionId((await params).id);
    const body = await readBody(request, commentRequestSchema);
    const comment = await addComment(await getStore(), id, body);
    return json({ comment } satisfies CommentAnswer, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
