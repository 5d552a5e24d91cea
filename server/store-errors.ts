/**
 * Telling "the database cannot be used right now" apart from a bug. A database that is gone,
 * unreachable, silent, corrupt or full is answered with 503 and a sentence (the request can be
 * tried again later); anything else stays an error of the program.
 */

/**
 * Its `code`. Recognised by code rather than by class: the server's bundles may each hold their
 * own copy of this module, and the store is shared between them.
 */
const UNAVAILABLE = "PEER_PRACTICE_STORE_UNAVAILABLE";

/** The database cannot be used right now; `message` is a sentence for whoever made the request. */
export class StoreUnavailableError extends Error {
  readonly code = UNAVAILABLE;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
}

/** SQLite result codes (better-sqlite3's `code`, extended codes included) that mean the file cannot be used. */
const SQLITE_UNAVAILABLE: Record<string, string> = {
  SQLITE_CORRUPT: "the SQLite database file is corrupt",
  SQLITE_NOTADB: "the SQLite database file is not a database (it may have been overwritten)",
  SQLITE_IOERR: "the SQLite database file cannot be read or written (an input/output error)",
  SQLITE_FULL: "the disk holding the SQLite database is full",
  SQLITE_CANTOPEN: "the SQLite database file cannot be opened",
  SQLITE_READONLY: "the SQLite database file cannot be written",
  SQLITE_BUSY: "the SQLite database stayed locked by another process for too long",
  SQLITE_LOCKED: "the SQLite database stayed locked for too long",
  SQLITE_PROTOCOL: "the SQLite database's lock could not be taken",
  SQLITE_NOMEM: "SQLite ran out of memory",
  SQLITE_PERM: "the SQLite database file cannot be accessed (permission denied)",
};

/** Node's network error codes, as node-postgres passes them on. */
const NETWORK: Record<string, string> = {
  ECONNREFUSED: "the PostgreSQL server refused the connection",
  ECONNRESET: "the connection to the PostgreSQL server was reset",
  ETIMEDOUT: "the connection to the PostgreSQL server timed out",
  EHOSTUNREACH: "the PostgreSQL server's host cannot be reached",
  ENETUNREACH: "the PostgreSQL server's network cannot be reached",
  ENOTFOUND: "the PostgreSQL server's host name is unknown",
  EAI_AGAIN: "the PostgreSQL server's host name could not be looked up",
  EPIPE: "the connection to the PostgreSQL server was closed",
};

/** PostgreSQL SQLSTATE codes and classes that mean the server cannot serve now. */
function postgresReason(code: string): string | undefined {
  if (code === "57014") return "a PostgreSQL statement took too long and was cancelled";
  if (code.startsWith("57P")) return "the PostgreSQL server is shutting down or starting up";
  if (code.startsWith("08")) return "the connection to the PostgreSQL server failed";
  if (code.startsWith("53")) return "the PostgreSQL server is out of resources (connections, memory or disk)";
  if (code.startsWith("58")) return "the PostgreSQL server reported a system error";
  if (code === "XX001" || code === "XX002") return "the PostgreSQL server found corrupt data";
  if (code === "28P01" || code === "28000") return "the PostgreSQL server refused the credentials in DATABASE_URL";
  if (code === "3D000") return "the database named in DATABASE_URL does not exist";
  return undefined;
}

/** Messages node-postgres and its pool give, without a code, when the server is silent or gone. */
const PG_MESSAGES: [RegExp, string][] = [
  [/timeout exceeded when trying to connect|connection timeout/i, "the PostgreSQL server did not answer in time when connecting"],
  [/query read timeout/i, "the PostgreSQL server did not answer a query in time"],
  [/connection terminated|client has encountered a connection error|connection ended/i, "the connection to the PostgreSQL server was lost"],
];

/** Why `e` means the database cannot be used right now, or undefined when it is some other error. */
export function unavailableReason(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const code = (e as { code?: unknown }).code;
  if (code === UNAVAILABLE) return e.message;
  if (typeof code === "string") {
    if (code.startsWith("SQLITE_")) {
      const base = code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
      const reason = SQLITE_UNAVAILABLE[base];
      if (reason) return reason;
    }
    if (NETWORK[code]) return NETWORK[code];
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const reason = postgresReason(code);
      if (reason) return reason;
    }
  }
  for (const [pattern, reason] of PG_MESSAGES) if (pattern.test(e.message)) return reason;
  // An aggregate (connecting to each of a host's addresses failed) is unavailable if its parts are.
  if (e instanceof AggregateError && e.errors.length > 0 && e.errors.every((x) => unavailableReason(x))) {
    return unavailableReason(e.errors[0]);
  }
  // A wrapper (a failed migration, say) is unavailable if what it wraps is.
  return e.cause === undefined || e.cause === e ? undefined : unavailableReason(e.cause);
}

/** `e` as a StoreUnavailableError when it means the database cannot be used, else `e` itself. */
export function classifyStoreError(e: unknown): unknown {
  if (e instanceof Error && (e as { code?: unknown }).code === UNAVAILABLE) return e;
  const reason = unavailableReason(e);
  return reason === undefined ? e : new StoreUnavailableError(reason, { cause: e });
}
