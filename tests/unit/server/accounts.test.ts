/** Accounts over the store's own database, on SQLite and PostgreSQL: the schema, the first administrator, signing in. */
import { getMigrations } from "better-auth/db/migration";
import { describe, expect, it, vi } from "vitest";
import { storeBackends } from "../../store-backends";
import { ROLES } from "../../../contracts/enums";
import { accountOf, CONFIRMED_SIGN_IN_MS, countAccounts, MAX_KEPT_COOKIE_CHARS, createAccount, createFirstAdmin, rolesOf, standingOf } from "../../../server/accounts";

const ROLE_ORDER = (r: string) => (ROLES as readonly string[]).indexOf(r);
import { authSecret, createAuth, type Auth } from "../../../server/auth";
import { ServiceError } from "../../../server/service-error";
import type { Store, StoreDatabase } from "../../../server/store";

const backends = storeBackends("accounts");

describe.each(backends)("accounts on %s", (_name, openStore) => {
  async function fresh(): Promise<{ auth: Auth; database: StoreDatabase }> {
    const store = await openStore();
    const database = await store.database();
    return { auth: createAuth(database, await authSecret(database.db, {})), database };
  }

  const admin = { email: "Ada@Example.org", name: "Ada Admin", password: "correct horse battery" };

  it("has, after the app's migrations, every table and column the authentication library expects", async () => {
    const { auth } = await fresh();
    const { toBeCreated, toBeAdded } = await getMigrations(auth.options);
    expect(toBeCreated).toEqual([]);
    expect(toBeAdded).toEqual([]);
  });

  it("keeps one cookie secret for every process, made once", async () => {
    const { database } = await fresh();
    const first = await authSecret(database.db, {});
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(await authSecret(database.db, {})).toBe(first);
    expect(await authSecret(database.db, { BETTER_AUTH_SECRET: "from-the-environment-0123456789abcdef" })).toBe("from-the-environment-0123456789abcdef");
  });

  it("makes the first administrator once, even when two first visits arrive together", async () => {
    const { auth, database } = await fresh();
    const results = await Promise.allSettled([
      createFirstAdmin(auth, database.db, admin),
      createFirstAdmin(auth, database.db, { ...admin, email: "eve@example.org", name: "Eve" }),
    ]);
    const made = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(made).toHaveLength(1);
    expect(refused[0]?.reason).toBeInstanceOf(ServiceError);
    expect((refused[0]?.reason as ServiceError).status).toBe(409);
    expect(await countAccounts(database.db)).toBe(1);
    await expect(createFirstAdmin(auth, database.db, { ...admin, email: "late@example.org" })).rejects.toMatchObject({ status: 409 });
  });

  it("signs in with the right password, and answers a wrong password and an unknown email alike", async () => {
    const { auth, database } = await fresh();
    const made = await createFirstAdmin(auth, database.db, admin);
    expect(made).toMatchObject({ email: "ada@example.org", name: "Ada Admin", roles: ["admin"] });

    const res = await auth.api.signInEmail({ body: { email: "ada@example.org", password: admin.password }, asResponse: true });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/peer-practice\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = /peer-practice\.session_token=[^;]+/.exec(cookie)![0];
    expect(await accountOf(auth, database.db, new Headers({ cookie: token }))).toMatchObject({ name: "Ada Admin", roles: ["admin"] });
    expect(await accountOf(auth, database.db, new Headers())).toBeNull();

    const wrong = await auth.api.signInEmail({ body: { email: "ada@example.org", password: "not the password" }, asResponse: true });
    const unknown = await auth.api.signInEmail({ body: { email: "nobody@example.org", password: "not the password" }, asResponse: true });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("counts for nothing a sign-in kept from before the account was deactivated, and reads roles and standing in one query", async () => {
    const { auth, database } = await fresh();
    const made = await createFirstAdmin(auth, database.db, admin);
    await database.db.insertInto("user_roles").values({ user_id: made.id, role: "trainer" }).execute();
    const res = await auth.api.signInEmail({ body: { email: "ada@example.org", password: admin.password }, asResponse: true });
    const token = /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
    expect(await standingOf(database.db, made.id)).toEqual(["trainer", "admin"].sort((a, b) => ROLE_ORDER(a) - ROLE_ORDER(b)));
    // Marked deactivated with its sign-in left in place (deactivating also deletes sign-ins).
    await database.db.insertInto("deactivated_users").values({ user_id: made.id, deactivated_at: new Date().toISOString() }).execute();
    expect(await standingOf(database.db, made.id)).toBeNull();
    expect(await accountOf(auth, database.db, new Headers({ cookie: token }))).toBeNull();
    expect(await standingOf(database.db, "no-such-account")).toEqual([]);
  });

  it("re-checks a sign-in the library confirmed by one query, and counts it for nothing once signed out, expired or deactivated", async () => {
    const { auth, database } = await fresh();
    const { db } = database;
    const made = await createFirstAdmin(auth, db, admin);
    const signIn = async () => {
      const res = await auth.api.signInEmail({ body: { email: "ada@example.org", password: admin.password }, asResponse: true });
      // With another cookie beside it, as a browser sends them.
      return new Headers({ cookie: `theme=dark; ${/peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0]}` });
    };
    const library = vi.spyOn(auth.api, "getSession");
    try {
      const headers = await signIn();
      expect(await accountOf(auth, db, headers)).toMatchObject({ id: made.id, name: "Ada Admin", roles: ["admin"] });
      expect(library).toHaveBeenCalledTimes(1);
      // The next requests: the account as it is now (name and roles read fresh), without the library.
      await db.updateTable("auth_user").set({ name: "Ada Lovelace" }).where("id", "=", made.id).execute();
      await db.insertInto("user_roles").values({ user_id: made.id, role: "trainer" }).execute();
      expect(await accountOf(auth, db, headers)).toEqual({ id: made.id, email: "ada@example.org", name: "Ada Lovelace", roles: ["trainer", "admin"].sort((a, b) => ROLE_ORDER(a) - ROLE_ORDER(b)) });
      expect(library).toHaveBeenCalledTimes(1);

      // Deactivated while its sign-in is kept: nothing, at once.
      await db.insertInto("deactivated_users").values({ user_id: made.id, deactivated_at: new Date().toISOString() }).execute();
      expect(await accountOf(auth, db, headers)).toBeNull();
      await db.deleteFrom("deactivated_users").where("user_id", "=", made.id).execute();
      expect(await accountOf(auth, db, headers)).toMatchObject({ id: made.id });

      // Signed out (the library deletes the sign-in): nothing, and the library is asked again.
      await auth.api.signOut({ headers });
      const calls = library.mock.calls.length;
      expect(await accountOf(auth, db, headers)).toBeNull();
      expect(library.mock.calls.length).toBe(calls + 1);

      // Expired in the database: nothing.
      const later = await signIn();
      expect(await accountOf(auth, db, later)).toMatchObject({ id: made.id });
      const past = new Date(Date.now() - 1000);
      await db.updateTable("auth_session").set({ expiresAt: database.type === "sqlite" ? past.toISOString() : past }).where("userId", "=", made.id).execute();
      expect(await accountOf(auth, db, later)).toBeNull();

      // A Cookie header longer than a browser's for this site is never kept: the library is asked each time.
      const long = new Headers({ cookie: `${(await signIn()).get("cookie")}; padding=${"x".repeat(MAX_KEPT_COOKIE_CHARS)}` });
      const first = library.mock.calls.length;
      expect(await accountOf(auth, db, long)).toMatchObject({ id: made.id });
      expect(await accountOf(auth, db, long)).toMatchObject({ id: made.id });
      expect(library.mock.calls.length).toBe(first + 2);

      // A cookie the library refused is never kept: asked again each time.
      const forged = new Headers({ cookie: "peer-practice.session_token=made-up.signature" });
      const before = library.mock.calls.length;
      expect(await accountOf(auth, db, forged)).toBeNull();
      expect(await accountOf(auth, db, forged)).toBeNull();
      expect(library.mock.calls.length).toBe(before + 2);
    } finally {
      library.mockRestore();
    }
  });

  it("asks the library again once a confirmed sign-in is a minute old (which extends it when due)", async () => {
    const { auth, database } = await fresh();
    await createFirstAdmin(auth, database.db, admin);
    const res = await auth.api.signInEmail({ body: { email: "ada@example.org", password: admin.password }, asResponse: true });
    const headers = new Headers({ cookie: /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0] });
    const library = vi.spyOn(auth.api, "getSession");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      expect(await accountOf(auth, database.db, headers)).not.toBeNull();
      vi.setSystemTime(Date.now() + CONFIRMED_SIGN_IN_MS - 1);
      expect(await accountOf(auth, database.db, headers)).not.toBeNull();
      expect(library).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 2);
      expect(await accountOf(auth, database.db, headers)).not.toBeNull();
      expect(library).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
      library.mockRestore();
    }
  });

  it("sets Secure cookies for requests over HTTPS", async () => {
    const { auth, database } = await fresh();
    await createFirstAdmin(auth, database.db, admin);
    const secure = createAuth(database, await authSecret(database.db, {}), { secure: true });
    const signIn = (a: Auth, origin: string) =>
      a.handler(
        new Request("https://practice.example.org/api/auth/sign-in/email", {
          method: "POST",
          headers: { host: "practice.example.org", origin, "content-type": "application/json" },
          body: JSON.stringify({ email: admin.email, password: admin.password }),
        }),
      );
    const ok = await signIn(secure, "https://practice.example.org");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/^__Secure-peer-practice\.session_token=[^;]+;.*Secure/);
  });

  it("limits sign-in attempts from one address to 10 a minute, and not those from another", async () => {
    const { auth, database } = await fresh();
    await createFirstAdmin(auth, database.db, admin);
    const attempt = async (from: string) =>
      (
        await auth.handler(
          new Request("http://practice.test/api/auth/sign-in/email", {
            method: "POST",
            headers: { host: "practice.test", "content-type": "application/json", "x-peer-practice-client": from },
            body: JSON.stringify({ email: admin.email, password: "a wrong guess, again" }),
          }),
        )
      ).status;
    const guesses: number[] = [];
    // The library keeps its counts in memory for the whole process, so each run of this test uses addresses of its own.
    const [one, other] = _name === "SQLite" ? ["203.0.113.7", "198.51.100.2"] : ["203.0.113.8", "198.51.100.3"];
    for (let i = 0; i < 12; i++) guesses.push(await attempt(one));
    expect(guesses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    expect(await attempt(other)).toBe(401);
  });

  it("refuses a second account with an email already in use, whatever its case", async () => {
    const { auth, database } = await fresh();
    const trainee = await createAccount(auth, database.db, { email: "sam@example.org", name: "Sam", password: "a long password", roles: ["trainee", "supervisor"] });
    expect(await rolesOf(database.db, trainee.id)).toEqual(["trainee", "supervisor"]);
    await expect(
      createAccount(auth, database.db, { email: "SAM@example.org", name: "Sam 2", password: "a long password", roles: ["trainee"] }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("refuses a short password and a bad email before anything is stored", async () => {
    const { auth, database } = await fresh();
    await expect(createFirstAdmin(auth, database.db, { ...admin, password: "short" })).rejects.toThrow();
    await expect(createFirstAdmin(auth, database.db, { ...admin, email: "not an email" })).rejects.toThrow();
    expect(await countAccounts(database.db)).toBe(0);
    // A failed first attempt leaves the way open for the next.
    await expect(createFirstAdmin(auth, database.db, admin)).resolves.toMatchObject({ roles: ["admin"] });
  });
});
