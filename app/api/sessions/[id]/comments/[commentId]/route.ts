import type { CommentDeleteAnswer, CommentEditAnswer } from "../../../../../../contracts/session-answers";
import { commentEditRequestSchema, SESSION_ID } from "../../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody, refuseCrossSite } from "../../../../../../server/http";
import { requireAccount } from "../../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { ServiceError } from "../../../../../../server/service-error";
import { deleteComment, editComment } from "../../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** Comment ids are UUIDs, as session ids are: anything else names no comment. */
function checkCommentId(id: string): string {
  if (!SESSION_ID.test(id)) throw new ServiceError(404, `no comment "${id.slice(0, 40)}"`);
  return id.toLowerCase();
}

async function ids(params: Promise<{ id: string; commentId: string }>): Promise<{ id: string; commentId: string }> {
  const { id, commentId } = await params;
  return { id: checkSessionId(id), commentId: checkCommentId(commentId) };
}

/** Replaces the comment's text: its author only; the same text again answers the comment as it is. */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string; commentId: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const { id, commentId } = await ids(params);
    const body = await readBody(request, commentEditRequestSchema);
    const comment = await editComment(await getStore(), account, id, commentId, body);
    return json({ comment } satisfies CommentEditAnswer);
  });
}

/** Deletes the comment: its author, or an administrator; a comment already deleted is 404. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string; commentId: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const { id, commentId } = await ids(params);
    await deleteComment(await getStore(), account, id, commentId);
    return json({ deleted: commentId } satisfies CommentDeleteAnswer);
  });
}

export const { GET, POST, PUT, OPTIONS } = methodsNotAllowed("PATCH", "DELETE");
