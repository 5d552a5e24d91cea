/**
 * Before a server process takes requests: the database must be usable. A corrupt SQLite file or a
 * PostgreSQL server that cannot be reached stops the server at start with the reason and what to
 * do, rather than answering every request with an error. Later failures are answered 503 instead
 * (see store-errors.ts), so a process started to replace one that died only warns. PUBLIC_URL and
 * TIME_ZONE must be valid (server/public-url.mjs). The first process also says which scenario
 * folders it reads, and warns about one that is missing.
 */
import cluster from "node:cluster";
import { mailConfigured, mailSettings } from "./mail";
import { siteSettingProblems } from "./public-url.mjs";
import { logScenarioFolders } from "./scenario-library";
import { defaultSqliteFile, getStore, type StoreEnv } from "./open-store";
import { unavailableReason } from "./store-errors";

/** The message scripts/serve.mjs waits for: this process checked its database and can serve. */
export const READY_MESSAGE = { type: "peer-practice:ready" } as const;

/** Where the store is, for messages: the SQLite file, or DATABASE_URL without its password. */
export function describeStore(env: StoreEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return `the SQLite file ${defaultSqliteFile(env)}`;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return `PostgreSQL at ${u.toString()}`;
  } catch {
    return "the PostgreSQL server named by DATABASE_URL (which is not a valid URL)";
  }
}

/** What to do about a store that cannot be used at start. */
function advice(env: StoreEnv): string {
  return env.DATABASE_URL?.trim()
    ? "Check that the PostgreSQL server is running and reachable, and that DATABASE_URL is right."
    : "Restore the file from a backup, or move it away to start with an empty database (DATA_DIR sets its folder).";
}

/** SQLite's lock codes: the server's processes open a new file together, and one may find it locked for a moment. */
const LOCKED = /^SQLITE_(BUSY|LOCKED)/;
const ATTEMPTS = 5;

/** Opens and reads the store; the sentence saying why it cannot be used, or undefined when it can. */
export async function storeProblem(env: StoreEnv = process.env): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      await (await getStore()).check();
      return undefined;
    } catch (e) {
      if (attempt < ATTEMPTS && LOCKED.test(codeOf(e))) {
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        continue;
      }
      const reason = unavailableReason(e) ?? (e instanceof Error ? e.message : String(e));
      return `the database cannot be used: ${reason} (${describeStore(env)}). ${advice(env)}`;
    }
  }
}

/** The driver's error code, looking through the wrapper that says the store is unavailable. */
function codeOf(e: unknown): string {
  for (let at: unknown = e; at instanceof Error; at = at.cause) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_")) return code;
  }
  return "";
}

/** Whether this is the first server process (or the only one): what is said once at start is said by it. */
function firstProcess(): boolean {
  return !cluster.worker || (cluster.worker.id === 1 && !process.env.PEER_PRACTICE_REPLACEMENT);
}

/** Warnings about settings that work but may not do what was meant, said once at start. */
export function settingWarnings(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const warnings: string[] = [];
  if (mailConfigured(env) && !env.PUBLIC_URL?.trim()) {
    warnings.push(
      "SMTP_URL is set but PUBLIC_URL is not: mailed set-password links are built on the host name each request names. Set PUBLIC_URL to the address people use.",
    );
  }
  return warnings;
}

/** Runs the check in a server process: exits with the reason when it fails at start, and tells the launcher when the process can serve. */
export async function startupCheck(): Promise<void> {
  try {
    mailSettings();
  } catch (e) {
    console.error(`[server] Peer Practice cannot start: ${(e as Error).message.replace(/^\[server\] /, "")}`);
    process.exit(1);
  }
  const settings = siteSettingProblems();
  if (settings.length > 0) {
    for (const p of settings) console.error(`[server] Peer Practice cannot start: ${p}`);
    process.exit(1);
  }
  if (firstProcess()) {
    logScenarioFolders();
    for (const w of settingWarnings()) console.warn(`[server] warning: ${w}`);
  }
  const problem = await storeProblem();
  if (problem && !process.env.PEER_PRACTICE_REPLACEMENT) {
    console.error(`[server] Peer Practice cannot start: ${problem}`);
    process.exit(1);
  }
  if (problem) console.error(`[server] ${problem} Requests that need it are answered 503 until it can be used again.`);
  process.send?.(READY_MESSAGE);
}
