import { checkSessionId, handle, HttpError } from "../../../../../server/http";
import { getStore } from "../../../../../server/open-store";
import { sessionTranscript } from "../../../../../server/exports/session-transcript";
import { toExportJson } from "../../../../../server/exports/to-json";
import { toMarkdown } from "../../../../../server/exports/to-markdown";
import { toXapiStatements } from "../../../../../server/exports/to-xapi";
import { getSessionDetail } from "../../../../../server/session-service";
import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

/** A session as Markdown, JSON (see server/exports/session-export.schema.json) or xAPI statements. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = checkSessionId((await params).id);
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "json";
    const d = await getSessionDetail(await getStore(), id);
    const t = sessionTranscript(d.session, d.scenario, d.choices, d.comments, d);
    const name = `session-${d.session.scenarioId}-${id.slice(0, 8)}`;
    const file = (body: string, type: string, ext: string) =>
      new Response(body, {
        headers: { "content-type": `${type}; charset=utf-8`, "content-disposition": `attachment; filename="${name}.${ext}"` },
      });
    if (format === "markdown") return file(toMarkdown(t), "text/markdown", "md");
    if (format === "json") return file(toExportJson(t), "application/json", "json");
    if (format === "xapi") {
      const statements = toXapiStatements(t, { baseUrl: url.origin });
      return file(`${JSON.stringify(statements, null, 2)}\n`, "application/json", "xapi.json");
    }
    throw new HttpError(400, `format must be markdown, json or xapi, not "${format.slice(0, 40)}"`);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
