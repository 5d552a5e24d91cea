/**
 * The comments on a session reach its trainee: `GET /api/sessions/:id`, which the debrief reads,
 * answers the session's owner with every comment their supervisor wrote on it, while nobody who
 * may not read the session gains anything, and the owner still cannot comment.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { commentAnswerSchema, errorAnswerSchema, sessionDetailAnswerSchema } from "../../../contracts/session-answers";

const dataDir = mkdtempSync(path.join(tmpdir(), "pp-owner-comments-"));
process.env.DATA_DIR = dataDir;
process.env.SCENARIO_DIRS = "tests/fixtures/library-extra";
delete process.env.DATABASE_URL;

const SCENARIO = "active-listening";
const detailRoute = await import("../../../app/api/sessions/[id]/route");
const commentsRoute = await import("../../../app/api/sessions/[id]/comments/route");

const cookies = { sam: "", kit: "", lee: "", jo: "" };
type Who = keyof typeof cookies;
let sessionId = "";

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
async function answer(res: Response, ok: z.core.$ZodType) {
  const body: unknown = await res.json();
  const r = z.safeParse(res.ok ? ok : errorAnswerSchema, body);
  if (!r.success) throw new Error(`answer ${res.status} breaks its contract: ${z.prettifyError(r.error)}`);
  return { status: res.status, body: body as any };
}
const read = async (who: Who) =>
  answer(await detailRoute.GET(new Request("http://localhost/api", { headers: { cookie: cookies[who] } }), ctx(sessionId)), sessionDetailAnswerSchema);
const comment = async (who: Who, body: unknown) =>
  answer(
    await commentsRoute.POST(
      new Request("http://localhost/api", { method: "POST", headers: { cookie: cookies[who], "content-type": "application/json" }, body: JSON.stringify(body) }),
      ctx(sessionId),
    ),
    commentAnswerSchema,
  );

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
  const jo = await createAccount(auth, db, { email: "jo@example.org", name: "Jo", password: "jo's long password", roles: ["supervisor"] });
  const kit = await createAccount(auth, db, { email: "kit@example.org", name: "Kit", password: "kit's long password", roles: ["trainee"] });
  const lee = await createAccount(auth, db, { email: "lee@example.org", name: "Lee", password: "lee's long password", roles: ["trainee"] });
  // Sam supervises Kit; Lee trains in the same cohort; Jo supervises another cohort.
  const north = (await createCohort(db, admin, "North")).id;
  const south = (await createCohort(db, admin, "South")).id;
  await addMember(db, admin, north, sam.id, "staff");
  await addMember(db, admin, north, kit.id, "trainee");
  await addMember(db, admin, north, lee.id, "trainee");
  await addMember(db, admin, south, jo.id, "staff");

  const entry = await findScenario(SCENARIO);
  if (!entry?.ok) throw new Error(`no ${SCENARIO}`);
  const s = await startSession(store, kit, { scenarioId: SCENARIO, mode: "assessment" });
  for (const [i, t] of planFor(entry.scenario, "first").turns.entries()) {
    await appendChoice(store, kit, s.id, { seq: i + 1, choiceId: t.choice.id, timeTakenMs: 1000 });
  }
  await endSession(store, kit, s.id, "completed");
  sessionId = s.id;

  const signIn = async (email: string, password: string) => {
    const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    return /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  };
  cookies.sam = await signIn("sam@example.org", "sam's long password");
  cookies.jo = await signIn("jo@example.org", "jo's long password");
  cookies.kit = await signIn("kit@example.org", "kit's long password");
  cookies.lee = await signIn("lee@example.org", "lee's long password");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("comments on a session, for its trainee", () => {
  it("are read by the session's owner with the session, whole-session and per-turn, under their author's name", async () => {
    expect((await read("kit")).body.comments).toEqual([]);
    expect((await comment("sam", { turn: 2, body: "You stayed with her here." })).status).toBe(201);
    expect((await comment("sam", { turn: null, body: "A steady session.\nTry a complex reflection sooner." })).status).toBe(201);
    const own = await read("kit");
    expect(own.status).toBe(200);
    expect(own.body.session).toMatchObject({ id: sessionId, status: "completed" });
    expect(own.body.comments).toEqual([
      expect.objectContaining({ sessionId, turn: 2, author: "Sam", body: "You stayed with her here." }),
      expect.objectContaining({ sessionId, turn: null, author: "Sam", body: "A steady session.\nTry a complex reflection sooner." }),
    ]);
  });

  it("give nobody else access: another trainee and another cohort's supervisor find no session (404)", async () => {
    expect(await read("lee")).toEqual({ status: 404, body: { error: `no session "${sessionId}"` } });
    expect(await read("jo")).toEqual({ status: 404, body: { error: `no session "${sessionId}"` } });
    expect((await comment("lee", { turn: null, body: "Hm." })).status).toBe(404);
  });

  it("are written by reviewers only: the owner reading them cannot add one (403)", async () => {
    expect(await comment("kit", { turn: 1, body: "Thanks!" })).toEqual({
      status: 403,
      body: { error: "only a reviewer of this session can comment on it or mark it reviewed" },
    });
    expect((await read("kit")).body.comments).toHaveLength(2);
  });
});
