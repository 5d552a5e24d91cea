import type { z } from "zod/mini";
import type { DoneAnswer } from "../../../../../contracts/people-answers";
import type { draftAnswerSchema } from "../../../../../contracts/studio-answers";
import { saveDraftRequestSchema } from "../../../../../contracts/studio-requests";
import { requireAccount } from "../../../../../server/accounts";
import { handle, json, readBody, refuseCrossSite } from "../../../../../server/http";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { checkDraftId, deleteDraft, getDraft, MAX_DRAFT_BODY_BYTES, requireAuthor, saveDraft } from "../../../../../server/studio";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** One draft with its text, revision and the checker's findings. */
export async function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const account = await requireAccount(request);
    requireAuthor(account);
    const id = checkDraftId((await params).id);
    const { db } = await (await getStore()).database();
    return json({ draft: await getDraft(db, account, id) } satisfies z.output<typeof draftAnswerSchema>);
  });
}

/**
 * Saves the draft: `{ text, baseRevision }`. Answered `{ draft }` when written (or when the stored
 * text is already this one), else 409 `{ error, conflict: { stored, sent } }` with nothing written.
 */
export async function POST(request: Request, { params }: Params) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    requireAuthor(account);
    const id = checkDraftId((await params).id);
    const body = await readBody(request, saveDraftRequestSchema, MAX_DRAFT_BODY_BYTES);
    const { db } = await (await getStore()).database();
    const saved = await saveDraft(db, account, id, body);
    return "conflict" in saved ? json(saved, 409) : json(saved);
  });
}

/** Removes the draft; what was published from it stays published. */
export async function DELETE(request: Request, { params }: Params) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    requireAuthor(account);
    const id = checkDraftId((await params).id);
    const { db } = await (await getStore()).database();
    await deleteDraft(db, account, id);
    return json({ done: true } satisfies DoneAnswer);
  });
}

export const { PUT, PATCH, OPTIONS } = methodsNotAllowed("GET", "POST", "DELETE");
