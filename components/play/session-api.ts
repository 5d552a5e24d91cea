/**
 * Every request the play page makes to the session API, in one place: starting a session,
 * loading one to resume, and telling the server about each operation. Answers are read with the
 * contract schemas through requestJson.
 */
import type { SessionOp } from "../../contracts/browser-storage";
import type { StartRequest } from "../../contracts/session-requests";
import type { ServerSession, StartedSession } from "../../machines/play-lifecycle";
import { requestJson, type JsonResult } from "../api/request-json";

/** Starts a session on the server; rejects with a sentence for the trainee. */
export async function startSession(request: StartRequest, send?: typeof fetch): Promise<StartedSession> {
  const r = await requestJson("/api/sessions", "startAnswerSchema", { body: request, fetch: send });
  if (r.ok) return { id: r.data.session.id, seed: r.data.session.seed, startedAt: r.data.session.startedAt };
  if (r.status === null) throw new Error("The server cannot be reached, so the session cannot start. Check the connection and try again.");
  throw new Error(`The session could not start: ${r.error}.`);
}

/** A session as the server has it, to resume; rejects with the reason as a clause ("the server answered 404"). */
export async function fetchSession(id: string, send?: typeof fetch): Promise<ServerSession> {
  const r = await requestJson(`/api/sessions/${encodeURIComponent(id)}`, "sessionDetailAnswerSchema", { fetch: send });
  if (!r.ok) throw new Error(r.error);
  const { session, choices, transcript } = r.data;
  return {
    id: session.id,
    mode: session.mode,
    seed: session.seed,
    startedAt: session.startedAt,
    participant: session.participant,
    status: session.status,
    scenarioHash: session.scenarioHash,
    choices: choices.map((c) => c.choiceId),
    notes: Object.fromEntries(choices.flatMap((c) => (c.note === null ? [] : [[String(c.seq), { choiceId: c.choiceId, text: c.note }]]))),
    replayNotice: transcript.notice,
  };
}

/** Tells the server about one operation: a choice, a take-back, the end, or a note on a choice. */
export function sendOp(sessionId: string, op: SessionOp, send?: typeof fetch): Promise<JsonResult<unknown>> {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`;
  switch (op.type) {
    case "choice":
      return requestJson(`${base}/choices`, "choiceAnswerSchema", {
        body: { seq: op.seq, choiceId: op.choiceId, timeTakenMs: op.timeTakenMs },
        fetch: send,
      });
    case "take-back":
      return requestJson(`${base}/take-back`, "takeBackAnswerSchema", { body: { seq: op.seq }, fetch: send });
    case "end":
      return requestJson(`${base}/end`, "endAnswerSchema", { body: { status: op.status }, fetch: send });
    case "note":
      return requestJson(`${base}/choices/${op.seq}/note`, "noteAnswerSchema", { body: { note: op.note, choiceId: op.choiceId }, fetch: send });
  }
}
