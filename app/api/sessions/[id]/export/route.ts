import { exportSession } from "../../../../../server/exports/export-session";
import { checkSessionId, handle } from "../../../../../server/http";
import { requireAccount } from "../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";

export const dynamic = "force-dynamic";

/** A session as Markdown, JSON (see server/exports/session-export.schema.json) or xAPI statements. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    const url = new URL(request.url);
    const file = await exportSession(await getStore(), account, id, url.searchParams.get("format") ?? "json", url.origin);
    return new Response(file.body, {
      headers: { "content-type": `${file.contentType}; charset=utf-8`, "content-disposition": `attachment; filename="${file.name}"` },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
