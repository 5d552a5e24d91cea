#!/usr/bin/env node
// First-load JavaScript of each route, gzip-compressed, beside an empty page of the same build
// (the not-found page: the framework's floor plus the root layout). Fails when the play page
// carries more than its budget above that floor. Needs a production build (`npm run build`).
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { gzipSync } from "node:zlib";

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

function scriptUrls(html) {
  const urls = new Set();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="(?:preload|modulepreload)"[^>]*>/g)) {
    const tag = m[0];
    if (!/as="script"/.test(tag) && !/modulepreload/.test(tag)) continue;
    const href = /href="([^"]+)"/.exec(tag);
    if (href) urls.add(href[1]);
  }
  return [...urls];
}

const sizeCache = new Map();
async function gzSize(base, url) {
  if (!sizeCache.has(url)) {
    const body = Buffer.from(await (await fetch(new URL(url, base))).arrayBuffer());
    sizeCache.set(url, gzipSync(body).length);
  }
  return sizeCache.get(url);
}

async function weigh(base, route) {
  const res = await fetch(new URL(route, base));
  const html = await res.text();
  // Inline scripts (the RSC payload) are part of what the page ships too.
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .join("");
  let total = 0;
  for (const u of scriptUrls(html)) total += await gzSize(base, u);
  return { status: res.status, files: total, inline: gzipSync(Buffer.from(inline)).length };
}

if (!existsSync(".next/BUILD_ID")) {
  console.error("page-weight: no production build; run `npm run build` first");
  process.exit(2);
}
const ids = readdirSync("scenarios/library")
  .filter((f) => f.endsWith(".scenario.yaml"))
  .map((f) => f.replace(".scenario.yaml", ""));
const port = await freePort();
const server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
  stdio: "ignore",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
let failed = false;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitFor(base, 30_000);
  const floor = await weigh(base, "/this-page-does-not-exist");
  const routes = [
    ["/ (library)", "/"],
    ["/play/[id]", `/play/${ids[0]}`],
  ];
  const kb = (b) => (b / 1024).toFixed(1);
  console.log(`first-load JS, gzip (external chunks; inline RSC payload shown apart)`);
  console.log(`  empty page (floor)      ${kb(floor.files).padStart(7)} kB   inline ${kb(floor.inline)} kB`);
  for (const [name, route] of routes) {
    const w = await weigh(base, route);
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
}
process.exit(failed ? 1 : 0);
