/** The app's server started as `npm start` runs it (scripts/serve.mjs over the build), for tests that stop or kill it. */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { rawRequest } from "./raw-request";

export { freePort } from "../../scripts/pg-cluster";

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name) once the launcher has exited. */
  exited: Promise<number | string>;
}

/** Spawns scripts/serve.mjs in its own process group; does not wait for it to be ready. */
export function spawnServer(port: number, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ["scripts/serve.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  return { child, base: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Polls until `check` answers true (a condition, not a fixed sleep); throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Whether the server answers its library page. */
export async function answers(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/`)).ok;
  } catch {
    return false;
  }
}

/** Starts the server and waits until it answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const server = spawnServer(port, env);
  let gone = false;
  void server.exited.then(() => (gone = true));
  await waitFor("the server to answer", async () => {
    if (gone) throw new Error(`the server exited before it answered:\n${server.output()}`);
    return answers(server.base);
  });
  return server;
}

/** SIGKILL to the whole process group: the launcher and its server processes, with no chance to flush anything. */
export function killGroup(server: ServerProcess): void {
  try {
    process.kill(-server.child.pid!, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** The pids of the live (not zombie) processes whose parent is `pid`, from /proc. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // After ") ": state ppid …
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) === pid && state !== "Z") found.push(Number(name));
    } catch {
      // The process ended while /proc was read.
    }
  }
  return found.sort((a, b) => a - b);
}

/** Whether a process is still running (not gone, not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/**
 * A JSON request on a socket of its own (no keep-alive), so that the cluster hands each to the
 * next process in turn and requests sent together really travel apart. It carries the sign-in
 * remembered for the server (see sign-in.ts) unless `signedIn` is false. A body that is not JSON
 * comes back as `{ text }`.
 */
export async function jsonRequest(
  base: string,
  method: string,
  url: string,
  body?: unknown,
  { signedIn = true, headers = {} }: { signedIn?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const answer = await rawRequest(base, {
    method,
    path: url,
    headers: { "content-type": "application/json", ...headers },
    signedIn,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  try {
    return { status: answer.status, body: JSON.parse(answer.text) };
  } catch {
    return { status: answer.status, body: { text: answer.text } };
  }
}
