/** HTTP requests sent as written: node:http leaves the path alone (fetch would resolve `..` and re-encode it). */
import http from "node:http";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** The sign-in cookie each server (by origin) was signed in with: sent with every request to it unless told not to. */
const signIns = new Map<string, string>();

/** Remembers the `cookie` header that signs in on the server at `base` (undefined forgets it). */
export function rememberSignIn(base: string, cookie: string | undefined): void {
  if (cookie === undefined) signIns.delete(new URL(base).origin);
  else signIns.set(new URL(base).origin, cookie);
}

/** The `cookie` header remembered for the server at `base`, if any. */
export function signInCookie(base: string): string | undefined {
  return signIns.get(new URL(base).origin);
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent whole, with a content-length. */
  body?: string | Buffer;
  /** Sent chunked (no content-length), one write per chunk, stopping once an answer has come. */
  chunks?: Iterable<Buffer>;
  /** false: sent without the sign-in cookie remembered for the server (default true). A `cookie` in `headers` wins either way. */
  signedIn?: boolean;
}

/** One request on a connection of its own; resolves with the answer once its body has ended. */
export function rawRequest(base: string, r: RawRequest): Promise<RawAnswer & { bytesSent: number }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    // node:http frames a DELETE or OPTIONS body by nothing unless told its length.
    const length = r.body === undefined ? {} : { "content-length": String(Buffer.byteLength(r.body)) };
    // With `connection: close` a server that answers before reading the whole body closes the
    // socket while the body is still being written, and the answer can be lost to EPIPE; kept
    // alive, it reads and drops the rest instead. The socket is closed here once answered.
    const cookie = r.signedIn === false ? undefined : signInCookie(base);
    const headers = { connection: "keep-alive", ...length, ...(cookie !== undefined && { cookie }), ...r.headers };
    const req = http.request(
      { host: url.hostname, port: url.port, method: r.method ?? "GET", path: r.path, headers, agent: false },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => {
          resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(parts).toString("utf8"), bytesSent });
          req.destroy();
        });
        res.on("error", reject);
      },
    );
    req.on("error", (e) => (answered ? undefined : reject(e)));
    if (r.chunks) {
      const it = r.chunks[Symbol.iterator]();
      const pump = () => {
        for (;;) {
          if (answered) return req.destroyed || req.end();
          const next = it.next();
          if (next.done) return req.end();
          bytesSent += next.value.length;
          if (!req.write(next.value)) return req.once("drain", pump);
        }
      };
      pump();
    } else {
      if (r.body !== undefined) bytesSent = Buffer.byteLength(r.body);
      req.end(r.body);
    }
  });
}

/** `count` chunks of `size` bytes of JSON whitespace, made lazily. */
export function* blankChunks(count: number, size: number): Generator<Buffer> {
  const chunk = Buffer.alloc(size, 0x20);
  for (let i = 0; i < count; i++) yield chunk;
}
