/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the store tests. initdb into a temp
 * folder, start it on a free local port (fsync off), create a database, and hand its URL to the
 * tests as `inject("postgres")`; the teardown stops the cluster and removes the folder.
 *
 * When PostgreSQL cannot start, the reason is handed over instead, and every PostgreSQL test
 * fails with it (the other tests still run). With TEST_DATABASE_URL set (a server that lets that
 * user create databases), no cluster is started and that server is used.
 */
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { TestProject } from "vitest/node";

/** What the store tests get: the URL of an empty database, or why there is none. */
export type ProvidedPostgres = { url: string } | { error: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

const run = promisify(execFile);
const DATABASE = "peer_practice_test";

/** The bin folder of the newest Debian PostgreSQL (or PG_BIN). */
function findBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error(`no ${root}/*/bin/initdb: run \`node scripts/ensure-postgres.mjs\` to install PostgreSQL`);
  return path.join(root, versions[0], "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its programs as the postgres user. */
const asRoot = process.getuid?.() === 0;
const command = (bin: string, program: string, args: string[]): [string, string[]] =>
  asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];

async function startCluster(): Promise<{ url: string; stop: () => void }> {
  const bin = findBin();
  const dir = mkdtempSync(path.join(tmpdir(), "peer-practice-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "log");
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        execFileSync(...command(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
      } catch {
        // Already gone; the folder is removed all the same.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dir, uid, gid);
    }
    await run(
      ...command(bin, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]),
    );
    // A port found free may be taken before the server binds it: try a few.
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await run(...command(bin, "pg_ctl", ["-D", data, "-l", log, "-w", "-t", "30", "-o", options, "start"]));
        started = true;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
    return { url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`, stop };
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    const serverLog = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").slice(-10).join("\n") : "";
    stop();
    throw new Error([(e as Error).message, stderr, serverLog && `server log:\n${serverLog}`].filter(Boolean).join("\n"), { cause: e });
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("postgres", { url: process.env.TEST_DATABASE_URL });
    return () => {};
  }
  const t0 = performance.now();
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    cluster = await startCluster();
  } catch (e) {
    const error = (e as Error).message;
    console.error(`[pg-global-setup] PostgreSQL did not start; the PostgreSQL tests will fail:\n${error}`);
    project.provide("postgres", { error });
    return () => {};
  }
  if (process.env.PG_SETUP_VERBOSE) console.log(`[pg-global-setup] PostgreSQL ready in ${Math.round(performance.now() - t0)} ms`);
  project.provide("postgres", { url: cluster.url });
  // If Vitest is interrupted before its teardown runs, still stop the server and remove the folder.
  process.once("exit", cluster.stop);
  return () => {
    process.off("exit", cluster.stop);
    cluster.stop();
  };
}
