/** The check each server process makes before it serves: the database must be usable. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getStore } from "../../../server/open-store";
import { describeStore, settingWarnings, storeProblem } from "../../../server/startup-check";

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

describe("settings said once at start", () => {
  it("warns when mail is on without PUBLIC_URL, since the mailed link's host would come from the request", () => {
    const mail = { SMTP_URL: "smtp://127.0.0.1:25", MAIL_FROM: "Peer Practice <practice@example.org>" };
    expect(settingWarnings(mail)).toEqual([
      "SMTP_URL is set but PUBLIC_URL is not: mailed set-password links are built on the host name each request names. Set PUBLIC_URL to the address people use.",
    ]);
    expect(settingWarnings({ ...mail, PUBLIC_URL: "https://practice.example.org" })).toEqual([]);
    expect(settingWarnings({})).toEqual([]);
  });
});
