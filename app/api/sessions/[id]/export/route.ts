import { exportSession } from "../../../../../server/exports/export-session";
import { checkSessionId, handle } from "../../../../../server/http";
import { requireAccount } from "../../../../../server/accounts";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../server/open-store";
import { timeZone } from "../../../../../server/public-url.mjs";
import { siteOrigin } from "../../../../../server/site-origin";

export const dynamic = "force-dynamic";

/** A session as Markdown, JSON (see server/exports/session-export.schema.json) or xAPI statements. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const account = await requireAccount(request);
    const id = checkSessionId((await params).id);
    const format = new URL(request.url).searchParams.get("format") ?? "json";
    // PUBLIC_URL when set; otherwise the address the browser used, never the server's listen address.
    const file = await exportSession(await getStore(), account, id, format, { origin: siteOrigin(request), timeZone: timeZone() });
    return new Response(file.body, {
      headers: { "content-type": `${file.contentType}; charset=utf-8`, "content-disposition": `attachment; filename="${file.name}"` },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
