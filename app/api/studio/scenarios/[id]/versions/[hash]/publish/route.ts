import type { z } from "zod/mini";
import type { publishedVersionAnswerSchema } from "../../../../../../../../contracts/studio-answers";
import { publishRequestSchema } from "../../../../../../../../contracts/studio-requests";
import { requireAccount } from "../../../../../../../../server/accounts";
import { handle, json, readBody, refuseCrossSite } from "../../../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../../../server/open-store";
import { checkVersionPath, republish, requireAuthor } from "../../../../../../../../server/studio";

export const dynamic = "force-dynamic";

/** Makes a version published before the current version again (body `{}`): `{ version }`. Sessions already started keep theirs. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; hash: string }> }) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    requireAuthor(account);
    const { id, hash } = await params;
    checkVersionPath(id, hash);
    await readBody(request, publishRequestSchema);
    const { db } = await (await getStore()).database();
    return json({ version: await republish(db, account, id, hash) } satisfies z.output<typeof publishedVersionAnswerSchema>);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
