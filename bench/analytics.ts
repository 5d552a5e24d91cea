/**
 * `npm run bench:analytics`: what the analytics answer costs over HTTP on the production build,
 * on SQLite and on PostgreSQL, as a scenario's stored sessions grow from 1,000 to 10,000 to 100,000.
 *
 * The store: a cohort of TRAINEES trainees and a supervisor; sessions of one library scenario
 * (SCENARIO), seeded random plays to an ending, 78% completed, 12% abandoned part-way, 10% still
 * active, dated over the past year, written straight into the tables as the Store writes them
 * (bench/fill-store.ts `bulkFillStore`: the Store API's one write per choice fills about a hundred
 * sessions a second on this shared machine, which would take most of the run); and one more
 * trainee of the cohort with PROGRESS_SESSIONS sessions over the other library scenarios.
 * Each session that ended gets its summary stored, as `endSession` stores it when a session ends
 * in the app (server/analytics/summary-cache.ts `keepSummaries`; timed and shown). From 10,000 to
 * 100,000 the sessions (their choices and stored summaries) are copied nine times in SQL, which
 * fills in seconds what the Store API would take minutes for.
 *
 * At each size, signed in as the supervisor, on a server with one process (WEB_CONCURRENCY=1; more
 * processes do not make one request faster), after one request of each route that counts no
 * session (so loading the routes' code is not counted):
 *   first view  the first request after the sessions were written: the sessions still active are
 *               replayed (their summaries change with every choice), the rest read from the table;
 *   cold        the median of COLD_RUNS requests on a server that keeps nothing in memory
 *               (ANALYTICS_CACHE_SESSIONS=0), each reading every summary from the table as a new
 *               process does; at 100,000, the first view;
 *   warm        the median of RUNS requests after the first view (RUNS_LARGE at 100,000);
 *   filtered    warm, with a cohort, mode and date filter;
 *   progress    the progress of the trainee with PROGRESS_SESSIONS sessions, cold (as above) and warm.
 * Server-Timing of each answer says where the server's time went and how the summaries were found.
 *
 * Budgets (at 10,000 sessions, on both stores): the analytics cold and warm under 1 s, the
 * progress cold and warm under 300 ms. Exits 1 over budget or on any error, 2 without a build.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { sql, type Kysely } from "kysely";
import { keepSummaries } from "../server/analytics/summary-cache";
import { createAccount, createFirstAdmin } from "../server/accounts";
import { authSecret, createAuth, type Auth } from "../server/auth";
import { addMember, createCohort } from "../server/cohorts";
import type { Database } from "../server/db/database";
import { openPostgresStore, openSqliteStore, SQLITE_FILE_NAME } from "../server/open-store";
import { loadFiles } from "../server/scenario-library";
import type { Store } from "../server/store";
import { startPgCluster, type PgCluster } from "../scripts/pg-cluster";
import { bulkFillStore, type FillOwner, type FillScenario } from "./fill-store";
import { cookieHeader, SESSION_COOKIE } from "./load-driver";
import { benchWorkspace, startNextServer, type NextServer } from "./next-server";
import http from "node:http";

// ── settings ────────────────────────────────────────────────────────────────────────────────────
const SCENARIO = "active-listening";
const TRAINEES = 12;
const PROGRESS_SESSIONS = 500;
/** Sessions of SCENARIO at each size; the last is the one before it copied ten times. */
const SIZES = [1_000, 10_000, 100_000] as const;
const RUNS = 5;
/** Fewer at 100,000 sessions, where one request takes seconds. */
const RUNS_LARGE = 1;
/** Requests timed on the server that keeps nothing in memory. */
const COLD_RUNS = 3;
const BUDGET = { analyticsMs: 1_000, progressMs: 300 };
/** PostgreSQL's copy to 100,000 runs only if this much of the run is left. */
const DEADLINE_MS = 240_000;
const HARD_LIMIT_MS = 420_000;
const PASSWORD = "bench-password-2026";
const ZERO_UUID = "00000000-0000-4000-8000-000000000000";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = performance.now();
const elapsed = () => performance.now() - started;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (v: number) => (Number.isNaN(v) ? "—" : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
const dur = (v: number) => (v < 1_000 ? `${Math.round(v)} ms` : `${(v / 1_000).toFixed(1)} s`);

const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
if (!existsSync(buildIdFile)) {
  console.error("bench:analytics: no production build (.next/BUILD_ID is missing); run `npm run build` first");
  process.exit(2);
}

// ── cleanup ─────────────────────────────────────────────────────────────────────────────────────
let cluster: PgCluster | undefined;
const { tmp, cleanUp } = benchWorkspace("bench:analytics", HARD_LIMIT_MS, () => cluster?.stop());

// ── one GET, timed, on a keep-alive socket ──────────────────────────────────────────────────────
interface Got {
  status: number;
  ms: number;
  timing: string;
  body: string;
}
function getter(base: string, cookie: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (p: string) =>
    new Promise<Got>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.get(base + p, { agent, headers: { cookie }, timeout: 120_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, timing: String(res.headers["server-timing"] ?? ""), body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`GET ${p} timed out`)));
      req.on("error", reject);
    });
  return { get, close: () => agent.destroy() };
}

/** Server-Timing, shortened: "query 12 ms, summaries 40 ms (…), aggregate 30 ms". */
function timingText(h: string): string {
  if (!h) return "";
  return h
    .split(", ")
    .map((part) => {
      const [name, ...params] = part.split(";");
      const d = params.find((x) => x.startsWith("dur="))?.slice(4);
      const desc = params.find((x) => x.startsWith("desc="))?.slice(5).replaceAll('"', "");
      return `${name} ${d ? ms(Number(d)) : ""}${desc ? ` (${desc})` : ""}`;
    })
    .join(", ");
}

// ── the program: accounts, a cohort, sessions ───────────────────────────────────────────────────
interface Backend {
  label: "SQLite" | "PostgreSQL";
  env: Record<string, string>;
  open: () => Promise<Store>;
}

interface Program {
  cohortId: string;
  supervisorId: string;
  supervisorCookie: string;
  progressId: string;
}

async function withAuth<T>(b: Backend, work: (auth: Auth, db: Kysely<Database>, store: Store) => Promise<T>): Promise<T> {
  const store = await b.open();
  try {
    const database = await store.database();
    return await work(createAuth(database, await authSecret(database.db)), database.db, store);
  } finally {
    await store.close();
  }
}

async function signInHere(auth: Auth, email: string): Promise<string> {
  const res = await auth.api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  const cookie = cookieHeader(res.headers.getSetCookie());
  if (res.status !== 200 || !cookie.includes(`${SESSION_COOKIE}=`)) throw new Error(`signing in ${email} answered ${res.status}`);
  return cookie;
}

/** Writes `count` sessions and stores the summaries of those that ended (as `endSession` does when a session ends). */
async function fill(b: Backend, scenarios: FillScenario[], count: number, owners: FillOwner[], seed: number) {
  const store = await b.open();
  try {
    const { db } = await store.database();
    const filled = await bulkFillStore(db, scenarios, count, { batch: 1_000, seed, owners, ownedShare: 1 });
    if (b.label === "PostgreSQL") await sql`analyze`.execute(db);
    const ended = filled.sessions.filter((s) => s.status !== "active").map((s) => s.id);
    const t0 = performance.now();
    await keepSummaries(store, ended);
    return { filled, ended: ended.length, summariesMs: performance.now() - t0 };
  } finally {
    await store.close();
  }
}

/** Copies every session of SCENARIO (with its choices and stored summary) `times - 1` more times, in SQL; a copy's id is the original's and `:<k>` (no UUID has a colon). */
async function copySessions(b: Backend, times: number): Promise<number> {
  const t0 = performance.now();
  const store = await b.open();
  try {
    const { db } = await store.database();
    const ks = sql.join(
      Array.from({ length: times - 1 }, (_, i) => sql`select ${sql.lit(i + 1)} as k`),
      sql` union all `,
    );
    await db.transaction().execute(async (trx) => {
      // The app's statement time limit (DATABASE_TIMEOUT_MS) is for requests, not for copying a million rows.
      if (b.label === "PostgreSQL") await sql`set local statement_timeout = 0`.execute(trx);
      await sql`insert into sessions (id, scenario_id, scenario_hash, mode, participant, seed, status, started_at, ended_at, outcome, final_rapport, final_mutuality, reviewed, revision, user_id)
        select s.id || ':' || c.k, s.scenario_id, s.scenario_hash, s.mode, s.participant, s.seed, s.status, s.started_at, s.ended_at, s.outcome, s.final_rapport, s.final_mutuality, s.reviewed, s.revision, s.user_id
        from sessions s cross join (${ks}) c where s.scenario_id = ${SCENARIO}`.execute(trx);
      await sql`insert into choices (session_id, seq, choice_id, time_taken_ms, created_at)
        select x.session_id || ':' || c.k, x.seq, x.choice_id, x.time_taken_ms, x.created_at
        from choices x join sessions s on s.id = x.session_id cross join (${ks}) c where s.scenario_id = ${SCENARIO} and s.id not like '%:%'`.execute(trx);
      await sql`insert into analytics_summaries (session_id, revision, format, summary, computed_at)
        select a.session_id || ':' || c.k, a.revision, a.format, a.summary, a.computed_at
        from analytics_summaries a join sessions s on s.id = a.session_id cross join (${ks}) c where s.scenario_id = ${SCENARIO} and s.id not like '%:%'`.execute(trx);
    });
    if (b.label === "PostgreSQL") await sql`analyze`.execute(db);
  } finally {
    await store.close();
  }
  return performance.now() - t0;
}

// ── measuring ───────────────────────────────────────────────────────────────────────────────────
interface Measured {
  size: number;
  first: Got;
  /** Requests with nothing in memory (every summary read from the table). */
  cold: Got[];
  warm: Got[];
  filtered: Got[];
  progressCold: Got[];
  progressWarm: Got[];
  counted: number;
}

const median = (xs: Got[]) => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)]!;

async function server(b: Backend, env: Record<string, string> = {}): Promise<NextServer> {
  return startNextServer(ROOT, { ...b.env, WEB_CONCURRENCY: "1", ...env }, `/api/sessions/${ZERO_UUID}`, [401, 404], { timeoutMs: 60_000 });
}

/**
 * Two servers, one after the other: one as deployed, for the first view, then warm requests;
 * one that keeps no summary in memory (ANALYTICS_CACHE_SESSIONS=0), where every request reads
 * every summary from the table as a new process does, so "cold" is a median of several. At
 * 100,000 sessions, where the memory cannot hold them all anyway, the first view is the cold one.
 */
async function measure(b: Backend, p: Program, size: number): Promise<Measured> {
  const analytics = `/api/analytics/${SCENARIO}`;
  const from = new Date(Date.now() - 182 * 86_400_000).toISOString().slice(0, 10);
  const filtered = `${analytics}?cohort=${p.cohortId}&mode=practice&from=${from}`;
  const progress = `/api/people/${p.progressId}/progress`;
  const runs = size > 10_000 ? RUNS_LARGE : RUNS;
  const must = (g: Got, what: string) => {
    if (g.status !== 200) throw new Error(`${b.label} ${int(size)}: ${what} answered ${g.status}: ${g.body.slice(0, 300)}`);
    return g;
  };
  const times = async (c: ReturnType<typeof getter>, path: string, n: number, what: string) => {
    const got: Got[] = [];
    for (let i = 0; i < n; i++) got.push(must(await c.get(path), what));
    return got;
  };
  // Load the routes' code with requests that count no session: a filter no session meets, and the supervisor's own progress.
  const prime = async (c: ReturnType<typeof getter>) => {
    must(await c.get(`${analytics}?from=2100-01-01`), "the priming request");
    must(await c.get(`/api/people/${p.supervisorId}/progress`), "the priming progress request");
  };

  let s = await server(b);
  let first: Got, warm: Got[], filteredRuns: Got[], progressWarm: Got[], progressFirst: Got;
  try {
    const c = getter(s.base, p.supervisorCookie);
    await prime(c);
    first = must(await c.get(analytics), "the first view");
    warm = await times(c, analytics, runs, "a warm request");
    filteredRuns = await times(c, filtered, runs, "a filtered request");
    progressFirst = must(await c.get(progress), "the first progress");
    progressWarm = await times(c, progress, runs, "a warm progress");
    c.close();
  } finally {
    await s.stop();
  }
  let cold = [first];
  let progressCold = [progressFirst];
  if (size <= 10_000) {
    s = await server(b, { ANALYTICS_CACHE_SESSIONS: "0" });
    try {
      const c = getter(s.base, p.supervisorCookie);
      await prime(c);
      cold = await times(c, analytics, COLD_RUNS, "a cold request");
      progressCold = await times(c, progress, COLD_RUNS, "a cold progress");
      c.close();
    } finally {
      await s.stop();
    }
  }
  const counted = (JSON.parse(first.body) as { counts: { sessions: number } }).counts.sessions;
  const sessions = (JSON.parse(progressFirst.body) as { sessions: unknown[] }).sessions.length;
  if (sessions !== PROGRESS_SESSIONS) throw new Error(`${b.label}: the progress lists ${sessions} sessions, not ${PROGRESS_SESSIONS}`);
  return { size, first, cold, warm, filtered: filteredRuns, progressCold, progressWarm, counted };
}

function print(b: Backend, m: Measured): void {
  const c = median(m.cold);
  const w = median(m.warm);
  const f = median(m.filtered);
  const pc = median(m.progressCold);
  const pw = median(m.progressWarm);
  const row = (cells: [string, number][]) => cells.map(([t, width]) => (width < 0 ? t.padEnd(-width) : t.padStart(width))).join("  ");
  console.log(
    "  " +
      row([
        [b.label, -10],
        [int(m.size), 8],
        [int(m.counted), 8],
        [ms(m.first.ms), 9],
        [ms(c.ms), 8],
        [ms(w.ms), 8],
        [ms(f.ms), 9],
        [ms(pc.ms), 9],
        [ms(pw.ms), 9],
        [`${(Buffer.byteLength(w.body) / 1024).toFixed(0)} kB`, 7],
      ]),
  );
  console.log(`      first view: ${timingText(m.first.timing)}`);
  console.log(`      cold:       ${timingText(c.timing)}${m.cold.length > 1 ? ` (median of ${m.cold.length}: ${m.cold.map((g) => ms(g.ms)).join(", ")})` : " (the first view)"}`);
  console.log(`      warm:       ${timingText(w.timing)}`);
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────
const failures: string[] = [];
const results: { backend: Backend; m: Measured }[] = [];
try {
  const buildId = readFileSync(buildIdFile, "utf8").trim();
  console.log("bench:analytics — the analytics and progress answers over HTTP on the production build (127.0.0.1)");
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}; build ${buildId} of ${new Date(statSync(buildIdFile).mtimeMs).toISOString().slice(0, 19)}Z`,
  );
  const library = (await loadFiles()).filter((e) => e.ok);
  const main = library.find((e) => e.id === SCENARIO);
  if (!main?.ok) throw new Error(`no library scenario "${SCENARIO}"`);
  const mainScenario: FillScenario[] = [{ id: main.id, hash: main.hash, scenario: main.scenario }];
  const others: FillScenario[] = library.flatMap((e) => (e.ok && e.id !== SCENARIO ? [{ id: e.id, hash: e.hash, scenario: e.scenario }] : []));
  console.log(
    `store: ${TRAINEES} trainees and a supervisor in one cohort; sessions of "${SCENARIO}" (random plays; 78% completed, 12% abandoned, 10% active) by the trainees;` +
      ` one more trainee with ${PROGRESS_SESSIONS} sessions over ${others.length} other scenarios; server: one process (WEB_CONCURRENCY=1), signed in as the supervisor`,
  );
  console.log(`  each ended session's summary stored as endSession stores it; 10,000 → 100,000 by copying the sessions nine times in SQL`);
  console.log(`  memory cache: ANALYTICS_CACHE_SESSIONS ${process.env.ANALYTICS_CACHE_SESSIONS ?? "25,000 (default)"} sessions per process`);

  const backends: Backend[] = [];
  const sqliteDir = path.join(tmp, "sqlite");
  mkdirSync(sqliteDir);
  const sqliteFile = path.join(sqliteDir, SQLITE_FILE_NAME);
  backends.push({
    label: "SQLite",
    env: { DATA_DIR: sqliteDir },
    open: () => openSqliteStore(sqliteFile),
  });
  try {
    const t0 = performance.now();
    cluster = await startPgCluster(["bench_analytics"], { prefix: "bench-analytics-pg-" });
    const url = cluster.url("bench_analytics");
    console.log(`  (PostgreSQL ${cluster.version} cluster started in ${dur(performance.now() - t0)}: ${cluster.settings})`);
    backends.push({
      label: "PostgreSQL",
      env: { DATABASE_URL: url },
      open: () => openPostgresStore(url, { maxConnections: 4 }),
    });
  } catch (e) {
    failures.push(`PostgreSQL could not run: ${(e as Error).message.split("\n")[0]}`);
  }

  console.log("");
  console.log(
    "  " +
      ["store".padEnd(10), "sessions".padStart(8), "counted".padStart(8), "1st view".padStart(9), "cold".padStart(8), "warm".padStart(8), "filtered".padStart(9), "progress".padStart(9), "(warm)".padStart(9), "size".padStart(7)].join("  "),
  );
  for (const b of backends) {
    // The program, once per store.
    const program = await withAuth(b, async (auth, db) => {
      const admin = await createFirstAdmin(auth, db, { email: "admin@bench.example", name: "Bench Admin", password: PASSWORD });
      const cohort = await createCohort(db, admin, "Bench cohort");
      const sup = await createAccount(auth, db, { email: "sup@bench.example", name: "Bench Supervisor", password: PASSWORD, roles: ["supervisor"] });
      await addMember(db, admin, cohort.id, sup.id, "staff");
      const owners: FillOwner[] = [];
      for (let i = 0; i < TRAINEES; i++) {
        const t = await createAccount(auth, db, { email: `t${i}@bench.example`, name: `Bench Trainee ${i + 1}`, password: PASSWORD, roles: ["trainee"] });
        await addMember(db, admin, cohort.id, t.id, "trainee");
        owners.push({ id: t.id, name: t.name });
      }
      const pat = await createAccount(auth, db, { email: "pat@bench.example", name: "Pat Progress", password: PASSWORD, roles: ["trainee"] });
      await addMember(db, admin, cohort.id, pat.id, "trainee");
      return { program: { cohortId: cohort.id, supervisorId: sup.id, supervisorCookie: await signInHere(auth, "sup@bench.example"), progressId: pat.id }, owners, pat };
    });
    const progressFill = await fill(b, others, PROGRESS_SESSIONS, [{ id: program.pat.id, name: program.pat.name }], 7);
    let have = 0;
    for (const size of SIZES) {
      if (size === 100_000) {
        if (b.label === "PostgreSQL" && elapsed() > DEADLINE_MS) {
          console.log(`  ${b.label.padEnd(10)}  ${int(size).padStart(8)}  skipped: ${dur(elapsed())} into the run, past the ${dur(DEADLINE_MS)} mark for the copy`);
          continue;
        }
        const copyMs = await copySessions(b, size / have);
        console.log(`  (${b.label}: ${int(have)} → ${int(size)} sessions copied in SQL in ${dur(copyMs)})`);
      } else {
        const f = await fill(b, mainScenario, size - have, program.owners, 20_261_202 + size);
        console.log(
          `  (${b.label}: ${int(size - have)} sessions written in ${dur(f.filled.ms)};` +
            ` summaries of the ${int(f.ended)} that ended stored in ${dur(f.summariesMs)} (${ms(f.summariesMs / f.ended)} each, as endSession adds to each end)` +
            (have === 0 ? `; and ${int(PROGRESS_SESSIONS)} for the progress trainee in ${dur(progressFill.filled.ms)})` : ")"),
        );
      }
      have = size;
      const m = await measure(b, program.program, size);
      results.push({ backend: b, m });
      print(b, m);
      if (m.counted !== size) failures.push(`${b.label} ${int(size)}: the analytics counted ${int(m.counted)} sessions`);
      if (size === 10_000) {
        const checks: [string, number, number][] = [
          ["analytics cold", median(m.cold).ms, BUDGET.analyticsMs],
          ["analytics warm", median(m.warm).ms, BUDGET.analyticsMs],
          ["analytics filtered", median(m.filtered).ms, BUDGET.analyticsMs],
          ["progress cold", median(m.progressCold).ms, BUDGET.progressMs],
          ["progress warm", median(m.progressWarm).ms, BUDGET.progressMs],
        ];
        for (const [what, got, budget] of checks) if (!(got < budget)) failures.push(`${b.label} 10,000: ${what} ${ms(got)} (budget < ${ms(budget)})`);
      }
    }
  }
  console.log("");
  console.log(`  budgets at 10,000 sessions: analytics cold, warm and filtered < ${ms(BUDGET.analyticsMs)}; progress (${PROGRESS_SESSIONS} sessions) cold and warm < ${ms(BUDGET.progressMs)}`);
  console.log("  1st view is not budgeted: it replays the sessions still active (their summaries change with each choice) and reads the rest");
} catch (e) {
  failures.push(`the bench failed: ${(e as Error).message}`);
  console.error(e);
} finally {
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
