#!/usr/bin/env node
// First-load JavaScript of each route, gzip-compressed, beside an empty page of the same build
// (the not-found page: the framework's floor plus the root layout). Fails when the play page
// carries more than its budget above that floor. Needs a production build (`npm run build`).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { firstLoad } from "./first-load-js.mjs";

const BUDGET_KB = 40;

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server at ${url} did not answer within ${ms} ms`);
}

/** The sign-in cookie the pages are weighed with: the play page is only for signed-in accounts. */
let cookie = "";

/** Makes the first administrator on the fresh store and signs in. */
async function signIn(base) {
  const account = { email: "bench@example.org", name: "Bench", password: "page weight benchmark" };
  const post = (path, body) =>
    fetch(new URL(path, base), { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify(body) });
  const made = await post("/api/setup", account);
  if (made.status !== 201) throw new Error(`page-weight: /api/setup answered ${made.status}`);
  const signedIn = await post("/api/auth/sign-in/email", { email: account.email, password: account.password });
  const token = /peer-practice\.session_token=[^;]+/.exec(signedIn.headers.get("set-cookie") ?? "");
  if (!token) throw new Error(`page-weight: signing in answered ${signedIn.status} without a cookie`);
  cookie = token[0];
}

if (!existsSync(".next/BUILD_ID")) {
  console.error("page-weight: no production build; run `npm run build` first");
  process.exit(2);
}
const ids = readdirSync("scenarios/library")
  .filter((f) => f.endsWith(".scenario.yaml"))
  .map((f) => f.replace(".scenario.yaml", ""));
const port = await freePort();
// A store of its own, so the benchmark never touches ./data and always starts from an empty one.
const dataDir = mkdtempSync(path.join(tmpdir(), "pp-page-weight-"));
const server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
  stdio: "ignore",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir },
});
let failed = false;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitFor(base, 30_000);
  await signIn(base);
  const { weigh } = firstLoad(base, cookie);
  const floor = await weigh("/this-page-does-not-exist");
  const routes = [
    ["/ (library)", "/"],
    ["/play/[id]", `/play/${ids[0]}`],
  ];
  const kb = (b) => (b / 1024).toFixed(1);
  console.log(`first-load JS, gzip (external chunks; inline RSC payload shown apart)`);
  console.log(`  empty page (floor)      ${kb(floor.files).padStart(7)} kB   inline ${kb(floor.inline)} kB`);
  for (const [name, route] of routes) {
    const w = await weigh(route);
    const above = w.files - floor.files;
    const budget = name.startsWith("/play") ? `  budget +${BUDGET_KB} kB` : "";
    console.log(
      `  ${name.padEnd(22)} ${kb(w.files).padStart(7)} kB   inline ${kb(w.inline)} kB   above floor +${kb(above)} kB${budget}`,
    );
    if (w.status !== 200) {
      console.log(`  ${route} answered ${w.status}`);
      failed = true;
    }
    if (name.startsWith("/play") && above > BUDGET_KB * 1024) failed = true;
  }
  console.log(failed ? "verdict: OVER BUDGET" : "verdict: within budget");
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
