#!/usr/bin/env node
// Builds the app when there is no build or a source file is newer than it, then serves it.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const PORT = process.env.PORT ?? "3100";
const HOST = process.env.HOST ?? "0.0.0.0";
const SOURCES = ["app", "components", "machines", "scenarios", "server", "package.json", "next.config.js", "tsconfig.json"];
const IGNORE = /(^|\/)(library|node_modules)(\/|$)|\.scenario\.(ya?ml|json)$/;

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(p)) {
    const child = path.join(p, name);
    if (IGNORE.test(child)) continue;
    newest = Math.max(newest, newestMtime(child));
  }
  return newest;
}

const buildId = ".next/BUILD_ID";
const stale = !existsSync(buildId) || Math.max(...SOURCES.map(newestMtime)) > statSync(buildId).mtimeMs;
if (stale) {
  console.log("Building Peer Practice (first start or sources changed)…");
  const r = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`Peer Practice on http://localhost:${PORT}`);
const server = spawn("node_modules/.bin/next", ["start", "-p", PORT, "-H", HOST], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
