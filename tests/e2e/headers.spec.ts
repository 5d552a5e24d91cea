/**
 * The security headers: every page with its own Content Security Policy (a fresh nonce that the
 * page's scripts carry), every API answer with the fixed headers and a policy that allows
 * nothing; and the check of tests/e2e/test.ts, which fails a test whose pages had something refused.
 */
import type { APIResponse } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { expect, test } from "./test";

const FIXED = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

/** The page policy, with the nonce it names. */
const PAGE_POLICY =
  /^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'; style-src 'self' 'nonce-\1'; worker-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$/;

const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

function expectFixedHeaders(answer: APIResponse, what: string) {
  const headers = answer.headers();
  for (const [name, value] of Object.entries(FIXED)) expect(headers[name], `${name} of ${what}`).toBe(value);
}

/** The nonce of a page answer's policy, after checking the policy and the fixed headers. */
function pageNonce(answer: APIResponse, what: string): string {
  expectFixedHeaders(answer, what);
  const policy = answer.headers()["content-security-policy"] ?? "";
  expect(policy, `the policy of ${what}`).toMatch(PAGE_POLICY);
  return PAGE_POLICY.exec(policy)![1]!;
}

const PAGES = [
  "/",
  "/sign-in",
  "/setup",
  "/sessions",
  "/play/active-listening",
  "/account",
  // Not found: a path no route has, a session id that is no UUID (rewritten before routing), no such scenario.
  "/no-such-page",
  "/sessions/not-a-uuid",
  "/play/no-such-scenario",
];

test.describe("security headers", () => {
  test("every page, and every answer on the way to it, carries the headers and a policy with its own nonce", async ({ page }) => {
    for (const path of PAGES) {
      // The first answer, a redirect (such as /setup once there is an administrator) included.
      const first = await page.request.get(path, { maxRedirects: 0 });
      pageNonce(first, `${path} (${first.status()})`);
      // The page the browser ends up showing.
      const shown = await page.goto(path);
      const headers = await shown!.allHeaders();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("same-origin");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["content-security-policy"], path).toMatch(PAGE_POLICY);
    }
    // The not-found pages are the app's own, rendered with the policy (its scripts ran: the test's check saw no refusal).
    await page.goto("/sessions/not-a-uuid");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  });

  test("the nonce is new for every request, and every script of the page carries it", async ({ page }) => {
    const one = await page.request.get("/");
    const two = await page.request.get("/");
    const nonce = pageNonce(one, "/");
    expect(pageNonce(two, "/ again")).not.toBe(nonce);
    for (const [answer, n] of [
      [one, nonce],
      [two, pageNonce(two, "/ again")],
    ] as const) {
      const html = await answer.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      const inline = scripts.filter((tag) => !/\ssrc=/.test(tag));
      expect(inline.length, "inline scripts of the page").toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(` nonce="${n}"`);
      // Style sheets come from the site; no `style` attribute or unmarked <style> is written (the policy would refuse it).
      expect(html).not.toMatch(/<[a-z][^>]*\sstyle="/);
      for (const tag of html.match(/<style\b[^>]*>/g) ?? []) expect(tag).toContain(` nonce="${n}"`);
    }
  });

  test("API answers carry the fixed headers and a policy that allows nothing, and never a page's policy", async ({ page }) => {
    const id = randomUUID();
    const answers: [string, APIResponse, number][] = [
      ["GET /api/sessions", await page.request.get("/api/sessions"), 405],
      ["GET /api/no-route", await page.request.get("/api/no-route"), 404],
      ["GET /api/no-such-route", await page.request.get("/api/no-such-route"), 404],
      ["GET /api/sessions/", await page.request.get("/api/sessions/"), 404],
      [`GET /api/sessions/${id}`, await page.request.get(`/api/sessions/${id}`), 404],
      // The choice route, the API's busiest: answered without the proxy that gives pages their policy.
      [`POST /api/sessions/${id}/choices`, await page.request.post(`/api/sessions/${id}/choices`, { data: { seq: 1, choiceId: "1", timeTakenMs: 1000 } }), 404],
    ];
    for (const [what, answer, status] of answers) {
      expect(answer.status(), what).toBe(status);
      expect(answer.headers()["content-type"], what).toContain("application/json");
      expectFixedHeaders(answer, what);
      expect(answer.headers()["content-security-policy"], what).toBe(API_POLICY);
    }
  });

  test("the page's static files carry the fixed headers, and no policy of their own", async ({ page }) => {
    const html = await (await page.request.get("/")).text();
    const chunk = /<script\b[^>]*\ssrc="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(chunk).toBeDefined();
    const answer = await page.request.get(chunk!);
    expect(answer.status()).toBe(200);
    expectFixedHeaders(answer, chunk!);
    expect(answer.headers()["content-security-policy"]).toBeUndefined();
  });
});

test.describe("the tests' check of the policy", () => {
  // Code that Playwright evaluates in a page is exempt from the policy, so the refusals below are
  // made by the page itself: markup injected into its HTML, an event-handler attribute, a string
  // handed to setTimeout.
  const injectHandler = () =>
    document.body.insertAdjacentHTML("beforeend", `<img alt="" src="data:," onerror="document.documentElement.dataset.handler = 'ran'">`);

  test("sees an injected script, an event handler and an eval refused, in the test's context and in one it makes", async ({ page, browser, cspViolations }) => {
    await page.route("/", async (route) => {
      const answer = await route.fetch();
      const html = (await answer.text()).replace("</body>", "<script>document.documentElement.dataset.script = 'ran'</script></body>");
      await route.fulfill({ response: answer, body: html });
    });
    await page.goto("/");
    await page.evaluate(injectHandler);
    await page.evaluate(() => setTimeout("document.documentElement.dataset.eval = 'ran'"));
    await expect
      .poll(() => cspViolations.all.map((v) => `${v.seen}: ${v.text}`))
      .toEqual([
        expect.stringMatching(/^console: Executing inline script violates the following Content Security Policy directive/),
        expect.stringMatching(/^event: script-src-elem refused inline at /),
        expect.stringMatching(/^console: Executing inline event handler violates the following Content Security Policy directive/),
        expect.stringMatching(/^event: script-src-attr refused inline at /),
        expect.stringMatching(/^console: Evaluating a string as JavaScript violates the following Content Security Policy directive because 'unsafe-eval'/),
        expect.stringMatching(/^event: script-src refused eval at /),
      ]);
    // None of it ran.
    expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toEqual({});
    expect(cspViolations.take().map((v) => new URL(v.url).pathname)).toEqual(Array(6).fill("/"));

    const other = await browser.newContext();
    try {
      const page2 = await other.newPage();
      await page2.goto("/sign-in");
      await page2.evaluate(injectHandler);
      await expect.poll(() => cspViolations.all.map((v) => v.seen)).toEqual(["console", "event"]);
      expect(cspViolations.take().map((v) => new URL(v.url).pathname)).toEqual(["/sign-in", "/sign-in"]);
    } finally {
      await other.close();
    }
  });

  test("fails a test whose page had something refused", async ({ page, cspViolations }) => {
    // Expected to fail: the refusal is left for the check at the end of the test. Were the check
    // to let it pass, this test would be reported as failing.
    test.fail();
    await page.goto("/");
    await page.evaluate(injectHandler);
    await expect.poll(() => cspViolations.all.length).toBe(2);
  });
});
