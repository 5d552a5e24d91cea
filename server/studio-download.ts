/** A studio file as an answer the browser saves under its name rather than shows, and no cache keeps. */
import type { StudioExportFile } from "./studio-export";

export function download(file: StudioExportFile): Response {
  return new Response(file.body, {
    headers: {
      "content-type": `${file.contentType}; charset=utf-8`,
      // Names are scenario ids (lowercase letters, digits and hyphens), so they need no quoting beyond this.
      "content-disposition": `attachment; filename="${file.name}"`,
      "cache-control": "no-store",
    },
  });
}
