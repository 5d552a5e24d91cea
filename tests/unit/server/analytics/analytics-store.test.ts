/**
 * The analytics loaded from a real store, on SQLite and PostgreSQL: the fixture sessions
 * (fixtures.ts) stored through the Store API for trainees of two cohorts, read back as each kind
 * of account may read them, filtered; the summaries kept per revision and computed again when a
 * session changes; erasures; and a person's progress with its refusals.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { personProgressSchema, scenarioAnalyticsSchema } from "../../../../contracts/analytics-answers";
import { createAccount, type Account } from "../../../../server/accounts";
import { personProgress } from "../../../../server/analytics/person-progress";
import { scenarioAnalytics, timedScenarioAnalytics } from "../../../../server/analytics/scenario-analytics";
import { forgetSummariesInMemory } from "../../../../server/analytics/summary-cache";
import { SUMMARY_FORMAT } from "../../../../server/analytics/summary";
import { authSecret, createAuth } from "../../../../server/auth";
import { addMember, createCohort } from "../../../../server/cohorts";
import { erasePerson, setActive } from "../../../../server/people";
import type { Store } from "../../../../server/store";
import { scenarioHash } from "../../../../scenarios/hash";
import { storeBackends } from "../../../store-backends";
import { PLAYS, storedChoices, V1, V2, type Play } from "./fixtures";

const backends = storeBackends("analytics");
const PASSWORD = "a long enough password";

/** The answer as the API would send it, checked by its contract. */
const viaJson = <T>(schema: z.core.$ZodType, value: T): T => {
  const r = z.safeParse(schema, JSON.parse(JSON.stringify(value)));
  if (!r.success) throw new Error(z.prettifyError(r.error));
  return value;
};

describe.each(backends)("analytics on %s", (_name, openStore) => {
  /**
   * North: Sue (supervisor), Tia (u1) and Tim (u2), trainees. South: Ola (supervisor), Ned (u3).
   * Tom is a trainer of no cohort; Ada the administrator. The fixture sessions are theirs, S6 of no one.
   */
  async function program() {
    const store = await openStore();
    const database = await store.database();
    const { db } = database;
    const auth = createAuth(database, await authSecret(db, {}));
    const make = (name: string, roles: Account["roles"]) =>
      createAccount(auth, db, { email: `${name.toLowerCase()}@example.org`, name, password: PASSWORD, roles });
    const ada = await make("Ada", ["admin"]);
    const sue = await make("Sue", ["supervisor"]);
    const ola = await make("Ola", ["supervisor"]);
    const tom = await make("Tom", ["trainer"]);
    const tia = await make("Tia", ["trainee"]);
    const tim = await make("Tim", ["trainee"]);
    const ned = await make("Ned", ["trainee"]);
    const north = await createCohort(db, ada, "North");
    const south = await createCohort(db, ada, "South");
    await addMember(db, ada, north.id, sue.id, "staff");
    await addMember(db, ada, north.id, tia.id, "trainee");
    await addMember(db, ada, north.id, tim.id, "trainee");
    await addMember(db, ada, south.id, ola.id, "staff");
    await addMember(db, ada, south.id, ned.id, "trainee");
    const h1 = await scenarioHash(V1);
    const h2 = await scenarioHash(V2);
    // v1 is stored first, so v2 is the newer.
    await store.ensureScenarioVersion(h1, V1);
    await store.ensureScenarioVersion(h2, V2);
    const owners: Record<string, Account> = { u1: tia, u2: tim, u3: ned };
    const ids: Record<string, string> = {};
    for (const p of PLAYS) ids[p.id] = await play(store, p, p.version === 1 ? h1 : h2, p.userId === null ? null : owners[p.userId]!);
    return { store, db, auth, ada, sue, ola, tom, tia, tim, ned, north, south, h1, h2, ids };
  }

  /** Stores a play through the Store API, dated as the fixture says. */
  async function play(store: Store, p: Play, hash: string, owner: Account | null): Promise<string> {
    const { db } = await store.database();
    const row = await store.createSession({ scenarioId: "pit", scenarioHash: hash, mode: p.mode, participant: owner?.name ?? "Erased account", seed: 1, userId: owner?.id ?? null });
    const choices = storedChoices(p);
    for (const c of choices) await store.insertChoice({ sessionId: row.id, seq: c.seq, choiceId: c.choiceId, timeTakenMs: c.timeTakenMs }, c.seq - 1);
    if (p.status !== "active") {
      const outcome = p.status === "abandoned" ? null : p.id === "S1" || p.id === "S6" ? "connected" : "disengaged";
      await store.finishSession(row.id, { status: p.status, outcome, finalMeters: null }, choices.length);
    }
    await db.updateTable("sessions").set({ started_at: p.startedAt }).where("id", "=", row.id).execute();
    for (const c of choices) await db.updateTable("choices").set({ created_at: c.createdAt }).where("session_id", "=", row.id).where("seq", "=", c.seq).execute();
    return row.id;
  }

  const pick = (a: { choices: { nodeId: string; choiceId: string; picks: number }[] }, id: string) => a.choices.find((c) => `${c.nodeId}/${c.choiceId}` === id)?.picks;

  it("counts every session for an administrator, drawn on the newest version, and answers by the contract", async () => {
    const p = await program();
    const a = viaJson(scenarioAnalyticsSchema, await scenarioAnalytics(p.ada, "pit", {}, p.store));
    expect(a.counts).toEqual({ sessions: 6, completed: 4, abandoned: 1, active: 1, trainees: 3, damaged: 0 });
    expect(a.title).toBe("Pit, second version");
    expect(a.coverage).toMatchObject({ drawn: p.h2, drawnBecause: "latest", included: [p.h2, p.h1], acrossVersions: true });
    expect(a.versions.map((v) => [v.hash, v.title, v.sessions, v.included, v.current, v.publishedAt])).toEqual([
      [p.h2, "Pit, second version", 2, true, false, null],
      [p.h1, "Pit, first version", 4, true, false, null],
    ]);
    expect(a.cohorts.map((c) => c.name)).toEqual(["North", "South"]);
    expect(a.pitfalls.map((x) => [`${x.nodeId}/${x.choiceId}`, x.picks, x.share])).toEqual([
      ["one/judge", 3, 0.5],
      ["two/advise", 1, 0.2],
      ["two/reassure", 1, 0.2],
    ]);
    expect(a.meters[1]).toEqual({ turn: 1, n: 6, rapport: { median: 45, p25: 40, p75: 57.5 }, mutuality: { median: 47.5, p25: 45, p75: 53.75 } });
    expect(a.abandonment).toEqual([{ nodeId: "one", count: 1, share: 1, ofReached: 1 / 6 }]);
    expect(a.filters).toEqual({ cohort: null, mode: null, from: null, to: null, version: null });
  });

  it("counts for staff only their cohorts' trainees' sessions, and refuses the rest", async () => {
    const p = await program();
    // Sue: Tia's S1, S3 and Tim's S2, S5.
    const sue = await scenarioAnalytics(p.sue, "pit", {}, p.store);
    expect(sue.counts).toEqual({ sessions: 4, completed: 3, abandoned: 1, active: 0, trainees: 2, damaged: 0 });
    expect(pick(sue, "one/judge")).toBe(1);
    expect(sue.cohorts.map((c) => c.name)).toEqual(["North"]);
    // Ola: Ned's S4 alone.
    expect((await scenarioAnalytics(p.ola, "pit", {}, p.store)).counts).toMatchObject({ sessions: 1, active: 1, trainees: 1 });
    // A trainer of no cohort counts nothing, but may look.
    const tom = await scenarioAnalytics(p.tom, "pit", {}, p.store);
    expect(tom.counts.sessions).toBe(0);
    expect(tom.cohorts).toEqual([]);
    await expect(scenarioAnalytics(p.tia, "pit", {}, p.store)).rejects.toMatchObject({ status: 403 });
    await expect(scenarioAnalytics(p.sue, "pit", { cohort: p.south.id }, p.store)).rejects.toMatchObject({ status: 404, message: `no cohort "${p.south.id}"` });
    await expect(scenarioAnalytics(p.sue, "no-such-scenario", {}, p.store)).rejects.toMatchObject({ status: 404 });
    await expect(scenarioAnalytics(p.sue, "Not An Id", {}, p.store)).rejects.toMatchObject({ status: 404 });
  });

  it("filters by cohort, mode, dates and version", async () => {
    const p = await program();
    const count = async (filters: Parameters<typeof scenarioAnalytics>[2]) => (await scenarioAnalytics(p.ada, "pit", filters, p.store)).counts.sessions;
    expect(await count({ cohort: p.south.id })).toBe(1);
    expect(await count({ cohort: p.north.id })).toBe(4);
    // S3 and S6 were assessments.
    expect(await count({ mode: "assessment" })).toBe(2);
    // S5 and S6 started in April; S1–S4 in March.
    expect(await count({ from: "2026-04-01" })).toBe(2);
    expect(await count({ to: "2026-04-01" })).toBe(4);
    expect(await count({ from: "2026-03-02", to: "2026-03-04" })).toBe(2);
    const v1 = await scenarioAnalytics(p.ada, "pit", { version: p.h1, mode: "practice" }, p.store);
    // v1 in practice: S1, S2, S4.
    expect(v1.counts.sessions).toBe(3);
    expect(v1.coverage).toMatchObject({ drawn: p.h1, drawnBecause: "chosen", included: [p.h1], acrossVersions: false });
    expect(v1.versions.map((v) => [v.hash, v.sessions, v.included])).toEqual([
      [p.h2, 1, false],
      [p.h1, 3, true],
    ]);
    expect(v1.filters).toMatchObject({ mode: "practice", version: p.h1 });
    expect((await scenarioAnalytics(p.ada, "pit", { cohort: p.north.id }, p.store)).filters.cohort).toEqual({ id: p.north.id, name: "North" });
    await expect(scenarioAnalytics(p.ada, "pit", { version: "f".repeat(64) }, p.store)).rejects.toMatchObject({ status: 404 });
    await expect(scenarioAnalytics(p.ada, "pit", { version: "nope" }, p.store)).rejects.toMatchObject({ status: 400 });
    await expect(scenarioAnalytics(p.ada, "pit", { from: "2026-04-01", to: "2026-03-01" }, p.store)).rejects.toMatchObject({ status: 400 });
  });

  it("keeps each summary for its session's revision, and computes it again after a new choice, a take-back or a damaged row", async () => {
    const p = await program();
    const run = async () => {
      const { analytics: a, timings: t } = await timedScenarioAnalytics(p.ada, "pit", {}, p.store);
      return { a, found: { memory: t.memory, table: t.table, replayed: t.replayed } };
    };
    forgetSummariesInMemory();
    expect((await run()).found).toEqual({ memory: 0, table: 0, replayed: 6 });
    const rows = await p.db.selectFrom("analytics_summaries").innerJoin("sessions", "sessions.id", "analytics_summaries.session_id").select(["analytics_summaries.revision as kept", "sessions.revision as now", "format"]).execute();
    expect(rows).toHaveLength(6);
    for (const r of rows) expect([Number(r.kept), Number(r.format)]).toEqual([Number(r.now), SUMMARY_FORMAT]);
    expect((await run()).found).toEqual({ memory: 6, table: 0, replayed: 0 });
    // Another server process (or this one after a restart) finds them in the table.
    forgetSummariesInMemory();
    expect((await run()).found).toEqual({ memory: 0, table: 6, replayed: 0 });

    // Ned plays on in S4: advise at two, which raises its revision.
    expect(await p.store.insertChoice({ sessionId: p.ids.S4!, seq: 2, choiceId: "advise", timeTakenMs: 500 }, 1)).toBeDefined();
    let r = await run();
    expect(r.found).toEqual({ memory: 5, table: 0, replayed: 1 });
    expect(pick(r.a, "two/advise")).toBe(2);
    expect(r.a.nodes.find((n) => n.nodeId === "badly")?.sessions).toBe(3);
    // He takes it back.
    expect(await p.store.deleteChoice(p.ids.S4!, 2, 2)).toBe(true);
    r = await run();
    expect(r.found).toEqual({ memory: 5, table: 0, replayed: 1 });
    expect(pick(r.a, "two/advise")).toBe(1);
    // A stored summary in another format is not used.
    await p.db.updateTable("analytics_summaries").set({ format: SUMMARY_FORMAT + 100 }).where("session_id", "=", p.ids.S1!).execute();
    forgetSummariesInMemory();
    expect((await run()).found).toEqual({ memory: 0, table: 5, replayed: 1 });
  });

  it("shows a note written after the session's summary was kept, and no longer one that was cleared", async () => {
    const p = await program();
    expect(await p.store.insertChoice({ sessionId: p.ids.S4!, seq: 2, choiceId: "advise", timeTakenMs: 500 }, 1)).toBeDefined();
    const notesOfAdvise = async () => {
      const { analytics: a, timings: t } = await timedScenarioAnalytics(p.ada, "pit", {}, p.store);
      const pitfall = a.pitfalls.find((x) => `${x.nodeId}/${x.choiceId}` === "two/advise");
      return { texts: pitfall?.notes.map((n) => n.text) ?? [], replayed: t.replayed };
    };
    expect((await notesOfAdvise()).texts).toEqual([]);
    // A note does not raise the revision: the kept summary is used, and the note is still shown.
    await p.store.setChoiceNote(p.ids.S4!, 2, "I wanted to give him something to hold on to.");
    expect(await notesOfAdvise()).toEqual({ texts: ["I wanted to give him something to hold on to."], replayed: 0 });
    await p.store.setChoiceNote(p.ids.S4!, 2, null);
    expect(await notesOfAdvise()).toEqual({ texts: [], replayed: 0 });
  });

  it("follows erasures: deleted sessions go with their summaries, anonymised ones count for no trainee", async () => {
    const p = await program();
    await scenarioAnalytics(p.ada, "pit", {}, p.store);
    await erasePerson(p.db, p.ada, p.tim.id, { confirmEmail: "tim@example.org", mode: "delete" });
    expect(await p.db.selectFrom("analytics_summaries").select("session_id").where("session_id", "in", [p.ids.S2!, p.ids.S5!]).execute()).toEqual([]);
    const a = await scenarioAnalytics(p.ada, "pit", {}, p.store);
    expect(a.counts).toMatchObject({ sessions: 4, trainees: 2 });
    await erasePerson(p.db, p.ada, p.tia.id, { confirmEmail: "tia@example.org", mode: "anonymise" });
    const after = await timedScenarioAnalytics(p.ada, "pit", {}, p.store);
    // S1, S3 stay for the statistics, owned by no one; only Ned's S4 has an owner; nothing needed replaying.
    expect(after.analytics.counts).toMatchObject({ sessions: 4, trainees: 1 });
    expect(after.timings).toMatchObject({ replayed: 0 });
    // Sue's cohort has no trainee with sessions left.
    expect((await scenarioAnalytics(p.sue, "pit", {}, p.store)).counts.sessions).toBe(0);
  });

  it("answers a person's progress to them, their cohort's staff and administrators, and no one else", async () => {
    const p = await program();
    const assign = (cohortId: string, scenarioId: string, mode: "practice" | "assessment", dueOn: string | null) =>
      p.db.insertInto("assignments").values({ id: `a-${scenarioId}-${mode}-${cohortId}`, cohort_id: cohortId, scenario_id: scenarioId, mode, due_on: dueOn, assigned_by: p.ada.id, created_at: "2026-01-01T00:00:00.000Z" }).execute();
    await assign(p.north.id, "pit", "practice", null);
    await assign(p.north.id, "pit", "assessment", "2026-02-01");
    await assign(p.north.id, "active-listening", "practice", null);
    await assign(p.south.id, "pit", "practice", null);
    await p.store.addComment({ sessionId: p.ids.S1!, turn: 1, author: "Sue", authorId: p.sue.id, body: "=You heard her." });

    const mine = viaJson(personProgressSchema, await personProgress(p.tia, p.tia.id, p.store));
    expect(mine.person).toEqual({ id: p.tia.id, name: "Tia", active: true });
    // S1: reflect then open → 65/60, connected; S3: ask, loop → 50/50, abandoned.
    expect(mine.sessions.map((s) => [s.id, s.title, s.status, s.outcome, s.turns, s.finalMeters, s.mode])).toEqual([
      [p.ids.S1, "Pit, first version", "completed", "connected", 2, { rapport: 65, mutuality: 60 }, "practice"],
      [p.ids.S3, "Pit, first version", "abandoned", null, 2, { rapport: 50, mutuality: 50 }, "assessment"],
    ]);
    expect(mine.sessions[0]!.kindMix).toEqual([
      { kind: "listening-to", count: 1 },
      { kind: "open-question", count: 1 },
    ]);
    expect(mine.sessions[0]!.reflections).toMatchObject({ reflections: 1, complex: 1, questions: 1, ratio: 1, ratioBand: "fair", percentComplex: 100 });
    // pit/practice: S1 completed → done; pit/assessment: due 2026-02-01, S3 abandoned → overdue; active-listening: open.
    expect(mine.assignments.map((a) => [a.scenarioId, a.mode, a.state, a.title])).toEqual([
      ["pit", "assessment", "overdue", null],
      ["active-listening", "practice", "open", "Sixty days"],
      ["pit", "practice", "done", null],
    ]);
    expect(mine.assignmentCounts).toEqual({ done: 1, open: 1, overdue: 1, "in-progress": 0 });
    expect(mine.comments).toMatchObject([{ sessionId: p.ids.S1, scenarioId: "pit", turn: 1, author: "Sue", text: "=You heard her." }]);

    expect((await personProgress(p.sue, p.tia.id, p.store)).sessions).toHaveLength(2);
    expect((await personProgress(p.ada, p.tia.id, p.store)).sessions).toHaveLength(2);
    for (const who of [p.tim, p.ola, p.tom, p.ned]) await expect(personProgress(who, p.tia.id, p.store)).rejects.toMatchObject({ status: 404, message: `no account "${p.tia.id}"` });
    await expect(personProgress(p.ada, "nobody", p.store)).rejects.toMatchObject({ status: 404 });
    await expect(personProgress(p.ada, "not/an id", p.store)).rejects.toMatchObject({ status: 404 });
    // Deactivated: still there for the staff.
    await setActive(p.db, p.ada, p.tia.id, false);
    expect((await personProgress(p.sue, p.tia.id, p.store)).person.active).toBe(false);
  });
});
