/**
 * Sign-in, sign-out, passwords and sign-in cookies come from better-auth, over the store's own
 * database (its tables, `auth_*`, are made by the app's migrations). Accounts are never made by
 * signing up: the first administrator is made on first start, every other account by an
 * administrator (server/accounts.ts), so the library's public sign-up is off.
 */
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import type { Kysely } from "kysely";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../contracts/account-requests";
import type { Database } from "./db/database";
import { getStore } from "./open-store";
import type { StoreDatabase } from "./store";

/** A sign-in lasts this long, renewed while it is used. */
const SESSION_DAYS = 14;

/** The secret that signs cookies: BETTER_AUTH_SECRET when set, else one made on first start and kept in the database, so every server process and instance shares it. */
export async function authSecret(db: Kysely<Database>, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const given = env.BETTER_AUTH_SECRET?.trim();
  if (given) return given;
  await db
    .insertInto("settings")
    .values({ name: "auth-secret", value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("settings").select("value").where("name", "=", "auth-secret").executeTakeFirstOrThrow();
  return row.value;
}

/** Whether a request came over HTTPS, directly or through a proxy in front that says so. */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/**
 * The origins a state-changing request may come from: the host it was sent to, and nothing else.
 * A page of another site that posts here carries its own origin and is refused.
 */
export function sameHostOrigins(request: Request | undefined): string[] {
  const host = request?.headers.get("host");
  return host ? [`http://${host}`, `https://${host}`] : [];
}

/** The better-auth instance for a database; `secure` makes its cookies Secure (for requests over HTTPS). */
export function createAuth(database: StoreDatabase, secret: string, { secure = false }: { secure?: boolean } = {}) {
  return betterAuth({
    database: { db: database.db as Kysely<any>, type: database.type },
    secret,
    // No fixed address: the library takes it from each request, so the app answers under any host name.
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    trustedOrigins: sameHostOrigins,
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
    user: { modelName: "auth_user", changeEmail: { enabled: false } },
    session: { modelName: "auth_session", expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    account: { modelName: "auth_account" },
    verification: { modelName: "auth_verification" },
    // Sign-in attempts are limited per address, in each server process, in production and tests alike.
    rateLimit: { enabled: true, window: 60, max: 100, customRules: { "/sign-in/email": { window: 60, max: 10 } } },
    advanced: { cookiePrefix: "peer-practice", useSecureCookies: secure },
    // Its warnings are about set-ups this app does not use (a fixed base URL, OAuth callbacks).
    logger: { level: "error" },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as typeof globalThis & { __peerPracticeAuth?: Map<boolean, Promise<Auth>> };

/**
 * The app's better-auth instance over the app's store, made on first use: one whose cookies are
 * Secure, for requests over HTTPS, and one whose are not, for plain HTTP (a browser drops a
 * Secure cookie sent over plain HTTP, so one instance cannot serve both).
 */
export function getAuth({ secure = false }: { secure?: boolean } = {}): Promise<Auth> {
  const made = (cache.__peerPracticeAuth ??= new Map());
  let auth = made.get(secure);
  if (!auth) {
    auth = (async () => {
      const database = await (await getStore()).database();
      return createAuth(database, await authSecret(database.db), { secure });
    })();
    auth.catch(() => made.delete(secure));
    made.set(secure, auth);
  }
  return auth;
}

/** The instance that reads a request's sign-in cookie: the Secure one when the cookie has the Secure name. */
export function getAuthFor(headers: Headers): Promise<Auth> {
  return getAuth({ secure: /(?:^|;\s*)__Secure-peer-practice\./.test(headers.get("cookie") ?? "") });
}
