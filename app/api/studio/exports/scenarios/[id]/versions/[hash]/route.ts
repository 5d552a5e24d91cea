import { requireAccount } from "../../../../../../../../server/accounts";
import { handle } from "../../../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../../../server/open-store";
import { checkVersionPath, requireAuthor } from "../../../../../../../../server/studio";
import { download } from "../../../../../../../../server/studio-download";
import { exportFormat, exportVersion } from "../../../../../../../../server/studio-export";

export const dynamic = "force-dynamic";

/** One published version to download: `?format=yaml` (the default) or `?format=twee`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; hash: string }> }) {
  return handle(async () => {
    const account = await requireAccount(request);
    requireAuthor(account);
    const { id, hash } = await params;
    checkVersionPath(id, hash);
    const format = exportFormat(new URL(request.url).searchParams.get("format"));
    return download(await exportVersion(await getStore(), account, id, hash, format));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
