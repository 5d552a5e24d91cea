/** The check each server process makes before it serves: the database must be usable. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getStore } from "../../../server/open-store";
import { describeStore, storeProblem } from "../../../server/startup-check";

const dir = mkdtempSync(path.join(tmpdir(), "pp-startup-"));
afterAll(async () => {
  await (await getStore().catch(() => undefined))?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the start-up check", () => {
  it("names the store without the password", () => {
    expect(describeStore({ DATABASE_URL: "postgres://app:s3cret@db.example:5432/pp" })).toBe("PostgreSQL at postgres://app:***@db.example:5432/pp");
    expect(describeStore({ DATABASE_URL: "not a url" })).toBe("the PostgreSQL server named by DATABASE_URL (which is not a valid URL)");
    expect(describeStore({ DATA_DIR: "/srv/pp" })).toBe("the SQLite file /srv/pp/peer-practice.sqlite");
  });

  it("waits out a SQLite file that another process holds locked at start, then finds it usable", async () => {
    const file = path.join(dir, "peer-practice.sqlite");
    // Another process holds the new file locked while this one starts, as the server's processes may.
    const other = new SqliteDatabase(file);
    other.exec("BEGIN EXCLUSIVE");
    const release = setTimeout(() => other.exec("COMMIT"), 100);
    try {
      const env = { DATA_DIR: dir };
      Object.assign(process.env, env);
      expect(await storeProblem(env)).toBeUndefined();
    } finally {
      clearTimeout(release);
      if (other.inTransaction) other.exec("COMMIT");
      other.close();
      delete process.env.DATA_DIR;
    }
  }, 30_000);
});
