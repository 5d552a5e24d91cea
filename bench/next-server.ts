/**
 * The production build served as `npm start` serves it (scripts/serve.mjs: one `next start` per
 * core, or WEB_CONCURRENCY) for benchmarks: spawned in its own process group on a free 127.0.0.1
 * port with the store the environment chooses, and killed as a group. Also reads how
 * much CPU a process group (or every process of a name) has used, from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import http from "node:http";
import path from "node:path";
import { freePort } from "../scripts/pg-cluster";

export interface NextServer {
  base: string;
  /** The process group id (the pid of scripts/serve.mjs; its server processes are in the group). */
  pgid: number;
  /** The last lines the server printed. */
  logTail(lines?: number): string;
  /** SIGTERM to the group, SIGKILL after a few seconds if it is still there. */
  stop(): Promise<void>;
  /** SIGKILL to the group, synchronously (for exit handlers). */
  kill(): void;
}

const live = new Set<NextServer>();

/** Kills every server still running (synchronous: usable in an exit or signal handler). */
export function killAllServers(): void {
  for (const s of live) s.kill();
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone.
  }
}

/** One GET with a short timeout: the status, or undefined when nothing answered. */
function probe(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
      res.on("error", () => resolve(undefined));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(undefined));
  });
}

/**
 * Starts scripts/serve.mjs (under `node <nodeArgs>`, which its server processes inherit) with
 * `env` added to this process's environment (DATABASE_URL, DATA_DIR and WEB_CONCURRENCY are
 * removed first, so only what `env` says chooses them). Ready once `readyPath` answers with one
 * of `readyStatuses`.
 */
export async function startNextServer(
  root: string,
  env: Record<string, string>,
  readyPath: string,
  readyStatuses: number[],
  options: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<NextServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", ...env };
  for (const name of ["DATABASE_URL", "DATA_DIR", "WEB_CONCURRENCY"]) if (!(name in env)) delete childEnv[name];
  const program = process.execPath;
  const argv = [...(options.nodeArgs ?? []), path.join(root, "scripts", "serve.mjs")];
  const child: ChildProcess = spawn(program, argv, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv,
  });
  const pgid = child.pid!;
  let log = "";
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));

  const server: NextServer = {
    base,
    pgid,
    logTail: (lines = 15) => log.trim().split("\n").slice(-lines).join("\n"),
    async stop() {
      live.delete(server);
      if (!exited) {
        killGroup(pgid, "SIGTERM");
        await Promise.race([exit, new Promise((r) => setTimeout(r, 5_000))]);
      }
      // Whatever is left of the group (the leader may exit before its children).
      killGroup(pgid, "SIGKILL");
    },
    kill() {
      live.delete(server);
      killGroup(pgid, "SIGKILL");
    },
  };
  live.add(server);

  const until = performance.now() + timeoutMs;
  let last: number | undefined;
  while (performance.now() < until) {
    if (exited) {
      server.kill();
      throw new Error(`the server exited before it was ready:\n${server.logTail()}`);
    }
    last = await probe(base + readyPath);
    if (last !== undefined && readyStatuses.includes(last)) return server;
    await new Promise((r) => setTimeout(r, last === undefined ? 100 : 250));
  }
  await server.stop();
  throw new Error(`the server did not get ready in ${timeoutMs} ms (last status ${last ?? "none"}):\n${server.logTail()}`);
}

// ── CPU accounting from /proc ───────────────────────────────────────────────────────────────────

let clockTicks: number | undefined;
/** Clock ticks per second of /proc times. */
export function clkTck(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system) used so far by the processes matching, from /proc/<pid>/stat. */
function cpuSeconds(match: (comm: string, pgrp: number) => boolean): number {
  let ticks = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(open + 1, close);
    // After ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
    const f = stat.slice(close + 2).split(" ");
    if (match(comm, Number(f[2]))) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / clkTck();
}

export const groupCpuSeconds = (pgid: number) => cpuSeconds((_c, pgrp) => pgrp === pgid);
export const commandCpuSeconds = (comm: string) => cpuSeconds((c) => c === comm);

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / clkTck(), total: total / clkTck() };
}

/**
 * A benchmark's temp folder, removed at exit with every server it started and whatever `stop`
 * stops (a PostgreSQL cluster, say): also on Ctrl-C or another signal, and after `hardLimitMs`,
 * when the bench is killed and fails.
 */
export function benchWorkspace(name: string, hardLimitMs: number, stop: () => void = () => {}): { tmp: string; cleanUp(): void } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `${name.replace(":", "-")}-`));
  let cleaned = false;
  const cleanUp = () => {
    if (cleaned) return;
    cleaned = true;
    killAllServers();
    stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  process.on("exit", cleanUp);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      console.error(`\n${name}: ${sig}: stopping the servers and PostgreSQL, removing temp folders`);
      cleanUp();
      process.exit(130);
    });
  }
  setTimeout(() => {
    console.error(`\n${name}: still running after ${Math.round(hardLimitMs / 1000)} s: killed`);
    cleanUp();
    process.exit(1);
  }, hardLimitMs).unref();
  return { tmp, cleanUp };
}

/**
 * How fast this machine runs a fixed piece of work right now: the milliseconds of 200,000 chained
 * SHA-256 digests in this process (the median of 3). Virtual machines here run the same code at
 * speeds that differ by up to twice from one hour, or minute, to the next; printed beside a
 * bench's figures, it tells a slow machine from slow code.
 */
export function cpuReferenceMs(): number {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    let digest = Buffer.alloc(32);
    for (let i = 0; i < 200_000; i++) digest = createHash("sha256").update(digest).digest();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}
