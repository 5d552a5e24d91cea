/**
 * The browser's side of the JSON API: one request, its answer parsed with the contract schema the
 * caller names, and a result instead of an exception, so a network failure, a refusal and an
 * answer that is not what the contract says are each a value the page can show.
 *
 *   const r = await requestJson("/api/sessions", "startAnswerSchema", { body: { scenarioId, mode, participant } });
 *   const r = await requestJson(`/api/sessions/${id}`, "sessionDetailAnswerSchema");
 *   const r = await requestJson(url, "choiceAnswerSchema", { body, fetch: send });
 *   if (r.ok) use(r.data); else if (r.status === null || r.status >= 500) tryAgainLater(); else show(r.error);
 */
import type { Issue } from "../../contracts/session-answers";
import type { AnswerName, AnswerOf } from "../../contracts/parse-answer";

export type JsonResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      /** The HTTP status; null when no answer came (offline, or the server cannot be reached). */
      status: number | null;
      /** A sentence: the server's own `error` when it gave one. */
      error: string;
      /** The server's problems with the request body, one per field; empty otherwise. */
      issues: Issue[];
      /** The answer's JSON as it came, for a refusal that says more than its sentence (a conflict's two versions). */
      body?: unknown;
    };

export interface JsonRequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Sent as JSON; a request with a body is a POST unless `method` says otherwise. */
  body?: unknown;
  /** The fetch to use (a test's, or one that adds something); the global one by default. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Lets the request outlive the page (sent while it is being left); the body may be at most 64 KB then. */
  keepalive?: boolean;
}

type Parser = typeof import("../../contracts/parse-answer");
let parser: Promise<Parser> | undefined;

/** The parsing module (and zod with it), loaded once; a load that failed is tried again next time. */
function loadParser(): Promise<Parser> {
  parser ??= import("../../contracts/parse-answer").catch((e: unknown) => {
    parser = undefined;
    throw e;
  });
  return parser;
}

// Loaded as soon as a page that sends requests is up, while it is surely online: a request made
// after the connection dropped must still be able to read its answer once it comes back.
if (typeof window !== "undefined") void loadParser().catch(() => {});

/**
 * Sends a JSON request and parses a 2xx answer with the named schema of
 * contracts/session-answers.ts, and any other with the error contract. Never throws, except when
 * `signal` aborts it.
 */
export async function requestJson<N extends AnswerName>(
  url: string,
  answer: N,
  { method, body, fetch: send = (...args) => fetch(...args), signal, keepalive }: JsonRequestOptions = {},
): Promise<JsonResult<AnswerOf<N>>> {
  const parsing = loadParser();
  parsing.catch(() => {});
  let res: Response;
  try {
    res = await send(url, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      signal,
      ...(keepalive && { keepalive: true }),
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    return { ok: false, status: null, error: "the server cannot be reached", issues: [] };
  }
  const data: unknown = await res.json().catch(() => undefined);
  let parse: Parser;
  try {
    parse = await parsing;
  } catch {
    return { ok: false, status: res.status, error: `the server's answer (${res.status}) could not be read; reload the page`, issues: [] };
  }
  if (res.ok) {
    const parsed = parse.parseAnswer(answer, data);
    if (parsed !== undefined) return { ok: true, status: res.status, data: parsed };
    return { ok: false, status: res.status, error: `the server's answer (${res.status}) was not what was expected`, issues: [] };
  }
  const refusal = parse.parseRefusal(data);
  if (refusal) return { ok: false, status: res.status, error: refusal.error, issues: refusal.issues ?? [], body: data };
  return { ok: false, status: res.status, error: `the server answered ${res.status}`, issues: [], body: data };
}
