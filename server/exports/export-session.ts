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

export interface ExportPlace {
  /**
   * Where the program is reached (PUBLIC_URL, or the request's origin: server/site-origin.ts):
   * the xAPI activity ids, extension IRIs and the actor's account home page are built on it.
   */
  origin: string;
  /** The IANA time zone the Markdown export writes times in (TIME_ZONE; UTC unless given). */
  timeZone?: string;
}

/**
 * The session as Markdown, JSON (contracts/session-export.ts) or xAPI statements. JSON and xAPI
 * give times in ISO 8601 UTC (with `Z`); Markdown writes them for people, naming the zone. An
 * unknown format is refused with 400, after the session was found, so an unknown session is
 * still a 404.
 */
export async function exportSession(store: Store, account: Account, id: string, format: string, place: ExportPlace): Promise<ExportFile> {
  const t = await getSessionTranscript(store, account, id);
  const name = `session-${t.scenario.id}-${id.slice(0, 8)}`;
  const checked = exportFormatSchema.safeParse(format);
  if (!checked.success) throw new ServiceError(400, `format must be markdown, json or xapi, not "${format.slice(0, 40)}"`);
  switch (checked.data) {
    case "markdown":
      return { name: `${name}.md`, contentType: "text/markdown", body: toMarkdown(t, { timeZone: place.timeZone }) };
    case "json":
      return { name: `${name}.json`, contentType: "application/json", body: toExportJson(t) };
    case "xapi":
      return { name: `${name}.xapi.json`, contentType: "application/json", body: `${JSON.stringify(toXapiStatements(t, { baseUrl: place.origin }), null, 2)}\n` };
  }
}
