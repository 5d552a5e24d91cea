import { requireAccount } from "../../../../../../server/accounts";
import { handle } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { checkDraftId, requireAuthor } from "../../../../../../server/studio";
import { download } from "../../../../../../server/studio-download";
import { exportDraft, exportFormat } from "../../../../../../server/studio-export";

export const dynamic = "force-dynamic";

/** A draft's saved text to download: `?format=yaml` (the default) or `?format=twee` (only without errors). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const account = await requireAccount(request);
    requireAuthor(account);
    const id = checkDraftId((await params).id);
    const format = exportFormat(new URL(request.url).searchParams.get("format"));
    return download(await exportDraft(await getStore(), account, id, format));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
