/** `npm run admin -- create-cohort` and `add-to-cohort` on a SQLite file: the cohorts and memberships they make, and what they refuse. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adminCommands, main } from "../../../cli/admin";
import type { Role } from "../../../contracts/enums";
import { createAccount } from "../../../server/accounts";
import { listAudit } from "../../../server/audit";
import { authSecret, createAuth } from "../../../server/auth";
import type { Database } from "../../../server/db/database";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../../server/open-store";
import { fakeIo } from "./fake-io";
import { runProcess } from "./run-process";
import type { Kysely } from "kysely";

const tmp = mkdtempSync(path.join(tmpdir(), "pp-admin-cohorts-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let dirs = 0;
/** A new, empty DATA_DIR. */
function dataDir(): string {
  const dir = path.join(tmp, `data-${++dirs}`);
  mkdirSync(dir);
  return dir;
}

/** Opens the store in `dir` (between commands, never during one) and closes it after `use`. */
async function inStore<T>(dir: string, use: (db: Kysely<Database>, person: (name: string, roles: Role[]) => Promise<void>) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(path.join(dir, SQLITE_FILE_NAME));
  try {
    const database = await store.database();
    const auth = createAuth(database, await authSecret(database.db, {}));
    const person = async (name: string, roles: Role[]) =>
      void (await createAccount(auth, database.db, { email: `${name.toLowerCase()}@example.org`, name, password: `${name}'s long password`, roles }));
    return await use(database.db, person);
  } finally {
    await store.close();
  }
}

/** Runs one admin command line in this process against `dir`; answers the exit code and what it printed. */
async function admin(dir: string, args: string[]) {
  const { io, out, err } = fakeIo();
  const code = await main(args, io, adminCommands({ DATA_DIR: dir }, false));
  return { code, out, err };
}

const memberships = (db: Kysely<Database>) =>
  db
    .selectFrom("cohort_members")
    .innerJoin("cohorts", "cohorts.id", "cohort_members.cohort_id")
    .innerJoin("auth_user", "auth_user.id", "cohort_members.user_id")
    .select(["cohorts.name as cohort", "auth_user.email", "cohort_members.membership"])
    .orderBy("auth_user.email")
    .execute();

describe("npm run admin -- create-cohort", { timeout: 60_000 }, () => {
  it("makes a cohort as a real process, printing one line; the same name again, in any case, is refused (exit 1)", async () => {
    const dir = dataDir();
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
    delete env.DATABASE_URL;
    const made = await runProcess("cli/admin.ts", ["create-cohort", "--name", "Spring intake"], { env });
    expect(made).toEqual({ code: 0, stdout: `Made the cohort "Spring intake"\n`, stderr: "" });
    const again = await runProcess("cli/admin.ts", ["create-cohort", "--name", "SPRING INTAKE"], { env });
    expect(again).toEqual({ code: 1, stdout: "", stderr: `admin create-cohort: a cohort named "SPRING INTAKE" already exists\n` });

    await inStore(dir, async (db) => {
      expect((await db.selectFrom("cohorts").select("name").execute()).map((c) => c.name)).toEqual(["Spring intake"]);
      // The audit log names the command line as who made it.
      const { entries } = await listAudit(db);
      expect(entries.map((e) => [e.action, e.actor, e.detail?.cohort])).toEqual([
        ["cohort-created", { id: "command-line", name: "Command line" }, "Spring intake"],
      ]);
    });
  });

  it("refuses a name that does not fit (exit 1) and a missing one (exit 2), making nothing", async () => {
    const dir = dataDir();
    expect(await admin(dir, ["create-cohort", "--name", " "])).toEqual({ code: 1, out: [], err: ["admin create-cohort: the name must not be empty"] });
    expect(await admin(dir, ["create-cohort", "--name", "x".repeat(81)])).toEqual({
      code: 1,
      out: [],
      err: ["admin create-cohort: the name must be at most 80 characters"],
    });
    const missing = await admin(dir, ["create-cohort"]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toBe("admin create-cohort: --name is required");
    const twice = await admin(dir, ["create-cohort", "--name", "A", "--name", "B"]);
    expect(twice.code).toBe(2);
    expect(twice.err[0]).toBe("admin create-cohort: --name is given 2 times; give it once");
    expect(existsSync(path.join(dir, SQLITE_FILE_NAME))).toBe(false);
  });
});

describe("npm run admin -- add-to-cohort", { timeout: 60_000 }, () => {
  it("puts trainees and staff in a cohort by its name and their email, and changes how someone belongs", async () => {
    const dir = dataDir();
    expect((await admin(dir, ["create-cohort", "--name", "North"])).code).toBe(0);
    await inStore(dir, async (_db, person) => {
      await person("Kit", ["trainee"]);
      await person("Sam", ["supervisor", "trainee"]);
    });
    expect(await admin(dir, ["add-to-cohort", "--cohort", "north", "--email", "KIT@example.org", "--as", "trainee"])).toEqual({
      code: 0,
      out: [`Added Kit (kit@example.org) to the cohort "North" as a trainee`],
      err: [],
    });
    expect((await admin(dir, ["add-to-cohort", "--cohort", "North", "--email", "sam@example.org", "--as", "trainee"])).code).toBe(0);
    expect(await admin(dir, ["add-to-cohort", "--cohort", "North", "--email", "sam@example.org", "--as", "staff"])).toEqual({
      code: 0,
      out: [`Added Sam (sam@example.org) to the cohort "North" as staff`],
      err: [],
    });
    await inStore(dir, async (db) => {
      expect(await memberships(db)).toEqual([
        { cohort: "North", email: "kit@example.org", membership: "trainee" },
        { cohort: "North", email: "sam@example.org", membership: "staff" },
      ]);
      const { entries } = await listAudit(db);
      expect(entries[0]).toMatchObject({
        action: "cohort-member-added",
        actor: { id: "command-line", name: "Command line" },
        subject: { name: "Sam" },
        detail: { cohort: "North", membership: "staff" },
      });
    });
  });

  it("refuses an unknown cohort, an unknown email and an account without the role the membership needs (exit 1), changing nothing", async () => {
    const dir = dataDir();
    expect((await admin(dir, ["create-cohort", "--name", "North"])).code).toBe(0);
    await inStore(dir, async (_db, person) => {
      await person("Kit", ["trainee"]);
      await person("Sam", ["supervisor"]);
    });
    const add = (cohort: string, email: string, as: string) => admin(dir, ["add-to-cohort", "--cohort", cohort, "--email", email, "--as", as]);
    expect(await add("South", "kit@example.org", "trainee")).toEqual({ code: 1, out: [], err: [`admin add-to-cohort: no cohort is named "South"`] });
    expect(await add("North", "nobody@example.org", "trainee")).toEqual({
      code: 1,
      out: [],
      err: ["admin add-to-cohort: no account has the email nobody@example.org"],
    });
    expect(await add("North", "kit@example.org", "staff")).toEqual({
      code: 1,
      out: [],
      err: ["admin add-to-cohort: Kit holds neither the supervisor nor the trainer role"],
    });
    expect(await add("North", "sam@example.org", "trainee")).toEqual({
      code: 1,
      out: [],
      err: ["admin add-to-cohort: Sam does not hold the trainee role"],
    });
    expect(await add("North", "not-an-email", "trainee")).toEqual({ code: 1, out: [], err: ["admin add-to-cohort: the email must be an email address"] });
    await inStore(dir, async (db) => expect(await memberships(db)).toEqual([]));
  });

  it("refuses --as other than trainee or staff, and a missing option, as usage mistakes (exit 2)", async () => {
    const dir = dataDir();
    const boss = await admin(dir, ["add-to-cohort", "--cohort", "North", "--email", "kit@example.org", "--as", "boss"]);
    expect(boss.code).toBe(2);
    expect(boss.err[0]).toBe(`admin add-to-cohort: --as must be trainee or staff, not "boss"`);
    expect(boss.err[1]).toBe(`Run "npm run admin -- add-to-cohort --help" for usage.`);
    const missing = await admin(dir, ["add-to-cohort", "--email", "kit@example.org", "--as", "trainee"]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toBe("admin add-to-cohort: --cohort is required");
    expect((await admin(dir, ["add-to-cohort", "--cohort", "North", "--email", "kit@example.org", "--as", "trainee", "--role", "x"])).code).toBe(2);
    expect(existsSync(path.join(dir, SQLITE_FILE_NAME))).toBe(false);
  });
});

describe("the cohort commands' help", () => {
  it("names the options, the memberships and the exit codes", async () => {
    const commands = adminCommands({}, false);
    const create = fakeIo();
    expect(await main(["create-cohort", "--help"], create.io, commands)).toBe(0);
    expect(create.out.join("\n")).toContain("--name <name>");
    const add = fakeIo();
    expect(await main(["add-to-cohort", "--help"], add.io, commands)).toBe(0);
    const text = add.out.join("\n");
    expect(text).toContain("--as trainee|staff");
    expect(text).toContain("Exit codes: 0 done; 1 refused");
  });
});
