/**
 * Rewrites that run before Next.js matches a dynamic route. Next.js decodes a dynamic segment
 * with decodeURIComponent and answers a bad percent-escape (`%ZZ`, `%C0%80`) with a bare
 * plain-text 500 before any app code runs; these send such paths elsewhere first.
 *
 * - `/api`: anything that is not a well-formed API path (`/api/sessions`, or a UUID with one of
 *   the session routes after it, or `choices/<turn>/note`, or `comments/<uuid>`; `/api/setup`; `/api/auth/` and lowercase words joined by `/`
 *   and `-`, the authentication library's routes; `/api/admin/people|cohorts[/<id>…]`,
 *   `/api/admin/audit`, `/api/assignments[/<uuid>]`, `/api/studio/drafts[/<uuid>[/publish]]`,
 *   `/api/studio/scenarios/<scenario id>/versions[/<hash>[/publish]]`, `/api/studio/imports`,
 *   `/api/studio/exports/drafts/<uuid>`, `/api/studio/exports/scenarios/<scenario id>[/versions/<hash>]`,
 *   `/api/analytics/<scenario id>[/<table>.csv]`, `/api/people/<id>/progress[/sessions.csv]`)
 *   goes to `/api/no-route`, which answers JSON (400, 404 or 414).
 *   The hot routes stay a regex test away from their handlers, and no middleware reads bodies.
 * - `/sessions/<id>`: only UUIDs are session ids; anything else is not found.
 * - `/cohorts/<id>`, `/admin/cohorts/<id>`, `/admin/people/<id>`: only letters, digits, `_` and
 *   `-` make a cohort or account id; anything else is not found.
 * - `/studio/scenarios/<id>`: only scenario ids (lowercase letters, digits and `-`) name a
 *   scenario's version history; anything else is not found.
 * - `/analytics/<id>[/report]`: only scenario ids name a scenario's analytics; `/people/<id>`: only
 *   account ids name a person's progress; anything else is not found.
 * - `/play/<id>`: scenario ids come from file names, so any id is tried, unless its
 *   percent-escapes do not decode.
 *
 * Plain JavaScript because next.config.js imports it; the types are in path-rewrites.d.mts.
 */

export const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** The routes under /api/sessions/<id>. */
export const SESSION_ROUTES = ["choices", "take-back", "end", "comments", "review", "export"];

/** A turn number in a path (`/api/sessions/<id>/choices/<turn>/note`): 1 to 99999, no leading zero. */
export const TURN = "[1-9][0-9]{0,4}";

/** The routes under /api/admin/people/<id>. */
export const PERSON_ROUTES = ["link", "roles", "active", "export", "erase"];

/** Scenario ids in a path: kebab-case, at most 64 characters (the route checks the exact form). */
export const SCENARIO_ID = "[a-z0-9-]{1,64}";

/** A scenario version's hash: 64 hex digits. */
export const VERSION_HASH = "[0-9a-f]{64}";

/** The tables of a scenario's analytics served as CSV (contracts/analytics-answers.ts `ANALYTICS_TABLES`). */
export const ANALYTICS_TABLES = ["nodes", "choices", "pitfalls", "outcomes", "meters", "kinds", "reflections", "times", "abandonment"];

/** Account ids (the authentication library's) and cohort ids: letters, digits, `_` and `-`. */
export const RECORD_ID = "[A-Za-z0-9_-]{1,64}";

const HEX = "[0-9A-Fa-f]";
const CONT = `%[89ABab]${HEX}`;
/** One percent-escaped UTF-8 character (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
const UTF8_ESCAPE = [
  `%[0-7]${HEX}`,
  `%[Cc][2-9A-Fa-f]${CONT}`,
  `%[Dd]${HEX}${CONT}`,
  `%[Ee]0%[AaBb]${HEX}${CONT}`,
  `%[Ee][1-9A-Ca-cEeFf]${CONT}${CONT}`,
  `%[Ee][Dd]%[89]${HEX}${CONT}`,
  `%[Ff]0%[9AaBb]${HEX}${CONT}${CONT}`,
  `%[Ff][1-3]${CONT}${CONT}${CONT}`,
  `%[Ff]4%8${HEX}${CONT}${CONT}`,
].join("|");

/** A path segment that decodeURIComponent accepts. */
export const WELL_FORMED_SEGMENT = `(?:[^%/]|${UTF8_ESCAPE})*`;

/** Where a path that is not an API route goes; its handler answers every method. */
export const API_NO_ROUTE = "/api/no-route";

/** A path no route can ever have (app folders starting with `_` are private), so Next.js renders its not-found page. */
const NOT_FOUND = "/_not-a-route";

/**
 * The rewrites for next.config.js. `beforeFiles` ones run before Next.js decodes anything. Their
 * regular expressions are case-insensitive (Next.js 16 ignores experimental.caseSensitiveRoutes
 * for them), so `/api/SESSIONS/<uuid>` passes the whitelist yet matches no route: the `fallback`
 * rewrite, which runs once no route matched, sends it to the JSON answer too.
 */
export function pathRewrites() {
  const apiPath = [
    `sessions(?:/${UUID}(?:/(?:${SESSION_ROUTES.join("|")}|choices/${TURN}/note|comments/${UUID}))?)?`,
    "setup",
    "auth(?:/[a-z][a-z-]*)+",
    `admin/people(?:/${RECORD_ID}(?:/(?:${PERSON_ROUTES.join("|")}))?)?`,
    `admin/cohorts(?:/${RECORD_ID}(?:/members(?:/${RECORD_ID})?)?)?`,
    "admin/audit",
    `assignments(?:/${UUID})?`,
    `studio/drafts(?:/${UUID}(?:/publish)?)?`,
    `studio/scenarios/${SCENARIO_ID}/versions(?:/${VERSION_HASH}(?:/publish)?)?`,
    "studio/imports",
    `studio/exports/(?:drafts/${UUID}|scenarios/${SCENARIO_ID}(?:/versions/${VERSION_HASH})?)`,
    `analytics/${SCENARIO_ID}(?:/(?:${ANALYTICS_TABLES.join("|")})\\.csv)?`,
    `people/${RECORD_ID}/progress(?:/sessions\\.csv)?`,
  ].join("|");
  return {
    beforeFiles: [
      { source: "/api", destination: API_NO_ROUTE },
      { source: `/api/:path((?!(?:${apiPath})$).*)`, destination: API_NO_ROUTE },
      { source: `/sessions/:id((?!${UUID}$).*)`, destination: NOT_FOUND },
      { source: `/cohorts/:id((?!${RECORD_ID}$).*)`, destination: NOT_FOUND },
      { source: `/admin/cohorts/:id((?!${RECORD_ID}$).*)`, destination: NOT_FOUND },
      { source: `/admin/people/:id((?!${RECORD_ID}$).*)`, destination: NOT_FOUND },
      { source: `/studio/scenarios/:id((?!${SCENARIO_ID}$).*)`, destination: NOT_FOUND },
      { source: `/analytics/:id((?!${SCENARIO_ID}(?:/report)?$).*)`, destination: NOT_FOUND },
      { source: `/people/:id((?!${RECORD_ID}$).*)`, destination: NOT_FOUND },
      { source: `/play/:id((?!${WELL_FORMED_SEGMENT}$).*)`, destination: NOT_FOUND },
    ],
    fallback: [{ source: "/api/:path*", destination: API_NO_ROUTE }],
  };
}
