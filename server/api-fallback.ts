/** The answer for a path under /api that is no API route (next.config.js rewrites every such path here). */
import { json } from "./http";
import { SESSION_ROUTES } from "./path-rewrites.mjs";

/** Longer paths are refused without being looked at. */
export const MAX_PATH_LENGTH = 2000;

const SESSION_PATH = new RegExp(`^/api/sessions/([^/]+)(?:/(?:${SESSION_ROUTES.join("|")}))?$`);

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** 414 for an over-long path, 400 when its percent-escapes do not decode, else 404 (naming the session for a session route). */
export function apiFallback(request: Request): Response {
  // request.url is the path as sent, dot segments resolved, before the rewrite.
  const { pathname } = new URL(request.url);
  if (pathname.length > MAX_PATH_LENGTH) {
    return json({ error: `the request path is over ${MAX_PATH_LENGTH} characters` }, 414);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return json({ error: `the request path ${quote(pathname)} has a percent-escape that is not UTF-8` }, 400);
  }
  const session = SESSION_PATH.exec(pathname);
  if (session) return json({ error: `no session ${quote(decodeURIComponent(session[1]!))}` }, 404);
  return json({ error: `no API route at ${quote(decoded)}` }, 404);
}
