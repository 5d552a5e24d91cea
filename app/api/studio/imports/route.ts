import type { z } from "zod/mini";
import type { importAnswerSchema } from "../../../../contracts/studio-answers";
import { importRequestSchema } from "../../../../contracts/studio-requests";
import { requireAccount } from "../../../../server/accounts";
import { handle, json, readBody, refuseCrossSite } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";
import { getStore } from "../../../../server/open-store";
import { MAX_DRAFT_BODY_BYTES, requireAuthor } from "../../../../server/studio";
import { importDraft } from "../../../../server/studio-import";

export const dynamic = "force-dynamic";

/** A new draft from a file: `{ fileName, text, scenarioId? }` (YAML, JSON or Twee), answered 201 with the draft and the Twee importer's warnings. */
export async function POST(request: Request) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    requireAuthor(account);
    const body = await readBody(request, importRequestSchema, MAX_DRAFT_BODY_BYTES);
    const { db } = await (await getStore()).database();
    return json((await importDraft(db, account, body)) satisfies z.output<typeof importAnswerSchema>, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
