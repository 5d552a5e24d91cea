#!/usr/bin/env node
// Builds the app when there is no build or a source file is newer than it, then serves it (scripts/serve.mjs).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { serve } from "./serve.mjs";

const SOURCES = ["app", "components", "machines", "scenarios", "server", "package.json", "next.config.js", "proxy.ts", "tsconfig.json"];
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
serve();
