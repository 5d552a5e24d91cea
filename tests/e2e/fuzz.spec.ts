/**
 * A seeded stream of malformed requests over every route, against the server as `npm start`
 * runs it (two processes), on a fresh SQLite folder and on a throwaway PostgreSQL cluster: no
 * answer may be a 5xx, every 4xx under /api must be JSON with an `error` sentence, a session
 * route answers a POST another site's page sent with 403, one whose body is not JSON with 415
 * and a request without the sign-in with 401, and no page that needs an account shows itself to
 * a signed-out visitor.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPgCluster, type PgCluster } from "../../scripts/pg-cluster";
import { fuzzRequests, type FuzzRequest } from "./fuzz-requests";
import { libraryScenario, planFor } from "./plan";
import { blankChunks, rawRequest, type RawAnswer } from "./raw-request";
import { freePort, killGroup, startServer, type ServerProcess } from "./server-process";
import { ADMIN, setUpAndSignIn } from "./sign-in";
import { expect, test } from "./test";

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
  const start = async (mode: string) => (await post("/api/sessions", { scenarioId: ID, mode })).session.id;
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

const POST_ROUTES = new Set(["choices", "take-back", "end", "comments", "review"].map((r) => `POST /api/sessions/:id/${r}`).concat("POST /api/sessions"));
const GET_ROUTES = new Set(["GET /api/sessions/:id", "GET /api/sessions/:id/export"]);
const PAGES = new Set(["GET /play/:id", "GET /sessions", "GET /sessions/:id"]);

/**
 * The status a session route must answer, where the request alone decides it: another site's
 * page (403) and a body that is not JSON (415) are refused before anything else, then a request
 * without the sign-in (401). Only for the route's own method and an id of a session id's shape:
 * other paths and methods are answered before these checks (400, 404, 405).
 */
function expectedStatus(r: FuzzRequest): number | undefined {
  if (typeof r.id === "object" && r.path.includes("{id}")) return undefined;
  if (POST_ROUTES.has(r.route) && r.method === "POST") {
    if (r.crossSite) return 403;
    if (r.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() !== "application/json") return 415;
    if (!r.signedIn) return 401;
  }
  if (GET_ROUTES.has(r.route) && r.method === "GET" && !r.signedIn) return 401;
  return undefined;
}

/** What is wrong with an answer, or undefined. */
function problemWith(r: FuzzRequest, p: string, a: RawAnswer): string | undefined {
  if (a.status >= 500) return `${a.status}: ${a.text.slice(0, 200)}`;
  const expected = expectedStatus(r);
  if (expected !== undefined && a.status !== expected) return `${a.status} where ${expected} was due: ${a.text.slice(0, 100)}`;
  if (PAGES.has(r.route) && r.method === "GET" && !r.signedIn && a.status < 300) return `${a.status}: a page shown to a signed-out visitor`;
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
    // Signed in as an administrator with a name that is not ASCII: the sessions carry it.
    await setUpAndSignIn(server.base, { ...ADMIN, name: "Fuzz \u05d0 Robin" });
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
          signedIn: r.signedIn,
        });
        byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
        const problem = problemWith(r, p, a);
        if (problem) problems.push(`${r.method} ${p.slice(0, 120)} ${JSON.stringify(r.headers)}${r.signedIn ? "" : " signed out"} → ${problem}`);
      } catch (e) {
        problems.push(`${r.method} ${p.slice(0, 120)} ${JSON.stringify(r.headers)}${r.signedIn ? "" : " signed out"} (${r.body?.length ?? JSON.stringify(r.chunked)}) → no answer: ${(e as Error).message}`);
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
