import type { z } from "zod/mini";
import type { draftAnswerSchema, draftListAnswerSchema } from "../../../../contracts/studio-answers";
import { newDraftRequestSchema } from "../../../../contracts/studio-requests";
import { requireAccount } from "../../../../server/accounts";
import { handle, json, readBody, refuseCrossSite } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";
import { getStore } from "../../../../server/open-store";
import { createDraft, listDrafts, MAX_DRAFT_BODY_BYTES, requireAuthor } from "../../../../server/studio";

export const dynamic = "force-dynamic";

/** Every draft in the studio, most recently saved first: trainers and administrators. */
export async function GET(request: Request) {
  return handle(async () => {
    const account = await requireAccount(request);
    requireAuthor(account);
    const { db } = await (await getStore()).database();
    return json({ drafts: await listDrafts(db, account) } satisfies z.output<typeof draftListAnswerSchema>);
  });
}

/** A new draft of a scenario: `{ scenarioId, text }`, answered 201 with the draft at revision 1. */
export async function POST(request: Request) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    requireAuthor(account);
    const body = await readBody(request, newDraftRequestSchema, MAX_DRAFT_BODY_BYTES);
    const { db } = await (await getStore()).database();
    return json({ draft: await createDraft(db, account, body) } satisfies z.output<typeof draftAnswerSchema>, 201);
  });
}

export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET", "POST");
