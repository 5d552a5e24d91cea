/**
 * Every request the play page makes to the session API, in one place: what is sent and how each
 * answer is read (with the schemas in session-schemas.ts).
 */
import type { ServerSession, SessionOp, StartedSession, StartRequest } from "../../machines/play-lifecycle";

/** `fetch`, or a stand-in for it. */
export type Send = (url: string, init?: RequestInit) => Promise<Response>;

const sendFetch: Send = (url, init) => fetch(url, init);
const schemas = () => import("./session-schemas");

const postJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const bodyOf = (res: Response): Promise<unknown> => res.json().catch(() => null);

/** The server's sentence for a refusal, or the status it answered with. */
export async function refusalOf(res: Response): Promise<string> {
  const parsed = (await schemas()).refusalAnswer.safeParse(await bodyOf(res));
  return parsed.success ? parsed.data.error : `the server answered ${res.status}`;
}

/** Starts a session on the server; rejects with a sentence for the trainee. */
export async function startSession(request: StartRequest, send: Send = sendFetch): Promise<StartedSession> {
  let res: Response;
  let checks: Awaited<ReturnType<typeof schemas>>;
  try {
    checks = await schemas();
    res = await send("/api/sessions", postJson(request));
  } catch {
    throw new Error("The server cannot be reached, so the session cannot start. Check the connection and try again.");
  }
  if (!res.ok) throw new Error(`The session could not start: ${await refusalOf(res)}.`);
  const answer = checks.startedAnswer.safeParse(await bodyOf(res));
  if (!answer.success) throw new Error(`The session could not start: the server's answer was not understood.`);
  return answer.data.session;
}

/** A session as the server has it, to resume; rejects with the reason as a clause ("the server answered 404"). */
export async function fetchSession(id: string, send: Send = sendFetch): Promise<ServerSession> {
  const { sessionAnswer } = await schemas();
  const res = await send(`/api/sessions/${encodeURIComponent(id)}`);
  if (!res.ok) throw new Error(await refusalOf(res));
  const answer = sessionAnswer.safeParse(await bodyOf(res));
  if (!answer.success) throw new Error("the server's answer was not understood");
  const { session, choices, transcript } = answer.data;
  return { ...session, choices: choices.map((c) => c.choiceId), replayNotice: transcript?.notice ?? null };
}

/** The request that tells the server about one operation. */
export function opRequest(sessionId: string, op: SessionOp): { url: string; init: RequestInit } {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`;
  switch (op.type) {
    case "choice":
      return { url: `${base}/choices`, init: postJson({ seq: op.seq, choiceId: op.choiceId, timeTakenMs: op.timeTakenMs }) };
    case "take-back":
      return { url: `${base}/take-back`, init: postJson({ seq: op.seq }) };
    case "end":
      return { url: `${base}/end`, init: postJson({ status: op.status }) };
  }
}
