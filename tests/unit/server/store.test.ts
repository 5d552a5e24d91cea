/**
 * The Store's behaviour, run against both back ends: SQLite (a temp file per test) and
 * PostgreSQL (a fresh database per test on the throwaway cluster of tests/pg-global-setup.ts).
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { scenarioHash } from "../../../scenarios/hash";
import type { Scenario } from "../../../scenarios/types";
import { MIGRATIONS } from "../../../server/db/migrate";
import { openPostgresStore, openSqliteStore, openStore, withStatementCache } from "../../../server/open-store";
import type { Mode, SessionRow, Store } from "../../../server/store";
import { fakeScenario } from "../../fakes";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A back end: where a fresh empty database is, how to open a Store on it, and raw SQL for checks. */
interface Backend {
  /** A database never opened before. */
  fresh(): Promise<string>;
  /** A migrated database with no rows (quicker than `fresh` where creating a database is slow). */
  empty(): Promise<string>;
  open(location: string): Promise<Store>;
  query(location: string, sql: string): Promise<Record<string, unknown>[]>;
}

const tempDir = mkdtempSync(path.join(tmpdir(), "peer-practice-store-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const sqlite: Backend = {
  fresh: async () => path.join(tempDir, `${randomUUID()}.sqlite`),
  empty: () => sqlite.fresh(),
  open: (file) => openSqliteStore(file),
  query: async (file, sql) => {
    const db = new SqliteDatabase(file, { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  },
};

/** The cluster's URL with another database name. */
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function postgresUrl(): string {
  const provided = inject("postgres");
  if ("error" in provided) throw new Error(`PostgreSQL for the tests did not start:\n${provided.error}`);
  return provided.url;
}

async function pgQuery(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** One database for this file run, migrated once and emptied before each test: CREATE DATABASE takes ~300 ms. */
let shared: Promise<string> | undefined;

const postgres: Backend = {
  fresh: async () => {
    const url = postgresUrl();
    const name = `store_${randomUUID().replaceAll("-", "")}`;
    await pgQuery(url, `CREATE DATABASE ${name}`);
    return withDatabase(url, name);
  },
  empty: async () => {
    shared ??= postgres.fresh().then(async (url) => {
      await (await openPostgresStore(url)).close();
      return url;
    });
    const url = await shared;
    await pgQuery(url, "TRUNCATE analytics_summaries, comments, choices, sessions, scenario_versions");
    return url;
  },
  open: (url) => openPostgresStore(url),
  query: pgQuery,
};

describe.each([
  ["SQLite", sqlite],
  ["PostgreSQL", postgres],
])("Store on %s", (_name, backend) => {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  async function open(location: string): Promise<Store> {
    const store = await backend.open(location);
    opened.push(store);
    return store;
  }

  /** A store with no rows in it. */
  async function freshStore(): Promise<{ store: Store; location: string }> {
    const location = await backend.empty();
    return { store: await open(location), location };
  }

  async function count(location: string, table: string): Promise<number> {
    const rows = await backend.query(location, `SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]?.n);
  }

  /** Stores the scenario's version and returns its hash. */
  async function version(store: Store, scenario: Scenario = fakeScenario()): Promise<string> {
    const hash = await scenarioHash(scenario);
    await store.ensureScenarioVersion(hash, scenario);
    return hash;
  }

  async function session(
    store: Store,
    over: Partial<{ scenarioId: string; title: string; participant: string; mode: Mode; seed: number }> = {},
  ): Promise<SessionRow> {
    const scenario = fakeScenario({ id: over.scenarioId ?? "fake", ...(over.title !== undefined && { title: over.title }) });
    return store.createSession({
      scenarioId: scenario.id,
      scenarioHash: await version(store, scenario),
      mode: over.mode ?? "practice",
      participant: over.participant ?? "Alex",
      seed: over.seed ?? 42,
      userId: null,
    });
  }

  describe("migrations", () => {
    it("creates the schema on open and does nothing more when opened again", async () => {
      const location = await backend.fresh();
      const store = await open(location);
      const s = await session(store);
      await store.close();

      const again = await open(location);
      expect(await again.getSession(s.id)).toEqual(s);
      const applied = await backend.query(location, "SELECT name FROM kysely_migration ORDER BY name");
      expect(applied.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
      expect(await count(location, "sessions")).toBe(1);
    });

    it("lets two stores open the same database at once", async () => {
      const location = await backend.fresh();
      const [a, b] = await Promise.all([open(location), open(location)]);
      const s = await session(a);
      expect((await b.getSession(s.id))?.participant).toBe("Alex");
    });
  });

  describe("scenario versions", () => {
    it("stores a version once and reads it back equal", async () => {
      const { store, location } = await freshStore();
      const scenario = fakeScenario({ contentNote: "Mentions grief.", skills: ["listening"] });
      const hash = await scenarioHash(scenario);
      await store.ensureScenarioVersion(hash, scenario);
      await store.ensureScenarioVersion(hash, scenario);
      await Promise.all([store.ensureScenarioVersion(hash, scenario), store.ensureScenarioVersion(hash, scenario)]);

      expect(await count(location, "scenario_versions")).toBe(1);
      expect(await store.getScenarioVersion(hash)).toEqual(scenario);
    });

    it("answers undefined for a hash it does not have", async () => {
      const { store } = await freshStore();
      expect(await store.getScenarioVersion("0".repeat(64))).toBeUndefined();
    });

    it("refuses a scenario filed under a hash that is not its own", async () => {
      const { store } = await freshStore();
      const other = await scenarioHash(fakeScenario({ title: "Another" }));
      await expect(store.ensureScenarioVersion(other, fakeScenario())).rejects.toThrow(/does not match/);
    });

    it("still refuses another scenario under a hash it has already stored", async () => {
      const { store, location } = await freshStore();
      const scenario = fakeScenario();
      const hash = await version(store, scenario);
      await expect(store.ensureScenarioVersion(hash, fakeScenario({ title: "Edited" }))).rejects.toThrow(/does not match/);
      // An equal copy of the stored version is accepted, and stored once.
      await store.ensureScenarioVersion(hash, structuredClone(scenario));
      expect(await count(location, "scenario_versions")).toBe(1);
    });
  });

  describe("sessions", () => {
    it("creates an active session with a random id and reads it back", async () => {
      const { store } = await freshStore();
      const hash = await version(store);
      const s = await store.createSession({ scenarioId: "fake", scenarioHash: hash, mode: "assessment", participant: "Robin", seed: 2147483646, userId: "robin-account" });

      expect(s).toEqual({
        id: expect.stringMatching(UUID),
        scenarioId: "fake",
        scenarioHash: hash,
        mode: "assessment",
        participant: "Robin",
        userId: "robin-account",
        seed: 2147483646,
        status: "active",
        startedAt: expect.stringMatching(ISO),
        endedAt: null,
        outcome: null,
        finalMeters: null,
        reviewed: false,
        turns: 0,
      });
      expect(await store.getSession(s.id)).toEqual(s);
      expect((await session(store)).id).not.toBe(s.id);
    });

    it("answers undefined for a session it does not have", async () => {
      const { store } = await freshStore();
      expect(await store.getSession(randomUUID())).toBeUndefined();
    });

    it("refuses a session on a scenario version it does not have", async () => {
      const { store } = await freshStore();
      await expect(
        store.createSession({ scenarioId: "fake", scenarioHash: "f".repeat(64), mode: "practice", participant: "A", seed: 1, userId: null }),
      ).rejects.toThrow();
    });

    it("finishes a session once: a second finish keeps the first ending", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      const done = await store.finishSession(s.id, { status: "completed", outcome: "connected", finalMeters: { rapport: 80, mutuality: 65 } }, 0);
      expect(done).toMatchObject({ status: "completed", outcome: "connected", finalMeters: { rapport: 80, mutuality: 65 } });
      expect(done?.endedAt).toMatch(ISO);
      expect(done!.endedAt! >= done!.startedAt).toBe(true);

      // Neither the revision it was decided on nor the one after it: the session is no longer active.
      expect(await store.finishSession(s.id, { status: "abandoned", outcome: null, finalMeters: null }, 0)).toBeUndefined();
      expect(await store.finishSession(s.id, { status: "abandoned", outcome: null, finalMeters: null }, 1)).toBeUndefined();
      expect(await store.getSession(s.id)).toEqual(done);
    });

    it("records an abandoned session without outcome or meters", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      const done = await store.finishSession(s.id, { status: "abandoned", outcome: null, finalMeters: null }, 0);
      expect(done).toMatchObject({ status: "abandoned", outcome: null, finalMeters: null, endedAt: expect.stringMatching(ISO) });
    });

    it("finishes no session it does not have", async () => {
      const { store } = await freshStore();
      expect(await store.finishSession(randomUUID(), { status: "abandoned", outcome: null, finalMeters: null }, 0)).toBeUndefined();
    });

    it("marks a session reviewed and unreviewed", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.setReviewed(s.id, true);
      expect((await store.getSession(s.id))?.reviewed).toBe(true);
      await store.setReviewed(s.id, true);
      expect((await store.getSession(s.id))?.reviewed).toBe(true);
      await store.setReviewed(s.id, false);
      expect((await store.getSession(s.id))?.reviewed).toBe(false);
      await expect(store.setReviewed(randomUUID(), true)).rejects.toThrow(/no session/);
    });
  });

  describe("choices", () => {
    const choice = (sessionId: string, seq: number, choiceId: string, timeTakenMs = 1) => ({ sessionId, seq, choiceId, timeTakenMs });

    it("stores choices in order and counts them as turns", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      const first = await store.insertChoice(choice(s.id, 1, "good", 1200), 0);
      await store.insertChoice(choice(s.id, 2, "bad", 800), 1);

      expect(first).toEqual({ sessionId: s.id, seq: 1, choiceId: "good", timeTakenMs: 1200, createdAt: expect.stringMatching(ISO), note: null });
      expect((await store.listChoices(s.id)).map((c) => [c.seq, c.choiceId, c.timeTakenMs])).toEqual([
        [1, "good", 1200],
        [2, "bad", 800],
      ]);
      expect((await store.getSession(s.id))?.turns).toBe(2);
      expect(await store.listChoices(randomUUID())).toEqual([]);
    });

    it("writes only on the revision a write was decided on, and raises it with every write", async () => {
      const { store, location } = await freshStore();
      const s = await session(store);
      expect((await store.loadSession(s.id))?.revision).toBe(0);
      expect(await store.insertChoice(choice(s.id, 1, "good"), 0)).toBeDefined();
      expect((await store.loadSession(s.id))?.revision).toBe(1);

      // Decided on revision 0, which is gone: nothing is written.
      expect(await store.insertChoice(choice(s.id, 2, "bad"), 0)).toBeUndefined();
      expect(await store.deleteChoice(s.id, 1, 0)).toBe(false);
      expect(await store.finishSession(s.id, { status: "abandoned", outcome: null, finalMeters: null }, 0)).toBeUndefined();
      expect(await count(location, "choices")).toBe(1);
      expect(await store.loadSession(s.id)).toMatchObject({ session: { status: "active", turns: 1 }, revision: 1 });

      expect(await store.deleteChoice(s.id, 1, 1)).toBe(true);
      expect((await store.loadSession(s.id))?.revision).toBe(2);
      expect(await store.finishSession(s.id, { status: "abandoned", outcome: null, finalMeters: null }, 2)).toBeDefined();
      // A finished session takes no more writes, whatever revision they name.
      expect(await store.insertChoice(choice(s.id, 1, "good"), 3)).toBeUndefined();
      expect(await count(location, "choices")).toBe(0);
    });

    it("stores exactly one of many concurrent inserts decided on the same revision", async () => {
      const { store, location } = await freshStore();
      const s = await session(store);
      const results = await Promise.all(["a", "b", "c", "d", "e", "f", "g", "h"].map((id) => store.insertChoice(choice(s.id, 1, id), 0)));

      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect(await count(location, "choices")).toBe(1);
      expect(await store.listChoices(s.id)).toEqual(winners);
    });

    it("lets one of a choice, a take-back and an end decided on the same revision through", async () => {
      const { store, location } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      const results = await Promise.all([
        store.insertChoice(choice(s.id, 2, "bad"), 1),
        store.deleteChoice(s.id, 1, 1),
        store.finishSession(s.id, { status: "completed", outcome: "connected", finalMeters: { rapport: 60, mutuality: 55 } }, 1),
      ]);
      expect(results.filter((r) => r !== undefined && r !== false)).toHaveLength(1);
      const after = await store.loadSession(s.id);
      expect(after?.revision).toBe(2);
      // Whichever went through, the session is as that one write alone leaves it.
      const state = [after?.session.status, after?.choices.map((c) => c.choiceId)];
      expect([
        ["active", ["good", "bad"]],
        ["active", []],
        ["completed", ["good"]],
      ]).toContainEqual(state);
      expect(await count(location, "choices")).toBe(after?.choices.length);
    });

    it("stores one choice per seq when two stores race on the same database", async () => {
      const { store, location } = await freshStore();
      const other = await open(location);
      const s = await session(store);
      const results = await Promise.all([store, other, store, other].map((st, i) => st.insertChoice(choice(s.id, 1, `c${i}`, i), 0)));
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
      expect(await count(location, "choices")).toBe(1);
    });

    it("reads a session with its choices in order and its revision in one go", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      expect(await store.loadSession(s.id)).toEqual({ session: s, choices: [], revision: 0 });
      await store.insertChoice(choice(s.id, 2, "bad", 800), 0);
      await store.insertChoice(choice(s.id, 1, "good", 1200), 1);

      const loaded = await store.loadSession(s.id);
      expect(loaded?.choices.map((c) => [c.seq, c.choiceId, c.timeTakenMs])).toEqual([
        [1, "good", 1200],
        [2, "bad", 800],
      ]);
      expect(loaded).toEqual({ session: await store.getSession(s.id), choices: await store.listChoices(s.id), revision: 2 });
      expect(loaded?.session.turns).toBe(2);
      expect(await store.loadSession(randomUUID())).toBeUndefined();
    });

    it("stores no choice for a session it does not have", async () => {
      const { store, location } = await freshStore();
      expect(await store.insertChoice(choice(randomUUID(), 1, "good"), 0)).toBeUndefined();
      expect(await count(location, "choices")).toBe(0);
    });

    it("takes back the last choice, which frees its seq", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await store.insertChoice(choice(s.id, 2, "bad"), 1);

      expect(await store.deleteChoice(s.id, 2, 2)).toBe(true);
      expect((await store.listChoices(s.id)).map((c) => c.choiceId)).toEqual(["good"]);
      // Nothing is left at seq 2 to take back.
      expect(await store.deleteChoice(s.id, 2, 3)).toBe(false);
      expect((await store.getSession(s.id))?.turns).toBe(1);

      expect(await store.insertChoice(choice(s.id, 2, "good"), 3)).toBeDefined();
    });

    it("refuses to take back a choice that is not the last", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await store.insertChoice(choice(s.id, 2, "bad"), 1);
      expect(await store.deleteChoice(s.id, 1, 2)).toBe(false);
      expect(await store.listChoices(s.id)).toHaveLength(2);
      expect((await store.loadSession(s.id))?.revision).toBe(2);
    });
  });

  describe("notes on choices", () => {
    const choice = (sessionId: string, seq: number, choiceId: string) => ({ sessionId, seq, choiceId, timeTakenMs: 1 });

    it("sets, replaces and clears the note on a choice, and reads it with the choices", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await store.insertChoice(choice(s.id, 2, "bad"), 1);

      const noted = await store.setChoiceNote(s.id, 2, "They sounded rushed — <b>I</b> wanted to slow down.");
      expect(noted).toMatchObject({ seq: 2, choiceId: "bad", note: "They sounded rushed — <b>I</b> wanted to slow down." });
      // The same note again (a retry) leaves the same row.
      expect(await store.setChoiceNote(s.id, 2, "They sounded rushed — <b>I</b> wanted to slow down.")).toEqual(noted);
      expect((await store.listChoices(s.id)).map((c) => c.note)).toEqual([null, "They sounded rushed — <b>I</b> wanted to slow down."]);
      expect((await store.loadSession(s.id))?.choices.map((c) => c.note)).toEqual([null, "They sounded rushed — <b>I</b> wanted to slow down."]);

      expect((await store.setChoiceNote(s.id, 2, "Second thoughts."))?.note).toBe("Second thoughts.");
      expect((await store.setChoiceNote(s.id, 2, null))?.note).toBeNull();
      expect((await store.listChoices(s.id)).map((c) => c.note)).toEqual([null, null]);
    });

    it("does not raise the revision, so a choice decided meanwhile still goes through", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await store.setChoiceNote(s.id, 1, "Open question first.");
      expect((await store.loadSession(s.id))?.revision).toBe(1);
      expect(await store.insertChoice(choice(s.id, 2, "bad"), 1)).toBeDefined();
    });

    it("notes a choice of a session that has ended", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await store.finishSession(s.id, { status: "abandoned", outcome: null, finalMeters: null }, 1);
      expect((await store.setChoiceNote(s.id, 1, "Afterwards: it felt right."))?.note).toBe("Afterwards: it felt right.");
    });

    it("answers undefined for a missing choice, or one replaced after a take-back", async () => {
      const { store, location } = await freshStore();
      const s = await session(store);
      expect(await store.setChoiceNote(s.id, 1, "No choice yet.")).toBeUndefined();
      expect(await store.setChoiceNote(randomUUID(), 1, "No session.")).toBeUndefined();
      expect(await count(location, "choices")).toBe(0);

      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await store.deleteChoice(s.id, 1, 1);
      await store.insertChoice(choice(s.id, 1, "bad"), 2);
      expect(await store.setChoiceNote(s.id, 1, "About good.", "good")).toBeUndefined();
      expect((await store.listChoices(s.id))[0]?.note).toBeNull();
      expect((await store.setChoiceNote(s.id, 1, "About bad.", "bad"))?.note).toBe("About bad.");
    });

    it("takes the note away with its choice when the choice is taken back", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await store.setChoiceNote(s.id, 1, "First try.");
      await store.deleteChoice(s.id, 1, 1);
      expect((await store.insertChoice(choice(s.id, 1, "good"), 2))?.note).toBeNull();
    });

    it("refuses a note that is empty or longer than 500 characters", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      await store.insertChoice(choice(s.id, 1, "good"), 0);
      await expect(store.setChoiceNote(s.id, 1, "")).rejects.toThrow(/setChoiceNote: note/);
      await expect(store.setChoiceNote(s.id, 1, "x".repeat(501))).rejects.toThrow(/setChoiceNote: note/);
      expect((await store.setChoiceNote(s.id, 1, "x".repeat(500)))?.note).toHaveLength(500);
    });
  });

  describe("comments", () => {
    it("adds comments on a turn and on the whole session and lists them in order", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      const a = await store.addComment({ sessionId: s.id, turn: 2, author: "Supervisor", body: "Nice reflection here." });
      const b = await store.addComment({ sessionId: s.id, turn: null, author: "Supervisor", body: "Overall: good pacing." });
      const c = await store.addComment({ sessionId: s.id, turn: 1, author: "Peer", body: "Thanks!" });

      expect(a).toEqual({
        id: expect.stringMatching(UUID),
        sessionId: s.id,
        turn: 2,
        author: "Supervisor",
        authorId: null,
        body: "Nice reflection here.",
        createdAt: expect.stringMatching(ISO),
        editedAt: null,
      });
      expect(await store.listComments(s.id)).toEqual([a, b, c]);
      expect(await store.listComments(randomUUID())).toEqual([]);
    });

    it("reads one comment of a session, and none of another session", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      const other = await session(store, { participant: "Other" });
      const a = await store.addComment({ sessionId: s.id, turn: null, author: "Sue", authorId: "sue-id", body: "Good." });
      expect(await store.getComment(s.id, a.id)).toEqual({ ...a, authorId: "sue-id" });
      expect(await store.getComment(other.id, a.id)).toBeUndefined();
      expect(await store.getComment(s.id, randomUUID())).toBeUndefined();
    });

    it("edits a comment's text and says when; the same text again changes nothing", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      const other = await session(store, { participant: "Other" });
      const a = await store.addComment({ sessionId: s.id, turn: 1, author: "Sue", authorId: "sue-id", body: "First go." });
      const edited = await store.editComment(s.id, a.id, "Second go,\nwith a line break.");
      expect(edited).toEqual({ ...a, body: "Second go,\nwith a line break.", editedAt: expect.stringMatching(ISO) });
      expect(edited!.editedAt! > a.createdAt).toBe(true);
      // A retry of the same edit: nothing written, the first edit's time kept.
      expect(await store.editComment(s.id, a.id, "Second go,\nwith a line break.")).toEqual(edited);
      expect(await store.listComments(s.id)).toEqual([edited]);
      // Another session's id, or no such comment: nothing.
      expect(await store.editComment(other.id, a.id, "Hijacked.")).toBeUndefined();
      expect(await store.editComment(s.id, randomUUID(), "Nothing.")).toBeUndefined();
      expect((await store.getComment(s.id, a.id))?.body).toBe("Second go,\nwith a line break.");
      await expect(store.editComment(s.id, a.id, "")).rejects.toThrow(/editComment/);
      await expect(store.editComment(s.id, a.id, "x".repeat(4001))).rejects.toThrow(/editComment/);
    });

    it("deletes a comment once; deleting it again, or from another session, deletes nothing", async () => {
      const { store } = await freshStore();
      const s = await session(store);
      const other = await session(store, { participant: "Other" });
      const a = await store.addComment({ sessionId: s.id, turn: 1, author: "Sue", body: "One." });
      const b = await store.addComment({ sessionId: s.id, turn: 1, author: "Sue", body: "Two." });
      expect(await store.deleteComment(other.id, a.id)).toBe(false);
      expect(await store.deleteComment(s.id, a.id)).toBe(true);
      expect(await store.deleteComment(s.id, a.id)).toBe(false);
      expect(await store.listComments(s.id)).toEqual([b]);
    });

    it("refuses a comment on a session it does not have", async () => {
      const { store } = await freshStore();
      await expect(store.addComment({ sessionId: randomUUID(), turn: null, author: "A", body: "B" })).rejects.toThrow();
    });
  });

  describe("listSessions", () => {
    /**
     * Six sessions, started in this order (scenario titles: fake "Talking about work", grief
     * "After Dana’s loss", housing "Housing first"):
     * 0 Alex       fake     practice    completed connected   2 turns
     * 1 alexandra  fake     assessment  completed disengaged
     * 2 Sam        grief    practice    active                1 turn
     * 3 ZOË 100%   grief    assessment  completed mixed
     * 4 Jordan     fake     practice    abandoned
     * 5 Sam_2      housing  assessment  active
     */
    const TITLES: Record<string, string> = { fake: "Talking about work", grief: "After Dana\u2019s loss", housing: "Housing first" };
    async function seeded() {
      const { store } = await freshStore();
      const specs = [
        { participant: "Alex", scenarioId: "fake", mode: "practice" },
        { participant: "alexandra", scenarioId: "fake", mode: "assessment" },
        { participant: "Sam", scenarioId: "grief", mode: "practice" },
        { participant: "ZOË 100%", scenarioId: "grief", mode: "assessment" },
        { participant: "Jordan", scenarioId: "fake", mode: "practice" },
        { participant: "Sam_2", scenarioId: "housing", mode: "assessment" },
      ].map((spec) => ({ ...spec, title: TITLES[spec.scenarioId]! }));
      const ids: string[] = [];
      for (const spec of specs) ids.push((await session(store, spec as Parameters<typeof session>[1])).id);
      const id = (i: number) => ids[i]!;
      await store.insertChoice({ sessionId: id(0), seq: 1, choiceId: "good", timeTakenMs: 1 }, 0);
      await store.insertChoice({ sessionId: id(0), seq: 2, choiceId: "good", timeTakenMs: 1 }, 1);
      await store.insertChoice({ sessionId: id(2), seq: 1, choiceId: "bad", timeTakenMs: 1 }, 0);
      await store.finishSession(id(0), { status: "completed", outcome: "connected", finalMeters: { rapport: 90, mutuality: 70 } }, 2);
      await store.finishSession(id(1), { status: "completed", outcome: "disengaged", finalMeters: { rapport: 10, mutuality: 20 } }, 0);
      await store.finishSession(id(3), { status: "completed", outcome: "mixed", finalMeters: { rapport: 50, mutuality: 50 } }, 0);
      await store.finishSession(id(4), { status: "abandoned", outcome: null, finalMeters: null }, 0);
      const all = await Promise.all(ids.map(async (i) => (await store.getSession(i))!));
      /** The positions (0–5 above) of the rows a query returns, in order. */
      const list = async (q: Parameters<Store["listSessions"]>[0]) => {
        const { rows, total } = await store.listSessions(q);
        return { at: rows.map((r) => ids.indexOf(r.id)), total };
      };
      return { store, all, list };
    }

    it("lists every session, newest first, with their turn counts", async () => {
      const { store, all } = await seeded();
      const { rows, total, hidden } = await store.listSessions({});
      expect(total).toBe(6);
      expect(hidden).toBe(0);
      expect(rows).toEqual([...all].reverse().map((r) => ({ ...r, scenarioTitle: TITLES[r.scenarioId] })));
      expect(rows.map((r) => r.turns)).toEqual([0, 0, 0, 1, 0, 2]);
    });

    it("finds a scenario by part of its id or of the title of the version played, in any case, ’ as '", async () => {
      const { list } = await seeded();
      expect(await list({ scenarioSearch: "Dana's" })).toEqual({ at: [3, 2], total: 2 });
      expect(await list({ scenarioSearch: "DANA\u2019S LOSS" })).toEqual({ at: [3, 2], total: 2 });
      expect(await list({ scenarioSearch: "gri" })).toEqual({ at: [3, 2], total: 2 });
      expect(await list({ scenarioSearch: "housing" })).toEqual({ at: [5], total: 1 });
      expect(await list({ scenarioSearch: "about work" })).toEqual({ at: [4, 1, 0], total: 3 });
      // Wildcards are taken literally.
      expect(await list({ scenarioSearch: "%" })).toEqual({ at: [], total: 0 });
      expect(await list({ scenarioSearch: "_" })).toEqual({ at: [], total: 0 });
      expect(await list({ scenarioSearch: "" })).toEqual({ at: [5, 4, 3, 2, 1, 0], total: 6 });
    });

    it("falls back to the scenario id for a version stored without a title", async () => {
      const { store, location } = await freshStore();
      const s = await session(store, { scenarioId: "untitled" });
      // As a row written by something that does not know the column (the tests' query helper reads SQLite read-only).
      if (backend === sqlite) {
        const db = new SqliteDatabase(location);
        db.prepare("UPDATE scenario_versions SET title = NULL").run();
        db.close();
      } else await backend.query(location, "UPDATE scenario_versions SET title = NULL");
      const { rows } = await store.listSessions({});
      expect(rows.map((r) => [r.id, r.scenarioTitle])).toEqual([[s.id, "untitled"]]);
      expect((await store.listSessions({ scenarioSearch: "untit" })).total).toBe(1);
    });

    it("filters by review: ended and not marked (needs review), or marked", async () => {
      const { store, list, all } = await seeded();
      await store.setReviewed(all[1]!.id, true);
      // Unfinished sessions (2, 5) do not need review yet; nor does one abandoned with no turn (4).
      expect(await list({ review: "needed" })).toEqual({ at: [3, 0], total: 2 });
      expect(await list({ review: "done" })).toEqual({ at: [1], total: 1 });
    });

    it("hides sessions abandoned after 0 or 1 turns when asked, and counts them", async () => {
      const { store, list } = await seeded();
      // 4 was abandoned with no turn; add one abandoned after 1 turn and one after 2.
      const one = await session(store, { participant: "One turn" });
      await store.insertChoice({ sessionId: one.id, seq: 1, choiceId: "good", timeTakenMs: 1 }, 0);
      await store.finishSession(one.id, { status: "abandoned", outcome: null, finalMeters: null }, 1);
      const two = await session(store, { participant: "Two turns" });
      await store.insertChoice({ sessionId: two.id, seq: 1, choiceId: "good", timeTakenMs: 1 }, 0);
      await store.insertChoice({ sessionId: two.id, seq: 2, choiceId: "good", timeTakenMs: 1 }, 1);
      await store.finishSession(two.id, { status: "abandoned", outcome: null, finalMeters: null }, 2);

      const shown = await store.listSessions({ hideShortAbandoned: true });
      expect(shown.total).toBe(6);
      expect(shown.hidden).toBe(2);
      expect(shown.rows.map((r) => r.participant)).not.toContain("Jordan");
      expect(shown.rows.map((r) => r.participant)).not.toContain("One turn");
      expect(shown.rows.map((r) => r.participant)).toContain("Two turns");
      // Unfinished sessions with no turn stay: they can be resumed.
      expect(shown.rows.map((r) => r.participant)).toContain("Sam_2");
      // The count of hidden ones follows the other filters.
      expect((await store.listSessions({ hideShortAbandoned: true, participant: "Jordan" })).hidden).toBe(1);
      expect((await store.listSessions({ hideShortAbandoned: true, mode: "assessment" })).hidden).toBe(0);
      expect((await list({})).total).toBe(8);
    });

    it("filters by scenario, mode and status", async () => {
      const { list } = await seeded();
      expect(await list({ scenarioId: "grief" })).toEqual({ at: [3, 2], total: 2 });
      expect(await list({ scenarioId: "nope" })).toEqual({ at: [], total: 0 });
      expect(await list({ mode: "assessment" })).toEqual({ at: [5, 3, 1], total: 3 });
      expect(await list({ status: "active" })).toEqual({ at: [5, 2], total: 2 });
      expect(await list({ status: "abandoned" })).toEqual({ at: [4], total: 1 });
    });

    it("filters by participant: a case-insensitive substring, wildcards taken literally", async () => {
      const { list } = await seeded();
      expect(await list({ participant: "ALEX" })).toEqual({ at: [1, 0], total: 2 });
      expect(await list({ participant: "xand" })).toEqual({ at: [1], total: 1 });
      expect(await list({ participant: "sam" })).toEqual({ at: [5, 2], total: 2 });
      expect(await list({ participant: "_" })).toEqual({ at: [5], total: 1 });
      expect(await list({ participant: "%" })).toEqual({ at: [3], total: 1 });
      expect(await list({ participant: "zoë" })).toEqual({ at: [3], total: 1 });
      expect(await list({ participant: "" })).toEqual({ at: [5, 4, 3, 2, 1, 0], total: 6 });
    });

    it("filters by outcome, or by having none", async () => {
      const { list } = await seeded();
      expect(await list({ outcome: "connected" })).toEqual({ at: [0], total: 1 });
      expect(await list({ outcome: "mixed" })).toEqual({ at: [3], total: 1 });
      expect(await list({ outcome: "disengaged" })).toEqual({ at: [1], total: 1 });
      expect(await list({ outcome: "none" })).toEqual({ at: [5, 4, 2], total: 3 });
    });

    it("filters by start time: from is inclusive, to is exclusive", async () => {
      const { list, all } = await seeded();
      const at = (i: number) => all[i]!.startedAt;
      expect(await list({ from: at(2) })).toEqual({ at: [5, 4, 3, 2], total: 4 });
      expect(await list({ to: at(2) })).toEqual({ at: [1, 0], total: 2 });
      expect(await list({ from: at(1), to: at(4) })).toEqual({ at: [3, 2, 1], total: 3 });
      expect(await list({ from: "2000-01-01" })).toEqual({ at: [5, 4, 3, 2, 1, 0], total: 6 });
      expect(await list({ to: "2000-01-01" })).toEqual({ at: [], total: 0 });
      // Any ISO offset is compared as the same instant.
      const shifted = new Date(Date.parse(at(2))).toISOString().replace("Z", "+00:00");
      expect(await list({ from: shifted })).toEqual({ at: [5, 4, 3, 2], total: 4 });
    });

    it("combines filters", async () => {
      const { list } = await seeded();
      expect(await list({ scenarioId: "fake", mode: "practice" })).toEqual({ at: [4, 0], total: 2 });
      expect(await list({ scenarioId: "fake", mode: "practice", status: "completed", participant: "al" })).toEqual({ at: [0], total: 1 });
    });

    it("sorts by each key, both ways", async () => {
      const { list } = await seeded();
      expect((await list({ sort: "startedAt", order: "asc" })).at).toEqual([0, 1, 2, 3, 4, 5]);
      expect((await list({ sort: "startedAt" })).at).toEqual([5, 4, 3, 2, 1, 0]);
      // Case-insensitive; ties keep the start-time order.
      expect((await list({ sort: "participant", order: "asc" })).at).toEqual([0, 1, 4, 2, 5, 3]);
      expect((await list({ sort: "participant", order: "desc" })).at).toEqual([3, 5, 2, 4, 1, 0]);
      // By title (After…, Housing…, Talking…); ties broken by start time in the same direction.
      expect((await list({ sort: "scenario", order: "asc" })).at).toEqual([2, 3, 5, 0, 1, 4]);
      expect((await list({ sort: "scenario", order: "desc" })).at).toEqual([4, 1, 0, 5, 3, 2]);
      expect((await list({ sort: "turns", order: "desc" })).at).toEqual([0, 2, 5, 4, 3, 1]);
      expect((await list({ sort: "turns", order: "asc" })).at).toEqual([1, 3, 4, 5, 2, 0]);
      // connected, mixed, disengaged, then none.
      expect((await list({ sort: "outcome", order: "asc" })).at).toEqual([0, 3, 1, 2, 4, 5]);
      expect((await list({ sort: "outcome", order: "desc" })).at).toEqual([5, 4, 2, 1, 3, 0]);
    });

    it("sorts by review: needs review, reviewed, then unfinished or abandoned after 0 or 1 turns", async () => {
      const { store, list, all } = await seeded();
      await store.setReviewed(all[3]!.id, true);
      expect((await list({ sort: "review", order: "asc" })).at).toEqual([0, 1, 3, 2, 4, 5]);
      expect((await list({ sort: "review", order: "desc" })).at).toEqual([5, 4, 2, 3, 1, 0]);
    });

    it("pages through the rows and counts them all", async () => {
      const { list } = await seeded();
      expect(await list({ pageSize: 4 })).toEqual({ at: [5, 4, 3, 2], total: 6 });
      expect(await list({ pageSize: 4, page: 2 })).toEqual({ at: [1, 0], total: 6 });
      expect(await list({ pageSize: 4, page: 3 })).toEqual({ at: [], total: 6 });
      expect(await list({ pageSize: 2, page: 2, order: "asc" })).toEqual({ at: [2, 3], total: 6 });
      expect(await list({ pageSize: 1, page: 1, mode: "assessment" })).toEqual({ at: [5], total: 3 });
    });

    it("pages 20 rows by default and at most 100", async () => {
      const { store } = await freshStore();
      const hash = await version(store);
      for (let i = 0; i < 105; i++) {
        await store.createSession({ scenarioId: "fake", scenarioHash: hash, mode: "practice", participant: `P${i}`, seed: i, userId: null });
      }
      const first = await store.listSessions({});
      expect(first.rows).toHaveLength(20);
      expect(first.total).toBe(105);
      expect(first.rows[0]?.participant).toBe("P104");
      expect((await store.listSessions({ pageSize: 1000 })).rows).toHaveLength(100);
      expect((await store.listSessions({ pageSize: 1000, page: 2 })).rows).toHaveLength(5);
    });

    it("refuses a malformed query", async () => {
      const { store } = await freshStore();
      await expect(store.listSessions({ page: 0 })).rejects.toThrow(/listSessions/);
      await expect(store.listSessions({ from: "yesterday" })).rejects.toThrow(/not an ISO date/);
      await expect(store.listSessions({ sort: "id; drop table sessions" as never })).rejects.toThrow(/listSessions/);
    });
  });

  it("keeps everything across closing and reopening", async () => {
    const { store, location } = await freshStore();
    const scenario = fakeScenario({ id: "kept" });
    const s = await session(store, { scenarioId: "kept", participant: "Kim" });
    await store.insertChoice({ sessionId: s.id, seq: 1, choiceId: "good", timeTakenMs: 321 }, 0);
    await store.insertChoice({ sessionId: s.id, seq: 2, choiceId: "good", timeTakenMs: 654 }, 1);
    const done = await store.finishSession(s.id, { status: "completed", outcome: "connected", finalMeters: { rapport: 77, mutuality: 66 } }, 2);
    await store.setReviewed(s.id, true);
    const comment = await store.addComment({ sessionId: s.id, turn: 1, author: "Lee", body: "Good start." });
    const choices = await store.listChoices(s.id);
    await store.close();

    const reopened = await open(location);
    expect(await reopened.getSession(s.id)).toEqual({ ...done, reviewed: true });
    expect(await reopened.listChoices(s.id)).toEqual(choices);
    expect(await reopened.listComments(s.id)).toEqual([comment]);
    expect(await reopened.getScenarioVersion(s.scenarioHash)).toEqual(scenario);
    expect((await reopened.listSessions({})).total).toBe(1);
  });
});

describe("openStore", () => {
  it("opens a SQLite file under DATA_DIR when DATABASE_URL is not set, creating the folder", async () => {
    const dir = path.join(tempDir, "data-dir", "nested");
    const store = await openStore({ DATA_DIR: dir });
    try {
      expect((await store.listSessions({})).total).toBe(0);
      expect(existsSync(path.join(dir, "peer-practice.sqlite"))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("opens PostgreSQL when DATABASE_URL is set", async () => {
    const url = await postgres.fresh();
    const store = await openStore({ DATABASE_URL: url, DATA_DIR: path.join(tempDir, "unused") });
    try {
      const hash = await scenarioHash(fakeScenario());
      await store.ensureScenarioVersion(hash, fakeScenario());
      expect(await pgQuery(url, "SELECT hash FROM scenario_versions")).toEqual([{ hash }]);
      expect(existsSync(path.join(tempDir, "unused"))).toBe(false);
    } finally {
      await store.close();
    }
  });
});

describe("withStatementCache (SQLite)", () => {
  it("prepares each SQL text once and answers with current data every time", () => {
    const sqlite = new SqliteDatabase(":memory:");
    const db = withStatementCache(sqlite);
    try {
      db.prepare("CREATE TABLE t (n INTEGER)").run([]);
      const count = "SELECT count(*) AS n FROM t";
      const first = db.prepare(count);
      expect(first.all([])).toEqual([{ n: 0 }]);
      db.prepare("INSERT INTO t VALUES (?)").run([1]);
      db.prepare("INSERT INTO t VALUES (?)").run([2]);
      expect(db.prepare(count)).toBe(first);
      expect(db.prepare(count).all([])).toEqual([{ n: 2 }]);
    } finally {
      db.close();
    }
  });

  it("hands out a fresh statement while the cached one is still being iterated", () => {
    const sqlite = new SqliteDatabase(":memory:");
    const db = withStatementCache(sqlite);
    try {
      db.prepare("CREATE TABLE t (n INTEGER)").run([]);
      for (const n of [1, 2, 3]) db.prepare("INSERT INTO t VALUES (?)").run([n]);
      const select = "SELECT n FROM t WHERE n >= ? ORDER BY n";
      const seen: [unknown, unknown[]][] = [];
      for (const row of db.prepare(select).iterate([1])) seen.push([row, db.prepare(select).all([3])]);
      expect(seen).toEqual([
        [{ n: 1 }, [{ n: 3 }]],
        [{ n: 2 }, [{ n: 3 }]],
        [{ n: 3 }, [{ n: 3 }]],
      ]);
    } finally {
      db.close();
    }
  });
});
