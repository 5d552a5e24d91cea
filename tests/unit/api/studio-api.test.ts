/** The studio API (/api/studio/…) on a real SQLite store, as accounts of every kind; every answer parsed by its contract. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { doneAnswerSchema } from "../../../contracts/people-answers";
import { errorAnswerSchema } from "../../../contracts/session-answers";
import {
  draftAnswerSchema,
  draftConflictAnswerSchema,
  draftListAnswerSchema,
  draftNotPublishableAnswerSchema,
  publishedVersionAnswerSchema,
  versionHistoryAnswerSchema,
} from "../../../contracts/studio-answers";
import { SIZE_LIMITS } from "../../../scenarios/size-limits";
import { pathRewrites } from "../../../server/path-rewrites.mjs";

const dataDir = mkdtempSync(path.join(tmpdir(), "pp-studio-api-"));
process.env.DATA_DIR = dataDir;
delete process.env.SCENARIO_DIRS;
delete process.env.DATABASE_URL;

const drafts = await import("../../../app/api/studio/drafts/route");
const draft = await import("../../../app/api/studio/drafts/[id]/route");
const publish = await import("../../../app/api/studio/drafts/[id]/publish/route");
const history = await import("../../../app/api/studio/scenarios/[id]/versions/route");
const republish = await import("../../../app/api/studio/scenarios/[id]/versions/[hash]/publish/route");

type Who = "admin" | "trainer" | "supervisor" | "trainee" | "nobody";
const cookies: Record<Who, string> = { admin: "", trainer: "", supervisor: "", trainee: "", nobody: "" };

/** Each status's contract; anything else is the error contract. */
type Contracts = Partial<Record<number, z.core.$ZodType>>;

async function call(
  // Each route names its own params.
  handler: (request: Request, ctx: { params: Promise<any> }) => Promise<Response>,
  method: string,
  who: Who,
  contracts: Contracts,
  { params = {}, body, headers = {} }: { params?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {},
) {
  const request = new Request("http://localhost/api/studio", {
    method,
    headers: { ...(cookies[who] && { cookie: cookies[who] }), ...(body !== undefined && { "content-type": "application/json" }), ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const res = await handler(request, { params: Promise.resolve(params) });
  const data: unknown = await res.json();
  const schema = contracts[res.status] ?? errorAnswerSchema;
  const r = z.safeParse(schema, data);
  if (!r.success) throw new Error(`answer ${res.status} breaks its contract: ${z.prettifyError(r.error)}\n${JSON.stringify(data).slice(0, 500)}`);
  return { status: res.status, body: data as any };
}

const text = (id: string, title = "Sixty days") =>
  readFileSync("scenarios/library/active-listening.scenario.yaml", "utf8").replace("id: active-listening", `id: ${id}`).replace("title: Sixty days", `title: ${title}`);

beforeAll(async () => {
  const { getStore } = await import("../../../server/open-store");
  const { getAuth } = await import("../../../server/auth");
  const { createAccount, createFirstAdmin } = await import("../../../server/accounts");
  const auth = await getAuth();
  const { db } = await (await getStore()).database();
  await createFirstAdmin(auth, db, { email: "ada@example.org", name: "Ada", password: "ada's long password" });
  await createAccount(auth, db, { email: "tess@example.org", name: "Tess", password: "tess's long password", roles: ["trainer"] });
  await createAccount(auth, db, { email: "sam@example.org", name: "Sam", password: "sam's long password", roles: ["supervisor"] });
  await createAccount(auth, db, { email: "kit@example.org", name: "Kit", password: "kit's long password", roles: ["trainee"] });
  const signIn = async (email: string, password: string) => {
    const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    return /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  };
  cookies.admin = await signIn("ada@example.org", "ada's long password");
  cookies.trainer = await signIn("tess@example.org", "tess's long password");
  cookies.supervisor = await signIn("sam@example.org", "sam's long password");
  cookies.trainee = await signIn("kit@example.org", "kit's long password");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the studio API", () => {
  it("makes, lists, saves, publishes, lists versions of, re-publishes and deletes drafts", async () => {
    const made = await call(drafts.POST, "POST", "trainer", { 201: draftAnswerSchema }, { body: { scenarioId: "house-visit", text: text("house-visit", "One") } });
    expect(made.status).toBe(201);
    expect(made.body.draft).toMatchObject({ scenarioId: "house-visit", revision: 1, authorName: "Tess", check: { errors: 0 } });
    const id = made.body.draft.id as string;

    const list = await call(drafts.GET, "GET", "admin", { 200: draftListAnswerSchema });
    expect(list.body.drafts).toEqual([expect.objectContaining({ id, scenarioId: "house-visit", title: "One", authorName: "Tess", errors: 0, revision: 1 })]);
    expect((await call(draft.GET, "GET", "admin", { 200: draftAnswerSchema }, { params: { id } })).body.draft.text).toBe(text("house-visit", "One"));

    const v1 = await call(publish.POST, "POST", "trainer", { 200: publishedVersionAnswerSchema }, { params: { id }, body: {} });
    expect(v1).toMatchObject({ status: 200, body: { version: { scenarioId: "house-visit", title: "One", publishedBy: "Tess", current: true } } });

    const saved = await call(draft.POST, "POST", "trainer", { 200: draftAnswerSchema }, { params: { id }, body: { text: text("house-visit", "Two"), baseRevision: 1 } });
    expect(saved.body.draft).toMatchObject({ revision: 2 });
    // The same save again (a retry) is done; another text on the old revision is a conflict with both versions.
    expect((await call(draft.POST, "POST", "trainer", { 200: draftAnswerSchema }, { params: { id }, body: { text: text("house-visit", "Two"), baseRevision: 1 } })).status).toBe(200);
    const conflict = await call(draft.POST, "POST", "admin", { 409: draftConflictAnswerSchema }, { params: { id }, body: { text: "other tab", baseRevision: 1 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.conflict).toEqual({
      stored: { text: text("house-visit", "Two"), revision: 2, updatedAt: saved.body.draft.updatedAt },
      sent: { text: "other tab", baseRevision: 1 },
    });

    const v2 = await call(publish.POST, "POST", "admin", { 200: publishedVersionAnswerSchema }, { params: { id }, body: {} });
    expect(v2.body.version).toMatchObject({ title: "Two", current: true });

    const versions = await call(history.GET, "GET", "trainer", { 200: versionHistoryAnswerSchema }, { params: { id: "house-visit" } });
    expect(versions.body.versions.map((v: { title: string; current: boolean }) => [v.title, v.current])).toEqual([
      ["Two", true],
      ["One", false],
    ]);
    const again = await call(republish.POST, "POST", "trainer", { 200: publishedVersionAnswerSchema }, {
      params: { id: "house-visit", hash: v1.body.version.hash },
      body: {},
    });
    expect(again.body.version).toMatchObject({ hash: v1.body.version.hash, title: "One", current: true });

    expect((await call(draft.DELETE, "DELETE", "trainer", { 200: doneAnswerSchema }, { params: { id } })).body).toEqual({ done: true });
    expect((await call(draft.GET, "GET", "trainer", {}, { params: { id } })).status).toBe(404);
    // What was published stays published.
    expect((await call(history.GET, "GET", "trainer", { 200: versionHistoryAnswerSchema }, { params: { id: "house-visit" } })).body.versions).toHaveLength(2);
  });

  it("answers a draft with errors with its findings (409), and a library file's id with a sentence (409)", async () => {
    const made = await call(drafts.POST, "POST", "admin", { 201: draftAnswerSchema }, { body: { scenarioId: "half-done", text: "id: half-done\ntitle: [" } });
    expect(made.body.draft.check.errors).toBeGreaterThan(0);
    const refused = await call(publish.POST, "POST", "admin", { 409: draftNotPublishableAnswerSchema }, { params: { id: made.body.draft.id }, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/^the draft has (an error|\d+ errors) to fix before it can be published$/);
    expect(refused.body.check.problems.length).toBeGreaterThan(0);

    const builtIn = await call(drafts.POST, "POST", "trainer", {}, { body: { scenarioId: "mutuality", text: "id: mutuality" } });
    expect(builtIn).toEqual({
      status: 409,
      body: { error: 'scenario id "mutuality" belongs to the file scenarios/library/mutuality.scenario.yaml, so it cannot be published from the studio; choose another id' },
    });
  });

  it("refuses a text over the scenario size limit with 413", async () => {
    const over = await call(drafts.POST, "POST", "trainer", {}, { body: { scenarioId: "too-big", text: "#".repeat(SIZE_LIMITS.fileBytes + 1) } });
    expect(over.status).toBe(413);
    expect(over.body.error).toMatch(/^the scenario text is 5,242,881 bytes/);
  });

  it("answers malformed ids and unknown versions with 404", async () => {
    expect((await call(draft.GET, "GET", "trainer", {}, { params: { id: "not-a-uuid" } })).status).toBe(404);
    expect((await call(history.GET, "GET", "trainer", {}, { params: { id: "Not_An_Id" } })).status).toBe(404);
    expect((await call(history.GET, "GET", "trainer", {}, { params: { id: "never-published" } })).body).toEqual({
      error: 'no published versions of scenario "never-published"',
    });
    expect((await call(republish.POST, "POST", "trainer", {}, { params: { id: "house-visit", hash: "abc" }, body: {} })).status).toBe(404);
  });

  it("refuses trainees and supervisors (403), anyone signed out (401), and what another site sends (403)", async () => {
    const id = (await call(drafts.POST, "POST", "trainer", { 201: draftAnswerSchema }, { body: { scenarioId: "guarded", text: "x" } })).body.draft.id as string;
    const hash = "0".repeat(64);
    const routes = [
      () => [drafts.GET, "GET", {}] as const,
      () => [drafts.POST, "POST", { body: { scenarioId: "guarded-2", text: "x" } }] as const,
      () => [draft.GET, "GET", { params: { id } }] as const,
      () => [draft.POST, "POST", { params: { id }, body: { text: "y", baseRevision: 1 } }] as const,
      () => [draft.DELETE, "DELETE", { params: { id } }] as const,
      () => [publish.POST, "POST", { params: { id }, body: {} }] as const,
      () => [history.GET, "GET", { params: { id: "guarded" } }] as const,
      () => [republish.POST, "POST", { params: { id: "guarded", hash }, body: {} }] as const,
    ];
    for (const route of routes) {
      const [handler, method, options] = route();
      const h = handler as Parameters<typeof call>[0];
      expect(await call(h, method, "trainee", {}, options)).toEqual({ status: 403, body: { error: "only trainers and administrators may write and publish scenarios" } });
      expect((await call(h, method, "supervisor", {}, options)).status).toBe(403);
      expect(await call(h, method, "nobody", {}, options)).toEqual({ status: 401, body: { error: "sign in first: this needs a signed-in account" } });
      if (method !== "GET") {
        const cross = await call(h, method, "trainer", {}, { ...options, headers: { origin: "https://attacker.example.net" } });
        expect(cross).toEqual({ status: 403, body: { error: "requests from another site are refused" } });
      }
    }
    // Nothing was changed by any of them.
    expect((await call(draft.GET, "GET", "trainer", { 200: draftAnswerSchema }, { params: { id } })).body.draft).toMatchObject({ text: "x", revision: 1 });
  });

  it("is on the API whitelist, and nothing near it is", () => {
    const source = pathRewrites().beforeFiles[1]!.source;
    const inner = /\(\?!\(\?:(.*)\)\$\)/.exec(source)![1]!;
    const allowed = new RegExp(`^(?:${inner})$`, "i");
    const uuid = "0b7c6a4e-2f1d-4c3b-9a8e-7d6c5b4a3f21";
    for (const p of [
      "studio/drafts",
      `studio/drafts/${uuid}`,
      `studio/drafts/${uuid}/publish`,
      "studio/scenarios/house-visit/versions",
      `studio/scenarios/house-visit/versions/${"a".repeat(64)}/publish`,
    ]) {
      expect(allowed.test(p), p).toBe(true);
    }
    for (const p of ["studio", "studio/drafts/nope", `studio/drafts/${uuid}/other`, "studio/scenarios/a b/versions", `studio/scenarios/x/versions/${"a".repeat(63)}/publish`]) {
      expect(allowed.test(p), p).toBe(false);
    }
  });
});
