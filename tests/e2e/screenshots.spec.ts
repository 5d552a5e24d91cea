/**
 * Screenshots of the main pages, compared with the committed ones (toHaveScreenshot), at a
 * desktop size (1280×800) and a phone's (390×844, touch), so that a change of layout is seen:
 * the library, the play page with a turn answered, the debrief, a session's review page and a
 * scenario's analytics. Each is the whole page (not only the first screen).
 *
 * The pages are shown by a server of their own (as `npm start` runs it, on a fresh SQLite store
 * with only the built-in library), so what other specs leave in the shared server's store (their
 * sessions, published scenarios) never changes them. Its sessions are played through the API
 * with choices and times fixed in advance; the browser keeps the played sessions as the play page
 * keeps them, with a fixed seed (the order the choices are shown in), so the play page opens at
 * turn 2 and the debrief as after a reload. What still changes from run to run (dates and times,
 * ids, the save indicator) is masked.
 *
 * After a deliberate change of layout, write the new screenshots and look at them before
 * committing: `node_modules/.bin/playwright test tests/e2e/screenshots.spec.ts --update-snapshots`
 * (after `npm run build`). They are in screenshots.spec.ts-snapshots/. SCREENSHOTS_PORT sets the
 * port of this spec's server (a free one otherwise).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "@playwright/test";
import type { SavedSession } from "../../contracts/browser-storage";
import { libraryScenario, planFor } from "./plan";
import { freePort, jsonRequest, killGroup, startServer, type ServerProcess } from "./server-process";
import { setUpAndSignIn, signInBrowser } from "./sign-in";
import { expect, test } from "./test";

// One server and five pages at two sizes: serial, and longer than the default on a busy machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

/** The scenario played to its second turn, and the one played to its ending (debrief, review, analytics). */
const PLAYING = "active-listening";
const ENDED = "rapport-and-follow-up";
/** The order the choices are shown in, the same on every run. */
const SEED = 20_261_202;

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

/**
 * The share of pixels that may differ: text is drawn the same way on every run here, so this
 * only absorbs anti-aliasing at the edges of a few glyphs and charts.
 */
const TOLERANCE = { maxDiffPixelRatio: 0.002 } as const;

/**
 * Dates as the pages may write them (2026-12-02, Dec 2, 2026, 2 December 2026, 12/2/2026), and
 * clock times with AM or PM; a time like "the 4:15" in a counterpart's line is not masked.
 */
const DATE_OR_TIME =
  /\b\d{4}-\d\d-\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{1,2}:\d\d ?[AP]M\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A version hash (or its first 12 characters): hex with letters and digits, so a chart's run of axis numbers is not one. */
const HASH = /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{12,64}\b/;

let server: ServerProcess;
let dataDir = "";
const sessions: { playing?: { key: string; saved: SavedSession }; ended?: { key: string; saved: SavedSession; id: string } } = {};

/** Plays `count` choices of the plan through the API (all of them, ended, when undefined), each taking a fixed time; the session as the browser keeps it. */
async function play(scenarioId: string, choices: string[], count?: number, comment?: string) {
  const started = await jsonRequest(server.base, "POST", "/api/sessions", { scenarioId, mode: "practice" });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const session = started.body.session as { id: string; userId: string; scenarioHash: string; startedAt: string };
  const chosen = choices.slice(0, count ?? choices.length);
  for (const [i, choiceId] of chosen.entries()) {
    const r = await jsonRequest(server.base, "POST", `/api/sessions/${session.id}/choices`, { seq: i + 1, choiceId, timeTakenMs: 4_000 + 1_300 * i });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const finished = count === undefined;
  if (finished) expect((await jsonRequest(server.base, "POST", `/api/sessions/${session.id}/end`, { status: "completed" })).status).toBe(200);
  if (comment) expect((await jsonRequest(server.base, "POST", `/api/sessions/${session.id}/comments`, { turn: 1, body: comment })).status).toBe(201);
  const saved: SavedSession = { v: 1, scenarioId, hash: session.scenarioHash, mode: "practice", seed: SEED, choices: chosen, startedAt: session.startedAt, finished, serverId: session.id };
  // As components/play/stored-session.ts keeps it: per account and scenario.
  return { key: `peer-practice:session:${session.userId}:${scenarioId}`, saved, id: session.id };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "pp-screenshots-"));
  const port = process.env.SCREENSHOTS_PORT ? Number(process.env.SCREENSHOTS_PORT) : await freePort();
  server = await startServer(port, { DATA_DIR: dataDir, WEB_CONCURRENCY: "1", SCENARIO_DIRS: "", TRUSTED_PROXIES: "", PUBLIC_URL: "", TIME_ZONE: "" });
  await setUpAndSignIn(server.base);
  const firsts = planFor(libraryScenario(PLAYING)).turns.map((t) => t.choice.id);
  sessions.playing = await play(PLAYING, firsts, 1);
  const ended = libraryScenario(ENDED);
  sessions.ended = await play(ENDED, planFor(ended).turns.map((t) => t.choice.id), undefined, "A warm, specific opening: keep doing that.");
  // Two more plays of it, for the analytics: one taking the last choice on offer each turn, one abandoned after three.
  const lasts = planFor(ended, "last").turns.map((t) => t.choice.id);
  await play(ENDED, lasts);
  const abandoned = await play(ENDED, lasts, 3);
  expect((await jsonRequest(server.base, "POST", `/api/sessions/${abandoned.id}/end`, { status: "abandoned" })).status).toBe(200);
});

test.afterAll(() => {
  if (server) killGroup(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A page of a fresh browser context of this size, signed in, with the played sessions in its storage. */
async function pageAt(browser: Browser, size: (typeof SIZES)[number]): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.base,
    viewport: size.viewport,
    isMobile: size.isMobile,
    hasTouch: size.hasTouch,
    deviceScaleFactor: 1,
    locale: "en-US",
    timezoneId: "UTC",
    colorScheme: "light",
    reducedMotion: "reduce",
    storageState: { cookies: [], origins: [] },
  });
  await signInBrowser(context, server.base);
  const stored = [sessions.playing!, sessions.ended!].map((s) => ({ name: s.key, value: JSON.stringify(s.saved) }));
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.evaluate((items) => {
    for (const { name, value } of items) window.localStorage.setItem(name, value);
  }, stored);
  return page;
}

/** Waits for the page to be ready and quiet, at the top. */
async function settle(page: Page, ready: Locator): Promise<void> {
  await expect(ready).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.evaluate(async () => {
    await document.fonts.ready;
    window.scrollTo(0, 0);
  });
}

/** What changes from run to run on any page. */
const masks = (page: Page): Locator[] => [
  page.locator("time"),
  page.locator("[data-save-state]"),
  page.getByText(DATE_OR_TIME),
  page.getByText(UUID),
  page.getByText(HASH),
];

/** Opens `url` at this size, waits until `ready` shows (and, if given, `also`), and compares the whole page with its screenshot. */
async function compare(browser: Browser, size: (typeof SIZES)[number], url: string, name: string, ready: (page: Page) => Locator, also?: (page: Page) => Locator) {
  const page = await pageAt(browser, size);
  try {
    await page.goto(url);
    await settle(page, ready(page));
    if (also) await expect(also(page)).toBeVisible();
    await expect(page).toHaveScreenshot(`${name}-${size.name}.png`, { fullPage: true, mask: masks(page), ...TOLERANCE });
  } finally {
    await page.context().close();
  }
}

for (const size of SIZES) {
  test.describe(`at ${size.viewport.width}×${size.viewport.height} (${size.name})`, () => {
    test("the library", async ({ browser }) => {
      await compare(browser, size, "/", "library", (page) => page.getByRole("heading", { level: 1 }));
    });

    test("the play page with a turn answered", async ({ browser }) => {
      await compare(browser, size, `/play/${PLAYING}`, "play", (page) => page.getByRole("group", { name: /Your response/ }));
    });

    test("the debrief", async ({ browser }) => {
      await compare(browser, size, `/play/${ENDED}`, "debrief", (page) => page.getByRole("heading", { name: /^Debrief/ }));
    });

    test("a session's review page", async ({ browser }) => {
      await compare(browser, size, `/sessions/${sessions.ended!.id}`, "review", (page) => page.getByRole("heading", { level: 1 }));
    });

    test("a scenario's analytics", async ({ browser }) => {
      await compare(
        browser,
        size,
        `/analytics/${ENDED}`,
        "analytics",
        (page) => page.getByRole("heading", { level: 1, name: /^Analytics/ }),
        // The graph is laid out in a worker: wait for its nodes.
        (page) => page.locator(".react-flow__node").first(),
      );
    });
  });
}
