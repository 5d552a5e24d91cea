import type { z } from "zod/mini";
import type { versionHistoryAnswerSchema } from "../../../../../../contracts/studio-answers";
import { requireAccount } from "../../../../../../server/accounts";
import { handle, json } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { checkVersionPath, requireAuthor, versionHistory } from "../../../../../../server/studio";

export const dynamic = "force-dynamic";

/** Every version published under the scenario id, newest first, the current one marked. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const account = await requireAccount(request);
    requireAuthor(account);
    const { id } = await params;
    checkVersionPath(id);
    const { db } = await (await getStore()).database();
    return json({ scenarioId: id, versions: await versionHistory(db, account, id) } satisfies z.output<typeof versionHistoryAnswerSchema>);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
