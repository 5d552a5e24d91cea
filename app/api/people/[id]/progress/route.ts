import type { PersonProgress } from "../../../../../contracts/analytics-answers";
import { requireAccount } from "../../../../../server/accounts";
import { personProgress } from "../../../../../server/analytics/person-progress";
import { handle, json } from "../../../../../server/http";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** A person's progress: their sessions replayed, assignments and the comments on their sessions. */
export async function GET(request: Request, { params }: Ctx) {
  return handle(async () => {
    const account = await requireAccount(request);
    return json((await personProgress(account, (await params).id)) satisfies PersonProgress);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
