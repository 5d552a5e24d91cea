import { describe, expect, it } from "vitest";
import { classifyStoreError, StoreUnavailableError, unavailableReason } from "../../../server/store-errors";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("telling a database that cannot be used from a bug", () => {
  it("knows SQLite's codes for a file that is gone, corrupt, full or locked, extended codes included", () => {
    expect(unavailableReason(withCode("SQLITE_CORRUPT"))).toBe("the SQLite database file is corrupt");
    expect(unavailableReason(withCode("SQLITE_IOERR_WRITE"))).toBe("the SQLite database file cannot be read or written (an input/output error)");
    expect(unavailableReason(withCode("SQLITE_FULL"))).toBe("the disk holding the SQLite database is full");
    expect(unavailableReason(withCode("SQLITE_BUSY_SNAPSHOT"))).toBe("the SQLite database stayed locked by another process for too long");
  });

  it("knows PostgreSQL's states for a server that cannot serve, and node's network errors", () => {
    expect(unavailableReason(withCode("57P01"))).toBe("the PostgreSQL server is shutting down or starting up");
    expect(unavailableReason(withCode("08006"))).toBe("the connection to the PostgreSQL server failed");
    expect(unavailableReason(withCode("57014"))).toBe("a PostgreSQL statement took too long and was cancelled");
    expect(unavailableReason(withCode("53300"))).toBe("the PostgreSQL server is out of resources (connections, memory or disk)");
    expect(unavailableReason(withCode("ECONNREFUSED"))).toBe("the PostgreSQL server refused the connection");
    expect(unavailableReason(new Error("Connection terminated unexpectedly"))).toBe("the connection to the PostgreSQL server was lost");
    expect(unavailableReason(new Error("Query read timeout"))).toBe("the PostgreSQL server did not answer a query in time");
  });

  it("looks through wrappers and aggregates", () => {
    expect(unavailableReason(new Error("[server] migration failed", { cause: withCode("ECONNREFUSED") }))).toBe(
      "the PostgreSQL server refused the connection",
    );
    expect(unavailableReason(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]))).toBe(
      "the PostgreSQL server refused the connection",
    );
  });

  it("leaves every other error alone: a constraint, a syntax error, a bug", () => {
    expect(unavailableReason(withCode("SQLITE_CONSTRAINT_PRIMARYKEY"))).toBeUndefined();
    expect(unavailableReason(withCode("23505"))).toBeUndefined();
    expect(unavailableReason(withCode("42601"))).toBeUndefined();
    const bug = new TypeError("cannot read properties of undefined");
    expect(unavailableReason(bug)).toBeUndefined();
    expect(classifyStoreError(bug)).toBe(bug);
    expect(classifyStoreError(withCode("SQLITE_NOTADB"))).toBeInstanceOf(StoreUnavailableError);
  });
});
