/**
 * The tables as Kysely sees them. The same column types serve SQLite and PostgreSQL: times are
 * ISO 8601 UTC strings in text columns (they sort as text), booleans are 0/1 integers.
 */
import type { Generated } from "kysely";

export interface ScenarioVersionsTable {
  /** SHA-256 of the scenario's canonical JSON. */
  hash: string;
  scenario_id: string;
  /** The normalized scenario as JSON. */
  json: string;
  created_at: string;
  /** The scenario's title in this version (008-review); null for a row written without it. */
  title: Generated<string | null>;
}

export interface SessionsTable {
  id: string;
  scenario_id: string;
  scenario_hash: string;
  mode: string;
  participant: string;
  /** bigint in PostgreSQL, which node-postgres returns as a string. */
  seed: number | string;
  status: string;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  final_rapport: number | null;
  final_mutuality: number | null;
  /** 0 or 1. */
  reviewed: Generated<number>;
  /** Raised by every write to the session (choice, take-back, end); writes are conditional on it. */
  revision: Generated<number>;
  /** The account that played it; null for sessions stored before accounts existed. */
  user_id: string | null;
}

export interface ChoicesTable {
  session_id: string;
  seq: number;
  choice_id: string;
  time_taken_ms: number;
  created_at: string;
  /** The trainee's note on why they chose it (practice mode), trimmed, at most 500 characters; null for none. */
  note: Generated<string | null>;
}

export interface CommentsTable {
  id: string;
  session_id: string;
  turn: number | null;
  author: string;
  body: string;
  created_at: string;
  /** The account that wrote it; null for comments from before accounts, and once that account is erased. */
  author_id: Generated<string | null>;
  /** When its author last changed its text; null while it has never been edited (008-review). */
  edited_at: Generated<string | null>;
}

/** An account, as the authentication library keeps it (only the columns the app reads). */
export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
}

/** The library's credentials and sign-ins (only the columns the app reads). */
export interface AuthAccountTable {
  userId: string;
  providerId: string;
}

/** The library's sign-ins (only the columns the app reads). */
export interface AuthSessionTable {
  userId: string;
  /** The secret the session cookie carries, signed. */
  token: string;
  /** An ISO text on SQLite, a timestamp on PostgreSQL. */
  expiresAt: string | Date;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

/** Values every server process must share, made once. */
export interface SettingsTable {
  name: string;
  value: string;
}

export interface CohortsTable {
  id: string;
  name: string;
  created_at: string;
}

/** `trainee`: the cohort's trainees; `staff`: its supervisors and trainers. */
export interface CohortMembersTable {
  cohort_id: string;
  user_id: string;
  membership: string;
}

export interface AssignmentsTable {
  id: string;
  cohort_id: string;
  scenario_id: string;
  mode: string;
  /** YYYY-MM-DD, or null for no due date. */
  due_on: string | null;
  /** The account that assigned it (null once that account is erased). */
  assigned_by: string | null;
  created_at: string;
  /** A JSON array of the scenario's node ids on whose turns the trainee is asked for a note; null for none. */
  rationale_nodes: Generated<string | null>;
}

export interface DeactivatedUsersTable {
  user_id: string;
  deactivated_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  subject_id: string | null;
  subject_name: string | null;
  /** JSON, or null. */
  detail: string | null;
}

/** A scenario being written in the studio: its YAML text, raised in `revision` by every save. */
export interface DraftsTable {
  id: string;
  /** The scenario id it publishes as. */
  scenario_id: string;
  text: string;
  /** The account that made it (null once that account is erased). */
  author_id: string | null;
  created_at: string;
  updated_at: string;
  /** Raised by every save; a save is written only while the revision it was based on is still this. */
  revision: Generated<number>;
}

/** Every version published under a scenario id; the version itself is in scenario_versions. */
export interface PublishedVersionsTable {
  scenario_id: string;
  hash: string;
  /** The scenario's title in this version. */
  title: string;
  /** The account that first published it (null once that account is erased). */
  published_by: string | null;
  published_at: string;
}

/** The current published version of each scenario id. */
export interface PublishedScenariosTable {
  scenario_id: string;
  hash: string;
  current_since: string;
  made_current_by: string | null;
}

/** A session's replayed summary for the analytics, true while the session's revision is `revision` (007-analytics). */
export interface AnalyticsSummariesTable {
  session_id: string;
  revision: number;
  /** The summary's format (server/analytics/summary.ts `SUMMARY_FORMAT`); a row of another format is computed again. */
  format: number;
  /** JSON. */
  summary: string;
  computed_at: string;
}

export interface Database {
  scenario_versions: ScenarioVersionsTable;
  sessions: SessionsTable;
  choices: ChoicesTable;
  comments: CommentsTable;
  auth_user: AuthUserTable;
  auth_account: AuthAccountTable;
  auth_session: AuthSessionTable;
  user_roles: UserRolesTable;
  settings: SettingsTable;
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
  assignments: AssignmentsTable;
  deactivated_users: DeactivatedUsersTable;
  audit_log: AuditLogTable;
  drafts: DraftsTable;
  published_versions: PublishedVersionsTable;
  published_scenarios: PublishedScenariosTable;
  analytics_summaries: AnalyticsSummariesTable;
}
