import type { ReviewAnswer } from "../../../../../contracts/session-answers";
import { reviewRequestSchema } from "../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody, refuseCrossSite } from "../../../../../server/http";
import { requireAccount } from "../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { markReviewed } from "../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** Marks a session reviewed, or not. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    const { reviewed } = await readBody(request, reviewRequestSchema);
    await markReviewed(await getStore(), account, id, reviewed);
    return json({ reviewed } satisfies ReviewAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
