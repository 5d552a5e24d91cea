import type { TakeBackAnswer } from "../../../../../contracts/session-answers";
import { takeBackRequestSchema } from "../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody, refuseCrossSite } from "../../../../../server/http";
import { requireAccount } from "../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { takeBack } from "../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** Takes back the last choice (practice mode). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    const { seq } = await readBody(request, takeBackRequestSchema);
    const session = await takeBack(await getStore(), account, id, seq);
    return json({ session } satisfies TakeBackAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
