/**
 * The session API's two busiest answers, starting a session and appending a choice, as functions
 * of a web Request: the route files (app/api/sessions/route.ts and …/[id]/choices/route.ts) export
 * them as their POST handlers, and each server process also answers these two requests with them
 * directly, before Next.js routes them (server/direct-routes.ts), from the request's method,
 * headers and body alone (ApiRequest). Both ways run this code and
 * nothing else, so they cannot answer differently.
 */
import type { ChoiceAnswer, StartAnswer } from "../contracts/session-answers";
import { choiceRequestSchema, startRequestSchema } from "../contracts/session-requests";
import { requireAccount } from "./accounts";
import { checkSessionId, handle, json, readBody, refuseCrossSite, type ApiRequest } from "./http";
import { getStore } from "./open-store";
import { appendChoice, startSession } from "./session-service";

/** POST /api/sessions: starts a session. */
export function postSession(request: ApiRequest): Promise<Response> {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const body = await readBody(request, startRequestSchema);
    const session = await startSession(await getStore(), account, body);
    return json({ session } satisfies StartAnswer, 201);
  });
}

/** POST /api/sessions/:id/choices: appends a choice; a retry of the same turn is answered 200 with what was stored. */
export function postChoice(request: ApiRequest, sessionId: string): Promise<Response> {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const id = checkSessionId(sessionId);
    const body = await readBody(request, choiceRequestSchema);
    const r = await appendChoice(await getStore(), account, id, body);
    return json({ choice: r.choice, repeated: r.repeated, turns: r.turns } satisfies ChoiceAnswer, r.repeated ? 200 : 201);
  });
}
