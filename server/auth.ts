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

/** The better-auth instance for a database. */
export function createAuth(database: StoreDatabase, secret: string) {
  return betterAuth({
    database: { db: database.db as Kysely<any>, type: database.type },
    secret,
    // No fixed address: the library takes it from each request, so the app answers under any host name.
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
    user: { modelName: "auth_user", changeEmail: { enabled: false } },
    session: { modelName: "auth_session", expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    account: { modelName: "auth_account" },
    verification: { modelName: "auth_verification" },
    // Sign-in attempts are limited per address, in each server process, in production and tests alike.
    rateLimit: { enabled: true, window: 60, max: 100, customRules: { "/sign-in/email": { window: 60, max: 10 } } },
    advanced: { cookiePrefix: "peer-practice" },
    // Its warnings are about set-ups this app does not use (a fixed base URL, OAuth callbacks).
    logger: { level: "error" },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as typeof globalThis & { __peerPracticeAuth?: Promise<Auth> };

/** The app's one better-auth instance, made on first use over the app's store. */
export function getAuth(): Promise<Auth> {
  cache.__peerPracticeAuth ??= (async () => {
    const database = await (await getStore()).database();
    return createAuth(database, await authSecret(database.db));
  })().catch((e: unknown) => {
    cache.__peerPracticeAuth = undefined;
    throw e;
  });
  return cache.__peerPracticeAuth;
}
