/**
 * GET /api/analytics/<scenario id>[/<table>.csv] and GET /api/people/<id>/progress[/sessions.csv]
 * on a real SQLite store, through their route handlers, as accounts of every kind: answers by the
 * contract, CSV quoting and formula-safe cells, and the 400s, 403s and 404s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { ANALYTICS_TABLES, personProgressSchema, scenarioAnalyticsSchema } from "../../../contracts/analytics-answers";
import { errorAnswerSchema } from "../../../contracts/session-answers";
import { ANALYTICS_TABLES as REWRITTEN_TABLES } from "../../../server/path-rewrites.mjs";
import { csvCell, toCsv } from "../../../server/analytics/csv";
import { checkAnalyticsQuery } from "../../../server/analytics/query";

const dataDir = mkdtempSync(path.join(tmpdir(), "pp-analytics-api-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const analyticsRoute = await import("../../../app/api/analytics/[scenarioId]/route");
const tableRoute = await import("../../../app/api/analytics/[scenarioId]/[table]/route");
const progressRoute = await import("../../../app/api/people/[id]/progress/route");
const progressTableRoute = await import("../../../app/api/people/[id]/progress/[table]/route");

const SCENARIO = "active-listening";
const cookies: Record<"admin" | "sam" | "kit" | "lee", string> = { admin: "", sam: "", kit: "", lee: "" };
let kitId = "";
let leeId = "";

const get = (url: string, who?: keyof typeof cookies) => new Request(`http://localhost${url}`, { headers: who ? { cookie: cookies[who] } : {} });

async function jsonOf(res: Response, ok: z.core.$ZodType) {
  const body: unknown = await res.json();
  const r = z.safeParse(res.ok ? ok : errorAnswerSchema, body);
  if (!r.success) throw new Error(`answer ${res.status} breaks its contract: ${z.prettifyError(r.error)}`);
  return { status: res.status, body: body as any };
}
const analytics = async (query: string, who?: keyof typeof cookies, scenarioId = SCENARIO) =>
  jsonOf(await analyticsRoute.GET(get(`/api/analytics/${scenarioId}${query}`, who), { params: Promise.resolve({ scenarioId }) }), scenarioAnalyticsSchema);
const table = (file: string, query: string, who?: keyof typeof cookies) =>
  tableRoute.GET(get(`/api/analytics/${SCENARIO}/${file}${query}`, who), { params: Promise.resolve({ scenarioId: SCENARIO, table: file }) });
/** A CSV answer's text with its byte order mark kept (Response.text() drops it). */
const csvText = async (res: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
const progress = async (id: string, who?: keyof typeof cookies) =>
  jsonOf(await progressRoute.GET(get(`/api/people/${id}/progress`, who), { params: Promise.resolve({ id }) }), personProgressSchema);

beforeAll(async () => {
  const { getStore } = await import("../../../server/open-store");
  const { getAuth } = await import("../../../server/auth");
  const { createAccount, createFirstAdmin } = await import("../../../server/accounts");
  const { addMember, createCohort } = await import("../../../server/cohorts");
  const { startSession, appendChoice, endSession } = await import("../../../server/session-service");
  const { planFor } = await import("../../e2e/plan");
  const { findScenario } = await import("../../../server/scenario-library");
  const auth = await getAuth();
  const store = await getStore();
  const { db } = await store.database();
  const admin = await createFirstAdmin(auth, db, { email: "ada@example.org", name: "Ada", password: "ada's long password" });
  const sam = await createAccount(auth, db, { email: "sam@example.org", name: "Sam", password: "sam's long password", roles: ["supervisor"] });
  const kit = await createAccount(auth, db, { email: "kit@example.org", name: "=Kit, \"the\" trainee", password: "kit's long password", roles: ["trainee"] });
  const lee = await createAccount(auth, db, { email: "lee@example.org", name: "Lee", password: "lee's long password", roles: ["trainee"] });
  kitId = kit.id;
  leeId = lee.id;
  const north = (await createCohort(db, admin, "North")).id;
  await addMember(db, admin, north, sam.id, "staff");
  await addMember(db, admin, north, kit.id, "trainee");
  // Kit plays the scenario's first-choice path to its ending twice; Lee (in no cohort) once.
  const entry = await findScenario(SCENARIO);
  if (!entry?.ok) throw new Error("no active-listening");
  const path = planFor(entry.scenario, "first").turns.map((t) => t.choice.id);
  for (const who of [kit, kit, lee]) {
    const s = await startSession(store, who, { scenarioId: SCENARIO, mode: "practice" });
    for (const [i, choiceId] of path.entries()) await appendChoice(store, who, s.id, { seq: i + 1, choiceId, timeTakenMs: 1000 * (i + 1) });
    await endSession(store, who, s.id, "completed");
  }
  const signIn = async (email: string, password: string) => {
    const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    return /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  };
  cookies.admin = await signIn("ada@example.org", "ada's long password");
  cookies.sam = await signIn("sam@example.org", "sam's long password");
  cookies.kit = await signIn("kit@example.org", "kit's long password");
  cookies.lee = await signIn("lee@example.org", "lee's long password");
});

describe("GET /api/analytics/<scenario id>", () => {
  it("finds the summaries of sessions that ended already stored, so nothing is replayed", async () => {
    const { getStore } = await import("../../../server/open-store");
    const { db } = await (await getStore()).database();
    expect(await db.selectFrom("analytics_summaries").select("session_id").execute()).toHaveLength(3);
    const { forgetSummariesInMemory } = await import("../../../server/analytics/summary-cache");
    forgetSummariesInMemory();
    const res = await analyticsRoute.GET(get(`/api/analytics/${SCENARIO}`, "admin"), { params: Promise.resolve({ scenarioId: SCENARIO }) });
    expect(res.headers.get("server-timing")).toMatch(/^query;dur=[\d.]+, summaries;dur=[\d.]+;desc="0 in memory \/ 3 stored \/ 0 replayed", aggregate;dur=[\d.]+$/);
  });

  it("answers the analytics by the contract, counting what each reader may see", async () => {
    const admin = await analytics("", "admin");
    expect(admin.status).toBe(200);
    expect(admin.body.counts).toMatchObject({ sessions: 3, completed: 3, trainees: 2 });
    expect(admin.body.coverage).toMatchObject({ drawnBecause: "current", acrossVersions: false });
    const sam = await analytics("", "sam");
    expect(sam.body.counts).toMatchObject({ sessions: 2, trainees: 1 });
    expect((await analytics("?mode=assessment", "admin")).body.counts.sessions).toBe(0);
  });

  it("refuses the signed-out (401), trainees (403), and answers 404 for what does not exist", async () => {
    expect((await analytics("")).status).toBe(401);
    expect(await analytics("", "kit")).toMatchObject({ status: 403, body: { error: "only supervisors, trainers and administrators can read a scenario's analytics" } });
    expect((await analytics("", "admin", "no-such-scenario")).status).toBe(404);
    expect((await analytics("?cohort=nope", "sam")).status).toBe(404);
  });

  it("refuses bad filters with 400 and a sentence per problem", async () => {
    const r = await analytics("?mode=exam&from=2026-02-30&to=yesterday&version=abc&cohort=a%20b", "admin");
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(
      'the analytics filters are not valid: Cohort: "a b" is not a cohort id; Mode: "exam" is not a mode (practice, assessment); ' +
        'Started from: "2026-02-30" is not a date that exists; Started before: "yesterday" is not a date (YYYY-MM-DD); ' +
        'Version: "abc" is not a version (64 lowercase hexadecimal digits)',
    );
    expect((await analytics("?mode=practice&mode=assessment", "admin")).body.error).toMatch(/"mode" \(Mode\) was given 2 times/);
    expect((await analytics("?from=2026-05-01&to=2026-05-01", "admin")).body.error).toMatch(/Started from \(2026-05-01\) must be a day before Started before \(2026-05-01\)/);
    // Empty values, as an empty form sends them, do not filter.
    expect((await analytics("?mode=&from=&cohort=", "admin")).status).toBe(200);
  });
});

describe("GET /api/analytics/<scenario id>/<table>.csv", () => {
  it("serves every table as CSV with a header row", async () => {
    for (const name of ANALYTICS_TABLES) {
      const res = await table(`${name}.csv`, "", "admin");
      expect(res.status, name).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${SCENARIO}-${name}.csv"`);
      const text = await csvText(res);
      expect(text.startsWith("\uFEFF"), name).toBe(true);
      expect(text.endsWith("\r\n"), name).toBe(true);
    }
    const outcomes = await csvText(await table("outcomes.csv", "", "admin"));
    expect(outcomes).toBe("\uFEFFoutcome,count,share\r\nconnected,3,1\r\nmixed,0,0\r\ndisengaged,0,0\r\n");
  });

  it("applies the filters and the access rules of the JSON", async () => {
    expect(await (await table("outcomes.csv", "?mode=assessment", "admin")).text()).toContain("connected,0,0");
    expect((await table("outcomes.csv", "?mode=exam", "admin")).status).toBe(400);
    expect((await table("outcomes.csv", "", "kit")).status).toBe(403);
    expect((await table("outcomes.csv", "")).status).toBe(401);
    expect((await table("secrets.csv", "", "admin")).status).toBe(404);
    expect((await table("outcomes.json", "", "admin")).status).toBe(404);
  });

  it("keeps the server's path whitelist in step with the tables", () => {
    expect([...REWRITTEN_TABLES]).toEqual([...ANALYTICS_TABLES]);
  });
});

describe("CSV cells", () => {
  it("quotes commas, quotes and line breaks, and defuses what a spreadsheet would run", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell('=HYPERLINK("x"),y')).toBe('"\'=HYPERLINK(""x""),y"');
    // Numbers are numbers: a negative one keeps its sign; shares to four places.
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(1 / 3)).toBe("0.3333");
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(toCsv(["a", "b"], [["x", 1]])).toBe("\uFEFFa,b\r\nx,1\r\n");
  });
});

describe("checkAnalyticsQuery", () => {
  it("reads a page's search params as the API reads a query", () => {
    expect(checkAnalyticsQuery({ mode: "practice", from: "2026-01-01", other: "x" })).toEqual({ filters: { mode: "practice", from: "2026-01-01" }, problems: [] });
    expect(checkAnalyticsQuery({ mode: ["practice", "assessment"] }).problems).toEqual(['"mode" (Mode) was given 2 times; give it once']);
  });
});

describe("GET /api/people/<id>/progress", () => {
  it("answers the person, their cohort's staff and administrators; others are told there is no such account", async () => {
    const own = await progress(kitId, "kit");
    expect(own.status).toBe(200);
    expect(own.body.sessions).toHaveLength(2);
    expect(own.body.sessions.every((s: { outcome: string }) => s.outcome === "connected")).toBe(true);
    expect((await progress(kitId, "sam")).status).toBe(200);
    expect((await progress(kitId, "admin")).status).toBe(200);
    expect((await progress(kitId, "lee")).status).toBe(404);
    // Lee is in no cohort: Sam is not his supervisor.
    expect((await progress(leeId, "sam")).status).toBe(404);
    expect((await progress(kitId)).status).toBe(401);
  });

  it("serves the sessions as CSV, to those who may read the progress", async () => {
    const res = await progressTableRoute.GET(get(`/api/people/${kitId}/progress/sessions.csv`, "sam"), { params: Promise.resolve({ id: kitId, table: "sessions.csv" }) });
    expect(res.status).toBe(200);
    const lines = (await csvText(res)).split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFsession_id,scenario_id,title,version,mode,status,started_at,ended_at,outcome,turns,final_rapport,final_mutuality,reflections,simple_reflections,complex_reflections,questions,reflection_to_question,reflection_to_question_band,percent_complex,percent_complex_band,kind_mix,damage",
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^[0-9a-f-]{36},active-listening,Sixty days,[0-9a-f]{64},practice,completed,/);
    const other = await progressTableRoute.GET(get(`/api/people/${kitId}/progress/sessions.csv`, "lee"), { params: Promise.resolve({ id: kitId, table: "sessions.csv" }) });
    expect(other.status).toBe(404);
  });
});
