/**
 * A seeded stream of malformed requests over every route, against the server as `npm start`
 * runs it (two processes), on a fresh SQLite folder and on a throwaway PostgreSQL cluster: no
 * answer may be a 5xx, and every 4xx under /api must be JSON with an `error` sentence.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startPgCluster, type PgCluster } from "../../scripts/pg-cluster";
import { fuzzRequests, type FuzzRequest } from "./fuzz-requests";
import { libraryScenario, planFor } from "./plan";
import { blankChunks, rawRequest, type RawAnswer } from "./raw-request";
import { freePort, killGroup, startServer, type ServerProcess } from "./server-process";

const SEED = 20_260_306;
const COUNT = 700;
const ID = "active-listening";

/** The sessions the stream aims at by name: made properly first, so that the odd requests meet real rows. */
async function realSessions(base: string): Promise<Record<"real" | "real-assessment" | "real-played", string>> {
  const post = async (p: string, body: unknown) => {
    const r = await rawRequest(base, { method: "POST", path: p, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(r.status, `${p}: ${r.text}`).toBeLessThan(300);
    return JSON.parse(r.text) as { session: { id: string } };
  };
  const start = async (mode: string) => (await post("/api/sessions", { scenarioId: ID, mode, participant: "Fuzz \u05d0 Robin" })).session.id;
  const played = await start("practice");
  const plan = planFor(libraryScenario(ID));
  for (const [i, t] of plan.turns.slice(0, 2).entries()) await post(`/api/sessions/${played}/choices`, { seq: i + 1, choiceId: t.choice.id, timeTakenMs: 900 });
  return { real: await start("practice"), "real-assessment": await start("assessment"), "real-played": played };
}

function resolvePath(r: FuzzRequest, ids: Record<string, string>): string {
  const id =
    typeof r.id === "object" ? r.id.raw : r.id === "unknown" ? "9b2f6f0e-1c3a-4d5e-8f70-0a1b2c3d4e5f" : r.id === "real-upper" ? ids.real!.toUpperCase() : ids[r.id]!;
  return r.path.replaceAll("{id}", id);
}

/** What is wrong with an answer, or undefined. */
function problemWith(r: FuzzRequest, p: string, a: RawAnswer): string | undefined {
  if (a.status >= 500) return `${a.status}: ${a.text.slice(0, 200)}`;
  if (!/^\/api(\/|$|\?)/i.test(p) || a.status < 400 || r.method === "HEAD") return undefined;
  if (!String(a.headers["content-type"]).startsWith("application/json")) return `${a.status} with content-type ${a.headers["content-type"]}: ${a.text.slice(0, 100)}`;
  try {
    const error = (JSON.parse(a.text) as { error?: unknown }).error;
    return typeof error === "string" && error.length > 0 ? undefined : `${a.status} without an error sentence: ${a.text.slice(0, 100)}`;
  } catch {
    return `${a.status} that is not JSON: ${a.text.slice(0, 100)}`;
  }
}

async function fuzz(store: string, env: Record<string, string>) {
  const server: ServerProcess = await startServer(await freePort(), { ...env, WEB_CONCURRENCY: "2", SCENARIO_DIRS: "tests/fixtures/library-extra" });
  try {
    const ids = await realSessions(server.base);
    const byRoute = new Map<string, number>();
    const byStatus = new Map<number, number>();
    const problems: string[] = [];
    // One at a time, in the stream's order: the same requests meet the same state on every run.
    const requests = fuzzRequests(SEED, COUNT);
    for (const r of requests) {
      const p = resolvePath(r, ids);
      byRoute.set(r.route, (byRoute.get(r.route) ?? 0) + 1);
      try {
        const a = await rawRequest(server.base, {
          method: r.method,
          path: p,
          headers: r.headers,
          body: r.body,
          chunks: r.chunked && blankChunks(r.chunked.count, r.chunked.size),
        });
        byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
        const problem = problemWith(r, p, a);
        if (problem) problems.push(`${r.method} ${p.slice(0, 120)} → ${problem}`);
      } catch (e) {
        problems.push(`${r.method} ${p.slice(0, 120)} ${JSON.stringify(r.headers)} (${r.body?.length ?? JSON.stringify(r.chunked)}) → no answer: ${(e as Error).message}`);
      }
    }
    console.log(
      [
        `fuzz on ${store}: ${requests.length} requests (seed ${SEED})`,
        ...[...byRoute].sort(([a], [b]) => a.localeCompare(b)).map(([route, n]) => `  ${String(n).padStart(4)}  ${route}`),
        `  by status: ${[...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(", ")}`,
      ].join("\n"),
    );
    expect(problems).toEqual([]);
  } finally {
    killGroup(server);
  }
}

test.describe("malformed requests", () => {
  test.setTimeout(180_000);

  test("on SQLite: no 5xx, and JSON errors under /api", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "pp-fuzz-"));
    try {
      await fuzz("SQLite", { DATA_DIR: dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("on PostgreSQL: no 5xx, and JSON errors under /api", async () => {
    const cluster: PgCluster = await startPgCluster(["fuzz"], { fast: true, prefix: "pp-fuzz-pg-" });
    const dataDir = mkdtempSync(path.join(tmpdir(), "pp-fuzz-"));
    try {
      await fuzz("PostgreSQL", { DATABASE_URL: cluster.url("fuzz"), DATA_DIR: dataDir });
    } finally {
      cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
