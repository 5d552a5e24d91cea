import type { ChoiceAnswer } from "../../../../../contracts/session-answers";
import { choiceRequestSchema } from "../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody, refuseCrossSite } from "../../../../../server/http";
import { requireAccount } from "../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { appendChoice } from "../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** Appends a choice; a retry of the same turn is answered 200 with what was stored. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    const body = await readBody(request, choiceRequestSchema);
    const r = await appendChoice(await getStore(), account, id, body);
    return json({ choice: r.choice, repeated: r.repeated, turns: r.turns } satisfies ChoiceAnswer, r.repeated ? 200 : 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
