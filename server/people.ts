/**
 * What an administrator does with accounts: make one (with a one-time link to set its password),
 * issue a new link, change its roles, deactivate or reactivate it, export everything stored about
 * the person, and erase them. Each change is written to the audit log. Every function here
 * assumes the caller was checked to be an administrator (server/access.ts `mayManagePeople`).
 */
import { sql, type Kysely } from "kysely";
import type { NewPersonRequest, EraseRequest } from "../contracts/people-requests";
import { ROLES, type Membership, type Role } from "../contracts/enums";
import type { Account } from "./accounts";
import { audit, forgetInAudit, listAudit } from "./audit";
import { LINK_HOURS, setPasswordToken, setPasswordUrl, type Auth, type LinkMailer } from "./auth";
import type { Database } from "./db/database";
import { configuredMailer } from "./mail";
import { ServiceError } from "./service-error";

/** An account as administrators see it. */
export interface Person {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  /** Whether a password was ever set (an invited person who has not used their link has none). */
  passwordSet: boolean;
  cohorts: { id: string; name: string; membership: Membership }[];
}

/** A one-time link to set a password, to hand over. */
export interface SetPasswordLink {
  url: string;
  expiresAt: string;
  /** The address it was also mailed to, when the server sends mail; null when it was not. */
  mailedTo: string | null;
}

const noPerson = (id: string) => new ServiceError(404, `no account "${id}"`);
const party = (a: { id: string; name: string }) => ({ id: a.id, name: a.name });

/** Every account, by name, or the one with `id`. */
async function people(db: Kysely<Database>, id?: string): Promise<Person[]> {
  let users = db.selectFrom("auth_user").select(["id", "email", "name"]);
  if (id !== undefined) users = users.where("id", "=", id);
  const rows = await users.orderBy("name").orderBy("email").execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [roles, off, passwords, cohorts] = await Promise.all([
    db.selectFrom("user_roles").select(["user_id", "role"]).where("user_id", "in", ids).execute(),
    db.selectFrom("deactivated_users").select("user_id").where("user_id", "in", ids).execute(),
    db.selectFrom("auth_account").select("userId").where("providerId", "=", "credential").where("userId", "in", ids).execute(),
    db
      .selectFrom("cohort_members")
      .innerJoin("cohorts", "cohorts.id", "cohort_members.cohort_id")
      .select(["cohort_members.user_id", "cohorts.id", "cohorts.name", "cohort_members.membership"])
      .where("cohort_members.user_id", "in", ids)
      .orderBy("cohorts.name")
      .execute(),
  ]);
  const deactivated = new Set(off.map((r) => r.user_id));
  const withPassword = new Set(passwords.map((r) => r.userId));
  return rows.map((r) => {
    const held = new Set(roles.filter((x) => x.user_id === r.id).map((x) => x.role));
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      roles: ROLES.filter((role) => held.has(role)),
      active: !deactivated.has(r.id),
      passwordSet: withPassword.has(r.id),
      cohorts: cohorts.filter((c) => c.user_id === r.id).map((c) => ({ id: c.id, name: c.name, membership: c.membership as Membership })),
    };
  });
}

export async function listPeople(db: Kysely<Database>): Promise<Person[]> {
  return people(db);
}

/** The account with `id`; 404 when there is none. */
export async function getPerson(db: Kysely<Database>, id: string): Promise<Person> {
  const [person] = await people(db, id);
  if (!person) throw noPerson(id);
  return person;
}

/**
 * A new one-time set-password link for the account (an earlier one still works until used or
 * expired), also mailed to the person when the server sends mail. A mail that fails to go is
 * logged, and the link is still answered to hand over.
 */
export async function issueLink(
  auth: Auth,
  db: Kysely<Database>,
  actor: Account,
  id: string,
  origin: string,
  mailer: LinkMailer | undefined | Promise<LinkMailer | undefined> = configuredMailer(),
): Promise<SetPasswordLink> {
  const person = await getPerson(db, id);
  if (!person.active) throw new ServiceError(409, `${person.name}'s account is deactivated; reactivate it first`);
  const token = await setPasswordToken(auth, person.email);
  const url = setPasswordUrl(origin, token);
  let mailedTo: string | null = null;
  const send = await mailer;
  if (send) {
    try {
      await send(person, url);
      mailedTo = person.email;
    } catch (e) {
      console.error(`[server] the set-password link for ${person.email} could not be mailed:`, e);
    }
  }
  await audit(db, "link-issued", party(actor), party(person), { mailed: mailedTo !== null });
  return { url, expiresAt: new Date(Date.now() + LINK_HOURS * 3600_000).toISOString(), mailedTo };
}

/**
 * Makes an account with no password and the roles asked for, puts it in a cohort if one is named,
 * and answers a one-time link with which the person sets their password. Refuses (409) an email
 * already in use, and (404) a cohort that does not exist.
 */
export async function createPerson(
  auth: Auth,
  db: Kysely<Database>,
  actor: Account,
  input: NewPersonRequest,
  origin: string,
  mailer: LinkMailer | undefined | Promise<LinkMailer | undefined> = configuredMailer(),
): Promise<{ person: Person; link: SetPasswordLink }> {
  const cohort = input.cohortId === null ? undefined : await db.selectFrom("cohorts").select(["id", "name"]).where("id", "=", input.cohortId).executeTakeFirst();
  if (input.cohortId !== null && !cohort) throw new ServiceError(404, `no cohort "${input.cohortId}"`);
  const ctx = await auth.$context;
  const taken = () => new ServiceError(409, `an account with the email ${input.email} already exists`);
  if (await ctx.internalAdapter.findUserByEmail(input.email)) throw taken();
  let user: { id: string };
  try {
    user = await ctx.internalAdapter.createUser({ email: input.email, name: input.name, emailVerified: false }, { method: "admin" });
  } catch (e) {
    // Two requests for one email at once: the unique index lets only one through.
    if (await ctx.internalAdapter.findUserByEmail(input.email)) throw taken();
    throw e;
  }
  const roles = ROLES.filter((r) => input.roles.includes(r));
  await db.insertInto("user_roles").values(roles.map((role) => ({ user_id: user.id, role }))).execute();
  await audit(db, "account-created", party(actor), { id: user.id, name: input.name }, { email: input.email, roles });
  if (cohort) {
    const membership: Membership = roles.includes("trainee") ? "trainee" : "staff";
    await db.insertInto("cohort_members").values({ cohort_id: cohort.id, user_id: user.id, membership }).execute();
    await audit(db, "cohort-member-added", party(actor), { id: user.id, name: input.name }, { cohortId: cohort.id, cohort: cohort.name, membership });
  }
  const link = await issueLink(auth, db, actor, user.id, origin, mailer);
  return { person: await getPerson(db, user.id), link };
}

/** How many active administrators there are other than `id`. */
async function otherActiveAdmins(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectFrom("user_roles")
    .leftJoin("deactivated_users", "deactivated_users.user_id", "user_roles.user_id")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_roles.role", "=", "admin")
    .where("user_roles.user_id", "!=", id)
    .where("deactivated_users.user_id", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function keepAnAdmin(db: Kysely<Database>, person: Person, doing: string): Promise<void> {
  if (person.roles.includes("admin") && (await otherActiveAdmins(db, person.id)) === 0) {
    throw new ServiceError(409, `${person.name} is the only active administrator; make someone else an administrator before ${doing}`);
  }
}

/**
 * Sets the account's roles. Dropping both supervisor and trainer takes the person off the staff
 * of their cohorts, and dropping trainee takes them out of the cohorts they trained in, so no
 * access outlives the role that gave it. The last active administrator keeps that role.
 */
export async function setRoles(db: Kysely<Database>, actor: Account, id: string, wanted: Role[]): Promise<Person> {
  const person = await getPerson(db, id);
  const roles = ROLES.filter((r) => wanted.includes(r));
  if (!roles.includes("admin")) await keepAnAdmin(db, person, "taking the role away");
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("user_roles").where("user_id", "=", id).execute();
    await tx.insertInto("user_roles").values(roles.map((role) => ({ user_id: id, role }))).execute();
    const dropped: Membership[] = [];
    if (!roles.includes("supervisor") && !roles.includes("trainer")) dropped.push("staff");
    if (!roles.includes("trainee")) dropped.push("trainee");
    for (const m of dropped) {
      const gone = person.cohorts.filter((c) => c.membership === m);
      if (gone.length === 0) continue;
      await tx.deleteFrom("cohort_members").where("user_id", "=", id).where("membership", "=", m).execute();
      for (const c of gone) await audit(tx, "cohort-member-removed", party(actor), party(person), { cohortId: c.id, cohort: c.name, membership: m });
    }
    await audit(tx, "roles-changed", party(actor), party(person), { from: person.roles, to: roles });
  });
  return getPerson(db, id);
}

/** Deactivates (they can no longer sign in, and every sign-in they have ends) or reactivates an account. */
export async function setActive(db: Kysely<Database>, actor: Account, id: string, active: boolean): Promise<Person> {
  const person = await getPerson(db, id);
  if (person.active === active) return person;
  if (!active) {
    if (id === actor.id) throw new ServiceError(409, "you cannot deactivate your own account");
    await keepAnAdmin(db, person, "deactivating them");
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto("deactivated_users")
        .values({ user_id: id, deactivated_at: new Date().toISOString() })
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
      await tx.deleteFrom("auth_session").where("userId", "=", id).execute();
      await audit(tx, "account-deactivated", party(actor), party(person));
    });
  } else {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom("deactivated_users").where("user_id", "=", id).execute();
      await audit(tx, "account-reactivated", party(actor), party(person));
    });
  }
  return getPerson(db, id);
}

/** Everything stored about one person, as JSON: their account, cohorts, current sign-ins, sessions with choices and comments, comments they wrote, and the audit entries by or about them. */
export async function exportPerson(db: Kysely<Database>, actor: Account, id: string): Promise<Record<string, unknown>> {
  const person = await getPerson(db, id);
  const sessions = await db.selectFrom("sessions").selectAll().where("user_id", "=", id).orderBy("started_at").execute();
  const sessionIds = sessions.map((s) => s.id);
  const [choices, comments, written, auditEntries, signIns] = await Promise.all([
    sessionIds.length ? db.selectFrom("choices").selectAll().where("session_id", "in", sessionIds).orderBy("session_id").orderBy("seq").execute() : [],
    sessionIds.length ? db.selectFrom("comments").selectAll().where("session_id", "in", sessionIds).orderBy("created_at").execute() : [],
    db.selectFrom("comments").selectAll().where("author_id", "=", id).orderBy("created_at").execute(),
    allAudit(db, id),
    // The library's own table, beyond the app's types: the sign-ins still current (never their tokens).
    (db as Kysely<any>)
      .selectFrom("auth_session")
      .select(["createdAt", "expiresAt", "ipAddress", "userAgent"])
      .where("userId", "=", id)
      .orderBy("createdAt")
      .execute() as Promise<{ createdAt: unknown; expiresAt: unknown; ipAddress: string | null; userAgent: string | null }[]>,
  ]);
  await audit(db, "account-exported", party(actor), party(person));
  return {
    exportedAt: new Date().toISOString(),
    account: { id: person.id, email: person.email, name: person.name, roles: person.roles, active: person.active, passwordSet: person.passwordSet },
    cohorts: person.cohorts,
    signIns: signIns.map((x) => ({ since: isoTime(x.createdAt), until: isoTime(x.expiresAt), address: x.ipAddress, browser: x.userAgent })),
    sessions: sessions.map((s) => ({
      id: s.id,
      scenarioId: s.scenario_id,
      scenarioVersion: s.scenario_hash,
      mode: s.mode,
      participant: s.participant,
      status: s.status,
      startedAt: s.started_at,
      endedAt: s.ended_at,
      outcome: s.outcome,
      finalMeters: s.final_rapport === null ? null : { rapport: s.final_rapport, mutuality: s.final_mutuality },
      reviewed: Number(s.reviewed) === 1,
      choices: choices
        .filter((c) => c.session_id === s.id)
        .map((c) => ({ turn: c.seq, choiceId: c.choice_id, timeTakenMs: c.time_taken_ms, at: c.created_at, note: c.note })),
      comments: comments.filter((c) => c.session_id === s.id).map((c) => ({ turn: c.turn, author: c.author, body: c.body, at: c.created_at })),
    })),
    commentsWritten: written.map((c) => ({ sessionId: c.session_id, turn: c.turn, body: c.body, at: c.created_at })),
    audit: auditEntries,
  };
}

/** A time the library stored (a Date on PostgreSQL, text or milliseconds on SQLite) as ISO 8601. */
function isoTime(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(typeof v === "number" ? v : String(v));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}

async function allAudit(db: Kysely<Database>, id: string) {
  const all = [];
  for (let page = 1; ; page++) {
    const { entries, total } = await listAudit(db, { page, personId: id });
    all.push(...entries);
    if (all.length >= total || entries.length === 0) return all;
  }
}

/** The name an erased person's sessions, comments and audit entries are left with. */
export const ERASED_NAME = "Erased account";

/**
 * Erases a person: the account, its sign-ins, roles and cohort places; their practice sessions
 * and every comment on them are deleted (`delete`), or the sessions are kept without owner or
 * name for the program's statistics while the comments on them and their notes on their choices
 * still go (`anonymise`). Comments
 * they wrote on others' sessions stay for those trainees, under "Erased account". Their name
 * leaves the audit log, which records the erasure itself.
 */
export async function erasePerson(db: Kysely<Database>, actor: Account, id: string, input: EraseRequest): Promise<void> {
  const person = await getPerson(db, id);
  if (id === actor.id) throw new ServiceError(409, "you cannot erase your own account");
  if (input.confirmEmail !== person.email.toLowerCase()) throw new ServiceError(400, "type the account's email exactly to confirm the erasure");
  await keepAnAdmin(db, person, "erasing them");
  await db.transaction().execute(async (tx) => {
    const own = tx.selectFrom("sessions").select("id").where("user_id", "=", id);
    await tx.deleteFrom("comments").where("session_id", "in", own).execute();
    if (input.mode === "delete") {
      await tx.deleteFrom("choices").where("session_id", "in", own).execute();
      await tx.deleteFrom("sessions").where("user_id", "=", id).execute();
    } else {
      // Their notes on their choices are their own words and could name them: they go too.
      await tx.updateTable("choices").set({ note: null }).where("session_id", "in", own).execute();
      await tx.updateTable("sessions").set({ user_id: null, participant: ERASED_NAME }).where("user_id", "=", id).execute();
    }
    await tx.updateTable("comments").set({ author: ERASED_NAME, author_id: null }).where("author_id", "=", id).execute();
    await tx.updateTable("assignments").set({ assigned_by: null }).where("assigned_by", "=", id).execute();
    await tx.updateTable("drafts").set({ author_id: null }).where("author_id", "=", id).execute();
    await tx.updateTable("published_versions").set({ published_by: null }).where("published_by", "=", id).execute();
    await tx.updateTable("published_scenarios").set({ made_current_by: null }).where("made_current_by", "=", id).execute();
    // The library's rows (sign-ins, password) and the roles, cohort places and deactivation go with the account.
    await tx.deleteFrom("auth_user").where("id", "=", id).execute();
    // Set-password links not yet used name the account by id; they could never be used again.
    await sql`delete from auth_verification where identifier like 'reset-password:%' and value = ${id}`.execute(tx);
    await forgetInAudit(tx, id, ERASED_NAME);
    await audit(tx, "account-erased", party(actor), { id, name: ERASED_NAME }, { sessions: input.mode });
  });
}
