/**
 * `npm run bench:studio`: the browser studio on the production build (build it first:
 * `npm run build`, that is `node_modules/.bin/next build`), served as `npm start` serves it
 * (bench/next-server.ts, one server process) on a fresh SQLite store in a temp folder, with its
 * first administrator made through POST /api/setup and signed in over HTTP.
 *
 * 1. First-load JavaScript (gzip) of the studio's draft page and list beside the play page and
 *    the library (bench/first-load-js.mjs, as bench:page-weight weighs pages), and where the
 *    studio's own packages (CodeMirror, React Flow, elkjs, yaml, jsdiff) are: each is found in the
 *    build's chunks by a string of its own (checked to be in the package), and none may be among
 *    the play page's or the library's scripts.
 * 2. In Chromium (Debian's, /usr/bin/chromium or CHROMIUM_PATH; `npm run bench:studio` installs it
 *    when missing), on a draft of a generated 1,000-node scenario (bench/generate-scenario.ts,
 *    seed 1, as YAML): one keystroke breaks a `next` (seeded choice of line), and the time from its
 *    keydown to the finding in the findings list is taken inside the page (a MutationObserver,
 *    performance.now()); then the keystroke is undone and the findings wait to be as before.
 *    FINDING_RUNS times; median and max beside the budget (the median). The same on a draft copy
 *    of the largest library scenario (2b), against the budget for the size trainers write.
 * 3. On the same draft, LAYOUT_LOADS page loads (the first with an empty cache): from the checker's
 *    answer (the page has a scenario to draw) to the first graph node shown, with the layout
 *    worker's part (request to reply, and the layout's own time in it: a graph this size is a tidy tree, not elkjs) and React Flow's part apart, the
 *    longest main-thread task (Long Tasks API) while the worker lays out (budgeted: the page stays
 *    responsive) and while React Flow draws, and the most graph nodes in the page at once.
 *    bench:studio-layout times the layout alone in Node; its figures are not repeated here.
 * 4. On a draft copy of the largest library scenario, with Chromium's CPU throttled 4× (CDP
 *    Emulation.setCPUThrottlingRate): KEYSTROKES typed one by one inside a `say:` text, each after
 *    the page has settled from the one before (painted, the checker's answer drawn, and the main
 *    thread quiet), so each is timed on its own. Each keystroke's keydown to next paint from Event
 *    Timing (the keystroke's events of 16 ms and more); one Event Timing has nothing for (under
 *    16 ms) is timed by the frame after its input event (requestAnimationFrame, then a message),
 *    and so is one whose entries end after the page was seen quiet following it, which no paint
 *    can have been (headless Chromium can hold back the presentation feedback those entries wait
 *    for; the count is printed). p50, p95 and max beside the budget (p95). Beside them, not in the budget: after each of the
 *    checker's answers, the longest main-thread task until the page was quiet again, which a key
 *    typed at that moment would wait behind; and the same keys typed into a plain <textarea> with
 *    the same text alone on a page, at the same throttling: the floor of this machine and browser,
 *    which no editor goes below.
 *
 * With --profile, the keystrokes of 4 are typed once more under CDP's CPU profiler, and where the
 * page's main thread spent its time is printed (bench/browser-profile.ts); then once more under a
 * Chromium trace, and the main thread's time by kind of work (script, style, layout, paint) is
 * printed (bench/browser-trace.ts).
 *
 * Inputs are seeded; every wait is on a condition in the page. Prints figures beside budgets and a
 * verdict; exits 1 when a budget is missed (or on errors), 2 without a build. The server is killed
 * as a process group, the browser closed and the temp folder removed, also on failure or Ctrl-C.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { seededRandom } from "../machines/shuffle";
import { scenarioToYaml } from "../scenarios/serialize-scenario";
import { summarizeBrowserProfile, type CpuProfile } from "./browser-profile";
import { summarizeTrace } from "./browser-trace";
import { firstLoad } from "./first-load-js.mjs";
import { generateScenario } from "./generate-scenario";
import { percentile, postJson, signIn } from "./load-driver";
import { killAllServers, startNextServer, type NextServer } from "./next-server";

// ── settings ────────────────────────────────────────────────────────────────────────────────────
const GENERATED = { nodes: 1000, seed: 1 };
/** Which `next` lines are broken, in order. */
const PICK_SEED = 20_261_201;
const FINDING_RUNS = 5;
const LAYOUT_LOADS = 3;
const THROTTLE = 4;
/** Typed into a `say:` text of the library scenario, one key at a time: 60 characters, no quotes or brackets. */
const KEYSTROKES = " and she glances at the clock above the door before replying";
/** First-load JS has a budget of its own: none of the studio's packages among the play page's or the library's scripts. */
const BUDGET = {
  /** Keydown to the finding in the list, median, on the 1,000-node draft. */
  findingMs: 1000,
  /** The same on the largest library scenario. */
  libraryFindingMs: 300,
  /** The checker's first answer to the first graph node shown, median. */
  layoutMs: 2000,
  /** The longest main-thread task while the worker lays out the graph: the page stays responsive. */
  layoutLongTaskMs: 200,
  /** Keydown to next paint at 4× CPU throttling, p95. */
  keystrokeP95Ms: 50,
};
/** Past this, everything is stopped and the bench fails. */
const HARD_LIMIT_MS = 240_000;
const STEP_TIMEOUT_MS = 60_000;
const PASSWORD = "bench studio password";
const ZERO_UUID = "00000000-0000-4000-8000-000000000000";
const ADMIN = { email: "admin@bench.example", name: "Bench Admin", password: PASSWORD };

/** The studio's own packages, each found in a built chunk by a string it has (and minifying keeps). */
const STUDIO_PACKAGES = [
  { name: "CodeMirror", dir: "@codemirror/view", mark: "cm-content" },
  { name: "@xyflow/react", dir: "@xyflow/react", mark: "react-flow__node" },
  { name: "elkjs", dir: "elkjs", mark: "org.eclipse.elk" },
  { name: "yaml", dir: "yaml", mark: "Implicit keys need to be on a single line" },
  { name: "diff", dir: "diff", mark: "newlineIsToken may not be used" },
] as const;

/** Other code told apart in a profile by a string of its own. */
const OTHER_MARKS = [
  { name: "React", mark: "react.dev/errors/" },
  { name: "draft editor", mark: "findings-summary" },
] as const;
/** With --profile: the keystrokes are typed once more under CDP's CPU profiler, and where the page's main thread spent its time is printed. */
const PROFILE = process.argv.includes("--profile");

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PROBES = path.join(ROOT, "bench", "studio-probes.browser.js");
const started = performance.now();

// ── formatting ──────────────────────────────────────────────────────────────────────────────────
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "—" : `${Math.round(v)} ms`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const dur = (v: number) => (v < 1_000 ? `${Math.round(v)} ms` : `${(v / 1_000).toFixed(1)} s`);
/** The 1-minute load average beside the cores: on a shared machine, other work slows every figure here. */
const loadAverage = () => `${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);

// ── preflight ───────────────────────────────────────────────────────────────────────────────────
const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
if (!existsSync(buildIdFile)) {
  console.error("bench:studio: no production build (.next/BUILD_ID is missing); run `npm run build` first");
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`bench:studio: no Chromium at ${CHROMIUM}; run \`node scripts/ensure-chromium.mjs\` (npm run bench:studio does)`);
  process.exit(2);
}

// ── cleanup: the server, the browser, the temp folder — also on failure and Ctrl-C ──────────────
const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-studio-"));
let browser: Browser | undefined;
let cleaned = false;
function cleanUp(): void {
  if (cleaned) return;
  cleaned = true;
  killAllServers();
  // Playwright kills the browser it launched when this process exits.
  rmSync(tmp, { recursive: true, force: true });
}
process.on("exit", cleanUp);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    console.error(`\nbench:studio: ${sig}: stopping the server and the browser, removing the temp folder`);
    cleanUp();
    process.exit(130);
  });
}
setTimeout(() => {
  console.error(`\nbench:studio: still running after ${dur(HARD_LIMIT_MS)}: stopped`);
  cleanUp();
  process.exit(1);
}, HARD_LIMIT_MS).unref();

// ── the page's probes (bench/studio-probes.browser.js), as the page holds them ──────────────────
interface Probes {
  longTasks: { start: number; duration: number }[];
  events: { name: string; start: number; duration: number; interactionId: number }[];
  keys: { key: string; down: number; painted: number | null | undefined }[];
  checkAnswers: number[];
  checkSettled: number[];
  layoutRequests: { id: number; at: number }[];
  layoutReplies: { id: number; at: number; elkMs?: number }[];
  graph: { firstNode?: number; drawn?: number; painted?: number; mostNodes: number };
  finding?: { needle: string; at?: number };
  noLongTasks?: boolean;
  noEventTiming?: boolean;
  placeCursor(line: number, column?: number): string;
  findingsText(): string;
  findingsSummary(): string;
  watchFinding(needle: string): void;
  stopGraphWatch(): void;
  quiet(frames?: number, gapMs?: number, maxFrames?: number): Promise<{ at: number; quiet: boolean }>;
}
declare global {
  interface Window {
    __bench: Probes;
  }
}

/** The probes' figures (their plain data), read from the page. */
const probes = (page: Page) =>
  page.evaluate(() => {
    const b = window.__bench;
    return {
      longTasks: b.longTasks,
      events: b.events,
      keys: b.keys,
      checkAnswers: b.checkAnswers,
      checkSettled: b.checkSettled,
      layoutRequests: b.layoutRequests,
      layoutReplies: b.layoutReplies,
      graph: b.graph,
      finding: b.finding,
      noLongTasks: b.noLongTasks,
      noEventTiming: b.noEventTiming,
    };
  });

/** The longest main-thread task that overlaps [from, to] (0 when none did). */
const longestTask = (tasks: Probes["longTasks"], from: number, to: number) =>
  Math.max(0, ...tasks.filter((t) => t.start < to && t.start + t.duration > from).map((t) => t.duration));

// ── set-up over HTTP ────────────────────────────────────────────────────────────────────────────
async function makeDraft(base: string, cookie: string, scenarioId: string, text: string): Promise<string> {
  const a = await postJson(base, "/api/studio/drafts", { scenarioId, text }, STEP_TIMEOUT_MS, cookie);
  if (a.status !== "201") throw new Error(`[bench] POST /api/studio/drafts (${scenarioId}) answered ${a.status}: ${a.body.slice(0, 200)}`);
  return (JSON.parse(a.body) as { draft: { id: string } }).draft.id;
}

/** Every file of a package under node_modules that could hold code. */
function* packageFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") yield* packageFiles(p);
    else if (entry.isFile() && /\.(m|c)?js$/.test(entry.name)) yield p;
  }
}

// ── 1. first-load JavaScript ────────────────────────────────────────────────────────────────────
async function firstLoadJs(base: string, cookie: string, routes: { draft: string; play: string }): Promise<string[]> {
  const failures: string[] = [];
  const { weigh, script } = firstLoad(base, cookie);
  const pages = [
    { name: "/studio/drafts/[id]", route: routes.draft, studio: true },
    { name: "/studio", route: "/studio", studio: true },
    { name: "/play/[id]", route: routes.play, studio: false },
    { name: "/ (library)", route: "/", studio: false },
  ];
  const weights = new Map<string, Awaited<ReturnType<typeof weigh>>>();
  console.log("1. first-load JavaScript, gzip (the scripts the HTML names; its inline RSC payload apart)");
  for (const p of pages) {
    const w = await weigh(p.route);
    weights.set(p.name, w);
    console.log(`   ${p.name.padEnd(20)} ${kb(w.files).padStart(9)}  in ${String(w.scripts.length).padStart(2)} scripts   inline ${kb(w.inline)}`);
    if (w.status !== 200) failures.push(`${p.name} answered ${w.status}`);
  }
  const draft = weights.get("/studio/drafts/[id]")!;
  const play = weights.get("/play/[id]")!;
  console.log(`   the draft page carries ${kb(draft.files - play.files)} more than the play page at first load`);

  // Where each studio package is: the built chunks that hold its string, and whether a page loads them.
  const chunkDir = path.join(ROOT, ".next", "static", "chunks");
  const chunks = readdirSync(chunkDir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => ({ file: f, text: readFileSync(path.join(chunkDir, f), "utf8") }));
  const textsOf = (name: string) => Promise.all(weights.get(name)!.scripts.map(async (u) => (await script(u)).text));
  const [playScripts, libraryScripts, draftScripts] = await Promise.all(["/play/[id]", "/ (library)", "/studio/drafts/[id]"].map(textsOf));
  console.log("   the studio's packages in the build (found by a string of each package's own):");
  for (const pkg of STUDIO_PACKAGES) {
    const inPackage = (() => {
      for (const f of packageFiles(path.join(ROOT, "node_modules", pkg.dir))) if (readFileSync(f, "utf8").includes(pkg.mark)) return true;
      return false;
    })();
    if (!inPackage) {
      failures.push(`${pkg.name}: its mark "${pkg.mark}" is no longer in node_modules/${pkg.dir}; choose another`);
      console.log(`     ${pkg.name.padEnd(14)} mark "${pkg.mark}" not found in the package: cannot tell`);
      continue;
    }
    const holding = chunks.filter((c) => c.text.includes(pkg.mark));
    const size = holding.reduce((s, c) => s + gzipSync(c.text).length, 0);
    const on = (scripts: string[]) => scripts.some((text) => text.includes(pkg.mark));
    const where =
      holding.length === 0
        ? "in no browser chunk (server-side only)"
        : `${holding.map((c) => c.file).join(", ")} (${kb(size)}); draft page: ${on(draftScripts!) ? "first load" : "after first load (dynamic import or worker)"}`;
    const onPlay = on(playScripts!);
    const onLibrary = on(libraryScripts!);
    console.log(`     ${pkg.name.padEnd(14)} ${where}; play page: ${onPlay ? "YES" : "no"}; library: ${onLibrary ? "YES" : "no"}`);
    if (onPlay) failures.push(`${pkg.name} is among the play page's scripts`);
    if (onLibrary) failures.push(`${pkg.name} is among the library page's scripts`);
  }
  console.log(`   budget: none of them on the play page or the library: ${failures.length ? "MISSED" : "met"}`);
  return failures;
}

// ── the browser ─────────────────────────────────────────────────────────────────────────────────
async function newContext(b: Browser, base: string, cookie: string): Promise<BrowserContext> {
  const context = await b.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base, httpOnly: true, sameSite: "Lax" as const };
    }),
  );
  await context.addInitScript({ path: PROBES });
  return context;
}

/** Waits until the page's main thread is quiet (bench.quiet in the probes); the time it was, on the page's clock. */
const quiet = (page: Page) => page.evaluate(() => window.__bench.quiet());

/**
 * Opens a draft and waits until it has settled: the editor up, the checker's first answer drawn,
 * the graph shown, and the main thread quiet after it. Answers when it was quiet.
 */
async function openDraft(page: Page, draftId: string): Promise<number> {
  await page.goto(`/studio/drafts/${draftId}`);
  await page.waitForFunction(() => document.querySelector(".cm-content") !== null && window.__bench.checkSettled.length > 0 && window.__bench.graph.painted !== undefined, null, {
    timeout: STEP_TIMEOUT_MS,
  });
  const { at } = await quiet(page);
  // The graph is drawn: its observer would only add to every edit's work from here on.
  await page.evaluate(() => window.__bench.stopGraphWatch());
  return at;
}

const answers = (page: Page) => page.evaluate(() => window.__bench.checkSettled.length);

// ── 3. layout ───────────────────────────────────────────────────────────────────────────────────
interface LayoutLoad {
  /** Times from navigation: the checker's first answer, the layout request, its reply, the first node shown, the page quiet after. */
  checked: number;
  requested: number;
  replied: number;
  drawn: number;
  settled: number;
  /** the layout's own time in the worker, as the worker reports it. */
  elkMs: number;
  /** The most graph nodes in the page at once while it was drawn. */
  mostNodes: number;
  longestDuringLayout: number;
  longestDuringDrawing: number;
}

async function layoutLoad(page: Page, draftId: string): Promise<LayoutLoad> {
  const settled = await openDraft(page, draftId);
  const p = await probes(page);
  const checked = p.checkAnswers[0]!;
  const requested = p.layoutRequests[0]?.at;
  const drawn = p.graph.drawn!;
  // The reply the graph was drawn from: the newest one before it was shown.
  const reply = p.layoutReplies.filter((r) => r.at <= drawn).at(-1);
  if (requested === undefined || reply === undefined) throw new Error("[bench] the layout worker was not seen (request or reply missing)");
  return {
    checked,
    requested,
    replied: reply.at,
    drawn,
    settled,
    elkMs: reply.elkMs ?? NaN,
    mostNodes: p.graph.mostNodes,
    longestDuringLayout: longestTask(p.longTasks, requested, reply.at),
    longestDuringDrawing: longestTask(p.longTasks, reply.at, settled),
  };
}

// ── 2. findings ─────────────────────────────────────────────────────────────────────────────────
interface FindingRun {
  line: number;
  target: string;
  /** Keydown to the finding in the list. */
  ms: number;
  /** Keydown to the checker's answer (the debounce and the check in the worker). */
  answerMs: number;
  longest: number;
}

async function findingRun(page: Page, line: number, target: string, baseline: string): Promise<FindingRun> {
  const needle = `"${target}x"`;
  const text = await page.evaluate(([l]) => window.__bench.placeCursor(l!), [line]);
  if (!text.endsWith(`next: ${target}`)) throw new Error(`[bench] line ${line} reads "${text}", not a next to ${target}`);
  // Moving the cursor selects the node it is in (and the graph brings it into view): let that settle first.
  await quiet(page);
  await page.evaluate((n) => window.__bench.watchFinding(n), needle);
  const before = await answers(page);
  await page.keyboard.type("x");
  await page.waitForFunction(() => window.__bench.finding?.at !== undefined, null, { timeout: STEP_TIMEOUT_MS });
  const p = await probes(page);
  const down = p.keys.at(-1)!.down;
  const found = p.finding!.at!;
  const answer = p.checkAnswers.slice(before).find((t) => t > down) ?? NaN;
  // Undo, and wait for the findings to be as before the keystroke.
  await page.keyboard.press("Backspace");
  await page.waitForFunction(
    ([s, n]) => window.__bench.findingsSummary() === s && !window.__bench.findingsText().includes(n!),
    [baseline, needle],
    { timeout: STEP_TIMEOUT_MS },
  );
  await quiet(page);
  return { line, target, ms: found - down, answerMs: answer - down, longest: longestTask(p.longTasks, down, found) };
}

// ── 4. keystrokes ───────────────────────────────────────────────────────────────────────────────
interface Keystrokes {
  /** Keydown to next paint per keystroke: Event Timing where it has the keystroke, else the frame after its input. */
  latencies: number[];
  /** The frame after the input, for every keystroke. */
  byFrame: number[];
  byEventTiming: number;
  /** Keystrokes whose Event Timing entries ended after the page was seen quiet (not timed to a paint), timed by their frame. */
  unpresented: number;
  /** After each of the checker's answers, the longest main-thread task until the page was quiet again. */
  afterAnswers: number[];
  noEventTiming: boolean;
}

async function typeKeystrokes(page: Page, line: number, column: number, profile?: (p: CpuProfile) => void): Promise<Keystrokes> {
  await page.evaluate(([l, c]) => window.__bench.placeCursor(l!, c!), [line, column]);
  await quiet(page);
  const first = await page.evaluate(() => window.__bench.keys.length);
  const answered: { answer: number; quiet: number }[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  if (profile) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  try {
    for (const ch of KEYSTROKES) {
      const n = await answers(page);
      const k = await page.evaluate(() => window.__bench.keys.length);
      await page.keyboard.type(ch);
      // Painted, the checker's answer to this text drawn, and the page quiet after it: the next
      // key comes to a settled page, so each is timed on its own.
      await page.waitForFunction(([i, a]) => typeof window.__bench.keys[i!]?.painted === "number" && window.__bench.checkSettled.length > a!, [k, n], {
        timeout: STEP_TIMEOUT_MS,
      });
      const calm = await quiet(page);
      answered.push({ answer: (await page.evaluate((a) => window.__bench.checkAnswers[a]!, n))!, quiet: calm.at });
    }
    if (profile) profile((await cdp.send("Profiler.stop")).profile);
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  }
  // Event Timing entries come after their frame is presented: two more frames and they are in.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
  const p = await probes(page);
  const keys = p.keys.slice(first);
  if (keys.length !== KEYSTROKES.length) throw new Error(`[bench] ${keys.length} keydowns seen for ${KEYSTROKES.length} keystrokes`);
  const timed = keyLatencies(keys, p.events, answered.map((a) => a.quiet));
  const byFrame = timed.map((t) => t.byFrame);
  const latencies = timed.map((t) => t.ms);
  const byEventTiming = timed.filter((t) => t.by === "event timing").length;
  const unpresented = timed.filter((t) => t.by === "frame, entries after quiet").length;
  return {
    latencies,
    byFrame,
    byEventTiming,
    unpresented,
    afterAnswers: answered.map((a) => longestTask(p.longTasks, a.answer, a.quiet)),
    noEventTiming: p.noEventTiming === true,
  };
}

/**
 * Keydown to paint for each key: from Event Timing, the end of the frame after the last of the
 * key's events (keydown, keypress, beforeinput, input; not keyup, which types nothing), else the
 * frame after its input. An entry can only end at a paint before the page was seen quiet after
 * the key (`quietAt`, frames in a row were painted by then); one that ends later was not timed to
 * its paint (headless Chromium can hold back the presentation feedback Event Timing waits for,
 * and then gives the entries of keys typed seconds apart one end), and such a key is timed by its
 * frame too.
 */
function keyLatencies(
  keys: { down: number; painted?: number | null }[],
  events: { name: string; start: number; duration: number }[],
  quietAt: number[],
): { ms: number; byFrame: number; by: "event timing" | "frame" | "frame, entries after quiet" }[] {
  return keys.map((k, i) => {
    const next = keys[i + 1]?.down ?? Infinity;
    const byFrame = (k.painted as number) - k.down;
    const own = events.filter((e) => e.start >= k.down - 0.5 && e.start < next && e.name !== "keyup" && e.name !== "pointerup");
    if (own.length === 0) return { ms: byFrame, byFrame, by: "frame" };
    if (own.some((e) => e.start + e.duration > quietAt[i]!)) return { ms: byFrame, byFrame, by: "frame, entries after quiet" };
    return { ms: Math.max(...own.map((e) => e.start + e.duration)) - k.down, byFrame, by: "event timing" };
  });
}

/**
 * The same keys typed at the same throttling into a plain <textarea> holding the same text, at the
 * editor's size and font, alone on a page of its own: what this machine and browser take from a
 * keydown to the next paint with no editor at all. Each key is timed as the editor's are (Event
 * Timing where it has the key, else the frame after the input), on a quiet page.
 */
async function textareaFloor(page: Page, text: string, line: number, column: number): Promise<number[]> {
  await page.route("http://floor.invalid/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: '<!doctype html><meta charset="utf-8"><body style="margin:16px"><textarea aria-label="text" style="width:612px;height:70vh;font:14px ui-monospace,monospace"></textarea>',
    }),
  );
  await page.goto("http://floor.invalid/");
  await page.evaluate(
    ([t, l, c]) => {
      const area = document.querySelector("textarea")!;
      area.value = t as string;
      const at = (t as string).split("\n").slice(0, (l as number) - 1).join("\n").length + 1 + (c as number);
      area.focus();
      area.setSelectionRange(at, at);
    },
    [text, line, column] as const,
  );
  await quiet(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  const calm: number[] = [];
  try {
    for (const [i, ch] of [...KEYSTROKES].entries()) {
      await page.keyboard.type(ch);
      await page.waitForFunction((k) => typeof window.__bench.keys[k]?.painted === "number", i, { timeout: STEP_TIMEOUT_MS });
      calm.push((await quiet(page)).at);
    }
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  }
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
  const p = await probes(page);
  return keyLatencies(p.keys, p.events, calm).map((t) => t.ms);
}

/** Where the page's main thread spent its time while typing (throttled), from a CDP CPU profile. */
function printProfile(profile: CpuProfile): void {
  const chunkDir = path.join(ROOT, ".next", "static", "chunks");
  const names = new Map<string, string>();
  const scriptName = (url: string) => {
    if (!names.has(url)) {
      const file = url.split(/[?#]/)[0]!.split("/").at(-1)!;
      let text = "";
      try {
        text = readFileSync(path.join(chunkDir, file), "utf8");
      } catch {
        // Not a chunk of the build (an inline script, an extension): named by its address.
      }
      const holds = [...STUDIO_PACKAGES, ...OTHER_MARKS].filter((m) => text.includes(m.mark)).map((m) => m.name);
      names.set(url, holds.length ? `${file} [${holds.join(", ")}]` : file || url);
    }
    return names.get(url)!;
  };
  const s = summarizeBrowserProfile(profile, scriptName);
  const top = (rows: [string, number][], n: number) => rows.slice(0, n).map(([k, v]) => `     ${ms(v).padStart(8)}  ${k}`).join("\n");
  console.log(`   profile of the same keystrokes typed again (CDP Profiler, ${THROTTLE}× throttled): ${ms(s.busyMs)} busy of ${ms(s.totalMs)}`);
  console.log(`   self time by script:\n${top(s.selfByScript, 8)}`);
  console.log(`   self time by function:\n${top(s.selfByFunction, 15)}`);
  console.log(`   time on the stack by function:\n${top(s.inclusiveByFunction, 25)}`);
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────
const failures: string[] = [];
let server: NextServer | undefined;
try {
  const buildId = readFileSync(buildIdFile, "utf8").trim();
  const builtAt = statSync(buildIdFile).mtimeMs;
  console.log("bench:studio — the studio's page weight, findings, graph layout and typing in Chromium (127.0.0.1)");
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "?"}, load average ${loadAverage()}, Node ${process.version}; build ${buildId} of ${new Date(builtAt).toISOString().slice(0, 19)}Z`,
  );

  server = await startNextServer(ROOT, { DATA_DIR: path.join(tmp, "data"), WEB_CONCURRENCY: "1" }, `/api/sessions/${ZERO_UUID}`, [401, 404]);
  const base = server.base;
  const setup = await postJson(base, "/api/setup", ADMIN, STEP_TIMEOUT_MS);
  if (setup.status !== "201") throw new Error(`[bench] POST /api/setup answered ${setup.status}: ${setup.body.slice(0, 200)}`);
  const cookie = await signIn(base, ADMIN.email, ADMIN.password);

  // The drafts: the generated scenario, and a copy of the largest library scenario under an id of its own.
  const generated = generateScenario(GENERATED);
  const generatedText = scenarioToYaml(generated);
  const bigId = await makeDraft(base, cookie, generated.id, generatedText);
  const libraryDir = path.join(ROOT, "scenarios", "library");
  const largest = readdirSync(libraryDir)
    .filter((f) => f.endsWith(".scenario.yaml"))
    .map((f) => ({ f, size: statSync(path.join(libraryDir, f)).size }))
    .sort((a, b) => b.size - a.size || a.f.localeCompare(b.f))[0]!;
  const libraryId = largest.f.replace(".scenario.yaml", "");
  const copyId = `${libraryId}-bench`;
  // As the studio's "Duplicate as a draft" does (withScenarioId): the id line names the copy.
  const copyText = readFileSync(path.join(libraryDir, largest.f), "utf8").replace(/^id:.*$/m, `id: ${copyId}`);
  const copyDraftId = await makeDraft(base, cookie, copyId, copyText);

  failures.push(...(await firstLoadJs(base, cookie, { draft: `/studio/drafts/${copyDraftId}`, play: `/play/${libraryId}` })));

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  console.log(`browser: Chromium ${browser.version()} (headless), 1280×900`);
  const context = await newContext(browser, base, cookie);
  const page = await context.newPage();

  // 3 first: it opens the page that 2 then types in.
  const lines = generatedText.split("\n").length;
  console.log("");
  console.log(`3. layout of the ${GENERATED.nodes.toLocaleString("en-US")}-node graph (${lines.toLocaleString("en-US")} lines of YAML) in the layout worker, ${LAYOUT_LOADS} page loads (the first with an empty cache)`);
  console.log(`   "checked": the checker's first answer, from navigation (the page has a scenario to draw); "from text": from then to the first node shown`);
  console.log(`   "worker": layout request to reply (the layout's own time in it); "drawn": reply to the first node shown; longest main-thread tasks while the`);
  console.log(`   worker lays out, and from its reply until the page is quiet (React Flow drawing, at most "nodes" graph nodes in the page at once)`);
  console.log("   load   checked     worker (layout)       drawn   from text   from navigation   longest task: layout / drawing   nodes");
  const loads: LayoutLoad[] = [];
  for (let i = 0; i < LAYOUT_LOADS; i++) {
    const l = await layoutLoad(page, bigId);
    loads.push(l);
    console.log(
      `   ${String(i + 1).padEnd(4)} ${ms(l.checked).padStart(9)}  ${ms(l.replied - l.requested).padStart(9)} (${ms(l.elkMs).padStart(7)})  ${ms(l.drawn - l.replied).padStart(8)}  ${ms(l.drawn - l.checked).padStart(10)}  ${ms(l.drawn).padStart(16)}   ${ms(l.longestDuringLayout).padStart(13)} / ${ms(l.longestDuringDrawing).padEnd(14)}   ${l.mostNodes}`,
    );
  }
  const fromText = loads.map((l) => l.drawn - l.checked);
  const layoutLongest = max(loads.map((l) => l.longestDuringLayout));
  const layoutOk = median(fromText) <= BUDGET.layoutMs;
  const layoutTaskOk = layoutLongest <= BUDGET.layoutLongTaskMs;
  console.log(
    `   from text: median ${ms(median(fromText))}, max ${ms(max(fromText))} (budget: median ≤ ${BUDGET.layoutMs} ms): ${layoutOk ? "met" : "MISSED"}; ` +
      `longest main-thread task while the worker lays out ${ms(layoutLongest)} (budget ≤ ${BUDGET.layoutLongTaskMs} ms): ${layoutTaskOk ? "met" : "MISSED"}`,
  );
  console.log("   the layout alone in Node, without the page: npm run bench:studio-layout");
  if (!layoutOk) failures.push(`layout: median ${ms(median(fromText))} from text to graph (budget ${BUDGET.layoutMs} ms)`);
  if (!layoutTaskOk) failures.push(`layout: a ${ms(layoutLongest)} main-thread task while the worker laid out (budget ${BUDGET.layoutLongTaskMs} ms)`);

  // 2. Findings after one keystroke that breaks a `next`, on the page just opened.
  console.log("");
  console.log(`2. findings on the ${GENERATED.nodes.toLocaleString("en-US")}-node draft: one keystroke breaks a next (n… → n…x); keydown to the finding in the list, ${FINDING_RUNS} runs`);
  const baseline = await page.evaluate(() => window.__bench.findingsSummary());
  const nextLines = generatedText
    .split("\n")
    .map((text, i) => ({ line: i + 1, target: /^\s+next: (n\d+)$/.exec(text)?.[1] }))
    .filter((l): l is { line: number; target: string } => l.target !== undefined);
  const random = seededRandom(PICK_SEED);
  const runs: FindingRun[] = [];
  for (let i = 0; i < FINDING_RUNS; i++) {
    const at = nextLines[Math.floor(random() * nextLines.length)]!;
    const r = await findingRun(page, at.line, at.target, baseline);
    runs.push(r);
    console.log(
      `   line ${String(r.line).padStart(5)} next: ${(r.target + "x").padEnd(6)} ${ms(r.ms).padStart(7)}  (the checker's answer at ${ms(r.answerMs)}, after the editor's pause; longest main-thread task ${ms(r.longest)})`,
    );
  }
  const findingMs = runs.map((r) => r.ms);
  const findingOk = median(findingMs) <= BUDGET.findingMs;
  console.log(`   median ${ms(median(findingMs))}, max ${ms(max(findingMs))} (budget: median ≤ ${BUDGET.findingMs} ms): ${findingOk ? "met" : "MISSED"}`);
  if (!findingOk) failures.push(`findings: median ${ms(median(findingMs))} after the keystroke (budget ${BUDGET.findingMs} ms)`);

  // 2b. Findings after one keystroke on the library copy: the size trainers write.
  await openDraft(page, copyDraftId);
  const copyNextLines = copyText
    .split("\n")
    .map((text, i) => ({ line: i + 1, target: /^\s+next: ([a-z0-9-]+)$/.exec(text)?.[1] }))
    .filter((l): l is { line: number; target: string } => l.target !== undefined);
  console.log("");
  console.log(`2b. findings on ${libraryId} (the largest library scenario): one keystroke breaks a next; keydown to the finding in the list, ${FINDING_RUNS} runs`);
  const copyBaseline = await page.evaluate(() => window.__bench.findingsSummary());
  const copyRuns: FindingRun[] = [];
  for (let i = 0; i < FINDING_RUNS; i++) {
    const at = copyNextLines[Math.floor(random() * copyNextLines.length)]!;
    const r = await findingRun(page, at.line, at.target, copyBaseline);
    copyRuns.push(r);
    console.log(`   line ${String(r.line).padStart(5)} next: ${(r.target + "x").padEnd(24)} ${ms(r.ms).padStart(7)}  (the checker's answer at ${ms(r.answerMs)}; longest main-thread task ${ms(r.longest)})`);
  }
  const copyFindingMs = copyRuns.map((r) => r.ms);
  const copyFindingOk = median(copyFindingMs) <= BUDGET.libraryFindingMs;
  console.log(`   median ${ms(median(copyFindingMs))}, max ${ms(max(copyFindingMs))} (budget: median ≤ ${BUDGET.libraryFindingMs} ms): ${copyFindingOk ? "met" : "MISSED"}`);
  if (!copyFindingOk) failures.push(`findings on ${libraryId}: median ${ms(median(copyFindingMs))} after the keystroke (budget ${BUDGET.libraryFindingMs} ms)`);

  // 4. Typing in a say: text of the library copy, throttled.
  const copyLines = copyText.split("\n");
  const sayLines = copyLines.map((text, i) => ({ line: i + 1, text })).filter((l) => /^\s+say: ".*"$/.test(l.text));
  const say = sayLines[Math.floor(sayLines.length / 2)]!;
  console.log("");
  console.log(
    `4. keystroke to paint in the editor, ${libraryId} (${copyLines.length} lines, the largest library scenario), CPU throttled ${THROTTLE}×: ${KEYSTROKES.length} keys typed into the say: text on line ${say.line}`,
  );
  await openDraft(page, copyDraftId);
  const k = await typeKeystrokes(page, say.line, say.text.length - 1);
  const sorted = [...k.latencies].sort((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  const keysOk = p95 < BUDGET.keystrokeP95Ms;
  const frames = [...k.byFrame].sort((a, b) => a - b);
  console.log(
    `   Event Timing had ${k.byEventTiming} of ${k.latencies.length} keystrokes (those of 16 ms and more)${k.noEventTiming ? " (not supported here)" : ""}` +
      (k.unpresented ? `; ${k.unpresented} more had entries ending after the page was seen quiet, not at a paint (set aside)` : "") +
      "; the others are timed by the frame after their input",
  );
  console.log(`   p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(p95)}, max ${ms(sorted.at(-1))} (budget: p95 < ${BUDGET.keystrokeP95Ms} ms): ${keysOk ? "met" : "MISSED"}`);
  console.log(`   by the frame after the input alone: p50 ${ms(percentile(frames, 0.5))}, p95 ${ms(percentile(frames, 0.95))}, max ${ms(frames.at(-1))}`);
  const after = [...k.afterAnswers].sort((a, b) => a - b);
  console.log(
    `   each key came after the page was quiet from the one before; after each of the checker's answers (it checks once typing pauses), the longest main-thread task until quiet:`,
  );
  console.log(`   p50 ${ms(percentile(after, 0.5))}, max ${ms(after.at(-1))} — a key typed then waits behind it (not counted above)`);
  if (!keysOk) failures.push(`typing: p95 ${ms(p95)} keystroke to paint at ${THROTTLE}× throttling (budget < ${BUDGET.keystrokeP95Ms} ms)`);
  {
    // What no editor can go below on this machine: the same keys in a plain textarea.
    const floorPage = await page.context().newPage();
    const floor = (await textareaFloor(floorPage, copyText, say.line, say.text.length - 1)).sort((a, b) => a - b);
    await floorPage.close();
    console.log(`   beside it, not budgeted: the same keys in a plain <textarea> alone on a page, same throttling: p50 ${ms(percentile(floor, 0.5))}, p95 ${ms(percentile(floor, 0.95))}, max ${ms(floor.at(-1))}`);
  }
  if (PROFILE) {
    let profile: CpuProfile | undefined;
    await typeKeystrokes(page, say.line, say.text.length - 1 + KEYSTROKES.length, (p) => (profile = p));
    printProfile(profile!);
    // Once more under a Chromium trace: what the keystrokes cost besides JavaScript.
    await browser!.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "disabled-by-default-v8.cpu_profiler"] });
    await typeKeystrokes(page, say.line, say.text.length - 1 + 2 * KEYSTROKES.length);
    const traceJson = (await browser!.stopTracing()).toString("utf8");
    // Kept for Chromium's DevTools (Performance panel: load the file).
    mkdirSync(path.join(ROOT, "bench", "out"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "out", "studio-keystrokes.trace.json"), traceJson);
    const trace = summarizeTrace(traceJson);
    const per = (v: number) => ms(v / KEYSTROKES.length);
    console.log(
      `   trace of the same keystrokes typed again (${THROTTLE}× throttled), the page's main thread per keystroke (self time, with the checker's answer after it): ${per(trace.busyMs)} busy; ` +
        trace.byKind.map(([k, v]) => `${k} ${per(v)}`).join(", "),
    );
    console.log(`     busiest events: ${trace.byName.slice(0, 12).map(([k, v]) => `${k} ${per(v)}`).join(", ")}`);
    const k = trace.keystrokes;
    const perKey = (v: number) => ms(v / Math.max(k.count, 1));
    console.log(
      `   the keystrokes alone (keydown to the end of the first frame committed after its input, ${k.count} of ${KEYSTROKES.length} found), per keystroke: ${perKey(k.busyMs)} busy; ` +
        k.byKind.map(([kind, v]) => `${kind} ${perKey(v)}`).join(", "),
    );
    console.log(`     busiest events: ${k.byName.slice(0, 12).map(([name, v]) => `${name} ${perKey(v)}`).join(", ")}`);
    console.log(`     JavaScript sampled in them, by function (self): ${k.byFunction.slice(0, 14).map(([name, v]) => `${name} ${perKey(v)}`).join(", ")}`);
  }
  await context.close();
} catch (e) {
  failures.push(`the bench failed: ${(e as Error).message.split("\n")[0]}`);
  console.error(e);
  if (server) console.error(`server log:\n${server.logTail()}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  cleanUp();
}

console.log("");
console.log(`total ${dur(performance.now() - started)}, load average ${loadAverage()} at the end; server stopped, browser closed, temp folder removed`);
if (failures.length) {
  console.log(`verdict: OVER BUDGET — ${failures.join("; ")}`);
  process.exit(1);
}
console.log("verdict: within budget");
process.exit(0);
