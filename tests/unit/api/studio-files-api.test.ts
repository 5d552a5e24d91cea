/**
 * The studio's files (/api/studio/imports, /api/studio/exports/…) and a published version's text
 * (/api/studio/scenarios/<id>/versions/<hash>) on a real SQLite store, as accounts of every kind;
 * every JSON answer parsed by its contract.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as z from "zod/mini";
import { errorAnswerSchema } from "../../../contracts/session-answers";
import { draftAnswerSchema, draftListAnswerSchema, importAnswerSchema, publishedVersionAnswerSchema, versionTextAnswerSchema } from "../../../contracts/studio-answers";
import { checkScenario } from "../../../scenarios/check-scenario";
import { scenarioToYaml } from "../../../scenarios/serialize-scenario";
import { SIZE_LIMITS } from "../../../scenarios/size-limits";
import { exportTwee, importTwee } from "../../../scenarios/twee";
import { pathRewrites } from "../../../server/path-rewrites.mjs";
import { inReadingOrder } from "../../../server/studio-versions";

const dataDir = mkdtempSync(path.join(tmpdir(), "pp-studio-files-api-"));
process.env.DATA_DIR = dataDir;
delete process.env.SCENARIO_DIRS;
delete process.env.DATABASE_URL;

const drafts = await import("../../../app/api/studio/drafts/route");
const draft = await import("../../../app/api/studio/drafts/[id]/route");
const publish = await import("../../../app/api/studio/drafts/[id]/publish/route");
const versionText = await import("../../../app/api/studio/scenarios/[id]/versions/[hash]/route");
const imports = await import("../../../app/api/studio/imports/route");
const draftExport = await import("../../../app/api/studio/exports/drafts/[id]/route");
const scenarioExport = await import("../../../app/api/studio/exports/scenarios/[id]/route");
const versionExport = await import("../../../app/api/studio/exports/scenarios/[id]/versions/[hash]/route");

type Who = "admin" | "trainer" | "supervisor" | "trainee" | "nobody";
const cookies: Record<Who, string> = { admin: "", trainer: "", supervisor: "", trainee: "", nobody: "" };
type Handler = (request: Request, ctx: { params: Promise<any> }) => Promise<Response>;

function request(method: string, who: Who, { url = "http://localhost/api/studio", body, headers = {} }: { url?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return new Request(url, {
    method,
    headers: { ...(cookies[who] && { cookie: cookies[who] }), ...(body !== undefined && { "content-type": "application/json" }), ...headers },
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

/** A JSON request, its answer checked against the contract of its status (the error contract for any status not named). */
async function call(
  handler: Handler,
  method: string,
  who: Who,
  contracts: Partial<Record<number, z.core.$ZodType>>,
  { params = {}, body, headers }: { params?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await handler(request(method, who, { body, headers }), { params: Promise.resolve(params) });
  const data: unknown = await res.json();
  const r = z.safeParse(contracts[res.status] ?? errorAnswerSchema, data);
  if (!r.success) throw new Error(`answer ${res.status} breaks its contract: ${z.prettifyError(r.error)}\n${JSON.stringify(data).slice(0, 500)}`);
  return { status: res.status, body: data as any };
}

/** A download: status, the headers that make it one, and the text (or the refusal's JSON). */
async function download(handler: Handler, who: Who, params: Record<string, string>, format?: string) {
  const url = `http://localhost/api/studio/exports${format === undefined ? "" : `?format=${format}`}`;
  const res = await handler(request("GET", who, { url }), { params: Promise.resolve(params) });
  const text = await res.text();
  return {
    status: res.status,
    disposition: res.headers.get("content-disposition"),
    type: res.headers.get("content-type"),
    text,
    error: res.ok ? undefined : (JSON.parse(text) as { error: string }).error,
  };
}

const libraryText = readFileSync("scenarios/library/active-listening.scenario.yaml", "utf8");
const text = (id: string, title = "Sixty days") => libraryText.replace("id: active-listening", `id: ${id}`).replace("title: Sixty days", `title: ${title}`);

const twee = [":: StoryTitle", "Door knock", "", ":: Start", "Hello there. [[Come in->End]]", "", ":: End", "Goodbye.", ""].join("\n");

const draftCount = async () => (await call(drafts.GET, "GET", "admin", { 200: draftListAnswerSchema })).body.drafts.length as number;

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

describe("importing a file as a draft", () => {
  it("makes a draft from a Twee story with the importer's warnings, and from YAML and JSON", async () => {
    const made = await call(imports.POST, "POST", "trainer", { 201: importAnswerSchema }, { body: { fileName: "door-knock.twee", text: twee } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ format: "twee", draft: { scenarioId: "door-knock", authorName: "Tess", revision: 1, text: importTwee(twee).yaml } });
    expect(made.body.warnings).toEqual(importTwee(twee).warnings);
    expect(made.body.warnings.map((w: { rule: string }) => w.rule)).toContain("twee-no-outcome");

    const yaml = await call(imports.POST, "POST", "admin", { 201: importAnswerSchema }, { body: { fileName: "x.yaml", text: text("imported-yaml") } });
    expect(yaml.body).toMatchObject({ format: "yaml", warnings: [], draft: { scenarioId: "imported-yaml", text: text("imported-yaml"), check: { errors: 0 } } });

    const asJson = JSON.stringify(parse(text("imported-json")), null, 2);
    const json = await call(imports.POST, "POST", "admin", { 201: importAnswerSchema }, { body: { fileName: "x.json", text: asJson } });
    expect(json.body).toMatchObject({ format: "json", draft: { scenarioId: "imported-json", check: { errors: 0 } } });
    expect(checkScenario(json.body.draft.text).scenario).toEqual(checkScenario(text("imported-json")).scenario);
  });

  it("refuses an id a draft or a file of the library has, and hostile files, leaving nothing behind", async () => {
    const before = await draftCount();
    const again = await call(imports.POST, "POST", "trainer", {}, { body: { fileName: "door-knock.twee", text: twee } });
    expect(again).toEqual({ status: 409, body: { error: 'a draft of scenario "door-knock" exists already; open it from the list, or import the file under another scenario id' } });
    const builtIn = await call(imports.POST, "POST", "trainer", {}, { body: { fileName: "mutuality.scenario.yaml", text: "id: mutuality\n" } });
    expect(builtIn).toEqual({
      status: 409,
      body: { error: 'scenario id "mutuality" belongs to the file scenarios/library/mutuality.scenario.yaml, so it cannot be published from the studio; choose another id' },
    });
    const refused = [
      { fileName: "big.yaml", text: "#".repeat(SIZE_LIMITS.fileBytes + 1) },
      { fileName: "broken.json", text: '{"id": "broken",' },
      { fileName: "binary.yaml", text: "id: binary\n\u0000\u0001" },
      { fileName: "empty.twee", text: "no passages here" },
      { fileName: "page.html", text: "<html></html>" },
    ];
    const statuses = [];
    for (const body of refused) statuses.push((await call(imports.POST, "POST", "trainer", {}, { body })).status);
    expect(statuses).toEqual([413, 400, 400, 400, 400]);
    // A body past the drafts' limit is refused unread.
    const huge = await call(imports.POST, "POST", "trainer", {}, { body: { fileName: "huge.yaml", text: "#".repeat(2 * SIZE_LIMITS.fileBytes + 100 * 1024) } });
    expect(huge.status).toBe(413);
    expect(await draftCount()).toBe(before);

    // Under another id, the same file is welcome.
    const renamed = await call(imports.POST, "POST", "trainer", { 201: importAnswerSchema }, { body: { fileName: "door-knock.twee", text: twee, scenarioId: "door-knock-2" } });
    expect(renamed.body.draft.text).toMatch(/^id: door-knock-2$/m);
    expect(await draftCount()).toBe(before + 1);
  });
});

describe("a published version's text and downloads", () => {
  let id = "";
  let hashes: string[] = [];

  beforeAll(async () => {
    const made = await call(drafts.POST, "POST", "trainer", { 201: draftAnswerSchema }, { body: { scenarioId: "kept-versions", text: text("kept-versions", "One") } });
    id = made.body.draft.id;
    const v1 = await call(publish.POST, "POST", "trainer", { 200: publishedVersionAnswerSchema }, { params: { id }, body: {} });
    await call(draft.POST, "POST", "trainer", { 200: draftAnswerSchema }, { params: { id }, body: { text: text("kept-versions", "Two"), baseRevision: 1 } });
    const v2 = await call(publish.POST, "POST", "trainer", { 200: publishedVersionAnswerSchema }, { params: { id }, body: {} });
    hashes = [v1.body.version.hash, v2.body.version.hash];
  });

  it("answers a version with its text, the scenario file the library writes for it", async () => {
    const one = await call(versionText.GET, "GET", "trainer", { 200: versionTextAnswerSchema }, { params: { id: "kept-versions", hash: hashes[0]! } });
    expect(one.body.version).toMatchObject({ hash: hashes[0], title: "One", current: false });
    expect(one.body.text).toBe(scenarioToYaml(inReadingOrder(checkScenario(text("kept-versions", "One")).scenario!)));
    const two = await call(versionText.GET, "GET", "admin", { 200: versionTextAnswerSchema }, { params: { id: "kept-versions", hash: hashes[1]! } });
    expect(two.body.version.current).toBe(true);
    expect(two.body.text).toContain("title: Two");
    expect(await call(versionText.GET, "GET", "trainer", {}, { params: { id: "kept-versions", hash: "f".repeat(64) } })).toEqual({
      status: 404,
      body: { error: "no published version ffffffffffff of scenario \"kept-versions\"" },
    });
    expect((await call(versionText.GET, "GET", "trainer", {}, { params: { id: "never-published", hash: hashes[0]! } })).status).toBe(404);
  });

  it("downloads a draft as its saved YAML text, and as Twee that imports back to the same scenario", async () => {
    const yaml = await download(draftExport.GET, "trainer", { id });
    expect(yaml).toMatchObject({ status: 200, disposition: 'attachment; filename="kept-versions.scenario.yaml"', type: "application/yaml; charset=utf-8" });
    expect(yaml.text).toBe(text("kept-versions", "Two"));
    const story = await download(draftExport.GET, "admin", { id }, "twee");
    expect(story).toMatchObject({ status: 200, disposition: 'attachment; filename="kept-versions.twee"' });
    expect(checkScenario(importTwee(story.text).yaml).scenario).toEqual(checkScenario(text("kept-versions", "Two")).scenario);
  });

  it("refuses Twee for a draft with errors, saying why and what to do, and an unknown format", async () => {
    const broken = await call(drafts.POST, "POST", "trainer", { 201: draftAnswerSchema }, { body: { scenarioId: "half-written", text: "id: half-written\ntitle: [" } });
    const refused = await download(draftExport.GET, "trainer", { id: broken.body.draft.id }, "twee");
    expect(refused.status).toBe(409);
    expect(refused.error).toMatch(/^the draft has (an error|\d+ errors), so it cannot be written as Twee; fix (it|them) first, or download it as YAML$/);
    expect((await download(draftExport.GET, "trainer", { id: broken.body.draft.id }, "yaml")).text).toBe("id: half-written\ntitle: [");
    expect(await download(draftExport.GET, "trainer", { id }, "pdf")).toMatchObject({ status: 400, error: 'format must be yaml or twee, not "pdf"' });
    expect((await download(draftExport.GET, "trainer", { id: "0b7c6a4e-2f1d-4c3b-9a8e-7d6c5b4a3f21" })).status).toBe(404);
  });

  it("downloads a published version, the current one by scenario id, and a built-in file as it is", async () => {
    const older = await download(versionExport.GET, "trainer", { id: "kept-versions", hash: hashes[0]! });
    expect(older).toMatchObject({ status: 200, disposition: 'attachment; filename="kept-versions.scenario.yaml"' });
    expect(older.text).toBe(scenarioToYaml(inReadingOrder(checkScenario(text("kept-versions", "One")).scenario!)));
    const olderTwee = await download(versionExport.GET, "trainer", { id: "kept-versions", hash: hashes[0]! }, "twee");
    expect(olderTwee.text).toBe(exportTwee(inReadingOrder(checkScenario(text("kept-versions", "One")).scenario!)));

    const current = await download(scenarioExport.GET, "trainer", { id: "kept-versions" });
    expect(current.text).toContain("title: Two");

    const builtIn = await download(scenarioExport.GET, "admin", { id: "active-listening" });
    expect(builtIn).toMatchObject({ status: 200, disposition: 'attachment; filename="active-listening.scenario.yaml"', text: libraryText });
    const builtInTwee = await download(scenarioExport.GET, "admin", { id: "active-listening" }, "twee");
    expect(builtInTwee).toMatchObject({ status: 200, disposition: 'attachment; filename="active-listening.twee"', text: exportTwee(checkScenario(libraryText).scenario!) });

    expect(await download(scenarioExport.GET, "trainer", { id: "no-such-scenario" })).toMatchObject({ status: 404, error: 'no scenario "no-such-scenario" in the library' });
    expect((await download(versionExport.GET, "trainer", { id: "kept-versions", hash: "0".repeat(64) })).status).toBe(404);
    expect((await download(scenarioExport.GET, "trainer", { id: "Not_An_Id" })).status).toBe(404);
  });

  it("refuses trainees and supervisors (403), anyone signed out (401), and an import another site sends (403)", async () => {
    const hash = hashes[0]!;
    const gets: [Handler, Record<string, string>][] = [
      [versionText.GET, { id: "kept-versions", hash }],
      [draftExport.GET, { id }],
      [scenarioExport.GET, { id: "active-listening" }],
      [versionExport.GET, { id: "kept-versions", hash }],
    ];
    for (const [handler, params] of gets) {
      expect(await download(handler, "trainee", params)).toMatchObject({ status: 403, error: "only trainers and administrators may write and publish scenarios" });
      expect((await download(handler, "supervisor", params)).status).toBe(403);
      expect(await download(handler, "nobody", params)).toMatchObject({ status: 401, error: "sign in first: this needs a signed-in account" });
    }
    const before = await draftCount();
    const body = { fileName: "door-knock.twee", text: twee, scenarioId: "not-by-them" };
    expect((await call(imports.POST, "POST", "trainee", {}, { body })).status).toBe(403);
    expect((await call(imports.POST, "POST", "supervisor", {}, { body })).status).toBe(403);
    expect((await call(imports.POST, "POST", "nobody", {}, { body })).status).toBe(401);
    expect(await call(imports.POST, "POST", "trainer", {}, { body, headers: { origin: "https://attacker.example.net" } })).toEqual({
      status: 403,
      body: { error: "requests from another site are refused" },
    });
    expect(await draftCount()).toBe(before);
  });
});

describe("the API whitelist", () => {
  it("has the studio's files and versions' texts, and nothing near them", () => {
    const source = pathRewrites().beforeFiles[1]!.source;
    const allowed = new RegExp(`^(?:${/\(\?!\(\?:(.*)\)\$\)/.exec(source)![1]!})$`, "i");
    const uuid = "0b7c6a4e-2f1d-4c3b-9a8e-7d6c5b4a3f21";
    const hash = "a".repeat(64);
    for (const p of ["studio/imports", `studio/exports/drafts/${uuid}`, "studio/exports/scenarios/house-visit", `studio/exports/scenarios/house-visit/versions/${hash}`, `studio/scenarios/house-visit/versions/${hash}`]) {
      expect(allowed.test(p), p).toBe(true);
    }
    for (const p of ["studio/imports/x", "studio/exports", `studio/exports/drafts/nope`, "studio/exports/scenarios/a b", `studio/exports/scenarios/x/versions/${hash.slice(1)}`, `studio/scenarios/x/versions/${hash}/other`]) {
      expect(allowed.test(p), p).toBe(false);
    }
  });
});
