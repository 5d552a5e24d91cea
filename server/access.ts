/**
 * Who may do what, decided on the server from the signed-in account, its roles and its cohorts.
 * Every route handler and page asks here (through the services); nothing is allowed only
 * because a button was hidden.
 *
 * |            | own sessions | cohort's sessions | all sessions | comment / mark reviewed | assign | manage people |
 * |------------|--------------|-------------------|--------------|-------------------------|--------|---------------|
 * | trainee    | read, play   | –                 | –            | –                       | –      | –             |
 * | supervisor | read, play   | read              | –            | their cohorts' sessions | theirs | –             |
 * | trainer    | read, play   | read              | –            | their cohorts' sessions | theirs | –             |
 * | admin      | read, play   | read              | read         | all                     | all    | all           |
 *
 * Writing scenarios in the studio (drafts, publishing) is for trainers and administrators (`mayAuthor`).
 *
 * A scenario's analytics are for supervisors, trainers and administrators (`mayReadAnalytics`):
 * staff count only the sessions of the trainees in the cohorts they are staff of
 * (`staffedTrainees`), administrators every session. A person's progress is for the person, the
 * staff of a cohort they are a trainee in, and administrators (`mayReadProgress`).
 *
 * A cohort's sessions are those of the trainees in a cohort the account is staff of (and the
 * account must still hold the supervisor or trainer role). Sessions stored before accounts
 * existed belong to no one: only administrators see them.
 */
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Account } from "./accounts";
import type { Database } from "./db/database";
import type { SessionQuery, SessionRow } from "./store";

export const isAdmin = (account: Account) => account.roles.includes("admin");

/** Whether the account holds a role that can be staff of a cohort (supervisor or trainer). */
export const isStaff = (account: Account) => account.roles.includes("supervisor") || account.roles.includes("trainer");

const owns = (account: Account, session: Pick<SessionRow, "userId">) => session.userId !== null && session.userId === account.id;

/** Whether `staffId` is staff of a cohort that `traineeId` is a trainee in. */
export async function staffOfTrainee(db: Kysely<Database>, staffId: string, traineeId: string): Promise<boolean> {
  const row = await db
    .selectFrom("cohort_members as trainee")
    .innerJoin("cohort_members as staff", "staff.cohort_id", "trainee.cohort_id")
    .select("trainee.cohort_id")
    .where("staff.user_id", "=", staffId)
    .where("staff.membership", "=", "staff")
    .where("trainee.user_id", "=", traineeId)
    .where("trainee.membership", "=", "trainee")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the account reads the session as its supervisor or trainer (through a cohort), not as its owner. */
async function reviewsAsStaff(db: Kysely<Database>, account: Account, session: Pick<SessionRow, "userId">): Promise<boolean> {
  return session.userId !== null && isStaff(account) && (await staffOfTrainee(db, account.id, session.userId));
}

/** Whether the account may read the session (its transcript, detail and exports). */
export async function mayRead(db: Kysely<Database>, account: Account, session: Pick<SessionRow, "userId">): Promise<boolean> {
  return owns(account, session) || isAdmin(account) || (await reviewsAsStaff(db, account, session));
}

/** Whether the account may play the session on (choose, take back, end): only its owner. */
export function mayPlay(account: Account, session: Pick<SessionRow, "userId">): boolean {
  return owns(account, session);
}

/** Whether the account may comment on the session and mark it reviewed: an administrator, or its cohort's staff. */
export async function mayReview(db: Kysely<Database>, account: Account, session: Pick<SessionRow, "userId">): Promise<boolean> {
  return isAdmin(account) || (await reviewsAsStaff(db, account, session));
}

/** The part of a session list the account may see: everything (admin), its cohorts' and its own (staff), or its own. */
export function visibleSessions(account: Account): Pick<SessionQuery, "userId" | "visibleTo"> {
  if (isAdmin(account)) return {};
  if (isStaff(account)) return { visibleTo: account.id };
  return { userId: account.id };
}

/** Whether the account may list every session rather than only those it may read. */
export function mayListAll(account: Account): boolean {
  return isAdmin(account);
}

/** Whether the account may create, change, export and erase accounts and cohorts, and read the audit log. */
export function mayManagePeople(account: Account): boolean {
  return isAdmin(account);
}

/** Whether the account may assign scenarios to the cohort: an administrator to any, staff to the cohorts they are staff of. */
export async function mayAssignTo(db: Kysely<Database>, account: Account, cohortId: string): Promise<boolean> {
  if (isAdmin(account)) return true;
  if (!isStaff(account)) return false;
  const row = await db
    .selectFrom("cohort_members")
    .select("cohort_id")
    .where("cohort_id", "=", cohortId)
    .where("user_id", "=", account.id)
    .where("membership", "=", "staff")
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the account may write scenario drafts in the studio and publish them: trainers and administrators. */
export function mayAuthor(account: Account): boolean {
  return account.roles.includes("trainer") || isAdmin(account);
}

/** Whether the account may read a scenario's analytics: supervisors, trainers and administrators. */
export function mayReadAnalytics(account: Account): boolean {
  return isAdmin(account) || isStaff(account);
}

/** The ids of the trainees in the cohorts `staffId` is staff of, as a subquery (for `user_id in (…)`). */
export function staffedTrainees(eb: ExpressionBuilder<Database, "sessions">, staffId: string) {
  return eb
    .selectFrom("cohort_members as trainee")
    .innerJoin("cohort_members as staff", "staff.cohort_id", "trainee.cohort_id")
    .select("trainee.user_id")
    .where("staff.user_id", "=", staffId)
    .where("staff.membership", "=", "staff")
    .where("trainee.membership", "=", "trainee");
}

/** The cohorts whose trainees' sessions the account's analytics may count, by name: every cohort for an administrator, else those it is staff of. */
export async function analyticsCohorts(db: Kysely<Database>, account: Account): Promise<{ id: string; name: string }[]> {
  if (isAdmin(account)) return db.selectFrom("cohorts").select(["id", "name"]).orderBy("name").orderBy("id").execute();
  if (!isStaff(account)) return [];
  return db
    .selectFrom("cohorts")
    .innerJoin("cohort_members", "cohort_members.cohort_id", "cohorts.id")
    .select(["cohorts.id", "cohorts.name"])
    .where("cohort_members.user_id", "=", account.id)
    .where("cohort_members.membership", "=", "staff")
    .orderBy("cohorts.name")
    .orderBy("cohorts.id")
    .execute();
}

/** Whether the account may read the person's progress: the person, staff of a cohort they are a trainee in, and administrators. */
export async function mayReadProgress(db: Kysely<Database>, account: Account, personId: string): Promise<boolean> {
  return account.id === personId || isAdmin(account) || (isStaff(account) && (await staffOfTrainee(db, account.id, personId)));
}
