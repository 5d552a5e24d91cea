/**
 * The direct routes: the two requests a trainee's play sends most, starting a session
 * (POST /api/sessions) and appending a choice (POST /api/sessions/<id>/choices), answered in each
 * server process straight from its HTTP server's request event, before Next.js routes them.
 *
 * Why: measured on a 2-core machine, Next.js's routing and request handling around a route
 * handler cost more CPU than the handler itself (about 3.5 ms of the 5.5 ms a choice took under
 * load, against 1.6–2 ms for the handler's own work: the sign-in lookup, the session's rows, the
 * replay and the write), and choices are the one request whose rate grows with every trainee
 * playing (`npm run bench:sessions`).
 *
 * What stays the same: the answer is made by the very functions the route files export
 * (server/session-routes.ts), from the request's method, headers (with the client address
 * scripts/request-hook.mjs stamped) and body stream, and it carries the headers next.config.js
 * gives every API answer (API_HEADERS). Only the canonical form of each path is taken: anything
 * else (another method, a query string, a trailing slash, an upper-case id) goes to Next.js,
 * which answers it through the same route files.
 * Without scripts/request-hook.mjs (`next dev`), every request goes through Next.js.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServeDirect } from "./direct-routes-slot.mjs";
import { errorResponse, jsonText, MAX_BODY_BYTES, type ApiRequest } from "./http";
import { API_HEADERS } from "./security-headers.mjs";
import { postChoice, postSession } from "./session-routes";

type Route = (request: ApiRequest) => Promise<Response>;

const CHOICES = /^\/api\/sessions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/choices$/;

/** The direct route a request's method and path (with any query) name, if any. */
export function directRoute(method: string | undefined, url: string | undefined): Route | undefined {
  if (method !== "POST" || url === undefined) return undefined;
  if (url === "/api/sessions") return postSession;
  const id = CHOICES.exec(url)?.[1];
  return id === undefined ? undefined : (request) => postChoice(request, id);
}

/**
 * The request's body as a web stream that starts reading only when the handler reads it. A body
 * never read (a request refused first, as without a sign-in) is left to Node.js, which reads and
 * drops it after the answer, so the connection can be kept for the next request. A handler that
 * stops reading (a body over the limit) leaves the request stream as it is, not destroyed: the
 * answer then goes out whole before the connection is closed (see closeAfterLingering).
 */
function lazyBody(req: IncomingMessage, body: { started: boolean }): ReadableStream<Uint8Array<ArrayBuffer>> {
  let chunks: AsyncIterator<Buffer> | undefined;
  const source: UnderlyingDefaultSource<Uint8Array<ArrayBuffer>> = {
    async pull(controller) {
      body.started = true;
      chunks ??= req.iterator({ destroyOnReturn: false })[Symbol.asyncIterator]();
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value.buffer as ArrayBuffer, value.byteOffset, value.byteLength));
    },
    async cancel() {
      await chunks?.return?.();
    },
  };
  // A high-water mark of 0: nothing is pulled ahead of a read.
  return new ReadableStream<Uint8Array<ArrayBuffer>>(source, { highWaterMark: 0 });
}

/** After an answer given before the end of its body: how long the connection is kept, and how much more of the body is read and dropped meanwhile. */
export const LINGER_MS = 2_000;
export const LINGER_BYTES = 1024 * 1024;

/**
 * Closes the connection of a request answered before the end of its body, once the answer has
 * had time to arrive. Meanwhile the rest of the body is read and dropped, up to LINGER_BYTES, and
 * after that no more is read: the client's writes wait, and the connection is closed LINGER_MS
 * after the answer. Closing sooner would leave the unread body in the socket, and the reset that
 * closing such a socket sends makes the client's system drop whatever it has received and its
 * program not yet read, the answer too (the client then sees a broken connection instead of
 * 413). Closing at a byte count did that to a client busy for the few milliseconds a megabyte
 * takes on a fast network; the time is what the client needs. A body that ends within the bounds
 * keeps the connection for the next request.
 */
function closeAfterLingering(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  let dropped = 0;
  const stopCounting = () => {
    req.off("data", count);
    req.off("end", stop);
  };
  const stop = () => {
    clearTimeout(timer);
    stopCounting();
    socket.off("close", stop);
  };
  const count = (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped <= LINGER_BYTES) return;
    // Enough read: the body waits in the sockets' buffers until the connection is closed.
    stopCounting();
    req.pause();
  };
  const timer = setTimeout(() => {
    stop();
    socket.destroy();
  }, LINGER_MS);
  req.once("end", stop);
  socket.once("close", stop);
  // Once the answer is out, the rest of the body is read, counted and dropped (after Node.js's own
  // dropping of an unread body has begun, which takes every other listener off).
  res.once("finish", () => {
    if (!socket.destroyed && !req.complete) req.on("data", count).resume();
  });
}

/** What the handlers read of the request (ApiRequest); undefined when a header is one a web Headers refuses (then Next.js answers). */
function apiRequest(req: IncomingMessage, body: { started: boolean }): ApiRequest | undefined {
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else headers.set(name, value);
    }
  } catch {
    return undefined;
  }
  const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
  return { method: req.method!, headers, body: hasBody ? lazyBody(req, body) : null };
}

/**
 * Writes the answer with the API's headers. A body the handler began to read but not to its end
 * (refused as too large), or one too large to read and drop, closes the connection after the
 * answer, unless it ends soon after (closeAfterLingering).
 */
async function send(req: IncomingMessage, res: ServerResponse, answer: Response, read: { started: boolean }): Promise<void> {
  const text = jsonText(answer);
  const body = text === undefined ? Buffer.from(await answer.arrayBuffer()) : Buffer.from(text);
  const headers: Record<string, string | string[]> = {};
  for (const { key, value } of API_HEADERS) headers[key] = value;
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  headers["content-length"] = String(body.byteLength);
  res.writeHead(answer.status, headers);
  res.end(body);
  if (!req.complete && (read.started || !(Number(req.headers["content-length"]) <= MAX_BODY_BYTES))) closeAfterLingering(req, res);
}

async function answer(req: IncomingMessage, res: ServerResponse, route: Route, request: ApiRequest, body: { started: boolean }): Promise<void> {
  let response: Response;
  try {
    response = await route(request);
  } catch (e) {
    // The handlers answer what they throw themselves (handle()); this is only for what escapes them.
    response = errorResponse(e);
  }
  try {
    await send(req, res, response, body);
  } catch (e) {
    console.error("[server] an answer could not be sent:", e);
    res.destroy();
  }
}

/**
 * Answers the request when it is a direct route: the promise settles once the answer is written
 * (or the connection found gone), and never rejects. Undefined when the request is left to Next.js.
 */
export function answerDirect(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
  const route = directRoute(req.method, req.url);
  if (!route) return undefined;
  const body = { started: false };
  const request = apiRequest(req, body);
  if (!request) return undefined;
  return answer(req, res, route, request, body);
}

/** Answers the request when it is a direct route (true); leaves it to Next.js otherwise (false). */
export const serveDirect: ServeDirect = (req, res) => answerDirect(req, res) !== undefined;
