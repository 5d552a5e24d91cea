import type { z } from "zod/mini";
import type { versionTextAnswerSchema } from "../../../../../../../contracts/studio-answers";
import { requireAccount } from "../../../../../../../server/accounts";
import { handle, json } from "../../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../../server/open-store";
import { checkVersionPath, requireAuthor } from "../../../../../../../server/studio";
import { publishedVersionText } from "../../../../../../../server/studio-versions";

export const dynamic = "force-dynamic";

/** One published version and its text (the scenario file the library writes for it), to compare versions. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; hash: string }> }) {
  return handle(async () => {
    const account = await requireAccount(request);
    requireAuthor(account);
    const { id, hash } = await params;
    checkVersionPath(id, hash);
    const { version, text } = await publishedVersionText(await getStore(), account, id, hash);
    return json({ version, text } satisfies z.output<typeof versionTextAnswerSchema>);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
