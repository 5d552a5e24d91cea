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
}

export interface CommentsTable {
  id: string;
  session_id: string;
  turn: number | null;
  author: string;
  body: string;
  created_at: string;
}

/** An account, as the authentication library keeps it (only the columns the app reads). */
export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
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

export interface Database {
  scenario_versions: ScenarioVersionsTable;
  sessions: SessionsTable;
  choices: ChoicesTable;
  comments: CommentsTable;
  auth_user: AuthUserTable;
  user_roles: UserRolesTable;
  settings: SettingsTable;
}
