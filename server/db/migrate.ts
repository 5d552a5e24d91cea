/** Brings a database to the latest schema; run every time a store opens. */
import { Migrator, SqliteAdapter, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";
import { initial } from "./migrations/001-initial";
import { sessionRevision } from "./migrations/002-session-revision";
import { accounts } from "./migrations/003-accounts";
import { cohorts } from "./migrations/004-cohorts";
import { studio } from "./migrations/005-studio";
import { rationale } from "./migrations/006-rationale";
import { analytics } from "./migrations/007-analytics";
import { review } from "./migrations/008-review";

/** Every migration, by name; names sort in the order they run. Never edit one that has shipped: add the next. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "001-initial": initial,
  "002-session-revision": sessionRevision,
  "003-accounts": accounts,
  "004-cohorts": cohorts,
  "005-studio": studio,
  "006-rationale": rationale,
  "007-analytics": analytics,
  "008-review": review,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/**
 * Runs the migrations not yet applied (none when the schema is current) and returns their names;
 * throws naming the one that failed, with nothing of it applied.
 *
 * PostgreSQL: Kysely's migrator holds an advisory lock, so app instances starting together take turns.
 * SQLite: Kysely's plain `begin` lets two connections both read "nothing applied" and both run
 * 001; `begin immediate` takes the write lock first, so the second waits (busy_timeout) and then
 * finds the schema current.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  let result: MigrationResultSet;
  if (sqlite) {
    await sql`begin immediate`.execute(db);
    try {
      result = await new Migrator({ db, provider, disableTransactions: true }).migrateToLatest();
    } catch (e) {
      await sql`rollback`.execute(db);
      throw e;
    }
    await sql.raw(result.error ? "rollback" : "commit").execute(db);
  } else {
    result = await new Migrator({ db, provider }).migrateToLatest();
  }
  const { error, results } = result;
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`[server] migration ${failed ? `"${failed}" ` : ""}failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
