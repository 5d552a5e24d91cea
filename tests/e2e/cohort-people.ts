/**
 * People and cohorts for the end-to-end tests, set up as a scripted install would: with the
 * administrators' command line (`npm run admin -- create-user | create-cohort | add-to-cohort`)
 * against the shared server's store, then signed in over HTTP.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { BrowserContext } from "@playwright/test";
import { rawRequest } from "./raw-request";
import type { Credentials } from "./sign-in";

const run = promisify(execFile);

/** The shared server's store (playwright.config.ts sets it for the runner and its workers). */
function dataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run the tests through playwright.config.ts");
  return dir;
}

/** Runs one admin command on the shared server's store; throws with what it printed when it fails. */
async function admin(args: string[], password?: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir() };
  delete env.DATABASE_URL;
  delete env.PEER_PRACTICE_PASSWORD;
  if (password !== undefined) env.PEER_PRACTICE_PASSWORD = password;
  try {
    await run("node_modules/.bin/tsx", ["cli/admin.ts", ...args], { env });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`npm run admin -- ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

export interface CohortWithPeople {
  /** The cohort's name; its id is found through the pages. */
  cohort: string;
  /** A supervisor attached to it. */
  supervisor: Credentials;
  /** Its one trainee. */
  trainee: Credentials;
  /** Another cohort, and its own supervisor, who has nothing to do with the first. */
  otherCohort: string;
  otherSupervisor: Credentials;
}

/**
 * Two cohorts, each with a supervisor, the first with a trainee, made from the command line. Names
 * and emails carry `tag` (unique per call by default), so several calls on one server never clash.
 */
export async function cohortWithPeople(tag = Date.now().toString(36)): Promise<CohortWithPeople> {
  const person = (name: string, handle: string): Credentials => ({
    name: `${name} ${tag}`,
    email: `${handle}.${tag}@example.org`,
    password: `${handle}'s long enough password`,
  });
  const set: CohortWithPeople = {
    cohort: `Cohort ${tag}`,
    supervisor: person("Sam Rivera", "sam"),
    trainee: person("Kit Lee", "kit"),
    otherCohort: `Other cohort ${tag}`,
    otherSupervisor: person("Jo Park", "jo"),
  };
  const made = (p: Credentials, role: string) => admin(["create-user", "--email", p.email, "--name", p.name, "--role", role], p.password);
  await Promise.all([
    made(set.supervisor, "supervisor"),
    made(set.trainee, "trainee"),
    made(set.otherSupervisor, "trainer"),
    admin(["create-cohort", "--name", set.cohort]),
    admin(["create-cohort", "--name", set.otherCohort]),
  ]);
  const add = (cohort: string, p: Credentials, as: string) => admin(["add-to-cohort", "--cohort", cohort, "--email", p.email, "--as", as]);
  await Promise.all([add(set.cohort, set.supervisor, "staff"), add(set.cohort, set.trainee, "trainee"), add(set.otherCohort, set.otherSupervisor, "staff")]);
  return set;
}

let address = 0;

/**
 * Signs `who` in on the server at `base` and puts the sign-in into `context` (a context of its
 * own: it replaces any sign-in there). Each sign-in comes from an address of its own, so the
 * server's limit on sign-ins per address is never reached.
 */
export async function signInAs(context: BrowserContext, base: string, who: Credentials): Promise<void> {
  const answer = await rawRequest(base, {
    method: "POST",
    path: "/api/auth/sign-in/email",
    headers: { "content-type": "application/json", origin: new URL(base).origin, "x-forwarded-for": `10.77.${Math.floor(++address / 250)}.${address % 250}` },
    body: JSON.stringify({ email: who.email, password: who.password }),
    signedIn: false,
  });
  if (answer.status !== 200) throw new Error(`signing in as ${who.email} answered ${answer.status}: ${answer.text}`);
  const pairs = (answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!.trim()).filter((p) => p.includes("=") && !p.endsWith("="));
  await context.clearCookies();
  await context.addCookies(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base, httpOnly: true, sameSite: "Lax" as const };
    }),
  );
}
