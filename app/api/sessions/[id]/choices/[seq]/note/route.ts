import type { NoteAnswer } from "../../../../../../../contracts/session-answers";
import { noteRequestSchema } from "../../../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody, refuseCrossSite } from "../../../../../../../server/http";
import { requireAccount } from "../../../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../../server/open-store";
import { ServiceError } from "../../../../../../../server/service-error";
import { noteChoice } from "../../../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** The turn of the path; anything but 1 to 10000 written plainly names no choice (404). */
function checkTurn(seq: string): number {
  const n = /^[1-9][0-9]{0,4}$/.test(seq) ? Number(seq) : 0;
  if (n < 1 || n > 10_000) throw new ServiceError(404, `no choice at turn "${seq.slice(0, 20)}"`);
  return n;
}

/** Sets or clears the trainee's note on why they made the choice at this turn (practice mode); a retry answers the same. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; seq: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const { id: rawId, seq: rawSeq } = await params;
    const id = checkSessionId(rawId);
    const seq = checkTurn(rawSeq);
    const body = await readBody(request, noteRequestSchema);
    const choice = await noteChoice(await getStore(), account, id, seq, body);
    return json({ choice } satisfies NoteAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
