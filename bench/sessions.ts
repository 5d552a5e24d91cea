/**
 * `npm run bench:sessions`: the session API and review pages of the production build served as
 * `npm start` serves it (scripts/serve.mjs: one `next start` process per core, at most 4), on
 * SQLite and on PostgreSQL.
 *
 * 1. Choice throughput and latency: CONNECTIONS concurrent clients on keep-alive sockets, each
 *    signed in as its own trainee account, each playing sessions (POST /api/sessions, then the
 *    choices of a library scenario path in order, seq 1, 2, …, then a new session) for MEASURE_MS
 *    after WARMUP_MS; only the choice requests are counted, and every one must be answered 201.
 *    SQLite has a budget; PostgreSQL, and SQLite with a single server process
 *    (WEB_CONCURRENCY=1), are shown beside it for comparison. Before the load, untimed, on each
 *    fresh server: the first administrator by POST /api/setup, signed in over HTTP; the trainee
 *    accounts made and signed in in-process on the same store (the sign-in route allows 10
 *    sign-ins a minute per address, and every client here comes from 127.0.0.1).
 *    Beside the choice figures: what looking up the sign-in costs per request, measured
 *    in-process (accountOf with a valid cookie, as requireAccount calls it; LOOKUP_RUNS calls
 *    after a warm-up, on the SQLite store the load ran on): a cookie the library already
 *    confirmed in the process (the app's one query), as nearly every request is, and a cookie
 *    new to it (the library's session lookup, then the account's roles and standing), as a
 *    cookie's first request in each server process and one a minute after are.
 * 2. Review pages on a full store: FILL_SESSIONS sessions written through the Store API (dates
 *    then spread over a year; half of them belonging to FILL_OWNERS trainee accounts), and the
 *    list page, a filtered + sorted + paged list and one transcript timed (median of PAGE_RUNS
 *    after a warm-up), signed in as the administrator, who sees every session.
 * 3. When SQLite misses its budget (or with `--profile`; never with `--no-profile`), one more
 *    short SQLite run with one server process under `node --cpu-prof`, summarized through the build's
 *    source maps: where the server's CPU goes per request (bench/cpu-profile.ts).
 *
 * Prints figures beside budgets and a verdict; exits 1 when over budget (or on errors, or when
 * PostgreSQL cannot run), 2 without a build. Everything runs on 127.0.0.1 in temp folders; every
 * server is killed as a process group and the PostgreSQL cluster stopped, also on failure or Ctrl-C.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { accountOf, createAccount, createFirstAdmin } from "../server/accounts";
import { authSecret, createAuth, type Auth } from "../server/auth";
import type { Database } from "../server/db/database";
import { openPostgresStore, openSqliteStore, SQLITE_FILE_NAME } from "../server/open-store";
import { loadLibrary } from "../server/scenario-library";
import { SHORT_ABANDONED_TURNS, type Store } from "../server/store";
import { planFor } from "../tests/e2e/plan";
import {
  backdatePostgres,
  backdateSqlite,
  fillStore,
  pooledBatches,
  sqliteBatches,
  type BatchStore,
  type FillOwner,
  type FillResult,
  type FillScenario,
} from "./fill-store";
import { cookieHeader, percentile, postJson, runLoad, SESSION_COOKIE, signIn, timePage, type LoadResult, type ScenarioPath } from "./load-driver";
import { benchWorkspace, commandCpuSeconds, cpuReferenceMs, groupCpuSeconds, killAllServers, machineCpuSeconds, startNextServer, type NextServer } from "./next-server";
import { findPgBin, startPgCluster, type PgCluster } from "../scripts/pg-cluster";
import { summarizeProfile } from "./cpu-profile";
import { processCount } from "../scripts/serve.mjs";

// ── settings ────────────────────────────────────────────────────────────────────────────────────
const CONNECTIONS = 16;
const WARMUP_MS = 3_000;
const MEASURE_MS = 10_000;
const FILL_SESSIONS = 10_000;
/** Sessions written concurrently while filling (each session's own writes stay in order). */
const FILL_BATCH = 200;
const FILL_SEED = 20_261_125;
const PAGE_RUNS = 5;
/** Budgets on this machine (2 cores): choices on SQLite, and each review page on the full store. */
const BUDGET = { choicesPerSecond: 500, p99Ms: 100, pageMs: 500 };
/** The whole bench aims to finish within this; the optional PostgreSQL page timing runs only in the time left. */
const DEADLINE_MS = 180_000;
/** Past this, everything is killed and the bench fails. */
const HARD_LIMIT_MS = 240_000;
/** The profiled run, made when SQLite misses its budget (or with --profile; never with --no-profile). */
const PROFILE_WARMUP_MS = 2_000;
const PROFILE_MS = 5_000;
const ZERO_UUID = "00000000-0000-4000-8000-000000000000";
/** The sign-in lookup, timed in-process: calls timed after untimed ones. */
const LOOKUP_RUNS = 2_000;
const LOOKUP_WARMUP = 200;
/** The trainee accounts the review pages' sessions belong to (half of them; the rest to no account). */
const FILL_OWNERS = 6;
/** The accounts made on each server under test (every one signs in with this password). */
const PASSWORD = "bench-password-2026";
const ADMIN = { email: "admin@bench.example", name: "Bench Admin", password: PASSWORD };
const trainee = (i: number) => ({ email: `trainee-${i + 1}@bench.example`, name: `Bench Trainee ${i + 1}`, password: PASSWORD });

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = performance.now();
const elapsed = () => performance.now() - started;

// ── formatting ──────────────────────────────────────────────────────────────────────────────────
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (v: number) => (Number.isNaN(v) ? "—" : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
const dur = (v: number) => (v < 1_000 ? `${Math.round(v)} ms` : `${(v / 1_000).toFixed(1)} s`);
const pct = (v: number) => `${Math.round(v)}%`;
/** Milliseconds to a thousandth below 1 ms, to a hundredth above. */
const fine = (v: number) => (Number.isNaN(v) ? "—" : v < 1 ? v.toFixed(3) : v.toFixed(2));
const row = (cells: [string, number][]) => cells.map(([text, width]) => (width < 0 ? text.padEnd(-width) : text.padStart(width))).join("  ");

// ── preflight ───────────────────────────────────────────────────────────────────────────────────
const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
if (!existsSync(buildIdFile)) {
  console.error("bench:sessions: no production build (.next/BUILD_ID is missing); run `npm run build` first");
  process.exit(2);
}

// ── cleanup: servers, the PostgreSQL cluster, temp folders — also on failure and Ctrl-C ─────────
let cluster: PgCluster | undefined;
const { tmp, cleanUp } = benchWorkspace("bench:sessions", HARD_LIMIT_MS, () => cluster?.stop());

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────
/** Newest modification time among the sources a build is made from (as scripts/start.mjs checks). */
function newestSource(p: string): number {
  if (!existsSync(p) || /(^|\/)(node_modules|library)(\/|$)|\.scenario\.(ya?ml|json)$/.test(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newestSource(path.join(p, n))));
}

// ── accounts and sign-in ────────────────────────────────────────────────────────────────────────
/** Opens, in this process, the store a server under test runs on. */
type StoreOpener = () => Promise<Store>;
const sqliteAt = (dir: string): StoreOpener => () => openSqliteStore(path.join(dir, SQLITE_FILE_NAME));
const postgresAt = (url: string): StoreOpener => () => openPostgresStore(url, { maxConnections: 4 });

/** Runs `work` with the authentication library over the store (the cookie secret the servers share, kept in the database). */
async function withAuth<T>(open: StoreOpener, work: (auth: Auth, db: Kysely<Database>) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    const database = await store.database();
    return await work(createAuth(database, await authSecret(database.db)), database.db);
  } finally {
    await store.close();
  }
}

/** Signs in through the library in this process: the `cookie` header a browser would send back. */
async function signInHere(auth: Auth, email: string, password: string): Promise<string> {
  const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
  const cookie = cookieHeader(res.headers.getSetCookie());
  if (res.status !== 200 || !cookie.includes(`${SESSION_COOKIE}=`)) throw new Error(`in-process sign-in of ${email} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return cookie;
}

/**
 * The accounts of a load on a fresh server: the first administrator by POST /api/setup, signed in
 * over HTTP; `trainees` trainee accounts made and signed in in-process on the same store.
 */
async function signInClients(base: string, open: StoreOpener, trainees: number): Promise<{ admin: string; clients: string[] }> {
  const setup = await postJson(base, "/api/setup", ADMIN, 60_000);
  if (setup.status !== "201") throw new Error(`POST /api/setup answered ${setup.status}: ${setup.body.slice(0, 200)}`);
  const admin = await signIn(base, ADMIN.email, ADMIN.password);
  const clients = await withAuth(open, (auth, db) =>
    Promise.all(
      Array.from({ length: trainees }, async (_, i) => {
        const t = trainee(i);
        await createAccount(auth, db, { ...t, roles: ["trainee"] });
        return signInHere(auth, t.email, t.password);
      }),
    ),
  );
  return { admin, clients };
}

interface Lookup {
  median: number;
  p99: number;
}

/**
 * The sign-in lookup a request to the session API makes (accountOf with a valid cookie), timed
 * in-process: `confirmed`, the same cookie again (the app's re-check of a sign-in the library
 * confirmed); `library`, a cookie header the process has not seen (another cookie beside the
 * session's makes each one new), which the library looks up.
 */
async function lookupCost(open: StoreOpener): Promise<{ confirmed: Lookup; library: Lookup }> {
  return withAuth(open, async (auth, db) => {
    const cookie = await signInHere(auth, trainee(0).email, PASSWORD);
    let n = 0;
    const time = async (headers: () => Headers): Promise<Lookup> => {
      const lookUp = async () => {
        const found = await accountOf(auth, db, headers());
        if (!found) throw new Error("the sign-in lookup found no sign-in for a valid cookie");
      };
      for (let i = 0; i < LOOKUP_WARMUP; i++) await lookUp();
      const times: number[] = [];
      for (let i = 0; i < LOOKUP_RUNS; i++) {
        const t0 = performance.now();
        await lookUp();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
    };
    const library = await time(() => new Headers({ cookie: `${cookie}; seen=${++n}` }));
    const confirmed = await time(() => new Headers({ cookie }));
    return { confirmed, library };
  });
}

interface CpuMark {
  at: number;
  server: number;
  postgres: number;
  client: NodeJS.CpuUsage;
  machine: { busy: number; total: number };
}
const cpuMark = (server: NextServer): CpuMark => ({
  at: performance.now(),
  server: groupCpuSeconds(server.pgid),
  postgres: commandCpuSeconds("postgres"),
  client: process.cpuUsage(),
  machine: machineCpuSeconds(),
});
interface CpuUse {
  /** Percent of one core over the window. */
  server: number;
  postgres: number;
  client: number;
  /** Percent of all cores, and what is not ours. */
  machine: number;
  others: number;
  cores: number;
  serverSeconds: number;
}
function cpuBetween(a: CpuMark, b: CpuMark): CpuUse {
  const wall = (b.at - a.at) / 1_000;
  const cores = os.cpus().length;
  const client = (b.client.user + b.client.system - a.client.user - a.client.system) / 1e6;
  const server = b.server - a.server;
  const postgres = b.postgres - a.postgres;
  const busy = b.machine.busy - a.machine.busy;
  return {
    server: (100 * server) / wall,
    postgres: (100 * postgres) / wall,
    client: (100 * client) / wall,
    machine: (100 * busy) / (b.machine.total - a.machine.total),
    others: Math.max(0, (100 * (busy - server - postgres - client)) / wall),
    cores,
    serverSeconds: server,
  };
}

interface LoadRun extends LoadResult {
  cpu: CpuUse;
  /** Making the accounts and signing every client in, before the load (untimed). */
  accountsMs: number;
  /** The first POST /api/sessions per scenario, one at a time, before the load (the server loads and checks the library once). */
  primeMs: number;
  /** The measured window in CLOCK_MONOTONIC µs (for a CPU profile's samples). */
  window: { startUs: number; endUs: number };
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1_000n);

async function loadTest(
  env: Record<string, string>,
  open: StoreOpener,
  paths: ScenarioPath[],
  options: { warmupMs?: number; durationMs?: number; nodeArgs?: string[] } = {},
): Promise<LoadRun> {
  // Signed out, a session route answers 401 (404 once signed in, for a session that does not exist).
  const server = await startNextServer(ROOT, env, `/api/sessions/${ZERO_UUID}`, [401, 404], { nodeArgs: options.nodeArgs });
  try {
    const a0 = performance.now();
    const { admin, clients } = await signInClients(server.base, open, CONNECTIONS);
    const accountsMs = performance.now() - a0;
    // Untimed and reported apart: the first session start reads and checks every library
    // scenario (once, however many requests wait on it), a cost of a cold server, not of choices.
    const p0 = performance.now();
    for (const id of new Set(paths.map((p) => p.scenarioId))) {
      const a = await postJson(server.base, "/api/sessions", { scenarioId: id, mode: "practice" }, 60_000, admin);
      if (a.status !== "201") throw new Error(`warm-up POST /api/sessions (${id}) answered ${a.status}: ${a.body.slice(0, 200)}\n${server.logTail(8)}`);
    }
    const primeMs = performance.now() - p0;
    let mark: CpuMark | undefined;
    let startUs = 0;
    const r = await runLoad({
      base: server.base,
      connections: CONNECTIONS,
      warmupMs: options.warmupMs ?? WARMUP_MS,
      durationMs: options.durationMs ?? MEASURE_MS,
      paths,
      cookies: clients,
      onMeasureStart: () => {
        startUs = monotonicUs();
        mark = cpuMark(server);
      },
    });
    const endUs = monotonicUs();
    const cpu = cpuBetween(mark!, cpuMark(server));
    if (r.statuses["500"]) console.log(`  server log (last lines):\n${server.logTail(8).replace(/^/gm, "    ")}`);
    return { ...r, cpu, accountsMs, primeMs, window: { startUs, endUs } };
  } finally {
    await server.stop();
  }
}

/** Which part of the work each profile area is, for the one-line breakdown. */
function bucketOf(area: string): string {
  if (area === "(garbage collector)") return "garbage collection";
  if (/^(next|next \(build output\)|react.*|node (web streams|undici.*|_http_\w+|http|net|stream_base_commons|streams|async_hooks|events|url))$/.test(area))
    return "Next.js request/response handling";
  if (/^(better-auth|@better-auth\/.*|better-call|jose|@noble\/.*)$/.test(area) || /^app server\/(auth|accounts|access)\.ts$/.test(area)) return "sign-in lookup (better-auth)";
  if (/^(kysely|better-sqlite3|pg|pg-.*|postgres-.*)$/.test(area) || /^app server\/(kysely-store|db\/)/.test(area)) return "database (Kysely + driver)";
  if (area === "xstate" || area.startsWith("app machines/")) return "replay (xstate, machines/)";
  if (area === "zod" || area === "app server/http.ts" || area.startsWith("app contracts/")) return "validation (zod)";
  if (area.startsWith("app scenarios/") || area === "app server/scenario-library.ts") return "scenario library/hash";
  if (area.startsWith("app ")) return "other app code";
  return "other (V8, Node)";
}

async function profileRun(paths: ScenarioPath[]): Promise<void> {
  const dir = path.join(tmp, "profile");
  const data = path.join(tmp, "sqlite-profile");
  mkdirSync(dir);
  mkdirSync(data);
  const r = await loadTest({ DATA_DIR: data, WEB_CONCURRENCY: "1" }, sqliteAt(data), paths, {
    warmupMs: PROFILE_WARMUP_MS,
    durationMs: PROFILE_MS,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  });
  // The launcher writes a small profile of its own beside its server process's.
  const file = readdirSync(dir)
    .filter((n) => n.endsWith(".cpuprofile"))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  console.log(
    `  profile of one SQLite server process (own run under node --cpu-prof, WEB_CONCURRENCY=1, same load, ${dur(PROFILE_MS)} after ${dur(PROFILE_WARMUP_MS)} warm-up; not counted above):` +
      ` ${r.perSecond.toFixed(0)} choices/s, p99 ${ms(r.p99)} under the profiler`,
  );
  if (!file) {
    console.log("    no .cpuprofile was written");
    return;
  }
  const p = summarizeProfile(path.join(dir, file), ROOT, r.window);
  const share = (v: number) => `${((100 * v) / p.busyMs).toFixed(0)}%`;
  const windowS = (r.window.endUs - r.window.startUs) / 1e6;
  console.log(
    `    server busy ${dur(p.busyMs)} of the ${windowS.toFixed(1)} s window (${pct(p.busyMs / 10 / windowS)} of one core)${p.windowed ? "" : " (whole profile: window not found)"}` +
      `; ${r.choices ? ms(p.busyMs / (r.choices + r.sessionsStarted)) : "—"} per request (choices + session starts)`,
  );
  const buckets = new Map<string, number>();
  for (const [area, v] of p.selfByArea) buckets.set(bucketOf(area), (buckets.get(bucketOf(area)) ?? 0) + v);
  console.log(
    `    by kind of work (self time): ${[...buckets]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${share(v)}`)
      .join(", ")}`,
  );
  console.log(`    self time by area: ${p.selfByArea.slice(0, 10).map(([a, v]) => `${a} ${share(v)}`).join(", ")}`);
  console.log("    app functions, inclusive (on the stack):");
  for (const [fn, v] of p.inclusiveByAppFunction.slice(0, 8)) console.log(`      ${share(v).padStart(4)}  ${fn}`);
}

function printLoad(label: string, r: LoadRun, budgeted: boolean): void {
  const rateOk = r.perSecond >= BUDGET.choicesPerSecond;
  const p99Ok = r.p99 < BUDGET.p99Ms;
  const others = Object.entries(r.statuses)
    .filter(([s]) => s !== "201")
    .map(([s, n]) => `${s} ×${n}`)
    .join(", ");
  console.log(
    "  " +
      row([
        [label, -10],
        [r.perSecond.toFixed(0), 9],
        [budgeted ? `≥ ${BUDGET.choicesPerSecond}` : "—", 7],
        [budgeted ? (rateOk ? "ok" : "OVER") : "", 4],
        [ms(r.p50), 8],
        [ms(r.p99), 8],
        [budgeted ? `< ${BUDGET.p99Ms} ms` : "—", 8],
        [budgeted ? (p99Ok ? "ok" : "OVER") : "", 4],
        [ms(r.max), 8],
        [ms(r.mean), 8],
        [int(r.choices), 8],
        [String(r.errors), 6],
      ]),
  );
  console.log(
    `    ${int(r.choices)} choices in ${r.seconds.toFixed(2)} s (before the load, untimed: accounts made and signed in ${dur(r.accountsMs)}, first session start per scenario ${dur(r.primeMs)})` +
      `; ${int(r.sessionsStarted)} sessions started, ${int(r.sessionsFinished)} played to the end` +
      `; statuses: 201 ×${int(r.statuses["201"] ?? 0)}${others ? `, ${others}` : ""}` +
      (r.sessionErrors ? `; session starts failed: ${r.sessionErrors}` : ""),
  );
  const c = r.cpu;
  console.log(
    `    CPU in the measured window (% of one core): server processes ${pct(c.server)}` +
      (c.postgres >= 1 ? `, postgres ${pct(c.postgres)}` : "") +
      `, load driver ${pct(c.client)}, other processes ${pct(c.others)}; machine ${pct(c.machine)} of ${c.cores} cores` +
      `; server CPU per choice ${r.choices ? ms((1_000 * c.serverSeconds) / r.choices) : "—"}`,
  );
  for (const s of r.samples.slice(0, 3)) console.log(`    error: ${s}`);
}

interface PageRun {
  label: string;
  path: string;
  median: number;
  min: number;
  max: number;
  status: string;
  kb: number;
  check: string;
  checkOk: boolean;
}

async function pagesTest(
  label: string,
  openStore: StoreOpener,
  open: () => Promise<BatchStore>,
  backdate: (sessions: FillResult["sessions"]) => Promise<number>,
  env: Record<string, string>,
  scenarios: FillScenario[],
): Promise<{ fill: FillResult; backdateMs: number; pages: PageRun[] }> {
  // The administrator who reviews, and the trainees half the sessions belong to.
  const owners = await withAuth(openStore, async (auth, db): Promise<FillOwner[]> => {
    await createFirstAdmin(auth, db, ADMIN);
    const made: FillOwner[] = [];
    for (let i = 0; i < FILL_OWNERS; i++) {
      const a = await createAccount(auth, db, { ...trainee(i), roles: ["trainee"] });
      made.push({ id: a.id, name: a.name });
    }
    return made;
  });
  const store = await open();
  let fill: FillResult;
  try {
    fill = await fillStore(store.run, scenarios, FILL_SESSIONS, { batch: FILL_BATCH, seed: FILL_SEED, owners });
  } finally {
    await store.close();
  }
  const backdateMs = await backdate(fill.sessions);
  console.log(
    `  ${label}: filled ${int(fill.sessions.length)} sessions, ${int(fill.choices)} choices, ${int(fill.comments)} comments in ${dur(fill.ms)}` +
      ` (${int(fill.sessions.length / (fill.ms / 1_000))} sessions/s; batches of ${FILL_BATCH} concurrent sessions, ${store.how}); dates spread over the past year in ${dur(backdateMs)}`,
  );

  // The filtered page: the most played scenario, practice mode, completed, the last half year, by participant, page 3.
  const top = scenarios[0]!.id;
  const from = new Date(Date.now() - 182 * 86_400_000).toISOString().slice(0, 10);
  const fromMs = Date.parse(from);
  const expectFiltered = fill.sessions.filter(
    (s) => s.scenarioId === top && s.mode === "practice" && s.status === "completed" && s.startedAtMs >= fromMs,
  ).length;
  const filtered = `/sessions?scenario=${top}&mode=practice&status=completed&from=${from}&sort=participant&order=asc&page=3`;
  // The transcript: the longest completed session with comments (the page shows turns, meters, debrief and comments).
  const transcript = [...fill.sessions]
    .filter((s) => s.status === "completed")
    .sort((a, b) => Number(b.comments > 0) - Number(a.comments > 0) || b.turns - a.turns)[0]!;
  // The list leaves out sessions abandoned after 0 or 1 turns (it says how many and links to them).
  const listed = fill.sessions.filter((s) => !(s.status === "abandoned" && s.turns <= SHORT_ABANDONED_TURNS)).length;
  const targets = [
    { label: "/sessions", path: "/sessions", expect: listed },
    { label: "/sessions?… filtered", path: filtered, expect: expectFiltered },
    { label: "/sessions/<id>", path: `/sessions/${transcript.id}`, expect: undefined },
  ];

  const server = await startNextServer(ROOT, env, `/api/sessions/${ZERO_UUID}`, [401, 404]);
  const pages: PageRun[] = [];
  try {
    const cookie = await signIn(server.base, ADMIN.email, ADMIN.password);
    for (const t of targets) {
      const r = await timePage(server.base, t.path, PAGE_RUNS, { cookie });
      let check: string;
      let checkOk: boolean;
      if (t.expect !== undefined) {
        const m = /(\d+) sessions?, page (\d+) of (\d+)/.exec(r.body);
        checkOk = !!m && Number(m[1]) === t.expect;
        check = m ? `${m[1]} sessions, page ${m[2]} of ${m[3]}${checkOk ? "" : ` (expected ${t.expect})`}` : `no count on the page (expected ${t.expect})`;
      } else {
        const turns = (r.body.match(/<li[^>]*class="turn-card /g) ?? []).length;
        checkOk = turns === transcript.turns && r.body.includes(transcript.participant);
        check = `${turns} turns shown (expected ${transcript.turns}), ${transcript.comments} comments`;
      }
      const sorted = [...r.times].sort((a, b) => a - b);
      pages.push({ label: t.label, path: t.path, median: r.median, min: sorted[0]!, max: sorted[sorted.length - 1]!, status: r.status, kb: r.bytes / 1024, check, checkOk });
    }
  } finally {
    await server.stop();
  }
  return { fill, backdateMs, pages };
}

function printPages(label: string, pages: PageRun[]): void {
  for (const p of pages) {
    const ok = p.median < BUDGET.pageMs;
    console.log(
      "  " +
        row([
          [label, -10],
          [p.label, -22],
          [ms(p.median), 8],
          [`${ms(p.min)}–${ms(p.max)}`, 17],
          [`< ${BUDGET.pageMs} ms`, 8],
          [ok ? "ok" : "OVER", 4],
          [p.status, 6],
          [`${p.kb.toFixed(0)} kB`, 7],
          [`${p.checkOk ? "✓" : "✗"} ${p.check}`, -40],
        ]),
    );
  }
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────
const failures: string[] = [];
try {
  const buildId = readFileSync(buildIdFile, "utf8").trim();
  const builtAt = statSync(buildIdFile).mtimeMs;
  const stale = ["app", "components", "machines", "scenarios", "server"].some((d) => newestSource(path.join(ROOT, d)) > builtAt);
  console.log("bench:sessions — the session API under load and the review pages on a full store (127.0.0.1)");
  console.log(`server: scripts/serve.mjs as npm start runs it, ${processCount({})} server processes (one per core, at most 4; WEB_CONCURRENCY)`);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}; ` +
      `build ${buildId} of ${new Date(builtAt).toISOString().slice(0, 19)}Z${stale ? " (WARNING: some sources are newer than the build)" : ""}`,
  );

  const library = (await loadLibrary()).filter((e) => e.ok);
  if (library.length === 0) throw new Error("no valid scenario in scenarios/library");
  const scenarios: FillScenario[] = library.map((e) => ({ id: e.id, hash: e.hash, scenario: e.scenario }));
  // The load plays each scenario's first-choice and last-choice paths (tests/e2e/plan.ts), in turn.
  const paths: ScenarioPath[] = [];
  for (const e of library) {
    for (const pick of ["first", "last"] as const) {
      const choiceIds = planFor(e.scenario, pick).turns.map((t) => t.choice.id);
      if (!paths.some((p) => p.scenarioId === e.id && p.choiceIds.join() === choiceIds.join())) paths.push({ scenarioId: e.id, choiceIds });
    }
  }
  const lengths = paths.map((p) => p.choiceIds.length);
  console.log(
    `load: ${CONNECTIONS} connections (one keep-alive socket each), closed loop; each plays sessions: POST /api/sessions, then the choices of a path in order, then a new session`,
  );
  console.log(
    `  signed in: each connection as its own trainee account (made and signed in in-process on the server's store), its cookie on every request;` +
      ` before that the administrator made by POST /api/setup and signed in over HTTP`,
  );
  console.log(
    `  ${paths.length} paths (first/last choice through ${library.length} library scenarios), ${Math.min(...lengths)}–${Math.max(...lengths)} choices each;` +
      ` warm-up ${dur(WARMUP_MS)}, measured ${dur(MEASURE_MS)}; only choice requests counted, each must be 201`,
  );

  // ── 1a. SQLite under load ──
  console.log("");
  console.log("choices: POST /api/sessions/:id/choices");
  console.log(
    "  " +
      row([
        ["store", -10],
        ["choices/s", 9],
        ["budget", 7],
        ["", 4],
        ["p50", 8],
        ["p99", 8],
        ["budget", 8],
        ["", 4],
        ["max", 8],
        ["mean", 8],
        ["choices", 8],
        ["errors", 6],
      ]),
  );
  const sqliteDir = path.join(tmp, "sqlite-load");
  mkdirSync(sqliteDir);
  const speedBefore = cpuReferenceMs();
  const sqlite = await loadTest({ DATA_DIR: sqliteDir }, sqliteAt(sqliteDir), paths);
  printLoad("SQLite", sqlite, true);
  const sqliteOneDir = path.join(tmp, "sqlite-load-one");
  mkdirSync(sqliteOneDir);
  const sqliteOne = await loadTest({ DATA_DIR: sqliteOneDir, WEB_CONCURRENCY: "1" }, sqliteAt(sqliteOneDir), paths);
  printLoad("SQLite ×1", sqliteOne, false);
  console.log(
    `  machine speed: 200,000 chained SHA-256 digests took ${dur(speedBefore)} before the SQLite load and ${dur(cpuReferenceMs())} after the two SQLite runs` +
      " (the same work, so a higher figure is a slower machine; runs of this bench are comparable only at like figures)",
  );
  // With no server running: the sign-in lookup on the store the SQLite load ran on.
  const lookup = await lookupCost(sqliteAt(sqliteDir));
  const perChoiceMs = sqlite.choices ? (1_000 * sqlite.cpu.serverSeconds) / sqlite.choices : NaN;
  const share = (t: number) => (Number.isFinite(perChoiceMs) ? `, ${pct((100 * t) / perChoiceMs)} of the SQLite run's server CPU per choice (${fine(perChoiceMs)} ms)` : "");
  console.log(
    `  sign-in lookup per request (in-process, SQLite, accountOf with a valid cookie, ${int(LOOKUP_RUNS)} calls after ${int(LOOKUP_WARMUP)} untimed, on the store of the SQLite run):\n` +
      `    a sign-in the library confirmed in this process (the app's one query; nearly every request): median ${fine(lookup.confirmed.median)} ms, p99 ${fine(lookup.confirmed.p99)} ms${share(lookup.confirmed.median)}\n` +
      `    a cookie new to the process (the library's lookup, then roles and standing; a cookie's first request per process, and once a minute after): median ${fine(lookup.library.median)} ms, p99 ${fine(lookup.library.p99)} ms${share(lookup.library.median)}`,
  );
  if (sqliteOne.errors || sqliteOne.sessionErrors) failures.push(`SQLite ×1: ${sqliteOne.errors} choice requests and ${sqliteOne.sessionErrors} session starts not answered 201`);
  if (sqlite.perSecond < BUDGET.choicesPerSecond) failures.push(`SQLite: ${sqlite.perSecond.toFixed(0)} choices/s (budget ≥ ${BUDGET.choicesPerSecond})`);
  if (!(sqlite.p99 < BUDGET.p99Ms)) failures.push(`SQLite: p99 ${ms(sqlite.p99)} (budget < ${BUDGET.p99Ms} ms)`);
  if (sqlite.errors || sqlite.sessionErrors) failures.push(`SQLite: ${sqlite.errors} choice requests and ${sqlite.sessionErrors} session starts not answered 201`);
  const overBudget = sqlite.perSecond < BUDGET.choicesPerSecond || !(sqlite.p99 < BUDGET.p99Ms);
  if ((overBudget || process.argv.includes("--profile")) && !process.argv.includes("--no-profile")) await profileRun(paths);

  // ── 1b. PostgreSQL under load ──
  let pgReason: string | undefined;
  try {
    findPgBin();
    const t0 = performance.now();
    cluster = await startPgCluster(["bench_load", "bench_fill"], { prefix: "bench-sessions-pg-" });
    console.log(`  (PostgreSQL ${cluster.version} cluster started in ${dur(performance.now() - t0)}: ${cluster.settings}; app pool 10 connections)`);
  } catch (e) {
    pgReason = (e as Error).message;
  }
  let pg: LoadRun | undefined;
  if (cluster) {
    pg = await loadTest({ DATABASE_URL: cluster.url("bench_load") }, postgresAt(cluster.url("bench_load")), paths);
    printLoad("PostgreSQL", pg, false);
    if (pg.errors || pg.sessionErrors) failures.push(`PostgreSQL: ${pg.errors} choice requests and ${pg.sessionErrors} session starts not answered 201`);
  } else {
    console.log(`  PostgreSQL: not run — ${pgReason}`);
    failures.push(`PostgreSQL could not run: ${pgReason?.split("\n")[0]}`);
  }

  // ── 2. review pages on a full store ──
  console.log("");
  console.log(`review pages on ${int(FILL_SESSIONS)} sessions: median of ${PAGE_RUNS} GETs after 1 warm-up, one keep-alive socket`);
  console.log(`  (filled through the Store API — createSession, insertChoice, finishSession, setReviewed, addComment — then dated over the past year by one UPDATE pass, as the Store stamps the current time)`);
  console.log(`  (half the sessions belong to ${FILL_OWNERS} trainee accounts, the rest to none; the pages are read signed in as the administrator, who sees every session)`);
  const pageResults: { label: string; pages: PageRun[] }[] = [];
  const t1 = performance.now();
  const sqliteFillDir = path.join(tmp, "sqlite-fill");
  const sqliteFile = path.join(sqliteFillDir, SQLITE_FILE_NAME);
  const sq = await pagesTest("SQLite", sqliteAt(sqliteFillDir), () => sqliteBatches(sqliteFile), (s) => backdateSqlite(sqliteFile, s), { DATA_DIR: sqliteFillDir }, scenarios);
  pageResults.push({ label: "SQLite", pages: sq.pages });
  const sqlitePagesMs = performance.now() - t1;

  if (cluster) {
    const left = DEADLINE_MS - elapsed();
    // PostgreSQL fills a little slower than SQLite here (the client's per-statement work is the bound).
    const needs = sqlitePagesMs * 1.5 + 5_000;
    if (left > needs) {
      const url = cluster.url("bench_fill");
      const pq = await pagesTest(
        "PostgreSQL",
        postgresAt(url),
        async () => pooledBatches(await openPostgresStore(url, { maxConnections: 10 }), "spread over a pool of 10 connections"),
        (s) => backdatePostgres(url, s),
        { DATABASE_URL: url },
        scenarios,
      );
      pageResults.push({ label: "PostgreSQL", pages: pq.pages });
    } else {
      console.log(`  PostgreSQL: pages skipped — ${dur(left)} left of the ${dur(DEADLINE_MS)} bound, about ${dur(needs)} needed`);
    }
  }
  console.log("  " + row([["store", -10], ["page", -22], ["median", 8], ["min–max", 17], ["budget", 8], ["", 4], ["status", 6], ["size", 7], ["check", -40]]));
  for (const { label, pages } of pageResults) {
    printPages(label, pages);
    for (const p of pages) {
      if (p.status !== "200") failures.push(`${label} ${p.label}: answered ${p.status}`);
      else if (!p.checkOk) failures.push(`${label} ${p.label}: ${p.check}`);
      if (!(p.median < BUDGET.pageMs)) failures.push(`${label} ${p.label}: ${ms(p.median)} (budget < ${BUDGET.pageMs} ms)`);
    }
  }
  console.log(`  filtered page: ${pageResults[0]?.pages[1]?.path}`);
} catch (e) {
  failures.push(`the bench failed: ${(e as Error).message}`);
  console.error(e);
} finally {
  killAllServers();
  cluster?.stop();
  cleanUp();
}

console.log("");
console.log(`total ${dur(elapsed())}; servers stopped, PostgreSQL stopped, temp folders removed`);
if (failures.length) {
  console.log(`verdict: OVER BUDGET — ${failures.join("; ")}`);
  process.exit(1);
}
console.log("verdict: within budget");
process.exit(0);
