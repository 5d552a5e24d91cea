/**
 * Fills a Store with many realistic sessions through the Store API (createSession, insertChoice,
 * finishSession, setReviewed, addComment), in batches of concurrent sessions (on PostgreSQL spread
 * over the pool; on SQLite one transaction per batch): varied participants, scenarios,
 * modes, statuses and outcomes, part of them belonging to a few accounts (the participant then
 * the account's name) and the rest to no account (as sessions stored before accounts existed), each session's choices a valid path through its scenario (random
 * walks, seeded). The Store stamps rows with the current time, so the start dates are spread over
 * the past year afterwards, with a direct UPDATE (backdateSqlite / backdatePostgres).
 */
import { seededRandom } from "../machines/shuffle";
import { initialTransition, transition } from "xstate";
import { compileScenario } from "../machines/compile-scenario";
import { transcriptOf } from "../machines/replay";
import { offeredChoices } from "../machines/select-view";
import { Kysely, SqliteDialect, type Insertable } from "kysely";
import { canonicalJson } from "../scenarios/hash";
import type { Meters, Outcome, Scenario } from "../scenarios/types";
import type { ChoicesTable, Database, SessionsTable } from "../server/db/database";
import { createKyselyStore } from "../server/kysely-store";
import { openSqliteStore } from "../server/open-store";
import type { Mode, SessionStatus, Store } from "../server/store";

export interface FillScenario {
  id: string;
  hash: string;
  scenario: Scenario;
}

export interface FilledSession {
  id: string;
  scenarioId: string;
  participant: string;
  /** The account the session belongs to, or null. */
  userId: string | null;
  mode: Mode;
  status: SessionStatus;
  outcome: Outcome | null;
  turns: number;
  comments: number;
  /** Epoch ms the session is dated to (applied by a backdate function), and its pace. */
  startedAtMs: number;
  stepMs: number;
}

/** Runs one batch of Store calls (the calls inside may run concurrently). */
export type BatchRunner = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

export interface BatchStore {
  run: BatchRunner;
  /** How batches are written, for the report. */
  how: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL (or any pooled store): the calls of a batch run concurrently on the pool.
 */
export function pooledBatches(store: Store, how: string): BatchStore {
  return { run: (work) => work(store), how, close: () => store.close() };
}

/**
 * SQLite: one connection runs one statement at a time however many calls are in flight, so
 * concurrency buys nothing there; instead each batch is one transaction, the Store (the app's
 * own createKyselyStore) made over that transaction. The file is created and migrated by
 * openSqliteStore first; this connection gets the same pragmas.
 */
export async function sqliteBatches(file: string): Promise<BatchStore> {
  await (await openSqliteStore(file)).close();
  const { default: SqliteDatabase } = await import("better-sqlite3");
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    run: (work) => db.transaction().execute((trx) => work(createKyselyStore(trx))),
    how: "one transaction per batch (the Store over the transaction)",
    close: () => db.destroy(),
  };
}

export interface FillResult {
  sessions: FilledSession[];
  choices: number;
  comments: number;
  ms: number;
}

/** The app's own seeded generator, so every run fills the same data. */
export const seeded = seededRandom;

interface Walk {
  choiceIds: string[];
  outcome: Outcome | null;
  meters: Meters;
}

/** Random plays to an ending (at most 80 choices each), a choice picked uniformly among those on offer. */
export function randomWalks(scenario: Scenario, count: number, random: () => number): Walk[] {
  const machine = compileScenario(scenario);
  const out: Walk[] = [];
  for (let attempt = 0; attempt < count * 4 && out.length < count; attempt++) {
    let [snapshot] = initialTransition(machine);
    const ids: string[] = [];
    while (snapshot.status !== "done" && ids.length < 80) {
      const offered = offeredChoices(scenario, snapshot);
      const c = offered[Math.floor(random() * offered.length)];
      if (!c) break;
      ids.push(c.id);
      [snapshot] = transition(machine, snapshot, { type: "choice.select", choiceId: c.id });
    }
    if (snapshot.status !== "done") continue;
    const r = transcriptOf(scenario, snapshot);
    out.push({ choiceIds: ids, outcome: r.ending?.outcome ?? null, meters: r.meters });
  }
  if (out.length === 0) throw new Error(`scenario "${scenario.id}": no random play reached an ending in 80 choices`);
  return out;
}

const FIRST = ["Ana", "Ben", "Chidi", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kai", "Lena", "Marcus", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Val", "Wen", "Xavier", "Yusuf", "Zoë", "José", "Siobhán"];
const LAST = ["A.", "B.", "C.", "D.", "García", "Nguyen", "Okafor", "Smith"];
const DAY = 86_400_000;

/** An account sessions can belong to: its id, and its display name (the participant of its sessions). */
export interface FillOwner {
  id: string;
  name: string;
}

/**
 * Creates `count` sessions, `batch` at a time concurrently (each session's own writes in order).
 * Roughly: 78% completed, 12% abandoned part-way, 10% still active; 60% practice; 30% of the
 * completed ones marked reviewed; 4% with one or two comments. With `owners`, half the sessions
 * (or the `ownedShare` asked for) belong to one of them (the first ones most), the rest to no account.
 */
export async function fillStore(
  batches: BatchRunner,
  scenarios: FillScenario[],
  count: number,
  options: { batch: number; seed: number; nowMs?: number; owners?: FillOwner[]; ownedShare?: number },
): Promise<FillResult> {
  const owners = options.owners ?? [];
  const t0 = performance.now();
  const random = seeded(options.seed);
  const nowMs = options.nowMs ?? Date.now();
  await batches(async (store) => {
    for (const s of scenarios) await store.ensureScenarioVersion(s.hash, s.scenario);
  });
  const pool = scenarios.map((s) => ({ ...s, walks: randomWalks(s.scenario, 48, random) }));
  // Some scenarios are used far more than others, as in a real training programme.
  const weights = pool.map((_, i) => 1 / (i + 1));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const pickScenario = () => {
    let r = random() * weightSum;
    for (let i = 0; i < pool.length; i++) if ((r -= weights[i]!) < 0) return pool[i]!;
    return pool[pool.length - 1]!;
  };
  const participants = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));

  const plans = Array.from({ length: count }, () => {
    const s = pickScenario();
    const walk = s.walks[Math.floor(random() * s.walks.length)]!;
    const roll = random();
    const status: SessionStatus = roll < 0.78 ? "completed" : roll < 0.9 ? "abandoned" : "active";
    const turns = status === "completed" ? walk.choiceIds.length : Math.floor(random() * walk.choiceIds.length);
    const owner = owners.length && random() < (options.ownedShare ?? 0.5) ? owners[Math.floor(random() ** 2 * owners.length)]! : undefined;
    return {
      s,
      walk,
      status,
      turns,
      userId: owner?.id ?? null,
      // A few participants do most of the sessions.
      participant: owner?.name ?? participants[Math.floor(random() ** 2 * participants.length)]!,
      mode: (random() < 0.6 ? "practice" : "assessment") as Mode,
      reviewed: status === "completed" && random() < 0.3,
      comments: random() < 0.04 ? 1 + Math.floor(random() * 2) : 0,
      startedAtMs: Math.floor(nowMs - random() * 365 * DAY),
      stepMs: 8_000 + Math.floor(random() * 40_000),
    };
  });

  const sessions: FilledSession[] = [];
  let choices = 0;
  let comments = 0;
  for (let i = 0; i < plans.length; i += options.batch) {
    const done = await batches((store) =>
      Promise.all(
        plans.slice(i, i + options.batch).map(async (p): Promise<FilledSession> => {
          const row = await store.createSession({
            scenarioId: p.s.id,
            scenarioHash: p.s.hash,
            mode: p.mode,
            participant: p.participant,
            userId: p.userId,
            seed: Math.floor(random() * 0x7fffffff),
          });
          // Each write names the session's revision before it: one write per choice, then the end.
          for (let seq = 1; seq <= p.turns; seq++) {
            const choice = { sessionId: row.id, seq, choiceId: p.walk.choiceIds[seq - 1]!, timeTakenMs: 1_500 + ((seq * 7_919) % 30_000) };
            await store.insertChoice(choice, seq - 1);
          }
          if (p.status === "completed") await store.finishSession(row.id, { status: "completed", outcome: p.walk.outcome, finalMeters: p.walk.meters }, p.turns);
          else if (p.status === "abandoned") await store.finishSession(row.id, { status: "abandoned", outcome: null, finalMeters: null }, p.turns);
          if (p.reviewed) await store.setReviewed(row.id, true);
          for (let c = 0; c < p.comments; c++) {
            await store.addComment({ sessionId: row.id, turn: p.turns > 0 && c === 0 ? 1 : null, author: "Supervisor", body: `Good reflection here (note ${c + 1}).` });
          }
          return {
            id: row.id,
            scenarioId: p.s.id,
            participant: p.participant,
            userId: p.userId,
            mode: p.mode,
            status: p.status,
            outcome: p.status === "completed" ? p.walk.outcome : null,
            turns: p.turns,
            comments: p.comments,
            startedAtMs: p.startedAtMs,
            stepMs: p.stepMs,
          };
        }),
      ),
    );
    for (const d of done) {
      sessions.push(d);
      choices += d.turns;
      comments += d.comments;
    }
  }
  return { sessions, choices, comments, ms: performance.now() - t0 };
}

/** The dates a filled session gets: started, each choice, ended (null while active). */
function datesOf(s: FilledSession) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    startedAt: iso(s.startedAtMs),
    choiceAt: (seq: number) => iso(s.startedAtMs + seq * s.stepMs),
    endedAt: s.status === "active" ? null : iso(s.startedAtMs + (s.turns + 1) * s.stepMs),
    commentAt: iso(s.startedAtMs + (s.turns + 1) * s.stepMs + DAY),
  };
}

/** Spreads the filled sessions' dates over the past year in a SQLite file (one transaction). */
export async function backdateSqlite(file: string, sessions: FilledSession[]): Promise<number> {
  const t0 = performance.now();
  const { default: SqliteDatabase } = await import("better-sqlite3");
  const db = new SqliteDatabase(file);
  try {
    db.pragma("busy_timeout = 5000");
    const session = db.prepare("update sessions set started_at = ?, ended_at = ? where id = ?");
    const choice = db.prepare("update choices set created_at = ? where session_id = ? and seq = ?");
    const comment = db.prepare("update comments set created_at = ? where session_id = ?");
    db.transaction(() => {
      for (const s of sessions) {
        const d = datesOf(s);
        session.run(d.startedAt, d.endedAt, s.id);
        for (let seq = 1; seq <= s.turns; seq++) choice.run(d.choiceAt(seq), s.id, seq);
        if (s.comments) comment.run(d.commentAt, s.id);
      }
    })();
  } finally {
    db.close();
  }
  return performance.now() - t0;
}

/** Spreads the filled sessions' dates over the past year in a PostgreSQL database (three statements), then ANALYZE. */
export async function backdatePostgres(url: string, sessions: FilledSession[]): Promise<number> {
  const t0 = performance.now();
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids: string[] = [];
    const started: string[] = [];
    const ended: (string | null)[] = [];
    const cSession: string[] = [];
    const cSeq: number[] = [];
    const cAt: string[] = [];
    const mSession: string[] = [];
    const mAt: string[] = [];
    for (const s of sessions) {
      const d = datesOf(s);
      ids.push(s.id);
      started.push(d.startedAt);
      ended.push(d.endedAt);
      for (let seq = 1; seq <= s.turns; seq++) {
        cSession.push(s.id);
        cSeq.push(seq);
        cAt.push(d.choiceAt(seq));
      }
      if (s.comments) {
        mSession.push(s.id);
        mAt.push(d.commentAt);
      }
    }
    await client.query("begin");
    await client.query(
      "update sessions s set started_at = v.st, ended_at = v.en from unnest($1::text[], $2::text[], $3::text[]) as v(id, st, en) where s.id = v.id",
      [ids, started, ended],
    );
    await client.query(
      "update choices c set created_at = v.at from unnest($1::text[], $2::int[], $3::text[]) as v(sid, seq, at) where c.session_id = v.sid and c.seq = v.seq",
      [cSession, cSeq, cAt],
    );
    await client.query("update comments c set created_at = v.at from unnest($1::text[], $2::text[]) as v(sid, at) where c.session_id = v.sid", [mSession, mAt]);
    await client.query("commit");
    await client.query("analyze");
  } finally {
    await client.end();
  }
  return performance.now() - t0;
}

/**
 * The same kind of sessions as fillStore (seeded random plays to an ending; 78% completed, 12%
 * abandoned part-way, 10% active; 60% practice; dated over the past year), written straight into
 * the tables in multi-row inserts, `batch` sessions per transaction: tens of times faster than
 * the Store API's one write per choice, for benchmarks that need many sessions rather than the
 * writes themselves. Rows are as the Store writes them: a session's revision is the number of
 * writes it had (one per choice, one for its end), and its outcome and final meters are its
 * play's. No comments. `owners` as in fillStore, with `ownedShare` of the sessions theirs.
 */
export async function bulkFillStore(
  db: Kysely<Database>,
  scenarios: FillScenario[],
  count: number,
  options: { batch: number; seed: number; nowMs?: number; owners?: FillOwner[]; ownedShare?: number },
): Promise<FillResult> {
  const { randomUUID } = await import("node:crypto");
  const t0 = performance.now();
  const random = seeded(options.seed);
  const nowMs = options.nowMs ?? Date.now();
  const owners = options.owners ?? [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const pool = scenarios.map((s) => ({ ...s, walks: randomWalks(s.scenario, 48, random) }));
  for (const s of scenarios) {
    await db.insertInto("scenario_versions").values({ hash: s.hash, scenario_id: s.id, json: canonicalJson(s.scenario), created_at: iso(nowMs - 366 * DAY) }).onConflict((oc) => oc.column("hash").doNothing()).execute();
  }
  const participants = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
  const sessions: FilledSession[] = [];
  let choices = 0;
  for (let done = 0; done < count; done += options.batch) {
    const sessionRows: Insertable<SessionsTable>[] = [];
    const choiceRows: Insertable<ChoicesTable>[] = [];
    for (let i = done; i < Math.min(count, done + options.batch); i++) {
      const s = pool[Math.floor(random() * pool.length)]!;
      const walk = s.walks[Math.floor(random() * s.walks.length)]!;
      const roll = random();
      const status: SessionStatus = roll < 0.78 ? "completed" : roll < 0.9 ? "abandoned" : "active";
      const turns = status === "completed" ? walk.choiceIds.length : Math.floor(random() * walk.choiceIds.length);
      const owner = owners.length && random() < (options.ownedShare ?? 0.5) ? owners[Math.floor(random() ** 2 * owners.length)]! : undefined;
      const mode: Mode = random() < 0.6 ? "practice" : "assessment";
      const startedAtMs = Math.floor(nowMs - random() * 365 * DAY);
      const stepMs = 8_000 + Math.floor(random() * 40_000);
      const id = randomUUID();
      sessionRows.push({
        id,
        scenario_id: s.id,
        scenario_hash: s.hash,
        mode,
        participant: owner?.name ?? participants[Math.floor(random() ** 2 * participants.length)]!,
        seed: Math.floor(random() * 0x7fffffff),
        status,
        started_at: iso(startedAtMs),
        ended_at: status === "active" ? null : iso(startedAtMs + (turns + 1) * stepMs),
        outcome: status === "completed" ? walk.outcome : null,
        final_rapport: status === "completed" ? walk.meters.rapport : null,
        final_mutuality: status === "completed" ? walk.meters.mutuality : null,
        reviewed: status === "completed" && random() < 0.3 ? 1 : 0,
        revision: turns + (status === "active" ? 0 : 1),
        user_id: owner?.id ?? null,
      });
      for (let seq = 1; seq <= turns; seq++) {
        choiceRows.push({ session_id: id, seq, choice_id: walk.choiceIds[seq - 1]!, time_taken_ms: 1_500 + ((seq * 7_919) % 30_000), created_at: iso(startedAtMs + seq * stepMs) });
      }
      choices += turns;
      sessions.push({ id, scenarioId: s.id, participant: sessionRows.at(-1)!.participant, userId: owner?.id ?? null, mode, status, outcome: status === "completed" ? walk.outcome : null, turns, comments: 0, startedAtMs, stepMs });
    }
    await db.transaction().execute(async (trx) => {
      // Rows per statement kept well under SQLite's and PostgreSQL's limits on bound values.
      for (let i = 0; i < sessionRows.length; i += 500) await trx.insertInto("sessions").values(sessionRows.slice(i, i + 500)).execute();
      for (let i = 0; i < choiceRows.length; i += 1_000) await trx.insertInto("choices").values(choiceRows.slice(i, i + 1_000)).execute();
    });
  }
  return { sessions, choices, comments: 0, ms: performance.now() - t0 };
}
