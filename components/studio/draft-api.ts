/** The studio's requests from the browser, each answer parsed with its contract. */
import { requestJson } from "../api/request-json";
import type { SaveResult } from "./draft-autosave";

/** Saves a draft's text on the revision it was based on; a 409 comes back as the server's version. */
export async function saveDraft(
  id: string,
  text: string,
  baseRevision: number,
  { keepalive = false, fetch: send }: { keepalive?: boolean; fetch?: typeof fetch } = {},
): Promise<SaveResult> {
  // A request kept alive past the page may carry at most 64 KB; a larger text stays kept in the browser.
  const alive = keepalive && text.length < 60_000;
  const r = await requestJson(`/api/studio/drafts/${id}`, "draftAnswerSchema", { body: { text, baseRevision }, keepalive: alive, fetch: send });
  if (r.ok) return { kind: "saved", revision: r.data.draft.revision, updatedAt: r.data.draft.updatedAt };
  if (r.status === 409) {
    const { parseAnswer } = await import("../../contracts/parse-answer");
    const conflict = parseAnswer("draftConflictAnswerSchema", r.body);
    if (conflict) return { kind: "conflict", stored: conflict.conflict.stored };
  }
  return { kind: "failed", status: r.status, error: r.error };
}
