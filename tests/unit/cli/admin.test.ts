/** `npm run admin -- create-user` as a real process on a SQLite file, and the accounts it makes. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adminCommands, main } from "../../../cli/admin";
import { countAccounts, rolesOf } from "../../../server/accounts";
import { authSecret, createAuth } from "../../../server/auth";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../../server/open-store";
import { fakeIo } from "./fake-io";
import { runProcess, type ProcessResult } from "./run-process";

const tmp = mkdtempSync(path.join(tmpdir(), "pp-admin-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let dirs = 0;
/** A new, empty DATA_DIR. */
function dataDir(): string {
  const dir = path.join(tmp, `data-${++dirs}`);
  mkdirSync(dir);
  return dir;
}

interface Run {
  /** Standard input, written and then ended; none: ended at once. */
  input?: string;
  /** PEER_PRACTICE_PASSWORD, when set. */
  password?: string;
}

/** Runs the admin command line with DATA_DIR (and never DATABASE_URL) and its streams as pipes. */
function admin(dir: string, args: string[], { input, password }: Run = {}): Promise<ProcessResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
  delete env.DATABASE_URL;
  delete env.BETTER_AUTH_SECRET;
  delete env.PEER_PRACTICE_PASSWORD;
  if (password !== undefined) env.PEER_PRACTICE_PASSWORD = password;
  return runProcess("cli/admin.ts", args, { input, env });
}

/** Opens the store in `dir` after the process has ended, and signs in there. */
async function inStore<T>(dir: string, use: (s: { signIn: (email: string, password: string) => Promise<number>; accounts: () => Promise<number>; roles: (email: string) => Promise<string[]> }) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(path.join(dir, SQLITE_FILE_NAME));
  try {
    const database = await store.database();
    const auth = createAuth(database, await authSecret(database.db, {}));
    return await use({
      signIn: async (email, password) => (await auth.api.signInEmail({ body: { email, password }, asResponse: true })).status,
      accounts: () => countAccounts(database.db),
      roles: async (email) => {
        const user = await database.db.selectFrom("auth_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
        return rolesOf(database.db, user.id);
      },
    });
  } finally {
    await store.close();
  }
}

const ADA = ["create-user", "--email", "Ada@Example.org", "--name", "Ada Admin", "--role", "admin"];
const SECRET = "correct horse battery";

describe("npm run admin -- create-user", { timeout: 60_000 }, () => {
  it("makes an account with the password from PEER_PRACTICE_PASSWORD, which then signs in; the same email again is refused", async () => {
    const dir = dataDir();
    const made = await admin(dir, ADA, { password: SECRET });
    expect(made).toEqual({ code: 0, stdout: `Made the account ada@example.org, named "Ada Admin", with the role admin\n`, stderr: "" });

    const again = await admin(dir, [...ADA.slice(0, 2), "ADA@example.org", "--name", "Ada Again", "--role", "trainee"], { password: "another long password" });
    expect(again).toEqual({ code: 1, stdout: "", stderr: "admin create-user: an account with the email ada@example.org already exists\n" });

    await inStore(dir, async ({ signIn, accounts, roles }) => {
      expect(await accounts()).toBe(1);
      expect(await roles("ada@example.org")).toEqual(["admin"]);
      expect(await signIn("ada@example.org", SECRET)).toBe(200);
      expect(await signIn("ada@example.org", "another long password")).toBe(401);
    });
  });

  it("reads the password as one line of standard input, with several roles", async () => {
    const dir = dataDir();
    const args = ["create-user", "--email", "sam@example.org", "--name", "Sam Rivera", "--role", "trainee", "--role", "supervisor", "--role", "trainee"];
    const made = await admin(dir, args, { input: "a password on stdin\r\nthe next line is not read\n" });
    expect(made).toEqual({ code: 0, stdout: `Made the account sam@example.org, named "Sam Rivera", with the roles trainee and supervisor\n`, stderr: "" });
    await inStore(dir, async ({ signIn, roles }) => {
      expect(await roles("sam@example.org")).toEqual(["trainee", "supervisor"]);
      expect(await signIn("sam@example.org", "a password on stdin")).toBe(200);
    });
  });

  it("refuses --password, saying why, without showing it", async () => {
    const dir = dataDir();
    for (const args of [[...ADA, "--password", "hunter2hunter2"], [...ADA, "--password=hunter2hunter2"]]) {
      const { code, stdout, stderr } = await admin(dir, args, { password: SECRET });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain("--password is refused: a password on the command line shows in the shell's history and in the process list");
      expect(stderr).toContain(`Run "npm run admin -- create-user --help" for usage.`);
      expect(stderr).not.toContain("hunter2");
    }
    expect(existsSync(path.join(dir, SQLITE_FILE_NAME))).toBe(false);
  });

  it("refuses an unknown role as a usage mistake (exit 2), making nothing", async () => {
    const dir = dataDir();
    const { code, stdout, stderr } = await admin(dir, [...ADA, "--role", "boss"], { password: SECRET });
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain(`admin create-user: unknown role "boss": a role is one of trainee, supervisor, trainer, admin`);
    expect(existsSync(path.join(dir, SQLITE_FILE_NAME))).toBe(false);
  });

  it("refuses a short password, and a bad email and name with one sentence each, storing nothing", async () => {
    const dir = dataDir();
    expect((await admin(dir, ADA, { password: SECRET })).code).toBe(0);
    const short = await admin(dir, ["create-user", "--email", "bo@example.org", "--name", "Bo", "--role", "trainer"], { input: "short\n" });
    expect(short).toEqual({ code: 1, stdout: "", stderr: "admin create-user: the password must be at least 10 characters\n" });
    // The email and the name are refused before the password is read.
    const both = await admin(dir, ["create-user", "--email", "bo-at-example", "--name", " ", "--role", "trainer"], { input: "short\n" });
    expect(both).toEqual({
      code: 1,
      stdout: "",
      stderr: "admin create-user: the email must be an email address\nadmin create-user: the name must not be empty\n",
    });
    await inStore(dir, async ({ accounts, signIn }) => {
      expect(await accounts()).toBe(1);
      expect(await signIn("bo@example.org", "short")).toBe(401);
    });
  });

  it("refuses to go on with no password at all (exit 2)", async () => {
    const dir = dataDir();
    const { code, stdout, stderr } = await admin(dir, ADA);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain("admin create-user: no password given: set PEER_PRACTICE_PASSWORD or write it on standard input");
    expect(existsSync(path.join(dir, SQLITE_FILE_NAME))).toBe(false);
  });

  it("says why a store cannot be opened, and exits 1", async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, SQLITE_FILE_NAME), "this is not a SQLite database, only some text in its place\n".repeat(20));
    const { code, stdout, stderr } = await admin(dir, ADA, { password: SECRET });
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toBe("admin create-user: the store cannot be opened: the SQLite database file is not a database (it may have been overwritten)\n");
  });
});

describe("npm run admin -- --help", () => {
  it("lists the commands, and each command's help names the roles, the exit codes and where the password comes from", async () => {
    const commands = adminCommands({}, false);
    const list = fakeIo();
    expect(await main(["--help"], list.io, commands)).toBe(0);
    expect(list.out).toContain("  create-user   make an account with a password and roles");
    expect(list.out).toContain("  create-cohort make a cohort");
    expect(list.out).toContain("  add-to-cohort put an account in a cohort as a trainee or as staff");

    const help = fakeIo();
    expect(await main(["create-user", "--help"], help.io, commands)).toBe(0);
    const text = help.out.join("\n");
    expect(text).toContain("trainee, supervisor, trainer, admin");
    expect(text).toContain("PEER_PRACTICE_PASSWORD");
    expect(text).toContain("2 a usage mistake (a\nmissing or unknown option, an unknown role, --password, no password given)");

    const unknown = fakeIo();
    expect(await main(["make-user"], unknown.io, commands)).toBe(2);
    expect(unknown.err[0]).toBe(`admin: unknown command "make-user"`);
  });
});

describe("a password typed on a terminal", () => {
  it("asks twice for a typed password and refuses two that differ", async () => {
    const dir = dataDir();
    const commands = adminCommands({ DATA_DIR: dir }, true);
    const { io, err } = fakeIo(["a long password", "a long passw0rd"]);
    expect(await main(ADA, io, commands)).toBe(1);
    expect(err).toEqual(["admin create-user: the two passwords typed differ"]);
    expect(existsSync(path.join(dir, SQLITE_FILE_NAME))).toBe(false);
  });
});
