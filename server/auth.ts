/**
 * Sign-in, sign-out, passwords and sign-in cookies come from better-auth, over the store's own
 * database (its tables, `auth_*`, are made by the app's migrations). Accounts are never made by
 * signing up: the first administrator is made on first start, every other account by an
 * administrator (server/accounts.ts), so the library's public sign-up is off.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import type { Kysely } from "kysely";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../contracts/account-requests";
import { audit } from "./audit";
import type { Database } from "./db/database";
import { configuredMailer } from "./mail";
import { isHttps, siteOrigin } from "./site-origin";
import { getStore } from "./open-store";
import type { StoreDatabase } from "./store";

/** The header each server process stamps with the request's client address (scripts/client-address.mjs, which a test keeps equal). */
export const CLIENT_HEADER = "x-peer-practice-client";

/** A sign-in lasts this long, renewed while it is used. */
const SESSION_DAYS = 14;

/** A set-password link (for a new account, or a forgotten password) works once, for this long. */
export const LINK_HOURS = 72;

/** Sends a set-password link by mail, when the server has a mail server to send through (server/mail.ts). */
export type LinkMailer = (to: { email: string; name: string }, url: string) => Promise<void>;

/**
 * Set-password links are made by the library (its password-reset tokens: one use, stored hashed
 * nowhere but its verification table, consumed when the password is set). An administrator's
 * request runs inside `capturing`, which takes the token to build the link shown to them; a
 * token made outside it (someone asking by email for a reset) goes out by mail.
 */
const captures = globalThis as typeof globalThis & { __peerPracticeLinkCapture?: AsyncLocalStorage<(token: string) => void> };
// Kept on globalThis like the instances below: the server's bundles may each hold a copy of this
// module, and the instance that sends the token must see the capture the caller's copy set up.
const capturing = (captures.__peerPracticeLinkCapture ??= new AsyncLocalStorage<(token: string) => void>());

/** A one-time set-password token for the account with this email, for a link an administrator hands over. */
export async function setPasswordToken(auth: Auth, email: string): Promise<string> {
  let token: string | undefined;
  await capturing.run(
    (t) => (token = t),
    () => auth.api.requestPasswordReset({ body: { email } }),
  );
  if (token === undefined) throw new Error(`[server] no set-password token was made for ${email}`);
  return token;
}

/** The page a set-password token is used on; the token rides in the fragment, which is never sent to a server or in a Referer. */
export function setPasswordUrl(origin: string, token: string): string {
  return `${origin}/set-password#token=${encodeURIComponent(token)}`;
}

/** Whether the account is deactivated (it may not sign in, and its sign-ins no longer count). */
export async function isDeactivated(db: Kysely<Database>, userId: string): Promise<boolean> {
  return (await db.selectFrom("deactivated_users").select("user_id").where("user_id", "=", userId).executeTakeFirst()) !== undefined;
}

async function nameOf(db: Kysely<Database>, userId: string): Promise<string> {
  return (await db.selectFrom("auth_user").select("name").where("id", "=", userId).executeTakeFirst())?.name ?? "";
}

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

export { isHttps };

/**
 * The origins a state-changing request may come from: the host it was sent to, and nothing else.
 * A page of another site that posts here carries its own origin and is refused.
 */
export function sameHostOrigins(request: Request | undefined): string[] {
  const host = request?.headers.get("host");
  return host ? [`http://${host}`, `https://${host}`] : [];
}

/** The better-auth instance for a database; `secure` makes its cookies Secure (for requests over HTTPS). */
export function createAuth(
  database: StoreDatabase,
  secret: string,
  { secure = false, mailer }: { secure?: boolean; mailer?: LinkMailer } = {},
) {
  const { db } = database;
  return betterAuth({
    database: { db: database.db as Kysely<any>, type: database.type },
    secret,
    // No fixed address: the library takes it from each request, so the app answers under any host name.
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    trustedOrigins: sameHostOrigins,
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      resetPasswordTokenExpiresIn: LINK_HOURS * 60 * 60,
      // Setting a password through a link signs the account out everywhere else.
      revokeSessionsOnPasswordReset: true,
      async sendResetPassword({ user, token }, request) {
        const capture = capturing.getStore();
        if (capture) return capture(token);
        // PUBLIC_URL when set: otherwise a Host header the asker chose would pick where the mailed link goes.
        if (mailer && request) await mailer(user, setPasswordUrl(siteOrigin(request), token));
      },
      async onPasswordReset({ user }) {
        await audit(db, "password-set", { id: user.id, name: user.name }, { id: user.id, name: user.name });
      },
    },
    // Asking for a reset link by email makes sense only when the server can send mail.
    disabledPaths: mailer ? [] : ["/request-password-reset"],
    databaseHooks: {
      session: {
        create: {
          // A deactivated account's password still checks out, but no sign-in is made for it.
          async before(session) {
            if (await isDeactivated(db, session.userId)) {
              await audit(db, "sign-in-refused", null, { id: session.userId, name: await nameOf(db, session.userId) });
              throw new APIError("FORBIDDEN", { message: "This account has been deactivated. Ask your program's administrator.", code: "ACCOUNT_DEACTIVATED" });
            }
          },
          async after(session, context) {
            if (context?.path !== "/sign-in/email") return;
            const person = { id: session.userId, name: await nameOf(db, session.userId) };
            await audit(db, "sign-in", person, person);
          },
        },
      },
    },
    user: { modelName: "auth_user", changeEmail: { enabled: false } },
    session: { modelName: "auth_session", expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    account: { modelName: "auth_account" },
    verification: { modelName: "auth_verification" },
    // Sign-in attempts are limited per client address, in each server process, in production and tests alike.
    rateLimit: { enabled: true, window: 60, max: 100, customRules: { "/sign-in/email": { window: 60, max: 10 }, "/request-password-reset": { window: 60, max: 5 } } },
    advanced: {
      cookiePrefix: "peer-practice",
      useSecureCookies: secure,
      // Counted by the address the server process stamped on the request (scripts/client-address.mjs), never by one the client names.
      ipAddress: { ipAddressHeaders: [CLIENT_HEADER] },
    },
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
      return createAuth(database, await authSecret(database.db), { secure, mailer: await configuredMailer() });
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
