/** Route handler plumbing: JSON bodies read with a size limit and validated by a contract schema, refusals answered as JSON. */
import type { z } from "zod";
import type { ErrorAnswer } from "../contracts/session-answers";
import { SESSION_ID } from "../contracts/session-requests";
import { ServiceError } from "./service-error";
import { siteOrigin } from "./site-origin";
import { unavailableReason } from "./store-errors";

/** Request bodies here are a few hundred bytes; anything past this is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * What the API's handlers read of a request: its method, headers and body. A route file passes
 * Next.js's Request; the direct routes (direct-routes.ts) pass these three alone, as making a
 * whole Request (with its URL and abort signal) is work they would never read.
 */
export type ApiRequest = Pick<Request, "method" | "headers" | "body">;

/** The text of each JSON answer, for the direct routes to send without reading the answer's body stream back. */
const jsonTexts = new WeakMap<Response, string>();

/** A JSON answer that no cache keeps. */
export function json(body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const answer = new Response(text, { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
  jsonTexts.set(answer, text);
  return answer;
}

/** The text of an answer made by json(), if it was. */
export function jsonText(answer: Response): string | undefined {
  return jsonTexts.get(answer);
}

const tooLarge = (limit: number) => new ServiceError(413, `the request body is over ${limit} bytes`);

/**
 * The body as text, read chunk by chunk: a body over the limit is refused as soon as the limit
 * is passed (a chunked body has no content-length to refuse it by), and the rest is never read.
 */
export async function readText(request: ApiRequest, limit = MAX_BODY_BYTES): Promise<string> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away in the middle of its body (a reset connection, not the database's).
      throw new ServiceError(400, "the request body ended before it was complete");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ServiceError(400, "the request body is not valid UTF-8");
  }
}

/**
 * Refuses a state-changing request that another site's page made the browser send (403), and a
 * body that is not JSON (415): a form on another site can post only form encodings, and a
 * browser says where a request came from in Sec-Fetch-Site and Origin. Requests without either
 * header (scripts, the command line) are not a browser's and pass. A DELETE without a body needs
 * no content type.
 */
export function refuseCrossSite(request: ApiRequest): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") throw new ServiceError(403, "requests from another site are refused");
  const origin = request.headers.get("origin");
  if (origin !== null) {
    let host: string | null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host !== request.headers.get("host")) throw new ServiceError(403, "requests from another site are refused");
  }
  // A DELETE carries no body; no form can send one, and a page of another site cannot send it without asking first (CORS).
  if (request.method === "DELETE" && !hasBody(request)) return;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw new ServiceError(415, "the request body must be JSON (content-type: application/json)");
}

/** Whether the request says it has a body: a length over 0, or a chunked one. */
function hasBody(request: ApiRequest): boolean {
  return Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding");
}

/**
 * Reads and validates a JSON body: 413 when over `limit` bytes (MAX_BODY_BYTES unless a route
 * carries more, as the studio's scenario texts do), 400 when not UTF-8 JSON or not of the expected shape.
 */
export async function readBody<T extends z.ZodType>(request: ApiRequest, schema: T, limit = MAX_BODY_BYTES): Promise<z.output<T>> {
  const text = await readText(request, limit);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ServiceError(400, "the request body is not valid JSON");
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
    throw new ServiceError(400, `the request body is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
  }
  return result.data;
}

/**
 * Where links handed to people (set-password links) point: PUBLIC_URL when it is set, else the
 * origin the request was sent to, as the browser sees it (server/site-origin.ts), so they open
 * the site the administrator used.
 */
export function requestOrigin(request: Request): string {
  return siteOrigin(request);
}

/** The JSON answer for what a handler threw: a refusal with its status, 503 when the database cannot be used, else 500 without details. */
export function errorResponse(e: unknown): Response {
  if (e instanceof ServiceError) {
    return json({ error: e.message, ...(e.issues && { issues: e.issues }) } satisfies ErrorAnswer, e.status);
  }
  const unavailable = unavailableReason(e);
  if (unavailable !== undefined) {
    console.error(`[server] ${unavailable}`);
    const error = `the database cannot be used right now (${unavailable}); the request may not have been carried out, try again later`;
    const answer = json({ error } satisfies ErrorAnswer, 503);
    answer.headers.set("retry-after", "5");
    return answer;
  }
  console.error(e);
  return json({ error: "something went wrong on the server; the request was not carried out" } satisfies ErrorAnswer, 500);
}

/** Runs a handler, turning whatever it throws into a JSON answer (see errorResponse). */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    return errorResponse(e);
  }
}

/** The session id of a route's path; one that is no UUID is a 404 without touching storage. */
export function checkSessionId(id: string): string {
  if (!SESSION_ID.test(id)) throw new ServiceError(404, `no session "${id.slice(0, 80)}"`);
  return id;
}
