/**
 * Where trainees stand on their assignments, on SQLite and PostgreSQL: the one rule
 * (assignmentStanding) as the home page reads it for a trainee and as the cohort page counts it
 * for a whole cohort.
 */
import { describe, expect, it } from "vitest";
import { storeBackends } from "../../store-backends";
import type { Mode, SessionStatus } from "../../../contracts/enums";
import type { Account } from "../../../server/accounts";
import { createAccount } from "../../../server/accounts";
import { authSecret, createAuth } from "../../../server/auth";
import {
  addMember,
  assignmentsForTrainee,
  assignmentStanding,
  cohortProgress,
  createAssignment,
  createCohort,
  getCohort,
  rationaleNodesFor,
  type PlayedSession,
} from "../../../server/cohorts";
import { findScenario } from "../../../server/scenario-library";
import type { Store } from "../../../server/store";

const backends = storeBackends("assignments");

const SCENARIO = "active-listening";
const OTHER_SCENARIO = "mutuality";
/** The fixed moment the tests look from: 10 March 2031, so the 9th is past and the 10th is today. */
const NOW = new Date("2031-03-10T12:00:00Z");
/** When the assignments were made, and moments before and after. */
const ASSIGNED = "2031-03-01T09:00:00.000Z";
const BEFORE = "2031-02-28T09:00:00.000Z";
const AFTER = "2031-03-02T09:00:00.000Z";
const LATER = "2031-03-03T09:00:00.000Z";

describe("assignmentStanding, the one rule", () => {
  const assignment = { scenarioId: SCENARIO, mode: "practice" as Mode, dueOn: null, createdAt: ASSIGNED };
  const session = (id: string, status: SessionStatus, startedAt = AFTER, more: Partial<PlayedSession> = {}): PlayedSession => ({
    id,
    scenarioId: SCENARIO,
    mode: "practice",
    status,
    startedAt,
    ...more,
  });

  it("is open with no session, and with only abandoned ones", () => {
    expect(assignmentStanding(assignment, [], "2031-03-10")).toEqual({ state: "open", sessionId: null });
    expect(assignmentStanding(assignment, [session("a", "abandoned")], "2031-03-10")).toEqual({ state: "open", sessionId: null });
  });

  it("is done only by a session completed since it was assigned, of its scenario, in its mode; the latest is the one to read", () => {
    const before = session("before", "completed", BEFORE);
    const otherMode = session("other-mode", "completed", AFTER, { mode: "assessment" });
    const otherScenario = session("other-scenario", "completed", AFTER, { scenarioId: OTHER_SCENARIO });
    expect(assignmentStanding(assignment, [before, otherMode, otherScenario], "2031-03-10")).toEqual({ state: "open", sessionId: null });
    const first = session("first", "completed", AFTER);
    const second = session("second", "completed", LATER);
    expect(assignmentStanding(assignment, [second, before, first], "2031-03-10")).toEqual({ state: "done", sessionId: "second" });
    expect(assignmentStanding(assignment, [first, second], "2031-03-10")).toEqual({ state: "done", sessionId: "second" });
  });

  it("is in progress while such a session is unfinished, and done once one was completed even with another under way", () => {
    expect(assignmentStanding(assignment, [session("on", "active")], "2031-03-10")).toEqual({ state: "in-progress", sessionId: "on" });
    expect(assignmentStanding(assignment, [session("on", "active", LATER), session("done", "completed")], "2031-03-10")).toEqual({
      state: "done",
      sessionId: "done",
    });
  });

  it("is overdue the day after its due day, still with the session under way to continue; never on the due day itself", () => {
    const due = { ...assignment, dueOn: "2031-03-09" };
    expect(assignmentStanding(due, [], "2031-03-09")).toEqual({ state: "open", sessionId: null });
    expect(assignmentStanding(due, [], "2031-03-10")).toEqual({ state: "overdue", sessionId: null });
    expect(assignmentStanding(due, [session("on", "active")], "2031-03-10")).toEqual({ state: "overdue", sessionId: "on" });
    expect(assignmentStanding(due, [session("done", "completed", LATER)], "2031-03-10")).toEqual({ state: "done", sessionId: "done" });
  });
});

describe.each(backends)("assignments on %s", (_name, openStore) => {
  async function fresh() {
    const store = await openStore();
    const database = await store.database();
    const { db } = database;
    const auth = createAuth(database, await authSecret(db, {}));
    const person = (name: string, roles: Account["roles"]) =>
      createAccount(auth, db, { email: `${name.toLowerCase()}@example.org`, name, password: `${name}'s long password`, roles });
    const admin = await person("Ada", ["admin"]);
    const entries = await Promise.all([SCENARIO, OTHER_SCENARIO].map((id) => findScenario(id)));
    for (const e of entries) if (e?.ok) await store.ensureScenarioVersion(e.hash, e.scenario);
    const hashOf = (id: string) => {
      const e = entries.find((x) => x?.id === id);
      if (!e?.ok) throw new Error(`library scenario "${id}" missing`);
      return e.hash;
    };

    /** A session of `who`, started at `startedAt` and left in `status`. */
    async function played(who: Account, startedAt: string, status: SessionStatus, { scenarioId = SCENARIO, mode = "practice" as Mode } = {}) {
      const s = await store.createSession({ scenarioId, scenarioHash: hashOf(scenarioId), mode, participant: who.name, seed: 1, userId: who.id });
      await db.updateTable("sessions").set({ started_at: startedAt, status }).where("id", "=", s.id).execute();
      return s.id;
    }

    /** A cohort of these trainees (and staff), with assignments made at ASSIGNED. */
    async function cohort(name: string, trainees: Account[], staff: Account[] = []) {
      const { id } = await createCohort(db, admin, name);
      for (const t of trainees) await addMember(db, admin, id, t.id, "trainee");
      for (const s of staff) await addMember(db, admin, id, s.id, "staff");
      const assign = async (scenarioId: string, mode: Mode, dueOn: string | null) => {
        const a = await createAssignment(db, admin, { cohortId: id, scenarioId, mode, dueOn });
        await db.updateTable("assignments").set({ created_at: ASSIGNED }).where("id", "=", a.id).execute();
        return a.id;
      };
      return { id, assign };
    }
    return { db, store, admin, person, played, cohort };
  }

  it("gives a trainee each assignment of their cohorts with where they stand, as of a fixed now", async () => {
    const { db, person, played, cohort } = await fresh();
    const kit = await person("Kit", ["trainee"]);
    const lee = await person("Lee", ["trainee"]);
    const north = await cohort("North", [kit, lee]);
    const south = await cohort("South", [lee]);
    const practice = await north.assign(SCENARIO, "practice", null);
    const assessment = await north.assign(SCENARIO, "assessment", "2031-03-09");
    const dueToday = await north.assign(OTHER_SCENARIO, "practice", "2031-03-10");
    await south.assign(OTHER_SCENARIO, "assessment", null);

    // Before the assignment, and in the other mode: neither does the practice one.
    await played(kit, BEFORE, "completed");
    await played(kit, AFTER, "completed", { mode: "assessment" });
    // Lee's sessions are Lee's.
    await played(lee, AFTER, "completed", { scenarioId: OTHER_SCENARIO });
    const under = await played(kit, AFTER, "active");

    const standing = async () =>
      Object.fromEntries((await assignmentsForTrainee(db, kit, NOW)).map((a) => [a.id, { state: a.state, sessionId: a.sessionId }]));
    const kitsFirst = await assignmentsForTrainee(db, kit, NOW);
    expect(kitsFirst.map((a) => a.cohortName)).toEqual(["North", "North", "North"]);
    expect(await standing()).toEqual({
      [practice]: { state: "in-progress", sessionId: under },
      // Completed in assessment mode after it was assigned: done, even though it was due before now.
      [assessment]: { state: "done", sessionId: expect.any(String) },
      [dueToday]: { state: "open", sessionId: null },
    });

    const done = await played(kit, LATER, "completed");
    expect((await standing())[practice]).toEqual({ state: "done", sessionId: done });
    // The day after its due day it is overdue.
    expect((await assignmentsForTrainee(db, kit, new Date("2031-03-11T00:00:00Z"))).find((a) => a.id === dueToday)?.state).toBe("overdue");

    expect((await assignmentsForTrainee(db, lee, NOW)).map((a) => a.cohortName).sort()).toEqual(["North", "North", "North", "South"]);
  });

  it("gives no assignments to someone in no cohort as a trainee, nor to a cohort's staff", async () => {
    const { db, person, cohort } = await fresh();
    const sam = await person("Sam", ["supervisor"]);
    const loner = await person("Robin", ["trainee"]);
    const north = await cohort("North", [], [sam]);
    await north.assign(SCENARIO, "practice", null);
    expect(await assignmentsForTrainee(db, sam, NOW)).toEqual([]);
    expect(await assignmentsForTrainee(db, loner, NOW)).toEqual([]);
  });

  it("counts a cohort's trainees by where they stand on each assignment, staff not counted", async () => {
    const { db, admin, person, played, cohort } = await fresh();
    const [ann, ben, cat, dan] = await Promise.all(["Ann", "Ben", "Cat", "Dan"].map((n) => person(n, ["trainee"])));
    const sam = await person("Sam", ["supervisor", "trainee"]);
    const north = await cohort("North", [ann!, ben!, cat!, dan!], [sam]);
    const due = await north.assign(SCENARIO, "practice", "2031-03-09");
    const open = await north.assign(OTHER_SCENARIO, "assessment", null);

    const annDone = await played(ann!, AFTER, "completed");
    const benOn = await played(ben!, AFTER, "active");
    await played(cat!, AFTER, "abandoned");
    // Sam is staff here: their sessions are not the cohort's.
    await played(sam, AFTER, "completed");
    const danOn = await played(dan!, AFTER, "active", { scenarioId: OTHER_SCENARIO, mode: "assessment" });

    const progress = await cohortProgress(db, await getCohort(db, admin, north.id), NOW);
    expect(progress.counts).toEqual({
      [due]: { done: 1, "in-progress": 0, overdue: 3, open: 0 },
      [open]: { done: 0, "in-progress": 1, overdue: 0, open: 3 },
    });
    expect(progress.standings[ann!.id]).toEqual({ [due]: { state: "done", sessionId: annDone }, [open]: { state: "open", sessionId: null } });
    expect(progress.standings[ben!.id]?.[due]).toEqual({ state: "overdue", sessionId: benOn });
    expect(progress.standings[cat!.id]?.[due]).toEqual({ state: "overdue", sessionId: null });
    expect(progress.standings[dan!.id]?.[open]).toEqual({ state: "in-progress", sessionId: danOn });
    expect(Object.keys(progress.standings)).not.toContain(sam.id);

    // The same rule as the trainee's own view.
    for (const t of [ann!, ben!, cat!, dan!]) {
      const own = await assignmentsForTrainee(db, t, NOW);
      expect(Object.fromEntries(own.map((a) => [a.id, { state: a.state, sessionId: a.sessionId }]))).toEqual(progress.standings[t.id]);
    }

    // Before the due day, nobody is overdue: those without a session are not started.
    const earlier = await cohortProgress(db, await getCohort(db, admin, north.id), new Date("2031-03-09T23:59:59Z"));
    expect(earlier.counts[due]).toEqual({ done: 1, "in-progress": 1, overdue: 0, open: 2 });
  });

  it("lists the sessions of one cohort's trainees, within what the account may see", async () => {
    const { store, person, played, cohort } = await fresh();
    const [kit, lee, sam, jo] = await Promise.all([
      person("Kit", ["trainee"]),
      person("Lee", ["trainee"]),
      person("Sam", ["supervisor", "trainee"]),
      person("Jo", ["trainer"]),
    ]);
    const north = await cohort("North", [kit!], [sam!]);
    const south = await cohort("South", [lee!, sam!], [jo!]);
    const kits = await played(kit!, AFTER, "completed");
    const lees = await played(lee!, AFTER, "active");
    const sams = await played(sam!, AFTER, "completed");
    const ids = async (q: Parameters<Store["listSessions"]>[0]) => (await store.listSessions(q)).rows.map((r) => r.id).sort();
    expect(await ids({ cohortId: north.id })).toEqual([kits]);
    // Sam is staff of North and a trainee in South: South's trainees' sessions include Sam's own.
    expect(await ids({ cohortId: south.id })).toEqual([lees, sams].sort());
    // With what Jo may see (South's trainees and Jo's own), North's filter finds nothing.
    expect(await ids({ cohortId: north.id, visibleTo: jo!.id })).toEqual([]);
    expect(await ids({ cohortId: south.id, visibleTo: jo!.id })).toEqual([lees, sams].sort());
    expect(await ids({ cohortId: "no-such-cohort" })).toEqual([]);
  });

  it("asks a trainee for notes on the turns their cohorts' practice assignments of the scenario name, and no one else", async () => {
    const { db, admin, person, cohort } = await fresh();
    const kit = await person("Kit", ["trainee"]);
    const sam = await person("Sam", ["supervisor"]);
    const north = await cohort("North", [kit], [sam]);
    const south = await cohort("South", [kit]);
    const elsewhere = await cohort("Elsewhere", []);
    await createAssignment(db, admin, { cohortId: north.id, scenarioId: SCENARIO, mode: "practice", dueOn: null, rationaleNodes: ["four-lists"] });
    await createAssignment(db, admin, { cohortId: south.id, scenarioId: SCENARIO, mode: "practice", dueOn: null, rationaleNodes: ["the-letter", "four-lists"] });
    await createAssignment(db, admin, { cohortId: elsewhere.id, scenarioId: SCENARIO, mode: "practice", dueOn: null, rationaleNodes: ["the-window"] });
    await createAssignment(db, admin, { cohortId: north.id, scenarioId: OTHER_SCENARIO, mode: "practice", dueOn: null });

    expect((await rationaleNodesFor(db, kit, SCENARIO)).sort()).toEqual(["four-lists", "the-letter"]);
    expect(await rationaleNodesFor(db, kit, OTHER_SCENARIO)).toEqual([]);
    // Staff of the cohort are not its trainees.
    expect(await rationaleNodesFor(db, sam, SCENARIO)).toEqual([]);
    // A stored value that does not read as a list of ids asks for nothing rather than failing.
    await db.updateTable("assignments").set({ rationale_nodes: "not json" }).where("cohort_id", "=", south.id).execute();
    expect(await rationaleNodesFor(db, kit, SCENARIO)).toEqual(["four-lists"]);
  });

  it("counts nothing for a cohort without trainees or without assignments", async () => {
    const { db, admin, person, cohort } = await fresh();
    const kit = await person("Kit", ["trainee"]);
    const empty = await cohort("Empty", []);
    const a = await empty.assign(SCENARIO, "practice", null);
    expect(await cohortProgress(db, await getCohort(db, admin, empty.id), NOW)).toEqual({
      counts: { [a]: { done: 0, "in-progress": 0, overdue: 0, open: 0 } },
      standings: {},
    });
    const idle = await cohort("Idle", [kit]);
    expect(await cohortProgress(db, await getCohort(db, admin, idle.id), NOW)).toEqual({ counts: {}, standings: { [kit.id]: {} } });
  });
});
