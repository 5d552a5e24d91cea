import type { z } from "zod/mini";
import type { DraftNotPublishableAnswer, publishedVersionAnswerSchema } from "../../../../../../contracts/studio-answers";
import { publishRequestSchema } from "../../../../../../contracts/studio-requests";
import { requireAccount } from "../../../../../../server/accounts";
import { handle, json, readBody, refuseCrossSite } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { checkDraftId, NotPublishableError, publishDraft, requireAuthor } from "../../../../../../server/studio";

export const dynamic = "force-dynamic";

/**
 * Publishes the draft as the current version of its scenario id (body `{}`): `{ version }`.
 * 409 `{ error, check }` when its text has errors; 409 `{ error }` when a library file has the id.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    requireAuthor(account);
    const id = checkDraftId((await params).id);
    await readBody(request, publishRequestSchema);
    try {
      const version = await publishDraft(await getStore(), account, id);
      return json({ version } satisfies z.output<typeof publishedVersionAnswerSchema>);
    } catch (e) {
      if (e instanceof NotPublishableError) return json({ error: e.message, check: e.check } satisfies DraftNotPublishableAnswer, 409);
      throw e;
    }
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
