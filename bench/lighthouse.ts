/**
 * `npm run bench:lighthouse`: Lighthouse's accessibility and performance scores of the pages
 * trainees and supervisors use most, on the production build (build it first: `npm run build`),
 * served as `npm start` serves it (bench/next-server.ts, one server process) on a fresh SQLite
 * store in a temp folder.
 *
 * Set-up over HTTP, as bench/studio.ts does it: the first administrator is made through
 * POST /api/setup and signed in; two practice sessions are played through the session API, one
 * with its first turn answered and one to its ending (with a reviewer's comment). The browser is
 * given the sign-in cookie and, in its storage, each session as the play page keeps it, so the
 * play page opens at turn 2 of the first and at the debrief of the second, as after a reload.
 *
 * Pages: the library (`/`), the play page with a turn answered, the debrief, and the session's
 * transcript (`/sessions/<id>`); each with Lighthouse's desktop preset and its default (mobile)
 * preset, RUNS times (the median score is the one held to the budget; `--runs N` for another
 * number). Only the accessibility and performance categories are run.
 *
 * Chromium is Debian's (`/usr/bin/chromium`, or CHROME_PATH; `npm run bench:lighthouse` installs
 * it when missing), started by chrome-launcher with its flags that turn off background networking,
 * component updates and the like; nothing is downloaded. Lighthouse's error reporting (Sentry) is
 * started only by its command line, never through its Node API used here, and it has no update check.
 * Each run's full report is written to bench/out/lighthouse/ (not kept in git).
 *
 * Prints each page's scores and metrics beside the budgets, and for a page under budget the audits
 * that failed; exits 1 when a budget is missed (or on errors), 2 without a build or a browser. The
 * server and the browser are stopped and the temp folder removed, also on failure or Ctrl-C.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromium } from "playwright-core";
import type { SavedSession } from "../contracts/browser-storage";
import type { StartAnswer } from "../contracts/session-answers";
import { compileScenario } from "../machines/compile-scenario";
import { replay } from "../machines/replay";
import { offeredChoices } from "../machines/select-view";
import { findScenario } from "../server/scenario-library";
import type { Scenario } from "../scenarios/types";
import { postJson, SESSION_COOKIE, signIn } from "./load-driver";
import { benchWorkspace, startNextServer } from "./next-server";

// ── settings ────────────────────────────────────────────────────────────────────────────────────
const BUDGET = { accessibility: 100, performance: 95 };
/** Runs of each page and preset; the median score is held to the budget. */
const RUNS = (() => {
  const at = process.argv.indexOf("--runs");
  const n = at >= 0 ? Number(process.argv[at + 1]) : 3;
  if (!Number.isInteger(n) || n < 1 || n > 9) {
    console.error("bench:lighthouse: --runs takes a whole number from 1 to 9");
    process.exit(2);
  }
  return n;
})();
/** The scenario played to its second turn, and the one played to its ending for the debrief and the transcript. */
const PLAYING = "active-listening";
const ENDED = "rapport-and-follow-up";
const HARD_LIMIT_MS = 30 * 60_000;
const STEP_TIMEOUT_MS = 60_000;
const PASSWORD = "bench lighthouse password";
const ADMIN = { email: "admin@bench.example", name: "Bench Admin", password: PASSWORD };
const ZERO_UUID = "00000000-0000-4000-8000-000000000000";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = path.join(ROOT, "bench", "out", "lighthouse");
const started = performance.now();

// ── preflight ───────────────────────────────────────────────────────────────────────────────────
if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  console.error("bench:lighthouse: no production build (.next/BUILD_ID is missing); run `npm run build` first");
  process.exit(2);
}
if (!existsSync(CHROME)) {
  console.error(`bench:lighthouse: no Chromium at ${CHROME}; run \`node scripts/ensure-chromium.mjs\` (npm run bench:lighthouse does)`);
  process.exit(2);
}

let chrome: chromeLauncher.LaunchedChrome | undefined;
const { tmp, cleanUp } = benchWorkspace("bench:lighthouse", HARD_LIMIT_MS, () => {
  try {
    chrome?.process.kill("SIGKILL");
  } catch {
    // Already gone.
  }
});

// ── formatting ──────────────────────────────────────────────────────────────────────────────────
const dur = (v: number) => (v < 1_000 ? `${Math.round(v)} ms` : `${(v / 1_000).toFixed(1)} s`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (score: number | null | undefined) => (score === null || score === undefined ? NaN : Math.round(score * 100));

// ── the sessions the pages show ─────────────────────────────────────────────────────────────────
/** The play that takes the first choice on offer at every turn, to its ending. */
function planFor(scenario: Scenario): string[] {
  const machine = compileScenario(scenario);
  const choices: string[] = [];
  for (let i = 0; i < 200; i++) {
    const r = replay(scenario, choices, machine);
    if (r.done) return choices;
    const c = offeredChoices(scenario, r.snapshot)[0];
    if (!c) throw new Error(`[bench] ${scenario.id}: no choice on offer at ${String(r.snapshot.value)}`);
    choices.push(c.id);
  }
  throw new Error(`[bench] ${scenario.id}: the first choices never reach an ending`);
}

async function post(base: string, cookie: string, p: string, body: unknown, expected: string[]): Promise<string> {
  const a = await postJson(base, p, body, STEP_TIMEOUT_MS, cookie);
  if (!expected.includes(a.status)) throw new Error(`[bench] POST ${p} answered ${a.status}: ${a.body.slice(0, 300)}`);
  return a.body;
}

/** Plays `count` choices of the scenario's plan through the API (all of them, and ends it, when `count` is undefined); the session as the browser keeps it, and its storage key. */
async function playSession(base: string, cookie: string, scenarioId: string, count?: number): Promise<{ key: string; saved: SavedSession; id: string }> {
  const entry = await findScenario(scenarioId);
  if (!entry?.ok) throw new Error(`[bench] the library scenario ${scenarioId} is missing or has errors`);
  const plan = planFor(entry.scenario);
  const { session } = JSON.parse(await post(base, cookie, "/api/sessions", { scenarioId, mode: "practice" }, ["201"])) as StartAnswer;
  const chosen = plan.slice(0, count ?? plan.length);
  for (const [i, choiceId] of chosen.entries()) {
    await post(base, cookie, `/api/sessions/${session.id}/choices`, { seq: i + 1, choiceId, timeTakenMs: 4_000 + 700 * i }, ["201"]);
  }
  const finished = count === undefined;
  if (finished) {
    await post(base, cookie, `/api/sessions/${session.id}/end`, { status: "completed" }, ["200"]);
    await post(base, cookie, `/api/sessions/${session.id}/comments`, { turn: 1, body: "A warm, specific opening: keep doing that." }, ["201"]);
  }
  const saved: SavedSession = {
    v: 1,
    scenarioId,
    hash: session.scenarioHash,
    mode: "practice",
    seed: session.seed,
    choices: chosen,
    startedAt: session.startedAt,
    finished,
    serverId: session.id,
  };
  // As components/play/stored-session.ts keeps it: per account and scenario.
  return { key: `peer-practice:session:${session.userId}:${scenarioId}`, saved, id: session.id };
}

/**
 * Gives the browser's default profile (the one Lighthouse's tabs use) the sign-in cookie and the
 * saved sessions, then opens each page once to see that it shows what it should (a warning when
 * not: the pages change, and a page in another state is still measured). Warnings are returned.
 */
async function primeBrowser(port: number, base: string, cookie: string, stored: { key: string; saved: SavedSession }[], pages: Page[]): Promise<string[]> {
  const warnings: string[] = [];
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0]!;
    const value = new RegExp(`${SESSION_COOKIE.replace(".", "\\.")}=([^;]+)`).exec(cookie)?.[1];
    if (!value) throw new Error("[bench] no sign-in cookie to give the browser");
    await context.addCookies([{ name: SESSION_COOKIE, value, url: base, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.evaluate((items) => {
      for (const { key, value } of items) window.localStorage.setItem(key, value);
    }, stored.map((s) => ({ key: s.key, value: JSON.stringify(s.saved) })));
    for (const p of pages) {
      await page.goto(`${base}${p.path}`);
      const seen = await page
        .getByRole(p.shows.role, { name: p.shows.name })
        .first()
        .waitFor({ timeout: 15_000 })
        .then(() => true, () => false);
      if (!seen) warnings.push(`${p.name} (${p.path}) did not show a ${p.shows.role} named ${String(p.shows.name)}: it is measured as it is`);
    }
    await page.close();
  } finally {
    // Disconnects; the browser stays for Lighthouse.
    await browser.close();
  }
  return warnings;
}

// ── Lighthouse ──────────────────────────────────────────────────────────────────────────────────
interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
  details?: { type?: string; items?: { node?: { snippet?: string; selector?: string; nodeLabel?: string } }[] };
}
interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number; group?: string }[] }>;
  audits: Record<string, Audit>;
  runWarnings: string[];
  runtimeError?: { code: string; message: string };
}

interface Page {
  name: string;
  path: string;
  /** What the page shows once it is ready, as a role and an accessible name (checked once before Lighthouse runs, as the e2e models find it). */
  shows: { role: "heading" | "group"; name: RegExp };
}

const PRESETS = [
  { name: "desktop", config: desktopConfig },
  { name: "mobile", config: undefined },
] as const;

const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "SI"],
] as const;

async function audit(page: Page, base: string, preset: (typeof PRESETS)[number], run: number): Promise<Report> {
  const result = await lighthouse(
    `${base}${page.path}`,
    {
      port: chrome!.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["accessibility", "performance"],
    },
    preset.config,
  );
  if (!result) throw new Error(`[bench] Lighthouse gave no result for ${page.path}`);
  const report = result.lhr as unknown as Report;
  const file = path.join(OUT, `${page.name.replace(/[^a-z0-9]+/gi, "-")}-${preset.name}-${run}.json`);
  writeFileSync(file, typeof result.report === "string" ? result.report : JSON.stringify(result.lhr));
  if (report.runtimeError) throw new Error(`[bench] Lighthouse on ${page.path} (${preset.name}): ${report.runtimeError.code}: ${report.runtimeError.message}`);
  return report;
}

/** The audits of a category that failed, worst first: id, title, how many elements, and the first one. */
function failingAudits(report: Report, category: "accessibility" | "performance"): string[] {
  const refs = report.categories[category]?.auditRefs ?? [];
  return refs
    .map((r) => ({ ref: r, a: report.audits[r.id]! }))
    .filter(({ ref, a }) => a && a.score !== null && a.score < (category === "accessibility" ? 1 : 0.9) && (category === "accessibility" || ref.weight > 0 || a.details?.type === "opportunity"))
    .sort((x, y) => (x.a.score ?? 0) - (y.a.score ?? 0) || y.ref.weight - x.ref.weight)
    .map(({ a }) => {
      const items = a.details?.items ?? [];
      const node = items.find((i) => i.node)?.node;
      const first = node ? `: ${node.snippet ?? node.selector ?? node.nodeLabel ?? ""}`.slice(0, 140) : "";
      const count = category === "accessibility" && items.length > 0 ? ` (${items.length} element${items.length === 1 ? "" : "s"})` : "";
      const value = a.displayValue ? ` — ${a.displayValue}` : "";
      return `${a.id}: ${a.title}${value}${count}${first}`;
    });
}

async function main(): Promise<void> {
  const failures: string[] = [];
  mkdirSync(OUT, { recursive: true });
  const buildId = readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8").trim();
  console.log("bench:lighthouse — Lighthouse accessibility and performance of the library, play, debrief and transcript pages (127.0.0.1)");
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "?"}, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}; build ${buildId}`);

  const server = await startNextServer(ROOT, { DATA_DIR: path.join(tmp, "data"), WEB_CONCURRENCY: "1" }, `/api/sessions/${ZERO_UUID}`, [401, 404]);
  const base = server.base;
  await post(base, "", "/api/setup", ADMIN, ["201"]);
  const cookie = await signIn(base, ADMIN.email, ADMIN.password);
  const playing = await playSession(base, cookie, PLAYING, 1);
  const ended = await playSession(base, cookie, ENDED);

  const profile = path.join(tmp, "chrome-profile");
  mkdirSync(profile);
  chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    userDataDir: profile,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
    logLevel: "error",
  });
  const version = await fetch(`http://127.0.0.1:${chrome.port}/json/version`).then((r) => r.json() as Promise<{ Browser?: string }>);
  console.log(`browser: ${version.Browser ?? "Chromium"} (headless), Lighthouse 12 (${RUNS} run${RUNS === 1 ? "" : "s"} of each page and preset; the median is held to the budget)`);
  const pages: Page[] = [
    { name: "library", path: "/", shows: { role: "heading", name: /\S/ } },
    { name: "play (turn 2)", path: `/play/${PLAYING}`, shows: { role: "group", name: /Your response/ } },
    { name: "debrief", path: `/play/${ENDED}`, shows: { role: "heading", name: /^Debrief/ } },
    { name: "transcript", path: `/sessions/${ended.id}`, shows: { role: "heading", name: /\S/ } },
  ];
  for (const w of await primeBrowser(chrome.port, base, cookie, [playing, ended], pages)) console.log(`warning: ${w}`);
  console.log("");
  console.log(`${"page".padEnd(15)} ${"preset".padEnd(8)} ${"a11y".padStart(5)} ${"perf".padStart(5)}   ${METRICS.map(([, m]) => m.padStart(8)).join("")}   runs (a11y/perf)`);
  const details: string[] = [];
  for (const page of pages) {
    for (const preset of PRESETS) {
      const reports: Report[] = [];
      for (let run = 1; run <= RUNS; run++) reports.push(await audit(page, base, preset, run));
      const a11y = median(reports.map((r) => pct(r.categories.accessibility?.score)));
      const perf = median(reports.map((r) => pct(r.categories.performance?.score)));
      // The metrics of the run whose performance score is the median one.
      const mid = [...reports].sort((a, b) => pct(a.categories.performance?.score) - pct(b.categories.performance?.score))[Math.floor((reports.length - 1) / 2)]!;
      const metrics = METRICS.map(([id]) => {
        const a = mid.audits[id];
        return (a?.id === "cumulative-layout-shift" ? (a?.numericValue ?? NaN).toFixed(3) : dur(a?.numericValue ?? NaN)).padStart(8);
      }).join("");
      const runs = reports.map((r) => `${pct(r.categories.accessibility?.score)}/${pct(r.categories.performance?.score)}`).join(" ");
      const over = [
        a11y < BUDGET.accessibility && `accessibility ${a11y} < ${BUDGET.accessibility}`,
        !(perf >= BUDGET.performance) && `performance ${perf} < ${BUDGET.performance}`,
      ].filter((x): x is string => typeof x === "string");
      console.log(`${page.name.padEnd(15)} ${preset.name.padEnd(8)} ${String(a11y).padStart(5)} ${String(perf).padStart(5)}   ${metrics}   ${runs}${over.length ? "   OVER BUDGET" : ""}`);
      if (over.length > 0) {
        failures.push(`${page.name} (${preset.name}): ${over.join(", ")}`);
        details.push(`${page.name} (${preset.name}, ${page.path}):`);
        if (a11y < BUDGET.accessibility) for (const f of failingAudits(mid, "accessibility")) details.push(`   accessibility  ${f}`);
        if (!(perf >= BUDGET.performance)) for (const f of failingAudits(mid, "performance")) details.push(`   performance    ${f}`);
      }
      const warnings = new Set(reports.flatMap((r) => r.runWarnings));
      for (const w of warnings) details.push(`   (Lighthouse warned on ${page.name}, ${preset.name}: ${w})`);
    }
  }
  if (details.length > 0) console.log(["", "audits that failed:", ...details].join("\n"));
  console.log("");
  console.log(`budgets: accessibility ${BUDGET.accessibility}, performance at least ${BUDGET.performance}, on every page and preset (median of ${RUNS})`);
  console.log(`reports: ${path.relative(ROOT, OUT)}/; took ${dur(performance.now() - started)}`);
  await server.stop();
  if (failures.length > 0) {
    console.log(`FAIL: ${failures.length} over budget:\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  } else console.log("PASS: every page within its budgets");
}

main()
  .catch((e: unknown) => {
    console.error(`bench:lighthouse: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    chrome?.kill();
    cleanUp();
  });
