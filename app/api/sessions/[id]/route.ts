import type { SessionDetailAnswer } from "../../../../contracts/session-answers";
import { checkSessionId, handle, json } from "../../../../server/http";
import { requireAccount } from "../../../../server/accounts";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";
import { getStore } from "../../../../server/open-store";
import { getSessionDetail } from "../../../../server/session-service";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** A session with its scenario version, choices, comments and the server's replay of them. */
export async function GET(request: Request, { params }: Ctx) {
  return handle(async () => {
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    return json((await getSessionDetail(await getStore(), account, id)) satisfies SessionDetailAnswer);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
