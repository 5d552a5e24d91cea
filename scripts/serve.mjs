#!/usr/bin/env node
/**
 * Serves the production build with one `next start` process per core (at most 4; WEB_CONCURRENCY
 * sets the number), all on one port through Node's cluster module: a Node process runs its
 * JavaScript on one core, and the session API is CPU-bound. The processes share nothing in
 * memory that could make them disagree: sessions live in the database, and what a process keeps
 * for speed (compiled scenarios, the snapshot after a session's choices) is checked against the
 * database before it is used.
 *
 * A process serves once it has checked its database (instrumentation.ts sends READY). One that
 * dies is replaced; if one of the first ones dies before it served (the port is taken, the build is
 * missing, the database cannot be used), or they keep dying, everything stops with the error. A
 * replacement is told so (PEER_PRACTICE_REPLACEMENT), and starts even while the database is down,
 * answering 503 like the others. SIGINT and SIGTERM stop every process; if this one is killed
 * outright, the others see their channel close and exit.
 *
 * PORT (default 3100), HOST (default 0.0.0.0), WEB_CONCURRENCY (default: cores, at most 4),
 * TRUSTED_PROXIES (proxies whose X-Forwarded-For names the client; see client-address.mjs),
 * PUBLIC_URL and TIME_ZONE (checked here; see server/public-url.mjs).
 */
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { siteSettingProblems } from "../server/public-url.mjs";
import { trustedProxies } from "./client-address.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const DEFAULT_MAX = 4;
/** More deaths than this within RESTART_WINDOW_MS and the server gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const STOP_GRACE_MS = 10_000;
/** What a server process sends once it can serve (server/startup-check.ts). */
const READY = "peer-practice:ready";

/** The number of server processes: WEB_CONCURRENCY when it is a whole number from 1 to 64, else the cores (at most 4). */
export function processCount(env = process.env, cores = availableParallelism()) {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (raw) {
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= 1 && n <= 64)) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${raw}"`);
    return n;
  }
  return Math.max(1, Math.min(cores, DEFAULT_MAX));
}

export function serve() {
  const port = process.env.PORT?.trim() || "3100";
  const host = process.env.HOST?.trim() || "0.0.0.0";
  let count;
  try {
    count = processCount();
  } catch (e) {
    console.error(`[server] ${e.message}`);
    process.exit(2);
  }

  // Each process prints Next.js's banner: the first one's is shown, errors from any of them are.
  try {
    trustedProxies();
  } catch (e) {
    console.error(`[server] ${e.message}`);
    process.exit(2);
  }
  // PUBLIC_URL and TIME_ZONE: a wrong one stops the server here, before any process starts.
  const problems = siteSettingProblems();
  if (problems.length > 0) {
    for (const p of problems) console.error(`[server] ${p}`);
    process.exit(2);
  }
  // Each process stamps requests with their client's address, and answers its direct routes, before Next.js sees them (scripts/request-hook.mjs).
  const execArgv = [...process.execArgv, "--import", pathToFileURL(path.join(ROOT, "scripts", "request-hook.mjs")).href];
  cluster.setupPrimary({ exec: NEXT_BIN, args: ["start", ROOT, "-p", port, "-H", host], execArgv, silent: true });
  process.title = "peer-practice";

  const live = new Set();
  const deaths = [];
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  const served = new WeakSet();
  let started = false;
  /** Shows the held output of the first process. */
  let showFirst = () => {};
  const fork = () => {
    const worker = cluster.fork(started ? { PEER_PRACTICE_REPLACEMENT: "1" } : {});
    live.add(worker);
    worker.process.stderr?.pipe(process.stderr);
    // Next.js prints its banner when it listens, before the database is checked: the first
    // process's output is held back until a process is ready, so a server that cannot start never says "Ready".
    if (live.size === 1 && !announced) {
      const held = [];
      const hold = (chunk) => held.push(chunk);
      worker.process.stdout?.on("data", hold);
      showFirst = () => {
        worker.process.stdout?.off("data", hold);
        for (const chunk of held) process.stdout.write(chunk);
        worker.process.stdout?.pipe(process.stdout);
      };
    } else worker.process.stdout?.resume();
    return worker;
  };

  const stop = (code, signal = "SIGTERM") => {
    exitCode ||= code;
    if (stopping) return;
    stopping = true;
    if (live.size === 0) process.exit(exitCode);
    for (const w of live) w.process.kill(signal);
    setTimeout(() => {
      for (const w of live) w.process.kill("SIGKILL");
      process.exit(exitCode);
    }, STOP_GRACE_MS).unref();
  };

  cluster.on("message", (worker, message) => {
    if (message?.type !== READY || served.has(worker)) return;
    served.add(worker);
    started = true;
    if (announced) return;
    announced = true;
    showFirst();
    console.log(`Peer Practice on http://localhost:${port} (${count} server process${count === 1 ? "" : "es"})`);
  });

  cluster.on("exit", (worker, code, signal) => {
    live.delete(worker);
    if (stopping) {
      if (live.size === 0) process.exit(exitCode);
      return;
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (!served.has(worker) && !started) {
      console.error(`[server] a server process ${how} before it could serve; stopping`);
      stop(code || 1);
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0] < now - RESTART_WINDOW_MS) deaths.shift();
    if (deaths.length > MAX_RESTARTS) {
      console.error(`[server] server processes died ${deaths.length} times within a minute; stopping`);
      stop(1);
      return;
    }
    console.error(`[server] server process ${worker.process.pid} ${how}; starting another`);
    fork();
  });

  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0, signal));
  for (let i = 0; i < count; i++) fork();
}

if (cluster.isPrimary && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) serve();
