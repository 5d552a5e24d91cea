import type { ReviewAnswer } from "../../../../../contracts/session-answers";
import { reviewRequestSchema } from "../../../../../contracts/session-requests";
import { checkSessionId, handle, json, readBody } from "../../../../../server/http";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { markReviewed } from "../../../../../server/session-service";

export const dynamic = "force-dynamic";

/** Marks a session reviewed, or not. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = checkSessionId((await params).id);
    const { reviewed } = await readBody(request, reviewRequestSchema);
    await markReviewed(await getStore(), id, reviewed);
    return json({ reviewed } satisfies ReviewAnswer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
