/**
 * Who may read, review and play whose sessions once cohorts exist, on SQLite and PostgreSQL: a
 * cohort's staff reach its trainees' sessions and nobody else's; a role taken away takes the
 * access with it; sessions from before accounts are for administrators only. And a deactivated
 * account neither signs in nor keeps the sign-ins it had; sign-ins are in the audit log.
 */
import { describe, expect, it } from "vitest";
import { storeBackends } from "../../store-backends";
import { mayPlay, mayRead, mayReview, visibleSessions } from "../../../server/access";
import { accountOf, createAccount, type Account } from "../../../server/accounts";
import { listAudit } from "../../../server/audit";
import { authSecret, createAuth, type Auth } from "../../../server/auth";
import { addMember, createCohort } from "../../../server/cohorts";
import { setActive, setRoles } from "../../../server/people";
import { addComment, getSessionDetail, markReviewed, appendChoice } from "../../../server/session-service";
import type { SessionRow, Store } from "../../../server/store";
import { scenarioHash } from "../../../scenarios/hash";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

const backends = storeBackends("cohort-access");

const scenario = fakeScenario({
  id: "short",
  nodes: { one: fakeTurn([fakeChoice({ id: "ok", next: "end" })]), end: fakeEnding("connected") },
});

const PASSWORD = "a long enough password";

describe.each(backends)("cohort access on %s", (_name, openStore) => {
  /** A program: two cohorts, each with a supervisor (or trainer) and trainees; an administrator; and sessions. */
  async function program() {
    const store = await openStore();
    const database = await store.database();
    const { db } = database;
    const auth = createAuth(database, await authSecret(db, {}));
    const make = (name: string, roles: Account["roles"]) =>
      createAccount(auth, db, { email: `${name.toLowerCase()}@example.org`, name, password: PASSWORD, roles });
    const admin = await make("Ada", ["admin"]);
    const sue = await make("Sue", ["supervisor"]);
    const tom = await make("Tom", ["trainer", "trainee"]);
    const ola = await make("Ola", ["supervisor"]);
    const tia = await make("Tia", ["trainee"]);
    const ned = await make("Ned", ["trainee"]);
    const north = await createCohort(db, admin, "North");
    const south = await createCohort(db, admin, "South");
    await addMember(db, admin, north.id, sue.id, "staff");
    await addMember(db, admin, north.id, tom.id, "staff");
    await addMember(db, admin, north.id, tia.id, "trainee");
    await addMember(db, admin, south.id, ola.id, "staff");
    await addMember(db, admin, south.id, ned.id, "trainee");
    const hash = await scenarioHash(scenario);
    await store.ensureScenarioVersion(hash, scenario);
    const play = (who: Account | null) =>
      store.createSession({ scenarioId: "short", scenarioHash: hash, mode: "practice", participant: who?.name ?? "Before accounts", seed: 1, userId: who?.id ?? null });
    const sessions = { tia: await play(tia), ned: await play(ned), tom: await play(tom), old: await play(null) };
    return { store, db, auth, admin, sue, tom, ola, tia, ned, north, south, sessions };
  }

  it("lets each role read, review and play exactly what the table says", async () => {
    const p = await program();
    const { db, sessions: s } = p;
    const can = async (who: Account, session: SessionRow) => [
      (await mayRead(db, who, session)) ? "read" : "-",
      (await mayReview(db, who, session)) ? "review" : "-",
      mayPlay(who, session) ? "play" : "-",
    ].join(" ");
    // Tia's session: her own; her cohort's supervisor and trainer; the administrator; not the other cohort's supervisor or trainee.
    expect(await can(p.tia, s.tia)).toBe("read - play");
    expect(await can(p.sue, s.tia)).toBe("read review -");
    expect(await can(p.tom, s.tia)).toBe("read review -");
    expect(await can(p.admin, s.tia)).toBe("read review -");
    expect(await can(p.ola, s.tia)).toBe("- - -");
    expect(await can(p.ned, s.tia)).toBe("- - -");
    // Tom is staff of North but a trainee of no cohort: his own session is his alone (and the administrator's).
    expect(await can(p.tom, s.tom)).toBe("read - play");
    expect(await can(p.sue, s.tom)).toBe("- - -");
    // Sessions from before accounts: administrators only.
    expect(await can(p.admin, s.old)).toBe("read review -");
    expect(await can(p.sue, s.old)).toBe("- - -");
    expect(await can(p.tia, s.old)).toBe("- - -");
  });

  it("lists for staff their own and their cohorts' trainees' sessions, for trainees their own, for administrators all", async () => {
    const p = await program();
    const listed = async (who: Account) =>
      (await p.store.listSessions({ ...visibleSessions(who), sort: "participant", order: "asc" })).rows.map((r) => r.participant);
    expect(await listed(p.admin)).toEqual(["Before accounts", "Ned", "Tia", "Tom"]);
    expect(await listed(p.sue)).toEqual(["Tia"]);
    expect(await listed(p.tom)).toEqual(["Tia", "Tom"]);
    expect(await listed(p.ola)).toEqual(["Ned"]);
    expect(await listed(p.tia)).toEqual(["Tia"]);
  });

  it("answers a session a reader may not see as no session (404), and refuses a reader who may not review (403)", async () => {
    const p = await program();
    await appendChoice(p.store, p.tia, p.sessions.tia.id, { seq: 1, choiceId: "ok", timeTakenMs: 100 });
    await expect(getSessionDetail(p.store, p.ola, p.sessions.tia.id)).rejects.toMatchObject({ status: 404 });
    await expect(addComment(p.store, p.ola, p.sessions.tia.id, { turn: 1, body: "Nice" })).rejects.toMatchObject({ status: 404 });
    await expect(addComment(p.store, p.tia, p.sessions.tia.id, { turn: 1, body: "Nice" })).rejects.toMatchObject({ status: 403 });
    await expect(appendChoice(p.store, p.sue, p.sessions.tia.id, { seq: 2, choiceId: "ok", timeTakenMs: 1 })).rejects.toMatchObject({ status: 403 });
    await expect(appendChoice(p.store, p.ola, p.sessions.tia.id, { seq: 2, choiceId: "ok", timeTakenMs: 1 })).rejects.toMatchObject({ status: 404 });

    const comment = await addComment(p.store, p.sue, p.sessions.tia.id, { turn: 1, body: "You stayed with her." });
    expect(comment.author).toBe("Sue");
    await markReviewed(p.store, p.sue, p.sessions.tia.id, true);
    expect((await getSessionDetail(p.store, p.tia, p.sessions.tia.id)).session.reviewed).toBe(true);
    const row = await p.db.selectFrom("comments").select("author_id").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.author_id).toBe(p.sue.id);
  });

  it("takes a cohort's sessions away from staff whose supervisor and trainer roles are taken away", async () => {
    const p = await program();
    await setRoles(p.db, p.admin, p.sue.id, ["trainee"]);
    const sue = { ...p.sue, roles: ["trainee" as const] };
    expect(await mayRead(p.db, sue, p.sessions.tia)).toBe(false);
    // Her place on the staff went with the role, so giving the role back does not bring the cohort back by itself.
    await setRoles(p.db, p.admin, p.sue.id, ["supervisor"]);
    expect(await mayRead(p.db, p.sue, p.sessions.tia)).toBe(false);
    const { entries } = await listAudit(p.db, { personId: p.sue.id });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["roles-changed", "cohort-member-removed"]));
  });

  it("keeps the last active administrator", async () => {
    const p = await program();
    await expect(setRoles(p.db, p.sue, p.admin.id, ["trainee"])).rejects.toMatchObject({ status: 409 });
    await expect(setActive(p.db, p.sue, p.admin.id, false)).rejects.toMatchObject({ status: 409 });
    await expect(setActive(p.db, p.admin, p.admin.id, false)).rejects.toMatchObject({ status: 409 });
  });

  it("refuses sign-in to a deactivated account, ends the sign-ins it had, and records sign-ins in the audit log", async () => {
    const p = await program();
    const signIn = (auth: Auth) => auth.api.signInEmail({ body: { email: "tia@example.org", password: PASSWORD }, asResponse: true });
    const first = await signIn(p.auth);
    expect(first.status).toBe(200);
    const cookie = /peer-practice\.session_token=[^;]+/.exec(first.headers.get("set-cookie") ?? "")![0];
    expect(await accountOf(p.auth, p.db, new Headers({ cookie }))).toMatchObject({ name: "Tia" });

    await setActive(p.db, p.admin, p.tia.id, false);
    expect(await accountOf(p.auth, p.db, new Headers({ cookie }))).toBeNull();
    const refused = await signIn(p.auth);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/deactivated/) });
    // Her transcripts stay for her supervisor.
    expect(await mayRead(p.db, p.sue, p.sessions.tia)).toBe(true);

    await setActive(p.db, p.admin, p.tia.id, true);
    expect((await signIn(p.auth)).status).toBe(200);
    const actions = (await listAudit(p.db, { personId: p.tia.id })).entries.map((e) => e.action).reverse();
    expect(actions).toEqual([
      "account-created",
      "cohort-member-added",
      "sign-in",
      "account-deactivated",
      "sign-in-refused",
      "account-reactivated",
      "sign-in",
    ]);
  });
});
