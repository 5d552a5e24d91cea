/**
 * What the API and the pages answer to requests no browser sends, on the server as `npm start`
 * runs it: odd paths, wrong methods, a chunked body that never ends, no sign-in, another site's
 * page and a body that is not JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { blankChunks, rawRequest } from "./raw-request";
import { childrenOf, freePort, killGroup, startServer, waitFor, type ServerProcess } from "./server-process";
import { ADMIN, setUpAndSignIn } from "./sign-in";
import { expect, test } from "./test";

const UUID = "00000000-0000-4000-8000-000000000000";

let dataDir: string;
let server: ServerProcess;
test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pp-refusals-"));
  // One server process, so that its memory is the one the body would grow.
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "1" });
  // Every request below carries the administrator's sign-in unless it says otherwise.
  await setUpAndSignIn(server.base);
});
test.afterAll(() => {
  killGroup(server);
  rmSync(dataDir, { recursive: true, force: true });
});

const json = (text: string) => JSON.parse(text) as { error: string };
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

test("a chunked body far over 16 kB is refused with 413 long before it is all sent, and the server does not grow", async () => {
  const started = await rawRequest(server.base, {
    method: "POST",
    path: "/api/sessions",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenarioId: "active-listening", mode: "practice" }),
  });
  expect(started.status, started.text).toBe(201);
  const id = (JSON.parse(started.text) as { session: { id: string } }).session.id;
  await waitFor("one server process", () => childrenOf(server.child.pid!).length === 1);
  const worker = childrenOf(server.child.pid!)[0]!;
  const before = rssMb(worker);

  // 512 MB in 64 kB chunks, no content-length: written only as fast as the server reads.
  const total = 512 * 1024 * 1024;
  for (const route of ["/api/sessions", `/api/sessions/${id}/choices`, `/api/sessions/${id}/comments`]) {
    const r = await rawRequest(server.base, {
      method: "POST",
      path: route,
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      chunks: blankChunks(total / 65536, 65536),
    });
    expect([r.status, json(r.text)], route).toEqual([413, { error: "the request body is over 16384 bytes" }]);
    expect(r.bytesSent, route).toBeLessThan(total / 8);
  }
  expect(rssMb(worker) - before).toBeLessThan(100);
});

test("starting a session needs a sign-in, a request from this site and a JSON body, and takes no participant", async () => {
  const start = JSON.stringify({ scenarioId: "active-listening", mode: "practice" });
  const post = (headers: Record<string, string>, body = start, signedIn = true) =>
    rawRequest(server.base, { method: "POST", path: "/api/sessions", headers, body, signedIn });

  const signedOut = await post({ "content-type": "application/json" }, start, false);
  expect([signedOut.status, json(signedOut.text).error]).toEqual([401, expect.stringMatching(/^sign in first: /)]);
  const readSignedOut = await rawRequest(server.base, { path: `/api/sessions/${UUID}`, signedIn: false });
  expect([readSignedOut.status, json(readSignedOut.text).error]).toEqual([401, expect.stringMatching(/^sign in first: /)]);
  const crossSite = await post({ "content-type": "application/json", origin: "https://elsewhere.example" });
  expect([crossSite.status, json(crossSite.text).error]).toEqual([403, "requests from another site are refused"]);
  const form = await post({ "content-type": "application/x-www-form-urlencoded" }, "scenarioId=active-listening&mode=practice");
  expect([form.status, json(form.text).error]).toEqual([415, expect.stringMatching(/must be JSON/)]);
  const named = await post({ "content-type": "application/json" }, JSON.stringify({ scenarioId: "active-listening", mode: "practice", participant: "Sam" }));
  expect([named.status, json(named.text).error]).toEqual([400, expect.stringMatching(/participant/)]);

  // The same request from this site's own page, signed in, starts a session under the account's name.
  const own = await post({ "content-type": "application/json", origin: server.base, "sec-fetch-site": "same-origin" });
  expect(own.status, own.text).toBe(201);
  expect(JSON.parse(own.text).session.participant).toBe(ADMIN.name);
});

test("odd API paths are answered in JSON with the right status", async () => {
  const cases: [string, string, number, RegExp][] = [
    ["GET", "/api/sessions/%ZZ", 400, /percent-escape that is not UTF-8/],
    ["POST", "/api/sessions/%ZZ/choices", 400, /percent-escape/],
    ["GET", "/api/sessions/%C0%80/export", 400, /percent-escape/],
    ["GET", "/api/sessions/..", 404, /^no API route at "\/api\/"$/],
    ["GET", "/api/sessions/.", 404, /^no API route at "\/api\/sessions\/"$/],
    ["POST", `/api/sessions/${UUID}/../choices`, 404, /no session/],
    ["GET", "/api/nope", 404, /^no API route at "\/api\/nope"$/],
    ["GET", "/api", 404, /no API route/],
    ["GET", "/api/sessions/not-a-session", 404, /^no session "not-a-session"$/],
    ["GET", `/api/SESSIONS/${UUID}`, 404, /no API route/],
    ["GET", `/api/${"x".repeat(5000)}`, 414, /^the request path is over 2000 characters$/],
    ["GET", `/api/sessions/${UUID}`, 404, /^no session/],
  ];
  for (const [method, p, status, error] of cases) {
    const r = await rawRequest(server.base, { method, path: p, headers: { "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined });
    expect(r.status, `${method} ${p}`).toBe(status);
    expect(r.headers["content-type"], p).toBe("application/json");
    expect(json(r.text).error, p).toMatch(error);
  }
});

test("a method a route does not have is answered 405 with Allow, in JSON", async () => {
  const cases: [string, string, string][] = [
    ["GET", "/api/sessions", "OPTIONS, POST"],
    ["DELETE", `/api/sessions/${UUID}`, "GET, HEAD, OPTIONS"],
    ["PUT", `/api/sessions/${UUID}/choices`, "OPTIONS, POST"],
    ["PATCH", `/api/sessions/${UUID}/export`, "GET, HEAD, OPTIONS"],
  ];
  for (const [method, p, allow] of cases) {
    const r = await rawRequest(server.base, { method, path: p });
    expect([r.status, r.headers.allow, json(r.text).error], `${method} ${p}`).toEqual([405, allow, expect.stringMatching(new RegExp(`^${method} is not allowed here`))]);
  }
  const options = await rawRequest(server.base, { method: "OPTIONS", path: `/api/sessions/${UUID}/take-back` });
  expect([options.status, options.headers.allow]).toEqual([204, "OPTIONS, POST"]);
});

test("a session, scenario, cohort, account, analytics or progress page with a bad id is the not-found page, with 404", async ({ page }) => {
  for (const p of ["/sessions/%ZZ", "/sessions/..%2F", "/sessions/%00", "/play/%ZZ", "/play/%E9t%E9", "/cohorts/%ZZ", "/admin/cohorts/%ZZ", "/admin/people/%ZZ", "/admin/people/a%2Fb", "/analytics/%ZZ", "/analytics/a%C0%80/report", "/analytics/ok/%ZZ", "/people/%ZZ", "/people/a%2Fb"]) {
    const r = await rawRequest(server.base, { path: p });
    expect(r.status, p).toBe(404);
    expect(r.headers["content-type"], p).toContain("text/html");
  }
  const response = await page.goto(`${server.base}/sessions/%ZZ`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  // Pages keep their trailing-slash redirect.
  const slash = await rawRequest(server.base, { path: "/sessions/" });
  expect([slash.status, slash.headers.location]).toEqual([308, "/sessions"]);
  // With the headers every answer carries, and the query kept.
  for (const [name, value] of Object.entries({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" })) {
    expect(slash.headers[name], name).toBe(value);
  }
  expect(slash.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  const query = await rawRequest(server.base, { path: "/sessions/?scenario=active-listening&page=2" });
  expect([query.status, query.headers.location]).toEqual([308, "/sessions?scenario=active-listening&page=2"]);
});
