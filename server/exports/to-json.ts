/** The versioned JSON export of a session, described by `server/exports/session-export.schema.json`. */
import {
  SESSION_EXPORT_FORMAT,
  SESSION_EXPORT_VERSION,
  sessionExportSchema,
  type SessionExport,
  type SessionTranscript,
} from "../../contracts/session-export";

/** The export object, checked against the schema so a file that leaves the program always matches it. */
export function sessionExport(t: SessionTranscript): SessionExport {
  return sessionExportSchema.parse({ format: SESSION_EXPORT_FORMAT, version: SESSION_EXPORT_VERSION, ...t });
}

/** The export as pretty JSON text with a trailing newline, ready to download. */
export function toExportJson(t: SessionTranscript): string {
  return `${JSON.stringify(sessionExport(t), null, 2)}\n`;
}
