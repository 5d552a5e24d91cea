/** POST /api/assignments and DELETE /api/assignments/<id> on a real SQLite store, as accounts of every kind. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { assignmentAnswerSchema, doneAnswerSchema } from "../../../contracts/people-answers";
import { errorAnswerSchema } from "../../../contracts/session-answers";

// A fresh SQLite store in a temp folder, and the fixture folder with a scenario that has errors.
const dataDir = mkdtempSync(path.join(tmpdir(), "pp-assignments-api-"));
process.env.DATA_DIR = dataDir;
process.env.SCENARIO_DIRS = "tests/fixtures/library-extra";
delete process.env.DATABASE_URL;

/** A route's handler whose every answer is parsed by its contract (the answer schema for a 2xx, the error schema otherwise). */
function checked<A extends unknown[]>(handler: (...args: A) => Promise<Response>, ok: z.core.$ZodType) {
  return async (...args: A): Promise<Response> => {
    const res = await handler(...args);
    const body: unknown = await res.clone().json();
    const r = z.safeParse(res.ok ? ok : errorAnswerSchema, body);
    if (!r.success) throw new Error(`answer ${res.status} breaks its contract: ${z.prettifyError(r.error)}\n${JSON.stringify(body)}`);
    return res;
  };
}

const collection = await import("../../../app/api/assignments/route");
const single = await import("../../../app/api/assignments/[id]/route");
const assign = checked(collection.POST, assignmentAnswerSchema);
const remove = checked(single.DELETE, doneAnswerSchema);

/** Sign-in cookies by who holds them. */
const cookies: Record<"admin" | "north" | "south" | "trainee", string> = { admin: "", north: "", south: "", trainee: "" };
/** The cohorts: North (Sam supervises, Kit trains in it) and South (Jo supervises). */
let north = "";
let south = "";

const request = (method: string, body: unknown, headers: Record<string, string>) =>
  new Request("http://localhost/api/assignments", {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
const as = (who: keyof typeof cookies, extra: Record<string, string> = {}) => ({ cookie: cookies[who], ...extra });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function answer(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
}
const post = async (body: unknown, headers: Record<string, string>) => answer(await assign(request("POST", body, headers)));
const del = async (id: string, headers: Record<string, string>, body: unknown = {}) => answer(await remove(request("DELETE", body, headers), ctx(id)));

const SCENARIO = "active-listening";
const assignment = (cohortId: string, more: Record<string, unknown> = {}) => ({ cohortId, scenarioId: SCENARIO, mode: "practice", ...more });

beforeAll(async () => {
  const { getStore } = await import("../../../server/open-store");
  const { getAuth } = await import("../../../server/auth");
  const { createAccount, createFirstAdmin } = await import("../../../server/accounts");
  const { addMember, createCohort } = await import("../../../server/cohorts");
  const auth = await getAuth();
  const { db } = await (await getStore()).database();
  const admin = await createFirstAdmin(auth, db, { email: "ada@example.org", name: "Ada", password: "ada's long password" });
  const sam = await createAccount(auth, db, { email: "sam@example.org", name: "Sam", password: "sam's long password", roles: ["supervisor"] });
  const jo = await createAccount(auth, db, { email: "jo@example.org", name: "Jo", password: "jo's long password", roles: ["trainer"] });
  const kit = await createAccount(auth, db, { email: "kit@example.org", name: "Kit", password: "kit's long password", roles: ["trainee"] });
  north = (await createCohort(db, admin, "North")).id;
  south = (await createCohort(db, admin, "South")).id;
  await addMember(db, admin, north, sam.id, "staff");
  await addMember(db, admin, north, kit.id, "trainee");
  await addMember(db, admin, south, jo.id, "staff");
  const signIn = async (email: string, password: string) => {
    const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    return /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  };
  cookies.admin = await signIn("ada@example.org", "ada's long password");
  cookies.north = await signIn("sam@example.org", "sam's long password");
  cookies.south = await signIn("jo@example.org", "jo's long password");
  cookies.trainee = await signIn("kit@example.org", "kit's long password");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("POST /api/assignments", () => {
  it("lets a cohort's supervisor assign a scenario to it, with a due date, answering the assignment", async () => {
    const r = await post(assignment(north, { mode: "assessment", dueOn: "2031-03-14" }), as("north"));
    expect(r.status).toBe(201);
    expect(r.body.assignment).toMatchObject({ cohortId: north, cohortName: "North", scenarioId: SCENARIO, mode: "assessment", dueOn: "2031-03-14" });
  });

  it("takes a missing due date as none", async () => {
    const r = await post(assignment(north), as("north"));
    expect(r.status).toBe(201);
    expect(r.body.assignment).toMatchObject({ dueOn: null });
  });

  it("lets an administrator assign to any cohort", async () => {
    expect((await post(assignment(south), as("admin"))).status).toBe(201);
    expect((await post(assignment(north, { dueOn: null }), as("admin"))).status).toBe(201);
  });

  it("answers the staff of another cohort as if the cohort did not exist (404)", async () => {
    const other = await post(assignment(north), as("south"));
    const unknown = await post(assignment("no-such-cohort"), as("south"));
    expect(other).toEqual({ status: 404, body: { error: `no cohort "${north}"` } });
    expect(unknown).toEqual({ status: 404, body: { error: `no cohort "no-such-cohort"` } });
  });

  it("answers a trainee 404 too, even for the cohort they train in: ids are not confirmed", async () => {
    expect(await post(assignment(north), as("trainee"))).toEqual({ status: 404, body: { error: `no cohort "${north}"` } });
  });

  it("answers an unknown scenario with 404 and one with errors with 409", async () => {
    expect(await post(assignment(north, { scenarioId: "nope" }), as("north"))).toEqual({ status: 404, body: { error: 'no scenario "nope"' } });
    expect(await post(assignment(north, { scenarioId: "stuck-loop" }), as("north"))).toEqual({
      status: 409,
      body: { error: 'scenario "stuck-loop" has errors and cannot be assigned' },
    });
  });

  it("answers a body that does not fit with 400, naming the field", async () => {
    const mode = await post(assignment(north, { mode: "exam" }), as("north"));
    expect(mode.status).toBe(400);
    expect(mode.body.error).toMatch(/^the request body is not valid: mode /);
    const day = await post(assignment(north, { dueOn: "2031-02-30" }), as("north"));
    expect(day.status).toBe(400);
    expect(day.body.issues).toEqual([{ path: "dueOn", message: "must be a real date" }]);
    const extra = await post(assignment(north, { assignedBy: "someone" }), as("north"));
    expect(extra.status).toBe(400);
    expect(extra.body.error).toContain("assignedBy");
    expect(await post("{ not json", as("north"))).toEqual({ status: 400, body: { error: "the request body is not valid JSON" } });
  });

  it("asks for notes on chosen turns, answered once each in the scenario's order, and shows them on the cohort and to its trainees", async () => {
    const r = await post(assignment(north, { rationaleNodes: ["four-lists", "the-letter", "four-lists"] }), as("north"));
    expect(r.status).toBe(201);
    expect(r.body.assignment).toMatchObject({ mode: "practice", rationaleNodes: ["the-letter", "four-lists"] });
    expect((await post(assignment(north, { rationaleNodes: [] }), as("north"))).body.assignment).toMatchObject({ rationaleNodes: [] });
    expect((await post(assignment(north), as("north"))).body.assignment).toMatchObject({ rationaleNodes: [] });

    const { getStore } = await import("../../../server/open-store");
    const { getCohort, rationaleNodesFor } = await import("../../../server/cohorts");
    const { db } = await (await getStore()).database();
    const id = (r.body.assignment as { id: string }).id;
    const ada = { id: "x", name: "Ada", email: "ada@example.org", roles: ["admin" as const] };
    expect((await getCohort(db, ada, north)).assignments.find((a) => a.id === id)?.rationaleNodes).toEqual(["the-letter", "four-lists"]);
    const kitId = (await db.selectFrom("auth_user").select("id").where("email", "=", "kit@example.org").executeTakeFirstOrThrow()).id;
    const kit = { id: kitId, name: "Kit", email: "kit@example.org", roles: ["trainee" as const] };
    expect((await rationaleNodesFor(db, kit, SCENARIO)).sort()).toEqual(["four-lists", "the-letter"]);
    expect(await rationaleNodesFor(db, kit, "mutuality")).toEqual([]);
  });

  it("refuses to ask for notes on a node that is no turn of the scenario, or in assessment mode", async () => {
    const wrong = await post(assignment(north, { rationaleNodes: ["the-letter", "after-letter", "nowhere"] }), as("north"));
    expect(wrong).toEqual({
      status: 400,
      body: {
        error: `cannot ask for notes there: "after-letter" is not a turn of scenario "${SCENARIO}"; "nowhere" is not a turn of scenario "${SCENARIO}"`,
        issues: [
          { path: "rationaleNodes.1", message: `"after-letter" is not a turn of scenario "${SCENARIO}"` },
          { path: "rationaleNodes.2", message: `"nowhere" is not a turn of scenario "${SCENARIO}"` },
        ],
      },
    });
    const assessment = await post(assignment(north, { mode: "assessment", rationaleNodes: ["the-letter"] }), as("north"));
    expect(assessment.status).toBe(400);
    expect(assessment.body.error).toBe("notes on choices are asked for in practice mode only; an assessment cannot ask for them");
    const malformed = await post(assignment(north, { rationaleNodes: ["Not An Id"] }), as("north"));
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([{ path: "rationaleNodes.0", message: "must be a node id" }]);
  });

  it("answers a request without a sign-in with 401", async () => {
    expect(await post(assignment(north), {})).toEqual({ status: 401, body: { error: "sign in first: this needs a signed-in account" } });
  });

  it("refuses what another site's page sends (403) and a body that is not JSON (415), before anything else", async () => {
    const origin = await post(assignment(north), as("admin", { origin: "https://attacker.example.net" }));
    expect(origin).toEqual({ status: 403, body: { error: "requests from another site are refused" } });
    expect((await post(assignment(north), as("admin", { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    const form = new Request("http://localhost/api/assignments", {
      method: "POST",
      headers: { cookie: cookies.admin, "content-type": "application/x-www-form-urlencoded" },
      body: `cohortId=${north}&scenarioId=${SCENARIO}&mode=practice`,
    });
    expect((await answer(await assign(form))).status).toBe(415);
  });

  it("answers the methods it does not have with 405", async () => {
    const res = collection.GET(new Request("http://localhost/api/assignments"));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("OPTIONS, POST");
  });
});

describe("DELETE /api/assignments/<id>", () => {
  async function made(cohortId = north) {
    const r = await post(assignment(cohortId), as("admin"));
    return (r.body.assignment as { id: string }).id;
  }

  it("lets the cohort's supervisor remove an assignment, once", async () => {
    const id = await made();
    expect(await del(id, as("north"))).toEqual({ status: 200, body: { done: true } });
    expect(await del(id, as("north"))).toEqual({ status: 404, body: { error: `no assignment "${id}"` } });
  });

  it("answers the staff of another cohort and a trainee 404, removing nothing; an administrator removes it", async () => {
    const id = await made();
    expect(await del(id, as("south"))).toEqual({ status: 404, body: { error: `no assignment "${id}"` } });
    expect(await del(id, as("trainee"))).toEqual({ status: 404, body: { error: `no assignment "${id}"` } });
    expect(await del(id, as("admin"))).toEqual({ status: 200, body: { done: true } });
  });

  it("answers an id that is no UUID with 404 without looking it up", async () => {
    expect(await del("not-a-uuid", as("admin"))).toEqual({ status: 404, body: { error: 'no assignment "not-a-uuid"' } });
  });

  it("answers 401 without a sign-in, and refuses another site's page (403) and a body that is not JSON (415)", async () => {
    const id = await made();
    expect((await del(id, {})).status).toBe(401);
    expect((await del(id, as("admin", { origin: "https://attacker.example.net" }))).status).toBe(403);
    const plain = new Request(`http://localhost/api/assignments/${id}`, {
      method: "DELETE",
      // As a client sends it over HTTP, with its length.
      headers: { cookie: cookies.admin, "content-type": "text/plain", "content-length": "9" },
      body: "remove it",
    });
    expect((await answer(await remove(plain, ctx(id)))).status).toBe(415);
    // Still there. A DELETE with no body at all (which no form can send) needs no content type.
    const bare = new Request(`http://localhost/api/assignments/${id}`, { method: "DELETE", headers: { cookie: cookies.admin } });
    expect((await answer(await remove(bare, ctx(id)))).status).toBe(200);
  });
});
