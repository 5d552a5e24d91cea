/**
 * A seeded stream of requests no well-behaved client sends, over every route of the app: odd
 * paths and ids, wrong methods, malformed and oversized bodies, odd content types, requests
 * without the sign-in and requests a browser says another site's page sent.
 */
import fc from "fast-check";

/** Which session id a request names; resolved to a real id (or left as written) when it is sent. */
export type IdKind = "real" | "real-assessment" | "real-played" | "real-upper" | "unknown" | { raw: string };

export interface FuzzRequest {
  /** The route it was aimed at, for the counts (e.g. `POST /api/sessions/:id/choices`). */
  route: string;
  method: string;
  /** With `{id}` where the session id goes. */
  path: string;
  id: IdKind;
  headers: Record<string, string>;
  body?: Buffer;
  /** A chunked body of `count` chunks of `size` bytes instead. */
  chunked?: { count: number; size: number };
  /** Whether it carries the sign-in cookie. */
  signedIn: boolean;
  /** Whether its headers say another site's page sent it (Sec-Fetch-Site or Origin). */
  crossSite: boolean;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"] as const;

/** Path segments as sent: bad escapes, dot segments, NUL, surrogates, bidi marks, over-long… */
const ODD_SEGMENTS = [
  "%ZZ", "%", "%2", "%%", "%u0041", "%E9", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%FF", "..", ".", "%2e%2e", "%2E", "%00",
  "a%00b", "a%2Fb", "%5C", "%E2%80%8F", "%E2%80%AE", "%EF%BB%BF", "%E2%80%8B", "%F0%9F%98%80", "not-a-session", "",
  "<script>", "'\"", "a;b=c", "x".repeat(300), "x".repeat(3000), "y".repeat(12_000), "a\\b", "a//b",
];

const idKind: fc.Arbitrary<IdKind> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<IdKind>("real", "real", "real-assessment", "real-played", "real-upper", "unknown") },
  { weight: 5, arbitrary: fc.constantFrom(...ODD_SEGMENTS).map((raw): IdKind => ({ raw })) },
);

/** Text values with what a JSON string can carry: controls, lone surrogates, bidi and invisible characters, long runs. */
const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "\u0000", "Sam\u0000", "\u0007bell", "a\u001bb", "\u007f", "\u0085", "line\nbreak", "tab\there", "\u2028",
    "\ud800", "x\udfff", "\udc00\ud800", "\u202eevil", "\u200f\u05d0\u05d1", "\u200b", "\u200c\u200d", "\ufeff", "\u2060",
    "\u00ad", "\u3164", "\u2800", "\ufe0f", "\u0301", "   ", "", "Robin", "O'Brien", "<b>x</b>", "'; drop table sessions; --",
    "%ZZ", "\u{1F600}", "x".repeat(81), "y".repeat(4001), "z".repeat(15_000),
  ),
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddText },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1, 2, 1.5, -0, 1e308, 2 ** 53 + 2, 10_001, 86_400_001, true, false, null) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [1], { a: 1 }, ["1"]) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 30 }) },
);

type Fields = Record<string, { right: fc.Arbitrary<unknown>; odd: fc.Arbitrary<unknown> }>;

/** The fields each body route reads: right values, so that some requests get through to storage, and odd ones. */
const FIELDS: Record<string, Fields> = {
  start: {
    scenarioId: { right: fc.constantFrom("active-listening", "broken-example", "nope"), odd: oddText },
    mode: { right: fc.constantFrom("practice", "assessment"), odd: oddValue },
  },
  choice: {
    seq: { right: fc.integer({ min: 1, max: 4 }), odd: oddValue },
    choiceId: { right: fc.constantFrom("1", "2", "3", "reflect"), odd: oddText },
    timeTakenMs: { right: fc.integer({ min: 0, max: 5000 }), odd: oddValue },
  },
  takeBack: { seq: { right: fc.integer({ min: 1, max: 4 }), odd: oddValue } },
  end: { status: { right: fc.constantFrom("completed", "abandoned"), odd: oddValue } },
  comment: {
    turn: { right: fc.constantFrom(null, 1, 2), odd: oddValue },
    body: { right: fc.constantFrom("Warm opening.\nKeep going.", "\u200f\u05e9\u05dc\u05d5\u05dd", "Tab\there", "<img src=x onerror=alert(1)>"), odd: oddText },
  },
  review: { reviewed: { right: fc.boolean(), odd: oddValue } },
};

const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/**
 * A body of the route's shape: all right; right but for one odd field (what finds the most);
 * some fields only; now and then with a key the route does not know.
 */
const shapedBody = (fields: Fields) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 1, arbitrary: fc.record(mapValues(fields, (f) => f.right)) },
        {
          weight: 3,
          arbitrary: fc
            .tuple(fc.record(mapValues(fields, (f) => f.right)), fc.constantFrom(...Object.keys(fields)))
            .chain(([o, name]) => fields[name]!.odd.map((v) => ({ ...o, [name]: v }))),
        },
        { weight: 1, arbitrary: fc.record(mapValues(fields, (f) => fc.oneof(f.right, f.odd)), { requiredKeys: [] }) },
      ),
      fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("rapport", "__proto__", "constructor", "extra") }),
    )
    .map(([o, extra]) => {
      const text = JSON.stringify(o);
      return extra === null ? text : text.replace(/^\{/, `{${JSON.stringify(extra)}:{"a":1}${text === "{}" ? "" : ","}`);
    });

/** Bodies that are not what any route reads. */
const malformedBody = fc.oneof(
  fc.constantFrom(
    "", "{", "}", '{"a":}', "{'seq':1}", "null", "true", '"x"', "[]", "[{}]", "[1,2]", "1e309", "-0", "NaN", "Infinity",
    '{"seq":1e400,"choiceId":"1","timeTakenMs":0}', '{"seq":9007199254740993,"choiceId":"1","timeTakenMs":1e-400}',
    '{"seq":1,"seq":2}', '{"__proto__":{"seq":1},"choiceId":"1"}', '{"constructor":{"prototype":{"polluted":1}}}',
    "\ufeff{}", '{"participant":"\\ud800"}', '{"scenarioId":"active-listening","mode":"practice","participant":"\\u0000"}',
  ),
  fc.integer({ min: 1, max: 8000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
);

type Body = { body?: Buffer; chunked?: { count: number; size: number } };

const body = (fields: Fields): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 5, arbitrary: shapedBody(fields).map((t): Body => ({ body: Buffer.from(t) })) },
    { weight: 3, arbitrary: malformedBody.map((t): Body => ({ body: Buffer.from(t) })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Body>(
        { body: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) },
        { body: Buffer.from('{"participant":"Robin"}', "utf16le") },
        { body: Buffer.from([0x7b, 0x22, 0xc0, 0x80, 0x22, 0x3a, 0x31, 0x7d]) },
        { body: Buffer.alloc(20_000, 0x20) },
        { body: Buffer.from(`{"body":"${"x".repeat(17_000)}"}`) },
        { chunked: { count: 25, size: 8192 } },
        { chunked: { count: 1, size: 100 } },
        { chunked: { count: 0, size: 0 } },
      ),
    },
  );

/** Mostly JSON, so that most bodies get past the content-type check (415) to be read. */
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
      "APPLICATION/JSON", "application/xml", "*/*;;", "",
    ),
  },
);

type Site = { headers: Record<string, string>; crossSite: boolean };

/** Where a browser would say the request came from: mostly nowhere (a script), now and then another site, or this one. */
const site: fc.Arbitrary<Site> = fc.oneof(
  { weight: 16, arbitrary: fc.constant<Site>({ headers: {}, crossSite: false }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { "sec-fetch-site": "none" },
      { origin: "https://elsewhere.example" }, { origin: "null" }, { origin: "http://127.0.0.1.elsewhere.example" },
    ).map((headers: Record<string, string>): Site => ({ headers, crossSite: true })),
  },
  { weight: 1, arbitrary: fc.constant<Site>({ headers: { "sec-fetch-site": "same-origin" }, crossSite: false }) },
);

interface Target {
  route: string;
  method: string;
  path: fc.Arbitrary<string>;
  fields?: Fields;
}

const pathOf = (p: string) => fc.constant(p);
const FORMATS = ["markdown", "json", "xapi", "pdf", "", "JSON", "%ZZ", "json%00", "xapi&format=json", "%E2%80%AE"];
/** The /sessions and / query: each parameter right or odd, and some no page knows. */
const QUERY: Record<string, string[]> = {
  scenario: ["active-listening", "Active%20Listening"],
  participant: ["Robin", "%D7%90", "%00", "Sam%00", "%ED%A0%80", "%E2%80%8B", "x".repeat(500)],
  outcome: ["connected", "none", "great"],
  mode: ["practice", "fun"],
  status: ["active", "done"],
  from: ["2026-02-28", "garbage", "2026-13-45", "+275760-09-13", "2026-02-29", "0000-01-01"],
  to: ["2026-03-01", "9999-12-31", "2026-3-1", "%ZZ"],
  sort: ["participant", "id"],
  order: ["asc", "up"],
  page: ["2", "1.5", "1e20", "0", "-1", "99999999999999999999", "%00"],
  skill: ["validating", "%ZZ", "%00"],
  "%ZZ": ["%ZZ"],
};
const query = fc
  .array(
    fc.constantFrom(...Object.keys(QUERY)).chain((k) => fc.constantFrom(...QUERY[k]!).map((v) => `${k}=${v}`)),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.join("&")}` : ""));

const TARGETS: Target[] = [
  { route: "POST /api/sessions", method: "POST", path: pathOf("/api/sessions"), fields: FIELDS.start },
  { route: "GET /api/sessions/:id", method: "GET", path: pathOf("/api/sessions/{id}") },
  { route: "POST /api/sessions/:id/choices", method: "POST", path: pathOf("/api/sessions/{id}/choices"), fields: FIELDS.choice },
  { route: "POST /api/sessions/:id/take-back", method: "POST", path: pathOf("/api/sessions/{id}/take-back"), fields: FIELDS.takeBack },
  { route: "POST /api/sessions/:id/end", method: "POST", path: pathOf("/api/sessions/{id}/end"), fields: FIELDS.end },
  { route: "POST /api/sessions/:id/comments", method: "POST", path: pathOf("/api/sessions/{id}/comments"), fields: FIELDS.comment },
  { route: "POST /api/sessions/:id/review", method: "POST", path: pathOf("/api/sessions/{id}/review"), fields: FIELDS.review },
  { route: "GET /api/sessions/:id/export", method: "GET", path: fc.constantFrom(...FORMATS).map((f) => `/api/sessions/{id}/export?format=${f}`) },
  {
    route: "(unknown /api paths)",
    method: "GET",
    path: fc.constantFrom("/api", "/api/", "/api/{id}", "/api/sessions/{id}/nope", "/API/sessions/{id}", "/api/sessions/{id}/choices/", "/api/%ZZ", "/api/sessions/{id}/%ZZ"),
    fields: FIELDS.start,
  },
  { route: "GET /", method: "GET", path: query.map((q) => `/${q}`) },
  { route: "GET /play/:id", method: "GET", path: fc.constantFrom("/play/active-listening", "/play/broken-example", "/play/{id}") },
  { route: "GET /sessions", method: "GET", path: query.map((q) => `/sessions${q}`) },
  { route: "GET /sessions/:id", method: "GET", path: pathOf("/sessions/{id}") },
];

const request: fc.Arbitrary<FuzzRequest> = fc.constantFrom(...TARGETS).chain((t) =>
  fc
    .record({
      path: t.path,
      id: idKind,
      method: fc.oneof({ weight: 4, arbitrary: fc.constant(t.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
      contentType,
      body: body(t.fields ?? FIELDS.start!),
      signedIn: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      site,
    })
    .map(({ path, id, method, contentType, body, signedIn, site }): FuzzRequest => {
      const sendsBody = method !== "GET" && method !== "HEAD";
      return {
        route: t.route,
        method,
        path,
        id,
        headers: {
          ...(contentType && { "content-type": contentType }),
          ...(sendsBody && body.chunked && { "transfer-encoding": "chunked" }),
          ...site.headers,
        },
        ...(sendsBody && body),
        signedIn,
        crossSite: site.crossSite,
      };
    }),
);

/** Text that once got through to storage (PostgreSQL refuses U+0000; a lone surrogate has no UTF-8). */
const HOSTILE_TEXT = ["\u0000", "Sam\u0000Lee", "\u001b[31m", "\ud800", "Robin\udfff", "\u200b\u200d", "\u3164", "\u2800\ufe0f", "\u0085"];

/** Percent-escapes, with the UTF-8 a lone surrogate would have if it had any. */
const escape = (t: string) => Array.from(t, (c) => (c.isWellFormed() ? encodeURIComponent(c) : "%ED%A0%80")).join("");

/**
 * Right bodies with one text field made hostile, and the same in the list's filters: sent on every
 * run, before the random ones, signed in. (The participant and a comment's author are no longer
 * sent: they are the signed-in account's name.)
 */
function corpus(): FuzzRequest[] {
  const json = { "content-type": "application/json" };
  const signedIn = { signedIn: true, crossSite: false };
  const post = (route: string, path: string, id: IdKind, o: object): FuzzRequest => ({
    route,
    method: "POST",
    path,
    id,
    headers: json,
    body: Buffer.from(JSON.stringify(o)),
    ...signedIn,
  });
  return HOSTILE_TEXT.flatMap((t) => [
    post("POST /api/sessions", "/api/sessions", "real", { scenarioId: t, mode: "practice" }),
    post("POST /api/sessions/:id/comments", "/api/sessions/{id}/comments", "real-played", { turn: 1, body: t }),
    post("POST /api/sessions/:id/comments", "/api/sessions/{id}/comments", "real-played", { turn: null, body: `Good ${t} work` }),
    post("POST /api/sessions/:id/choices", "/api/sessions/{id}/choices", "real", { seq: 1, choiceId: t, timeTakenMs: 10 }),
    { route: "GET /sessions", method: "GET", path: `/sessions?participant=${escape(t)}`, id: "real", headers: {}, ...signedIn },
  ]);
}

/** The corpus, then `count` random requests, the same ones for the same seed. */
export function fuzzRequests(seed: number, count: number): FuzzRequest[] {
  return [...corpus(), ...fc.sample(request, { seed, numRuns: count })];
}
