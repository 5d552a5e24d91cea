/**
 * The browser's side of the JSON API: one request, its answer parsed with the contract schema
 * the caller names, and a result instead of an exception, so a network failure, a refusal and an
 * answer that is not what the contract says are each a value the page can show.
 */
import * as z from "zod/mini";
import { errorAnswerSchema, type Issue } from "../../contracts/session-answers";

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
    };

export interface JsonRequestOptions {
  method?: "GET" | "POST";
  /** Sent as JSON; a request with a body is a POST unless `method` says otherwise. */
  body?: unknown;
  /** The fetch to use (a test's, or one that adds something); the global one by default. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** Sends a JSON request and parses a 2xx answer with `answer` and any other with the error contract; never throws, except when `signal` aborts it. */
export async function requestJson<S extends z.core.$ZodType>(
  url: string,
  answer: S,
  { method, body, fetch: send = (...args) => fetch(...args), signal }: JsonRequestOptions = {},
): Promise<JsonResult<z.output<S>>> {
  let res: Response;
  try {
    res = await send(url, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    return { ok: false, status: null, error: "the server cannot be reached", issues: [] };
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (res.ok) {
    const parsed = z.safeParse(answer, data);
    if (parsed.success) return { ok: true, status: res.status, data: parsed.data };
    return { ok: false, status: res.status, error: `the server's answer (${res.status}) was not what was expected`, issues: [] };
  }
  const refusal = z.safeParse(errorAnswerSchema, data);
  if (refusal.success) return { ok: false, status: res.status, error: refusal.data.error, issues: refusal.data.issues ?? [] };
  return { ok: false, status: res.status, error: `the server answered ${res.status}`, issues: [] };
}
