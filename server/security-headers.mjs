/**
 * The security headers of every answer, and the Content Security Policy of pages.
 *
 * - Every answer (pages, API, static files, redirects, not-found answers) carries the same fixed
 *   headers, set by next.config.js `headers()`. Next.js applies those before redirects, the proxy
 *   and rewrites, so paths rewritten to the not-found page or to `/api/no-route` carry them too,
 *   and no code runs per request for them.
 * - Pages carry a Content Security Policy with a fresh nonce per request, set by `proxy.ts`, which
 *   runs for pages only. Next.js reads the nonce from the policy on the request and puts it on
 *   the scripts it writes into the page.
 * - API answers carry a policy that allows nothing: they are JSON or files, never pages. The two
 *   API requests each server process answers before Next.js routes them (server/direct-routes.ts)
 *   get the same headers from API_HEADERS.
 *
 * Plain JavaScript because next.config.js imports it; the types are in security-headers.d.mts.
 */

/**
 * The headers every answer carries.
 *
 * Referrer-Policy `same-origin`: another site is never told which page a link was followed from,
 * so nothing in a page's address (a session id, a token in a one-time link's path or query; a
 * fragment is never sent at all) reaches it, while requests to this site keep their referrer.
 * `no-referrer` would take it from this site's own requests too, and then a same-origin POST
 * that is not a CORS request (a form's, and by the Fetch standard a `fetch()`'s too; Chromium
 * still sends the origin with `fetch()`) carries `Origin: null`, which the API and the sign-in
 * refuse (403).
 */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  // For browsers that do not know the policy's `frame-ancestors`.
  { key: "X-Frame-Options", value: "DENY" },
];

/** The policy of API answers: they load nothing, run nothing and are never framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const API_POLICY_HEADER = { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY };

/** Every header an API answer carries: those of every answer, and the API's policy. */
export const API_HEADERS = [...SECURITY_HEADERS, API_POLICY_HEADER];

/**
 * The Content Security Policy of a page, for one request's nonce.
 *
 * - Scripts: only those carrying the nonce, and what they load themselves (`'strict-dynamic'`:
 *   Next.js writes its scripts with the nonce, and they load the page's other chunks; `'self'` is
 *   only for browsers that predate `'strict-dynamic'`, which ignores it). No inline script,
 *   event-handler attribute or `eval` runs. In development `'unsafe-eval'` is added, as
 *   React rebuilds server error stacks in the browser with `eval` there.
 * - Styles: style sheets from this site and `<style>` elements with the nonce (Next.js puts it on
 *   the ones it writes). No `'unsafe-inline'`, so no `style` attribute in a page's HTML applies:
 *   the server renders none (the meters and the debrief's response-mix bars, the only `style`
 *   props, are drawn in the browser, where React sets them through the CSSOM, which the policy
 *   does not govern), and the end-to-end tests fail on any refusal the browser reports. In
 *   development Next.js's development tools (the error overlay and its indicator) add `<style>`
 *   elements without the nonce, so inline styles are allowed there.
 * - Style attributes on the studio's pages only (`styleAttributes`): the code editor there
 *   (CodeMirror) positions its gutters, cursor and panels by setting `style` attributes, which
 *   `style-src-attr 'unsafe-inline'` allows. It allows attributes only, never a `<style>` element
 *   or a style sheet, and a style attribute runs no script; every other page keeps the strict rule.
 * - Workers: scripts from this site (`worker-src 'self'`). Without it a worker falls under
 *   `script-src`, where `'strict-dynamic'` makes browsers ignore `'self'`, and a nonce cannot be
 *   given to `new Worker()`: the studio's editor, which checks the text in a worker, would be
 *   refused.
 * - Requests (`fetch`) and everything else: this site only; images also as `data:` URLs; no
 *   plugins (`object-src 'none'`), no `<base>` (`base-uri 'none'`), forms post only here, and no
 *   site may frame a page (`frame-ancestors 'none'`).
 *
 * No `upgrade-insecure-requests`: the app may be served over plain HTTP (on a local network),
 * where upgrading its own requests to HTTPS would break every page.
 *
 * @param {string} nonce base64, fresh for every request
 * @param {{ development?: boolean, styleAttributes?: boolean }} [options]
 * @returns {string}
 */
export function pageContentSecurityPolicy(nonce, { development = false, styleAttributes = false } = {}) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    ...(styleAttributes && !development ? ["style-src-attr 'unsafe-inline'"] : []),
    "worker-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/**
 * The `headers()` of next.config.js: the fixed headers on every path, and the API's policy on
 * `/api` and everything under it.
 */
export function securityHeaders() {
  return [
    { source: "/:path*", headers: SECURITY_HEADERS },
    { source: "/api/:path*", headers: [API_POLICY_HEADER] },
  ];
}
