/** A stored session as a file to download, in one of the export formats. */
import { exportFormatSchema } from "../../contracts/enums";
import { ServiceError } from "../service-error";
import { getSessionTranscript } from "../session-service";
import type { Account } from "../accounts";
import type { Store } from "../store";
import { toExportJson } from "./to-json";
import { toMarkdown } from "./to-markdown";
import { toXapiStatements } from "./to-xapi";

export interface ExportFile {
  /** The file name offered for saving, without folders. */
  name: string;
  contentType: string;
  body: string;
}

/**
 * The session as Markdown, JSON (contracts/session-export.ts) or xAPI statements; `origin` is
 * where the xAPI activity ids live. An unknown format is refused with 400, after the session was
 * found, so an unknown session is still a 404.
 */
export async function exportSession(store: Store, account: Account, id: string, format: string, origin: string): Promise<ExportFile> {
  const t = await getSessionTranscript(store, account, id);
  const name = `session-${t.scenario.id}-${id.slice(0, 8)}`;
  const checked = exportFormatSchema.safeParse(format);
  if (!checked.success) throw new ServiceError(400, `format must be markdown, json or xapi, not "${format.slice(0, 40)}"`);
  switch (checked.data) {
    case "markdown":
      return { name: `${name}.md`, contentType: "text/markdown", body: toMarkdown(t) };
    case "json":
      return { name: `${name}.json`, contentType: "application/json", body: toExportJson(t) };
    case "xapi":
      return { name: `${name}.xapi.json`, contentType: "application/json", body: `${JSON.stringify(toXapiStatements(t, { baseUrl: origin }), null, 2)}\n` };
  }
}
