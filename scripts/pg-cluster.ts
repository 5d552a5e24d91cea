/**
 * A throwaway PostgreSQL cluster, for the store tests and for benchmarks: initdb into a temp
 * folder, start it on a free 127.0.0.1 port, create databases; `stop()` (synchronous, so it also
 * works in an exit handler) stops it and removes the folder. Benchmarks keep fsync on, with only
 * synchronous_commit off (about what SQLite's WAL with synchronous=NORMAL promises); tests turn
 * durability off entirely (`fast`), since their data is thrown away.
 */
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export interface PgCluster {
  /** The URL of one of the databases created at start. */
  url(database: string): string;
  /** What the server runs with, for the report. */
  settings: string;
  version: string;
  /** Stops the server (immediate) and removes its folder; safe to call twice. */
  stop(): void;
}

/** The bin folder of the newest Debian PostgreSQL (or PG_BIN); throws a readable reason when there is none. */
export function findPgBin(): string {
  if (process.env.PG_BIN) {
    if (!existsSync(path.join(process.env.PG_BIN, "initdb"))) throw new Error(`PostgreSQL binaries not found (no initdb in PG_BIN=${process.env.PG_BIN})`);
    return process.env.PG_BIN;
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")) && existsSync(path.join(root, v, "bin", "pg_ctl")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error(`PostgreSQL binaries not found (no ${root}/*/bin/initdb; set PG_BIN or run \`node scripts/ensure-postgres.mjs\`)`);
  return path.join(root, versions[0], "bin");
}

export function freePort(): Promise<number> {
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

/** PostgreSQL refuses to run as root: as root, its programs run as the postgres user. */
const asRoot = process.getuid?.() === 0;
const command = (bin: string, program: string, args: string[]): [string, string[]] =>
  asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];

export async function startPgCluster(
  databases: string[],
  options: { fast?: boolean; prefix?: string } = {},
): Promise<PgCluster> {
  const bin = findPgBin();
  const dir = mkdtempSync(path.join(tmpdir(), options.prefix ?? "peer-practice-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "log");
  let started = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      try {
        execFileSync(...command(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "20", "stop"]), { stdio: "ignore", timeout: 25_000 });
      } catch {
        // Already gone; the folder is removed all the same.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const settings = options.fast
    ? "fsync=off, synchronous_commit=off, full_page_writes=off, max_connections 100"
    : "synchronous_commit=off (fsync on), shared_buffers default, max_connections 100";
  const durability = options.fast ? "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "-c synchronous_commit=off";
  try {
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dir, uid, gid);
    }
    await run(
      ...command(bin, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]),
      { timeout: 60_000 },
    );
    // A port found free may be taken before the server binds it: try a few.
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${durability} -c max_connections=100`;
      try {
        await run(...command(bin, "pg_ctl", ["-D", data, "-l", log, "-w", "-t", "30", "-o", serverOptions, "start"]), { timeout: 40_000 });
        started = true;
      } catch (e) {
        // pg_ctl may have left a half-started server behind: make sure it is down before retrying.
        try {
          execFileSync(...command(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore", timeout: 25_000 });
        } catch {
          // Not running.
        }
        if (attempt >= 3) throw e;
      }
    }
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await client.connect();
    let version: string;
    try {
      version = String((await client.query("show server_version")).rows[0]?.server_version ?? "?");
      for (const db of databases) await client.query(`CREATE DATABASE ${db}`);
    } finally {
      await client.end();
    }
    return { url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`, settings, version, stop };
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    const serverLog = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").slice(-10).join("\n") : "";
    stop();
    throw new Error([(e as Error).message, stderr, serverLog && `server log:\n${serverLog}`].filter(Boolean).join("\n"), { cause: e });
  }
}
