import { requireAccount } from "../../../../../../server/accounts";
import { handle } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { checkVersionPath, requireAuthor } from "../../../../../../server/studio";
import { download } from "../../../../../../server/studio-download";
import { exportFormat, exportScenario } from "../../../../../../server/studio-export";

export const dynamic = "force-dynamic";

/** A scenario of the library to download (a file, else the current published version): `?format=yaml` (the default) or `?format=twee`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const account = await requireAccount(request);
    requireAuthor(account);
    const { id } = await params;
    checkVersionPath(id);
    const format = exportFormat(new URL(request.url).searchParams.get("format"));
    return download(await exportScenario(await getStore(), account, id, format));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
