/**
 * The Store over Kysely: one query layer, the same SQL for SQLite and PostgreSQL. Writes are
 * checked with zod on the way in, rows are checked and mapped on the way out (server/db/rows.ts).
 */
import { randomUUID } from "node:crypto";
import {
  sql,
  SqliteAdapter,
  type CompiledQuery,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type QueryResult,
  type SqlBool,
} from "kysely";
import { z } from "zod";
import {
  endStatusSchema,
  modeSchema,
  outcomeFilterSchema,
  outcomeSchema,
  reviewFilterSchema,
  sessionSortSchema,
  sessionStatusSchema,
  sortOrderSchema,
} from "../contracts/enums";
import { COMMENT_MAX_LENGTH, NOTE_MAX_LENGTH } from "../contracts/session-requests";
import { canonicalJson, scenarioHash } from "../scenarios/hash";
import type { Scenario } from "../scenarios/types";
import type { Database, SessionsTable } from "./db/database";
import { toChoiceRow, toCommentRow, toSessionRow } from "./db/rows";
import { SHORT_ABANDONED_TURNS, type SessionQuery, type SessionRow, type Store } from "./store";
import { classifyStoreError, StoreUnavailableError } from "./store-errors";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const id = z.string().min(1);
const meter = z.number().int();

const newSession = z.object({
  scenarioId: id,
  scenarioHash: id,
  mode: modeSchema,
  participant: z.string(),
  seed: z.number().int().safe(),
  userId: z.string().nullable(),
});

const newChoice = z.object({
  sessionId: id,
  seq: z.number().int().min(1),
  choiceId: id,
  timeTakenMs: z.number().int().min(0),
});

const noteChange = z.object({
  sessionId: id,
  seq: z.number().int().min(1),
  // The route trims and checks it (contracts/session-requests.ts); this keeps the column's promise.
  note: z.string().min(1).max(NOTE_MAX_LENGTH).nullable(),
  choiceId: id.optional(),
});

const ending = z.object({
  status: endStatusSchema,
  outcome: z.nullable(outcomeSchema),
  finalMeters: z.object({ rapport: meter, mutuality: meter }).nullable(),
});

const newComment = z.object({
  sessionId: id,
  turn: z.number().int().min(1).nullable(),
  author: z.string().min(1),
  authorId: z.string().min(1).nullable().optional(),
  body: z.string().min(1).max(COMMENT_MAX_LENGTH),
});

const commentEdit = z.object({
  sessionId: id,
  commentId: id,
  // The route trims and checks it (contracts/session-requests.ts); this keeps the column's promise.
  body: z.string().min(1).max(COMMENT_MAX_LENGTH),
});

/** An ISO date or date-time; stored times are UTC ISO strings, so bounds are normalized to that form. */
const isoBound = z
  .string()
  .transform((s, ctx) => {
    const t = Date.parse(s);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: `not an ISO date: "${s}"` });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

const sessionQuery = z.object({
  userId: z.string().optional(),
  visibleTo: z.string().optional(),
  cohortId: z.string().optional(),
  scenarioId: z.string().optional(),
  scenarioSearch: z.string().optional(),
  participant: z.string().optional(),
  outcome: z.optional(outcomeFilterSchema),
  mode: z.optional(modeSchema),
  status: z.optional(sessionStatusSchema),
  review: z.optional(reviewFilterSchema),
  hideShortAbandoned: z.boolean().default(false),
  from: isoBound.optional(),
  to: isoBound.optional(),
  sort: z._default(sessionSortSchema, "startedAt"),
  order: z._default(sortOrderSchema, "desc"),
  page: z.number().int().min(1).default(1),
  pageSize: z
    .number()
    .int()
    .min(1)
    .default(DEFAULT_PAGE_SIZE)
    .transform((n) => Math.min(n, MAX_PAGE_SIZE)),
});

function parse<T>(schema: z.ZodType<T, any>, what: string, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new Error(`[server] ${what}: ${where}${issue?.message ?? "invalid"}`);
}

/** What a write answers to undo its transaction without an error. */
const ROLLBACK = Symbol("rollback");
/** Thrown inside a transaction to roll it back; caught by writeAt. */
class Declined extends Error {}

/** The revision column: an integer (node-postgres may hand it over as a string). */
function toRevision(v: unknown): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`[server] sessions: unexpected revision ${String(v)}`);
  return n;
}

let lastTime = 0;
/** The current time as an ISO string, strictly increasing within the process so equal-millisecond rows keep their order. */
function now(): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime).toISOString();
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type SessionsEb = ExpressionBuilder<Database, "sessions">;

/** The count of a session's choices, as a column of the sessions query. */
const turns = (eb: SessionsEb) =>
  eb
    .selectFrom("choices")
    .whereRef("choices.session_id", "=", "sessions.id")
    .select((e) => e.fn.countAll().as("n"))
    .as("turns");

/** The count of a session's choices, for a condition on it. */
const turnCount = (eb: SessionsEb) =>
  eb
    .selectFrom("choices")
    .whereRef("choices.session_id", "=", "sessions.id")
    .select((e) => e.fn.countAll().as("n"));

/** A session abandoned after 0 or 1 turns: the list hides these unless asked. */
const shortAbandoned = (eb: SessionsEb) =>
  eb.and([eb("sessions.status", "=", "abandoned"), eb(turnCount(eb), "<=", SHORT_ABANDONED_TURNS)]);

/** Text compared the way the scenario search compares it: lower case, a typographic apostrophe as a plain one. */
const folded = (e: Expression<unknown>) => sql<string>`lower(replace(${e}, '\u2019', ''''))`;

/** The count of a session's choices inside an expression (an ORDER BY expression cannot name a column alias on PostgreSQL). */
const choiceCount = sql`(select count(*) from ${sql.ref("choices")} where ${sql.ref("choices.session_id")} = ${sql.ref("sessions.id")})`;

/**
 * The sort keys: the scenario sorts by the title of the version played (its id when that row has
 * none); the outcome connected, mixed, disengaged, then none; the review mark needs review,
 * reviewed, then the rest (unfinished, or abandoned after 0 or 1 turns) (each reversed by `desc`).
 */
const SORT_KEYS: Record<NonNullable<SessionQuery["sort"]>, Expression<unknown>> = {
  startedAt: sql.ref("sessions.started_at"),
  participant: sql`lower(${sql.ref("sessions.participant")})`,
  scenario: sql`lower(coalesce(${sql.ref("version.title")}, ${sql.ref("sessions.scenario_id")}))`,
  turns: sql.ref("turns"),
  outcome: sql`case ${sql.ref("sessions.outcome")} when 'connected' then 0 when 'mixed' then 1 when 'disengaged' then 2 else 3 end`,
  review: sql`case when ${sql.ref("sessions.reviewed")} = 1 then 1 when ${sql.ref("sessions.status")} = 'active' then 2 when ${sql.ref("sessions.status")} = 'abandoned' and ${choiceCount} <= ${sql.lit(SHORT_ABANDONED_TURNS)} then 2 else 0 end`,
};

function filters(eb: SessionsEb, q: z.output<typeof sessionQuery>): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (q.userId !== undefined) all.push(eb("sessions.user_id", "=", q.userId));
  if (q.visibleTo !== undefined) {
    // Their own sessions, and those of the trainees in the cohorts they are staff of.
    const staffed = eb
      .selectFrom("cohort_members as trainee")
      .innerJoin("cohort_members as staff", "staff.cohort_id", "trainee.cohort_id")
      .select("trainee.user_id")
      .where("staff.user_id", "=", q.visibleTo)
      .where("staff.membership", "=", "staff")
      .where("trainee.membership", "=", "trainee");
    all.push(eb.or([eb("sessions.user_id", "=", q.visibleTo), eb("sessions.user_id", "in", staffed)]));
  }
  if (q.cohortId !== undefined) {
    const trainees = eb.selectFrom("cohort_members").select("user_id").where("cohort_id", "=", q.cohortId).where("membership", "=", "trainee");
    all.push(eb("sessions.user_id", "in", trainees));
  }
  if (q.scenarioId !== undefined) all.push(eb("sessions.scenario_id", "=", q.scenarioId));
  if (q.scenarioSearch !== undefined && q.scenarioSearch !== "") {
    // The id, or the title of the version played (every session's version is stored, with its title).
    const pattern = likeContains(q.scenarioSearch.toLowerCase().replaceAll("\u2019", "'"));
    const titled = eb
      .selectFrom("scenario_versions")
      .select("hash")
      .where(sql<SqlBool>`${folded(sql.ref("title"))} like ${pattern} escape '\\'`);
    all.push(
      eb.or([sql<SqlBool>`lower(${sql.ref("sessions.scenario_id")}) like ${pattern} escape '\\'`, eb("sessions.scenario_hash", "in", titled)]),
    );
  }
  if (q.participant !== undefined && q.participant !== "") {
    // lower() on both sides: the database folds case the same way for the column and the pattern.
    all.push(sql<SqlBool>`lower(${sql.ref("sessions.participant")}) like lower(${likeContains(q.participant)}) escape '\\'`);
  }
  if (q.outcome === "none") all.push(eb("sessions.outcome", "is", null));
  else if (q.outcome !== undefined) all.push(eb("sessions.outcome", "=", q.outcome));
  if (q.mode !== undefined) all.push(eb("sessions.mode", "=", q.mode));
  if (q.status !== undefined) all.push(eb("sessions.status", "=", q.status));
  // Needs review: ended and not marked, unless abandoned after 0 or 1 turns (nothing to review).
  if (q.review === "needed") all.push(eb.and([eb("sessions.status", "!=", "active"), eb("sessions.reviewed", "=", 0), eb.not(shortAbandoned(eb))]));
  else if (q.review === "done") all.push(eb("sessions.reviewed", "=", 1));
  if (q.from !== undefined) all.push(eb("sessions.started_at", ">=", q.from));
  if (q.to !== undefined) all.push(eb("sessions.started_at", "<", q.to));
  return eb.and(all);
}

/**
 * A Store over an open, migrated Kysely database; `close()` destroys it. Every failure that means
 * the database cannot be used right now comes out as a StoreUnavailableError with the reason.
 */
export function createKyselyStore(db: Kysely<Database>, atomically?: Atomically): Store {
  return answeringUnavailable(kyselyStore(db, atomically));
}

/**
 * Runs statements back to back in one transaction on the calling thread, without yielding
 * (SQLite through better-sqlite3); `run` executes one compiled query. A throw rolls back.
 */
export type Atomically = <T>(steps: (run: (q: CompiledQuery) => QueryResult<any>) => T) => T;

function answeringUnavailable(store: Store): Store {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (e) {
        throw classifyStoreError(e);
      }
    };
  }
  return wrapped as unknown as Store;
}

function kyselyStore(db: Kysely<Database>, atomically: Atomically | undefined): Store {
  let closed = false;

  const type = db.getExecutor().adapter instanceof SqliteAdapter ? ("sqlite" as const) : ("postgres" as const);
  const selectSession = () => db.selectFrom("sessions").selectAll("sessions").select(turns);
  /**
   * Versions this store has stored or read back, with the object that was checked against its
   * hash: filing that same object again (the library hands out one per version) needs neither a
   * hash nor a write. Any other object is hashed and checked as usual.
   */
  const knownVersions = new Map<string, Scenario>();

  async function getSession(sessionId: string): Promise<SessionRow | undefined> {
    const row = await selectSession().where("sessions.id", "=", sessionId).executeTakeFirst();
    return row && toSessionRow(row);
  }

  /**
   * Carries out `write` in one transaction that first claims the session: it raises the revision
   * from `revision`, and only while the session is active. Undefined when the claim fails
   * (another write came first) or `accept` answers ROLLBACK. On PostgreSQL the claim's row lock
   * makes a second claim on the same revision wait and then find it changed. On SQLite (with
   * `atomically`) both statements run back to back on this thread under BEGIN IMMEDIATE, so the
   * file's write lock, which the other server processes wait for, is held for microseconds, not
   * across the awaits in which this process's other requests run.
   */
  async function writeAt<T>(
    sessionId: string,
    revision: number,
    changes: Partial<Pick<SessionsTable, "status" | "ended_at" | "outcome" | "final_rapport" | "final_mutuality">>,
    write: CompiledQuery,
    accept: (result: QueryResult<any>) => T | typeof ROLLBACK,
  ): Promise<T | undefined> {
    const claim = db
      .updateTable("sessions")
      .set({ ...changes, revision: revision + 1 })
      .where("id", "=", sessionId)
      .where("revision", "=", revision)
      .where("status", "=", "active")
      .compile();
    const steps = (run: (q: CompiledQuery) => QueryResult<any>) => {
      if (run(claim).numAffectedRows !== 1n) throw new Declined();
      const result = accept(run(write));
      if (result === ROLLBACK) throw new Declined();
      return result;
    };
    try {
      if (atomically) return await db.connection().execute(async () => atomically(steps));
      const inTransaction = async (trx: Kysely<Database>) => {
        const claimed = await trx.executeQuery(claim);
        if (claimed.numAffectedRows !== 1n) throw new Declined();
        const result = accept(await trx.executeQuery(write));
        if (result === ROLLBACK) throw new Declined();
        return result;
      };
      // A store made over a transaction (to fill a database in batches) is already atomic.
      return await (db.isTransaction ? inTransaction(db) : db.transaction().execute(inTransaction));
    } catch (e) {
      if (e instanceof Declined) return undefined;
      throw e;
    }
  }

  return {
    async database() {
      return { db, type };
    },

    async ensureScenarioVersion(hash, scenario) {
      if (knownVersions.get(hash) === scenario) return;
      // A version's hash is its identity: refuse to file a scenario under another scenario's hash.
      const actual = await scenarioHash(scenario);
      if (actual !== hash) throw new Error(`[server] scenario "${scenario.id}": hash ${hash} does not match its content (${actual})`);
      await db
        .insertInto("scenario_versions")
        .values({ hash, scenario_id: scenario.id, title: scenario.title, json: canonicalJson(scenario), created_at: now() })
        .onConflict((oc) => oc.column("hash").doNothing())
        .execute();
      knownVersions.set(hash, scenario);
    },

    async getScenarioVersion(hash) {
      const row = await db.selectFrom("scenario_versions").select(["json", "scenario_id"]).where("hash", "=", hash).executeTakeFirst();
      if (!row) return undefined;
      const scenario = JSON.parse(row.json) as Scenario;
      if ((await scenarioHash(scenario)) !== hash) throw new Error(`[server] scenario version ${hash} ("${row.scenario_id}") is corrupt`);
      knownVersions.set(hash, scenario);
      return scenario;
    },

    async createSession(input) {
      const s = parse(newSession, "createSession", input);
      const row = {
        id: randomUUID(),
        scenario_id: s.scenarioId,
        scenario_hash: s.scenarioHash,
        mode: s.mode,
        participant: s.participant,
        user_id: s.userId,
        seed: s.seed,
        status: "active",
        started_at: now(),
        ended_at: null,
        outcome: null,
        final_rapport: null,
        final_mutuality: null,
        reviewed: 0,
      };
      await db.insertInto("sessions").values(row).execute();
      return toSessionRow({ ...row, turns: 0 });
    },

    getSession,

    async loadSession(sessionId) {
      // One round trip: the session's columns on every row, one row per choice (or one with nulls when there is none).
      const rows = await db
        .selectFrom("sessions")
        .leftJoin("choices", "choices.session_id", "sessions.id")
        .selectAll("sessions")
        .select([
          "choices.seq as choice_seq",
          "choices.choice_id as choice_id",
          "choices.time_taken_ms as choice_time_taken_ms",
          "choices.created_at as choice_created_at",
          "choices.note as choice_note",
        ])
        .where("sessions.id", "=", sessionId)
        .orderBy("choices.seq")
        .execute();
      const first = rows[0];
      if (!first) return undefined;
      const choices = rows
        .filter((r) => r.choice_seq !== null)
        .map((r) =>
          toChoiceRow({
            session_id: r.id,
            seq: r.choice_seq,
            choice_id: r.choice_id,
            time_taken_ms: r.choice_time_taken_ms,
            created_at: r.choice_created_at,
            note: r.choice_note,
          }),
        );
      return { session: toSessionRow({ ...first, turns: choices.length }), choices, revision: toRevision(first.revision) };
    },

    async listChoices(sessionId) {
      const rows = await db.selectFrom("choices").selectAll().where("session_id", "=", sessionId).orderBy("seq").execute();
      return rows.map(toChoiceRow);
    },

    async insertChoice(input, revision) {
      const c = parse(newChoice, "insertChoice", input);
      const insert = db
        .insertInto("choices")
        .values({ session_id: c.sessionId, seq: c.seq, choice_id: c.choiceId, time_taken_ms: c.timeTakenMs, created_at: now() })
        .onConflict((oc) => oc.columns(["session_id", "seq"]).doNothing())
        .returningAll()
        .compile();
      // Only a session whose rows were edited by hand can have a choice there already.
      return writeAt(c.sessionId, revision, {}, insert, (r) => (r.rows[0] ? toChoiceRow(r.rows[0]) : ROLLBACK));
    },

    async deleteChoice(sessionId, seq, revision) {
      const remove = db.deleteFrom("choices").where("session_id", "=", sessionId).where("seq", ">=", seq).compile();
      // Only the last choice may go, so a session's choices never have a gap.
      const done = await writeAt(sessionId, revision, {}, remove, (r) => (r.numAffectedRows === 1n ? true : ROLLBACK));
      return done ?? false;
    },

    async finishSession(sessionId, input, revision) {
      const e = parse(ending, "finishSession", input);
      const changes = {
        status: e.status,
        ended_at: now(),
        outcome: e.outcome,
        final_rapport: e.finalMeters?.rapport ?? null,
        final_mutuality: e.finalMeters?.mutuality ?? null,
      };
      const read = selectSession().where("sessions.id", "=", sessionId).compile();
      return writeAt(sessionId, revision, changes, read, (r) => (r.rows[0] ? toSessionRow(r.rows[0]) : ROLLBACK));
    },

    async setChoiceNote(sessionId, seq, note, choiceId) {
      const n = parse(noteChange, "setChoiceNote", { sessionId, seq, note, choiceId });
      let update = db.updateTable("choices").set({ note: n.note }).where("session_id", "=", n.sessionId).where("seq", "=", n.seq);
      if (n.choiceId !== undefined) update = update.where("choice_id", "=", n.choiceId);
      const row = await update.returningAll().executeTakeFirst();
      return row && toChoiceRow(row);
    },

    async listSessions(query) {
      const q = parse(sessionQuery, "listSessions", query);
      const matched = (eb: SessionsEb) => filters(eb, q);
      const where = (eb: SessionsEb) => (q.hideShortAbandoned ? eb.and([matched(eb), eb.not(shortAbandoned(eb))]) : matched(eb));
      const countWhere = (condition: (eb: SessionsEb) => Expression<SqlBool>) =>
        db
          .selectFrom("sessions")
          .select((eb) => eb.fn.countAll().as("n"))
          .where(condition)
          .executeTakeFirstOrThrow();
      const [count, hidden, rows] = await Promise.all([
        countWhere(where),
        q.hideShortAbandoned ? countWhere((eb) => eb.and([matched(eb), shortAbandoned(eb)])) : { n: 0 },
        db
          .selectFrom("sessions")
          .leftJoin("scenario_versions as version", "version.hash", "sessions.scenario_hash")
          .selectAll("sessions")
          .select((eb) => turns(eb as unknown as SessionsEb))
          .select("version.title as scenario_title")
          .where((eb) => where(eb as unknown as SessionsEb))
          .orderBy(SORT_KEYS[q.sort], q.order)
          .orderBy("sessions.started_at", q.order)
          .orderBy("sessions.id", q.order)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      return {
        rows: rows.map((r) => ({ ...toSessionRow(r), scenarioTitle: r.scenario_title ?? r.scenario_id })),
        total: Number(count.n),
        hidden: Number(hidden.n),
      };
    },

    async addComment(input) {
      const c = parse(newComment, "addComment", input);
      const row = {
        id: randomUUID(),
        session_id: c.sessionId,
        turn: c.turn,
        author: c.author,
        author_id: c.authorId ?? null,
        body: c.body,
        created_at: now(),
      };
      await db.insertInto("comments").values(row).execute();
      return toCommentRow(row);
    },

    async getComment(sessionId, commentId) {
      const row = await db.selectFrom("comments").selectAll().where("session_id", "=", sessionId).where("id", "=", commentId).executeTakeFirst();
      return row && toCommentRow(row);
    },

    async editComment(sessionId, commentId, body) {
      const c = parse(commentEdit, "editComment", { sessionId, commentId, body });
      // Only a changed text is written: the same edit sent again leaves the comment (and when it was edited) as it is.
      const row = await db
        .updateTable("comments")
        .set({ body: c.body, edited_at: now() })
        .where("session_id", "=", c.sessionId)
        .where("id", "=", c.commentId)
        .where("body", "!=", c.body)
        .returningAll()
        .executeTakeFirst();
      if (row) return toCommentRow(row);
      const unchanged = await db
        .selectFrom("comments")
        .selectAll()
        .where("session_id", "=", c.sessionId)
        .where("id", "=", c.commentId)
        .executeTakeFirst();
      return unchanged && toCommentRow(unchanged);
    },

    async deleteComment(sessionId, commentId) {
      const result = await db.deleteFrom("comments").where("session_id", "=", sessionId).where("id", "=", commentId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listComments(sessionId) {
      const rows = await db
        .selectFrom("comments")
        .selectAll()
        .where("session_id", "=", sessionId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toCommentRow);
    },

    async setReviewed(sessionId, reviewed) {
      const result = await db
        .updateTable("sessions")
        .set({ reviewed: reviewed ? 1 : 0 })
        .where("id", "=", sessionId)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new Error(`[server] no session "${sessionId}"`);
    },

    async check() {
      if (db.getExecutor().adapter instanceof SqliteAdapter) {
        const rows = (await sql<{ quick_check: string }>`pragma quick_check`.execute(db)).rows;
        const problems = rows.map((r) => r.quick_check).filter((r) => r !== "ok");
        if (problems.length > 0) {
          throw new StoreUnavailableError(`the SQLite database file is corrupt (${problems.slice(0, 3).join("; ")})`);
        }
      }
      await db.selectFrom("sessions").select("id").limit(1).execute();
    },

    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
