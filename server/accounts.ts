/**
 * Accounts and their roles: making one (the first administrator on an empty store, or one an
 * administrator asks for), and who is signed in on a request. Passwords are hashed and checked
 * by the authentication library; this module only decides who may be made and with which roles.
 */
import { sql, type Kysely } from "kysely";
import { newAccountSchema, type FirstAdminRequest, type NewAccount } from "../contracts/account-requests";
import { ROLES, type Role } from "../contracts/enums";
import { audit, type AuditParty } from "./audit";
import { getAuthFor, type Auth } from "./auth";
import type { Database } from "./db/database";
import { getStore } from "./open-store";
import { ServiceError } from "./service-error";
import { unavailableReason } from "./store-errors";

/** A signed-in person as the app sees them. */
export interface Account {
  id: string;
  email: string;
  /** Shown on their sessions and comments. */
  name: string;
  roles: Role[];
}

/** How many accounts exist. */
export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("auth_user").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The roles an account holds, in the order of ROLES. */
export async function rolesOf(db: Kysely<Database>, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).execute();
  const held = new Set(rows.map((r) => r.role));
  return ROLES.filter((r) => held.has(r));
}

/**
 * Makes an account with a password and roles; refuses (409) an email already in use. `actor` is
 * who asked, for the audit log (none for the first administrator and the command line).
 */
export async function createAccount(auth: Auth, db: Kysely<Database>, input: NewAccount, actor: AuditParty | null = null): Promise<Account> {
  const account = newAccountSchema.parse(input);
  const ctx = await auth.$context;
  if (await ctx.internalAdapter.findUserByEmail(account.email)) {
    throw new ServiceError(409, `an account with the email ${account.email} already exists`);
  }
  const hash = await ctx.password.hash(account.password);
  let user: { id: string };
  try {
    user = await ctx.internalAdapter.createUser({ email: account.email, name: account.name, emailVerified: false }, { method: "admin" });
  } catch (e) {
    // Two requests for one email at once: the unique index lets only one through.
    if (await ctx.internalAdapter.findUserByEmail(account.email)) throw new ServiceError(409, `an account with the email ${account.email} already exists`);
    throw e;
  }
  await ctx.internalAdapter.linkAccount({ providerId: "credential", accountId: user.id, userId: user.id, password: hash });
  const roles = ROLES.filter((r) => account.roles.includes(r));
  await db.insertInto("user_roles").values(roles.map((role) => ({ user_id: user.id, role }))).execute();
  await audit(db, "account-created", actor, { id: user.id, name: account.name }, { email: account.email, roles, passwordSet: true });
  return { id: user.id, email: account.email, name: account.name, roles };
}

/**
 * Makes the first administrator, only while no account exists. Two first visits at once must not
 * both become administrators: each claims the one `first-admin` setting, and only the request
 * whose claim went in goes on.
 */
export async function createFirstAdmin(auth: Auth, db: Kysely<Database>, input: FirstAdminRequest): Promise<Account> {
  if ((await countAccounts(db)) > 0) throw new ServiceError(409, "an administrator already exists; sign in instead");
  const claim = await db
    .insertInto("settings")
    .values({ name: "first-admin", value: new Date().toISOString() })
    .onConflict((oc) => oc.column("name").doNothing())
    .executeTakeFirst();
  if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) throw new ServiceError(409, "an administrator already exists; sign in instead");
  try {
    if ((await countAccounts(db)) > 0) throw new ServiceError(409, "an administrator already exists; sign in instead");
    return await createAccount(auth, db, { ...input, roles: ["admin"] });
  } catch (e) {
    // Nothing was made: let the next first visit try again.
    if ((await countAccounts(db)) === 0) await db.deleteFrom("settings").where("name", "=", "first-admin").execute();
    throw e;
  }
}

/** How long a sign-in the library has confirmed is re-checked by the app's one query before the library is asked again. */
export const CONFIRMED_SIGN_IN_MS = 60_000;
/**
 * At most this many confirmed sign-ins are kept per process (the oldest goes first), each under a
 * Cookie header of at most MAX_KEPT_COOKIE_CHARS (a browser's for this site is a few hundred): a
 * signed-in client varying long headers cannot make the process keep more than about 10 MB.
 */
const MAX_CONFIRMED = 10_000;
export const MAX_KEPT_COOKIE_CHARS = 1_024;

/** Per authentication instance: a request's whole Cookie header → the sign-in token the library found for it, and until when. */
const confirmedSignIns = new WeakMap<Auth, Map<string, { token: string; until: number }>>();

/**
 * Who is signed in on a request (by its cookie), with their roles; null for nobody.
 *
 * The library checks the cookie: its signature, the sign-in it names, and its expiry (which it
 * also extends once a day). It costs more CPU than the rest of a choice's reading, so once it has
 * confirmed a Cookie header, the same header within CONFIRMED_SIGN_IN_MS is checked by one query
 * instead: the sign-in the library found still exists and has not expired, and its account is
 * not deactivated (with the account's name and roles, read fresh). Signing out, a password set
 * through a link, deactivation and erasure all delete the sign-in, so each counts on the next
 * request, in every server process. Only sign-ins the library confirmed are kept: a forged or
 * unknown cookie always goes to the library.
 */
export async function accountOf(auth: Auth, db: Kysely<Database>, headers: Headers): Promise<Account | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  let confirmed = confirmedSignIns.get(auth);
  if (!confirmed) confirmedSignIns.set(auth, (confirmed = new Map()));
  const kept = confirmed.get(cookie);
  if (kept) {
    confirmed.delete(cookie);
    if (kept.until > Date.now()) {
      const standing = await signInStanding(db, kept.token);
      if (standing === "deactivated") return null;
      if (standing !== undefined) {
        confirmed.set(cookie, kept);
        return standing;
      }
      // Gone or expired: the library answers (and clears what it must).
    }
  }
  let found: Awaited<ReturnType<Auth["api"]["getSession"]>>;
  try {
    found = await auth.api.getSession({ headers });
  } catch (e) {
    // The library wraps a database failure in its own error; the app answers that one (503, or the page's notice).
    const cause = (e as { cause?: unknown }).cause;
    throw unavailableReason(cause) !== undefined ? cause : e;
  }
  if (!found) return null;
  // A sign-in made before the account was deactivated counts for nothing (deactivating also deletes it).
  const roles = await standingOf(db, found.user.id);
  if (roles === null) return null;
  if (cookie.length <= MAX_KEPT_COOKIE_CHARS) {
    if (confirmed.size >= MAX_CONFIRMED) confirmed.delete(confirmed.keys().next().value!);
    confirmed.set(cookie, { token: found.session.token, until: Date.now() + CONFIRMED_SIGN_IN_MS });
  }
  return { id: found.user.id, email: found.user.email, name: found.user.name, roles };
}

/**
 * The account of a sign-in the library confirmed before, in one query: undefined when the sign-in
 * is gone or has expired, "deactivated" when its account is.
 */
async function signInStanding(db: Kysely<Database>, token: string): Promise<Account | "deactivated" | undefined> {
  const rows = await db
    .selectFrom("auth_session as s")
    .innerJoin("auth_user as u", "u.id", "s.userId")
    .leftJoin("user_roles as r", "r.user_id", "s.userId")
    .select(["u.id", "u.name", "u.email", "s.expiresAt", "r.role"])
    .select((eb) => eb.exists(eb.selectFrom("deactivated_users as d").select("d.user_id").whereRef("d.user_id", "=", "s.userId")).as("deactivated"))
    .where("s.token", "=", token)
    .execute();
  const first = rows[0];
  if (!first || !(new Date(first.expiresAt).getTime() > Date.now())) return undefined;
  if (Number(first.deactivated) === 1) return "deactivated";
  const held = new Set<string | null>(rows.map((r) => r.role));
  return { id: first.id, email: first.email, name: first.name, roles: ROLES.filter((r) => held.has(r)) };
}

/** Not a role: the row that says the account is deactivated, in standingOf's one query. */
const DEACTIVATED_MARK = "(deactivated)";

/**
 * The account's roles, or null when it is deactivated: what every signed-in request needs to
 * know about the account besides its sign-in, in one query (as rolesOf and isDeactivated answer).
 */
export async function standingOf(db: Kysely<Database>, userId: string): Promise<Role[] | null> {
  const rows = await db
    .selectFrom("user_roles")
    .select("role")
    .where("user_id", "=", userId)
    .unionAll(db.selectFrom("deactivated_users").select(sql.lit(DEACTIVATED_MARK).as("role")).where("user_id", "=", userId))
    .execute();
  const held = new Set<string>(rows.map((r) => r.role));
  if (held.has(DEACTIVATED_MARK)) return null;
  return ROLES.filter((r) => held.has(r));
}

/** Who is signed in on a request to this server, with their roles; null for nobody. */
export async function signedInAccount(headers: Headers): Promise<Account | null> {
  const [auth, { db }] = await Promise.all([getAuthFor(headers), getStore().then((s) => s.database())]);
  return accountOf(auth, db, headers);
}

/** Whether any account exists yet (none on a new installation, which then asks for its first administrator). */
export async function hasAccounts(): Promise<boolean> {
  const { db } = await (await getStore()).database();
  return (await countAccounts(db)) > 0;
}

/** The account signed in on an API request; refuses (401) a request with no valid sign-in. */
export async function requireAccount(request: Pick<Request, "headers">): Promise<Account> {
  const account = await signedInAccount(request.headers);
  if (!account) throw new ServiceError(401, "sign in first: this needs a signed-in account");
  return account;
}
