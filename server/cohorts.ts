/**
 * Cohorts and assignments. A cohort groups trainees; supervisors and trainers are its staff. An
 * assignment asks a cohort's trainees to play a scenario in a mode, optionally by a date. Managing
 * cohorts is for administrators (the caller checks `mayManagePeople`); assigning is for
 * administrators and a cohort's staff, checked here.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AssignmentState, Membership, Mode, SessionStatus } from "../contracts/enums";
import type { AssignmentRequest } from "../contracts/people-requests";
import { isAdmin, isStaff, mayAssignTo } from "./access";
import type { Account } from "./accounts";
import { audit } from "./audit";
import type { Database } from "./db/database";
import { findScenario } from "./scenario-library";
import type { Scenario } from "../scenarios/types";
import { ServiceError } from "./service-error";

export interface CohortSummary {
  id: string;
  name: string;
  trainees: number;
  staff: number;
  assignments: number;
}

export interface CohortMember {
  id: string;
  name: string;
  email: string;
  membership: Membership;
  active: boolean;
}

export interface Assignment {
  id: string;
  cohortId: string;
  cohortName: string;
  scenarioId: string;
  mode: Mode;
  /** YYYY-MM-DD, or null. */
  dueOn: string | null;
  createdAt: string;
  /** The turns (node ids, in the scenario's order) on which trainees are asked for a note on why they chose; empty for none. */
  rationaleNodes: string[];
}

export interface Cohort {
  id: string;
  name: string;
  members: CohortMember[];
  assignments: Assignment[];
}

const party = (a: { id: string; name: string }) => ({ id: a.id, name: a.name });
const noCohort = (id: string) => new ServiceError(404, `no cohort "${id}"`);

/** Every cohort with its head counts, by name; only those the account is staff of unless it is an administrator. */
export async function listCohorts(db: Kysely<Database>, account: Account): Promise<CohortSummary[]> {
  let q = db
    .selectFrom("cohorts")
    .select((eb) => [
      "cohorts.id",
      "cohorts.name",
      eb
        .selectFrom("cohort_members")
        .whereRef("cohort_members.cohort_id", "=", "cohorts.id")
        .where("membership", "=", "trainee")
        .select((e) => e.fn.countAll<number | string>().as("n"))
        .as("trainees"),
      eb
        .selectFrom("cohort_members")
        .whereRef("cohort_members.cohort_id", "=", "cohorts.id")
        .where("membership", "=", "staff")
        .select((e) => e.fn.countAll<number | string>().as("n"))
        .as("staff"),
      eb
        .selectFrom("assignments")
        .whereRef("assignments.cohort_id", "=", "cohorts.id")
        .select((e) => e.fn.countAll<number | string>().as("n"))
        .as("assignments"),
    ]);
  if (!isAdmin(account)) {
    if (!isStaff(account)) return [];
    q = q.where("cohorts.id", "in", (eb) =>
      eb.selectFrom("cohort_members").select("cohort_id").where("user_id", "=", account.id).where("membership", "=", "staff"),
    );
  }
  const rows = await q.orderBy("cohorts.name").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, trainees: Number(r.trainees), staff: Number(r.staff), assignments: Number(r.assignments) }));
}

async function assignmentsOf(db: Kysely<Database>, cohortIds: string[]): Promise<Assignment[]> {
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom("assignments")
    .innerJoin("cohorts", "cohorts.id", "assignments.cohort_id")
    .select([
      "assignments.id",
      "assignments.cohort_id",
      "cohorts.name",
      "assignments.scenario_id",
      "assignments.mode",
      "assignments.due_on",
      "assignments.created_at",
      "assignments.rationale_nodes",
    ])
    .where("assignments.cohort_id", "in", cohortIds)
    .orderBy("assignments.created_at")
    .orderBy("assignments.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    cohortId: r.cohort_id,
    cohortName: r.name,
    scenarioId: r.scenario_id,
    mode: r.mode as Mode,
    dueOn: r.due_on,
    createdAt: r.created_at,
    rationaleNodes: readRationaleNodes(r.rationale_nodes),
  }));
}

/**
 * The node ids stored in `assignments.rationale_nodes` (a JSON array, or null for none). Anything
 * else reads as none: asking for a note is a courtesy, and a damaged value must not stop a page.
 */
export function readRationaleNodes(stored: string | null): string[] {
  if (stored === null) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The turns on which the account is asked for a note when playing this scenario in practice mode,
 * by the assignments of the cohorts it trains in (node ids; a scenario's own `ask-rationale` is
 * read from the scenario). Nodes a later version of the scenario no longer has simply ask nothing.
 */
export async function rationaleNodesFor(db: Kysely<Database>, account: Account, scenarioId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("assignments")
    .select("assignments.rationale_nodes")
    .where("assignments.scenario_id", "=", scenarioId)
    .where("assignments.mode", "=", "practice")
    .where("assignments.rationale_nodes", "is not", null)
    .where("assignments.cohort_id", "in", (eb) =>
      eb.selectFrom("cohort_members").select("cohort_id").where("user_id", "=", account.id).where("membership", "=", "trainee"),
    )
    .execute();
  return [...new Set(rows.flatMap((r) => readRationaleNodes(r.rationale_nodes)))];
}

/**
 * The turns to ask on, checked against the scenario: each must be a turn of it (a branch or an
 * ending has no choice to explain), and only practice mode asks. Answered in the scenario's node
 * order, each once.
 */
function checkRationaleNodes(scenario: Scenario, mode: Mode, asked: readonly string[]): string[] {
  if (asked.length === 0) return [];
  if (mode !== "practice") {
    throw new ServiceError(400, "notes on choices are asked for in practice mode only; an assessment cannot ask for them", [
      { path: "rationaleNodes", message: "must be empty in assessment mode" },
    ]);
  }
  const issues = asked.flatMap((id, i) =>
    scenario.nodes[id]?.type === "turn" ? [] : [{ path: `rationaleNodes.${i}`, message: `"${id}" is not a turn of scenario "${scenario.id}"` }],
  );
  if (issues.length > 0) throw new ServiceError(400, `cannot ask for notes there: ${issues.map((i) => i.message).join("; ")}`, issues);
  const wanted = new Set(asked);
  return Object.keys(scenario.nodes).filter((id) => wanted.has(id));
}

/** A cohort with its members and assignments, for an administrator or its staff; 404 for anyone else, so ids are not confirmed. */
export async function getCohort(db: Kysely<Database>, account: Account, id: string): Promise<Cohort> {
  const row = await db.selectFrom("cohorts").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
  if (!row || !(await mayAssignTo(db, account, id))) throw noCohort(id);
  const members = await db
    .selectFrom("cohort_members")
    .innerJoin("auth_user", "auth_user.id", "cohort_members.user_id")
    .leftJoin("deactivated_users", "deactivated_users.user_id", "cohort_members.user_id")
    .select(["auth_user.id", "auth_user.name", "auth_user.email", "cohort_members.membership", "deactivated_users.user_id as off"])
    .where("cohort_members.cohort_id", "=", id)
    .orderBy("auth_user.name")
    .execute();
  return {
    id: row.id,
    name: row.name,
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, membership: m.membership as Membership, active: m.off === null })),
    assignments: await assignmentsOf(db, [id]),
  };
}

async function nameIsFree(db: Kysely<Database>, name: string, except?: string): Promise<void> {
  let q = db.selectFrom("cohorts").select("id").where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (except !== undefined) q = q.where("id", "!=", except);
  if (await q.executeTakeFirst()) throw new ServiceError(409, `a cohort named "${name}" already exists`);
}

export async function createCohort(db: Kysely<Database>, actor: Account, name: string): Promise<CohortSummary> {
  await nameIsFree(db, name);
  const id = randomUUID();
  try {
    await db.insertInto("cohorts").values({ id, name, created_at: new Date().toISOString() }).execute();
  } catch (e) {
    // Two requests for one name at once: the unique index lets only one through.
    await nameIsFree(db, name);
    throw e;
  }
  await audit(db, "cohort-created", party(actor), null, { cohortId: id, cohort: name });
  return { id, name, trainees: 0, staff: 0, assignments: 0 };
}

export async function renameCohort(db: Kysely<Database>, actor: Account, id: string, name: string): Promise<void> {
  const row = await db.selectFrom("cohorts").select("name").where("id", "=", id).executeTakeFirst();
  if (!row) throw noCohort(id);
  await nameIsFree(db, name, id);
  await db.updateTable("cohorts").set({ name }).where("id", "=", id).execute();
  await audit(db, "cohort-renamed", party(actor), null, { cohortId: id, from: row.name, to: name });
}

/** Deletes a cohort with its memberships and assignments; the sessions played stay with their trainees. */
export async function deleteCohort(db: Kysely<Database>, actor: Account, id: string): Promise<void> {
  const row = await db.selectFrom("cohorts").select("name").where("id", "=", id).executeTakeFirst();
  if (!row) throw noCohort(id);
  await db.deleteFrom("cohorts").where("id", "=", id).execute();
  await audit(db, "cohort-deleted", party(actor), null, { cohortId: id, cohort: row.name });
}

/**
 * Puts a person in a cohort, or changes how they belong: as a trainee (they must hold the
 * trainee role) or as staff (supervisor or trainer).
 */
export async function addMember(db: Kysely<Database>, actor: Account, cohortId: string, userId: string, membership: Membership): Promise<void> {
  const cohort = await db.selectFrom("cohorts").select("name").where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) throw noCohort(cohortId);
  const user = await db.selectFrom("auth_user").select(["id", "name"]).where("id", "=", userId).executeTakeFirst();
  if (!user) throw new ServiceError(404, `no account "${userId}"`);
  const roles = new Set((await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).execute()).map((r) => r.role));
  if (membership === "trainee" && !roles.has("trainee")) throw new ServiceError(409, `${user.name} does not hold the trainee role`);
  if (membership === "staff" && !roles.has("supervisor") && !roles.has("trainer")) {
    throw new ServiceError(409, `${user.name} holds neither the supervisor nor the trainer role`);
  }
  await db
    .insertInto("cohort_members")
    .values({ cohort_id: cohortId, user_id: userId, membership })
    .onConflict((oc) => oc.columns(["cohort_id", "user_id"]).doUpdateSet({ membership }))
    .execute();
  await audit(db, "cohort-member-added", party(actor), party(user), { cohortId, cohort: cohort.name, membership });
}

export async function removeMember(db: Kysely<Database>, actor: Account, cohortId: string, userId: string): Promise<void> {
  const row = await db
    .selectFrom("cohort_members")
    .innerJoin("cohorts", "cohorts.id", "cohort_members.cohort_id")
    .innerJoin("auth_user", "auth_user.id", "cohort_members.user_id")
    .select(["cohorts.name as cohort", "auth_user.name", "cohort_members.membership"])
    .where("cohort_members.cohort_id", "=", cohortId)
    .where("cohort_members.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new ServiceError(404, "that person is not in that cohort");
  await db.deleteFrom("cohort_members").where("cohort_id", "=", cohortId).where("user_id", "=", userId).execute();
  await audit(db, "cohort-member-removed", party(actor), { id: userId, name: row.name }, { cohortId, cohort: row.cohort, membership: row.membership });
}

/** Assigns a scenario to a cohort: administrators to any, staff to their own cohorts (404 for others, so ids are not confirmed). */
export async function createAssignment(db: Kysely<Database>, actor: Account, input: AssignmentRequest): Promise<Assignment> {
  const cohort = await db.selectFrom("cohorts").select("name").where("id", "=", input.cohortId).executeTakeFirst();
  if (!cohort || !(await mayAssignTo(db, actor, input.cohortId))) throw noCohort(input.cohortId);
  const entry = await findScenario(input.scenarioId);
  if (!entry) throw new ServiceError(404, `no scenario "${input.scenarioId}"`);
  if (!entry.ok) throw new ServiceError(409, `scenario "${input.scenarioId}" has errors and cannot be assigned`);
  const rationaleNodes = checkRationaleNodes(entry.scenario, input.mode, input.rationaleNodes ?? []);
  const row = {
    id: randomUUID(),
    cohort_id: input.cohortId,
    scenario_id: entry.id,
    mode: input.mode,
    due_on: input.dueOn,
    assigned_by: actor.id,
    created_at: new Date().toISOString(),
    rationale_nodes: rationaleNodes.length > 0 ? JSON.stringify(rationaleNodes) : null,
  };
  await db.insertInto("assignments").values(row).execute();
  await audit(db, "assignment-created", party(actor), null, {
    assignmentId: row.id,
    cohortId: input.cohortId,
    cohort: cohort.name,
    scenarioId: entry.id,
    mode: input.mode,
    dueOn: input.dueOn,
    ...(rationaleNodes.length > 0 && { rationaleNodes }),
  });
  return {
    id: row.id,
    cohortId: row.cohort_id,
    cohortName: cohort.name,
    scenarioId: row.scenario_id,
    mode: input.mode,
    dueOn: row.due_on,
    createdAt: row.created_at,
    rationaleNodes,
  };
}

export async function removeAssignment(db: Kysely<Database>, actor: Account, id: string): Promise<void> {
  const row = await db.selectFrom("assignments").select(["cohort_id", "scenario_id"]).where("id", "=", id).executeTakeFirst();
  if (!row || !(await mayAssignTo(db, actor, row.cohort_id))) throw new ServiceError(404, `no assignment "${id}"`);
  await db.deleteFrom("assignments").where("id", "=", id).execute();
  await audit(db, "assignment-removed", party(actor), null, { assignmentId: id, cohortId: row.cohort_id, scenarioId: row.scenario_id });
}

export type { AssignmentState };

export interface TraineeAssignment extends Assignment {
  state: AssignmentState;
  /** Their session that decided the state (to continue or read), if any. */
  sessionId: string | null;
}

/** Today as YYYY-MM-DD (UTC): an assignment is overdue once its due day has passed everywhere it is still that day. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A session as the assignment rule reads it. */
export interface PlayedSession {
  id: string;
  scenarioId: string;
  mode: Mode;
  status: SessionStatus;
  startedAt: string;
}

/** Where one trainee stands on one assignment, and the session that says so. */
export interface AssignmentStanding {
  state: AssignmentState;
  /** The completed session (done), else the unfinished one (in progress, or overdue with one to continue); null when none. */
  sessionId: string | null;
}

/**
 * The one rule for where a trainee stands on an assignment, from their sessions (any order, any
 * scenario). Only sessions of the assigned scenario, in the assigned mode, started once it was
 * assigned count: a session played before, or in the other mode, does not do it. Done once such a
 * session was completed (the latest one is the one to read); otherwise overdue once the due day
 * (`day`, YYYY-MM-DD) is past, even with one under way; otherwise in progress while one is
 * unfinished; otherwise open. Abandoned sessions count for nothing.
 */
export function assignmentStanding(
  assignment: Pick<Assignment, "scenarioId" | "mode" | "dueOn" | "createdAt">,
  sessions: readonly PlayedSession[],
  day: string,
): AssignmentStanding {
  let completed: PlayedSession | undefined;
  let active: PlayedSession | undefined;
  for (const s of sessions) {
    if (s.scenarioId !== assignment.scenarioId || s.mode !== assignment.mode || s.startedAt < assignment.createdAt) continue;
    if (s.status === "completed" && (!completed || s.startedAt > completed.startedAt)) completed = s;
    if (s.status === "active" && (!active || s.startedAt > active.startedAt)) active = s;
  }
  if (completed) return { state: "done", sessionId: completed.id };
  const overdue = assignment.dueOn !== null && assignment.dueOn < day;
  return { state: overdue ? "overdue" : active ? "in-progress" : "open", sessionId: active?.id ?? null };
}

/** The sessions of these accounts on these scenarios, as the assignment rule reads them. */
async function playedSessions(db: Kysely<Database>, userIds: string[], scenarioIds: string[]): Promise<(PlayedSession & { userId: string })[]> {
  if (userIds.length === 0 || scenarioIds.length === 0) return [];
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "user_id", "scenario_id", "mode", "status", "started_at"])
    .where("user_id", "in", userIds)
    .where("scenario_id", "in", [...new Set(scenarioIds)])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id ?? "",
    scenarioId: r.scenario_id,
    mode: r.mode as Mode,
    status: r.status as SessionStatus,
    startedAt: r.started_at,
  }));
}

/**
 * The assignments of the cohorts the account trains in, each with where the account stands
 * (assignmentStanding).
 */
export async function assignmentsForTrainee(db: Kysely<Database>, account: Account, now: Date = new Date()): Promise<TraineeAssignment[]> {
  const cohortIds = (
    await db.selectFrom("cohort_members").select("cohort_id").where("user_id", "=", account.id).where("membership", "=", "trainee").execute()
  ).map((r) => r.cohort_id);
  const assignments = await assignmentsOf(db, cohortIds);
  if (assignments.length === 0) return [];
  const sessions = await playedSessions(
    db,
    [account.id],
    assignments.map((a) => a.scenarioId),
  );
  const day = today(now);
  return assignments.map((a) => ({ ...a, ...assignmentStanding(a, sessions, day) }));
}

/** How many of a cohort's trainees stand where on one assignment. */
export type AssignmentCounts = Record<AssignmentState, number>;

/** A cohort's progress: for each assignment the counts, and for each trainee where they stand on each. */
export interface CohortProgress {
  /** By assignment id. */
  counts: Record<string, AssignmentCounts>;
  /** By trainee id, then assignment id. */
  standings: Record<string, Record<string, AssignmentStanding>>;
}

/** Where each of the cohort's trainees stands on each of its assignments (assignmentStanding), and the counts. */
export async function cohortProgress(db: Kysely<Database>, cohort: Pick<Cohort, "members" | "assignments">, now: Date = new Date()): Promise<CohortProgress> {
  const trainees = cohort.members.filter((m) => m.membership === "trainee");
  const sessions = await playedSessions(
    db,
    trainees.map((t) => t.id),
    cohort.assignments.map((a) => a.scenarioId),
  );
  const day = today(now);
  const counts: Record<string, AssignmentCounts> = {};
  const standings: Record<string, Record<string, AssignmentStanding>> = {};
  for (const a of cohort.assignments) counts[a.id] = { overdue: 0, "in-progress": 0, open: 0, done: 0 };
  for (const t of trainees) {
    const theirs = sessions.filter((s) => s.userId === t.id);
    const row: Record<string, AssignmentStanding> = {};
    for (const a of cohort.assignments) {
      const standing = assignmentStanding(a, theirs, day);
      row[a.id] = standing;
      counts[a.id]![standing.state] += 1;
    }
    standings[t.id] = row;
  }
  return { counts, standings };
}
