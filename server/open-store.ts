/**
 * Opens the Store: PostgreSQL when DATABASE_URL is set, otherwise a SQLite file under ./data
 * (DATA_DIR overrides the folder), created on first use. Every open runs pending migrations.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type QueryResult, type SqliteDatabase } from "kysely";
import type { Database } from "./db/database";
import { migrateToLatest } from "./db/migrate";
import { resilientPool } from "./db/pg-pool";
import { createKyselyStore, type Atomically } from "./kysely-store";
import type { Store } from "./store";
import { classifyStoreError, StoreUnavailableError } from "./store-errors";

export const SQLITE_FILE_NAME = "peer-practice.sqlite";

/** The environment that chooses the store: DATABASE_URL (PostgreSQL when set) and DATA_DIR (the SQLite folder, default ./data). */
export type StoreEnv = Readonly<Record<string, string | undefined>>;

/** Where the default SQLite database lives: `$DATA_DIR/peer-practice.sqlite`, DATA_DIR defaulting to ./data. */
export function defaultSqliteFile(env: StoreEnv = process.env): string {
  const dir = env.DATA_DIR?.trim() || "data";
  return path.join(path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir), SQLITE_FILE_NAME);
}

async function migrated(db: Kysely<Database>, atomically?: Atomically): Promise<Store> {
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return createKyselyStore(db, atomically);
}

/** A Store on a SQLite file (its folder is created if missing), in WAL mode; ":memory:" also works. */
export async function openSqliteStore(file: string): Promise<Store> {
  try {
    return await openSqlite(file);
  } catch (e) {
    throw classifyStoreError(e);
  }
}

/** How long a statement waits for another process's lock before the store says the file is locked. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Puts the file in WAL mode. Switching a new file takes its exclusive lock, and when several
 * processes open it at once SQLite answers all but one SQLITE_BUSY at once, without waiting (each
 * holds a shared lock the others wait on), so the switch is tried again, for as long as any
 * statement would wait.
 */
async function switchToWal(sqlite: BetterSqlite3.Database): Promise<void> {
  const until = Date.now() + BUSY_TIMEOUT_MS;
  for (let wait = 5; ; wait = Math.min(2 * wait, 200)) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (e) {
      if ((e as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() + wait > until) throw e;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function openSqlite(file: string): Promise<Store> {
  const { default: SqliteDatabase } = await import("better-sqlite3");
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  try {
    // Another process (another server process, the CLI) may hold a lock for a moment: wait for it,
    // also while switching a new file to WAL.
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await switchToWal(sqlite);
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    // SQLite's own lower() folds ASCII only; the participant filter needs "Zoë" to find "ZOË" as PostgreSQL does.
    sqlite.function("lower", { deterministic: true }, (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v));
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const guard = file === ":memory:" ? undefined : fileGuard(file);
  const database = withStatementCache(sqlite, guard);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  if (file === ":memory:") return migrated(db, database.atomically);
  // Connections in one process share its thread: one waiting on another's write lock would block
  // the very thread that must release it. So opens of one file in this process migrate in turn.
  const key = path.resolve(file);
  const done = (migrating.get(key) ?? Promise.resolve()).then(() => migrated(db, database.atomically));
  const settled = done.then(
    () => undefined,
    () => undefined,
  );
  migrating.set(key, settled);
  void settled.then(() => {
    if (migrating.get(key) === settled) migrating.delete(key);
  });
  return done;
}

/** Distinct SQL texts kept prepared per SQLite connection; the app issues a few dozen. */
const MAX_STATEMENTS = 200;

/**
 * Watches that the SQLite file the store opened is still the one at its path. Deleted (or
 * replaced) while the server runs, the file lives on unlinked as long as it is open: writes would
 * go on succeeding and all be lost at the next start. So every write is checked before it runs and
 * once it is committed, and from the first mismatch the store refuses everything with the reason.
 */
export interface FileGuard {
  /** Throws StoreUnavailableError when the file at the path is not the one opened. */
  check(): void;
  /** Throws StoreUnavailableError when a check has failed before (no file system call). */
  usable(): void;
}

export function fileGuard(file: string): FileGuard {
  const opened = statSync(file);
  let broken: string | undefined;
  return {
    check() {
      if (broken === undefined) {
        const now = statSync(file, { throwIfNoEntry: false });
        if (now?.ino === opened.ino && now.dev === opened.dev) return;
        broken = `the SQLite database file ${file} was ${now ? "replaced" : "deleted"} while the server was running, so nothing more can be saved; restart the server`;
        console.error(`[server] ${broken}. Requests are refused until then, since what they wrote would be lost.`);
      }
      throw new StoreUnavailableError(broken);
    },
    usable() {
      if (broken !== undefined) throw new StoreUnavailableError(broken);
    },
  };
}

type Statement = ReturnType<SqliteDatabase["prepare"]> & { readonly busy: boolean };

/**
 * Kysely prepares every query it runs; SQLite parses and plans each one again. The app runs the
 * same few SQL texts over and over with new parameters, so each connection keeps its prepared
 * statements by SQL text. A statement still being iterated (busy) is never handed out twice.
 * With a guard, every statement that writes checks the file before it runs and once its
 * transaction is committed (see fileGuard).
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, guard?: FileGuard): SqliteDatabase & { atomically: Atomically } {
  const statements = new Map<string, Statement>();
  let wrote = false;
  const guarded = (statement: BetterSqlite3.Statement): Statement => {
    if (!guard) return statement;
    const around = <T>(run: () => T): T => {
      if (!statement.readonly) {
        guard.check();
        wrote = true;
      } else guard.usable();
      const result = run();
      if (wrote && !sqlite.inTransaction) {
        wrote = false;
        guard.check();
      }
      return result;
    };
    return {
      get reader() {
        return statement.reader;
      },
      get busy() {
        return statement.busy;
      },
      all: (parameters) => around(() => statement.all(parameters as unknown[])),
      run: (parameters) => around(() => statement.run(parameters as unknown[])),
      iterate: (parameters) => around(() => statement.iterate(parameters as unknown[])),
    };
  };
  const prepare = (text: string): Statement => {
    const hit = statements.get(text);
    if (hit && !hit.busy) return hit;
    const statement = guarded(sqlite.prepare(text));
    if (!hit) {
      if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
      statements.set(text, statement);
    }
    return statement;
  };
  /** One compiled query, answered as Kysely's SQLite driver answers it. */
  const run = (q: CompiledQuery): QueryResult<unknown> => {
    const statement = prepare(q.sql);
    const parameters = q.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), rows: [] };
  };
  return {
    close: () => sqlite.close(),
    prepare,
    atomically(steps) {
      const result = sqlite.transaction(() => steps(run)).immediate();
      // Committed: the file it went to must still be the one at the path.
      if (wrote) {
        wrote = false;
        guard?.check();
      }
      return result;
    },
  };
}

/** The migration in progress on each SQLite file this process is opening. */
const migrating = new Map<string, Promise<void>>();

/** How long to wait for PostgreSQL by default: to connect, and for any one statement. */
export const DEFAULT_DATABASE_TIMEOUT_MS = 10_000;

/** DATABASE_TIMEOUT_MS when it is a whole number of milliseconds from 100 to 600,000; else the default. */
export function databaseTimeoutMs(env: StoreEnv = process.env): number {
  const raw = env.DATABASE_TIMEOUT_MS?.trim();
  const n = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return n >= 100 && n <= 600_000 ? n : DEFAULT_DATABASE_TIMEOUT_MS;
}

/**
 * A Store on a PostgreSQL database (a pooled connection string such as postgres://user:pw@host:5432/db).
 * A server that is down, or that accepts connections and never answers, must not hang requests:
 * connecting, each statement (cancelled by the server) and each answer (given up by the client, in
 * case the server cannot even cancel) have time limits, and a transaction left open is ended.
 */
export async function openPostgresStore(url: string, options: { maxConnections?: number; timeoutMs?: number } = {}): Promise<Store> {
  const { default: pg } = await import("pg");
  const timeout = options.timeoutMs ?? databaseTimeoutMs();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: timeout,
    statement_timeout: timeout,
    query_timeout: timeout + 1_000,
    idle_in_transaction_session_timeout: timeout,
    keepAlive: true,
  });
  // An idle client losing its server (a restart, a failover) must not crash the process: the pool reconnects.
  pool.on("error", (e) => console.error(`[server] PostgreSQL pool: ${e.message}`));
  try {
    return await migrated(new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(pool) }) }));
  } catch (e) {
    throw classifyStoreError(e);
  }
}

/** The Store the environment asks for: PostgreSQL when DATABASE_URL is set, else the default SQLite file. */
export function openStore(env: StoreEnv = process.env): Promise<Store> {
  const url = env.DATABASE_URL?.trim();
  return url ? openPostgresStore(url) : openSqliteStore(defaultSqliteFile(env));
}

const cache = globalThis as typeof globalThis & { __peerPracticeStore?: Promise<Store> };

/**
 * The app's one Store, opened on first use. Kept on globalThis so Next.js dev hot reloads reuse
 * it instead of opening a new pool or file handle per reload; a failed open is retried next call.
 */
export function getStore(): Promise<Store> {
  cache.__peerPracticeStore ??= openStore().catch((e: unknown) => {
    cache.__peerPracticeStore = undefined;
    throw e;
  });
  return cache.__peerPracticeStore;
}
