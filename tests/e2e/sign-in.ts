/**
 * Signing in for the end-to-end tests: the first administrator of a server, made through
 * POST /api/setup and signed in through the sign-in route, for requests sent from node (the
 * cookie is remembered per server, and rawRequest and jsonRequest send it) and for the browser.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { rawRequest, rememberSignIn, signInCookie } from "./raw-request";

export interface Credentials {
  name: string;
  email: string;
  password: string;
}

/** The one administrator of the shared server (and of any server a spec starts, unless it says otherwise). */
export const ADMIN: Credentials = { name: "Morgan Quinn", email: "morgan.quinn@example.org", password: "a long enough test password" };

/** The browser storage of ADMIN signed in on the shared server, written by admin.setup.ts before the tests. */
export const ADMIN_STATE = path.resolve("test-results/.auth/admin.json");

/** The sign-in cookie's name on plain HTTP. */
const COOKIE = "peer-practice.session_token";

const post = (base: string, route: string, body: unknown) =>
  rawRequest(base, { method: "POST", path: route, headers: { "content-type": "application/json" }, body: JSON.stringify(body), signedIn: false });

/**
 * Makes `account` the first administrator of the server at `base` (a server that has one already
 * answers 409, and then it is only signed in), signs in, and remembers the cookie for every later
 * request to that server. Resolves with the `cookie` header.
 */
export async function setUpAndSignIn(base: string, account: Credentials = ADMIN): Promise<string> {
  const setup = await post(base, "/api/setup", account);
  if (setup.status !== 201 && setup.status !== 409) throw new Error(`POST /api/setup answered ${setup.status}: ${setup.text}`);
  const signIn = await post(base, "/api/auth/sign-in/email", { email: account.email, password: account.password });
  if (signIn.status !== 200) throw new Error(`signing in as ${account.email} answered ${signIn.status}: ${signIn.text}`);
  const cookie = (signIn.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0]!.trim())
    .filter((pair) => pair.includes("=") && !pair.endsWith("="))
    .join("; ");
  if (!cookie.split("; ").some((pair) => pair.startsWith(`${COOKIE}=`))) {
    throw new Error(`signing in as ${account.email} set no ${COOKIE} cookie: ${JSON.stringify(signIn.headers["set-cookie"])}`);
  }
  rememberSignIn(base, cookie);
  return cookie;
}

/** Remembers, for requests from node to the server at `base`, the sign-in kept in a browser storage state file. */
export function signInFromState(base: string, file = ADMIN_STATE): string {
  const state = JSON.parse(readFileSync(file, "utf8")) as { cookies: { name: string; value: string }[] };
  const cookie = state.cookies
    .filter((c) => c.name.startsWith("peer-practice."))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  if (!cookie) throw new Error(`${file} holds no sign-in`);
  rememberSignIn(base, cookie);
  return cookie;
}

/**
 * Puts the sign-in remembered for the server at `base` into a browser context, as the browser
 * would keep it (in place of any sign-in cookie of the same name, such as the shared server's:
 * cookies do not tell ports apart).
 */
export async function signInBrowser(context: BrowserContext, base: string, cookie = signInCookie(base)): Promise<void> {
  if (!cookie) throw new Error(`not signed in on ${base}: call setUpAndSignIn first`);
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base, httpOnly: true, sameSite: "Lax" as const };
    }),
  );
}
