/**
 * The address to build absolute links and export ids on: PUBLIC_URL when it is set (the address
 * people use, whatever a request says), else the address the request came to, as the browser
 * sent it in its Host header. Never the address the server listens on (0.0.0.0 or ::, which the
 * request's own URL may carry): nobody can follow a link there.
 */
import { isWildcardHost, publicUrl } from "./public-url.mjs";

type Env = Readonly<Record<string, string | undefined>>;

/** Whether a request came over HTTPS, directly or through a proxy in front that says so. */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** A host name or address with an optional port, and nothing else (no path, user name or spaces). */
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9_.-]*[a-z0-9])?)(?::\d{1,5})?$/i;

/** `scheme://host` with the host normalized (lower case, no default port), or undefined when `host` is no host. */
function originOf(scheme: "http" | "https", host: string): string | undefined {
  if (!HOST.test(host)) return undefined;
  let url: URL;
  try {
    url = new URL(`${scheme}://${host}`);
  } catch {
    return undefined;
  }
  // A wildcard listen address reaches this machine only from itself: say localhost, which does too.
  if (isWildcardHost(url.hostname)) url.hostname = "localhost";
  return url.origin;
}

/**
 * The origin the visitor reached this server at: the scheme from isHttps, the host from the Host
 * header (a malformed one is ignored), else from the request's URL; a wildcard host becomes localhost.
 */
export function requestOrigin(request: Request): string {
  const scheme = isHttps(request) ? "https" : "http";
  const host = request.headers.get("host")?.trim();
  const fromHeader = host ? originOf(scheme, host) : undefined;
  if (fromHeader) return fromHeader;
  const url = new URL(request.url);
  return originOf(scheme, url.host) ?? `${scheme}://localhost`;
}

/** PUBLIC_URL when set, else the request's origin (requestOrigin): where links and export ids point. */
export function siteOrigin(request: Request, env: Env = process.env): string {
  return publicUrl(env) ?? requestOrigin(request);
}
