/** The studio's drafts and publishing, on SQLite and PostgreSQL: conflicts, retries, limits, publishing and the library. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { storeBackends } from "../../store-backends";
import { SIZE_LIMITS } from "../../../scenarios/size-limits";
import type { Account } from "../../../server/accounts";
import { findScenario, loadLibrary } from "../../../server/scenario-library";
import { getSessionDetail, startSession } from "../../../server/session-service";
import type { Store } from "../../../server/store";
import {
  createDraft,
  deleteDraft,
  getDraft,
  listDrafts,
  NotPublishableError,
  publishDraft,
  republish,
  saveDraft,
  versionHistory,
} from "../../../server/studio";

const backends = storeBackends("studio");

const trainer: Account = { id: "trainer-1", email: "tess@example.org", name: "Tess", roles: ["trainer"] };
const admin: Account = { id: "admin-1", email: "ada@example.org", name: "Ada", roles: ["admin"] };
const trainee: Account = { id: "trainee-1", email: "kit@example.org", name: "Kit", roles: ["trainee"] };

/** A built-in scenario under another id (and, for a second version, another title). */
const valid = (id: string, title = "Sixty days") =>
  readFileSync("scenarios/library/active-listening.scenario.yaml", "utf8").replace("id: active-listening", `id: ${id}`).replace("title: Sixty days", `title: ${title}`);
/** A scenario with warnings and no errors. */
const withWarnings = (id: string) => readFileSync("tests/fixtures/rules/no-feedback.scenario.yaml", "utf8").replace("id: no-feedback", `id: ${id}`);
/** A scenario with errors. */
const withErrors = (id: string) => readFileSync("tests/fixtures/rules/trap.scenario.yaml", "utf8").replace("id: trap", `id: ${id}`);

describe.each(backends)("the studio on %s", (_name, openStore) => {
  async function fresh(): Promise<Store> {
    const store = await openStore();
    return store;
  }
  const fresh_id = () => `studio-${randomUUID().slice(0, 8)}`;

  it("makes a draft at revision 1, checks its text, and lists it with the title and counts", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const id = fresh_id();
    const draft = await createDraft(db, trainer, { scenarioId: id, text: valid(id) });
    expect(draft).toMatchObject({ scenarioId: id, revision: 1, authorId: trainer.id, check: { errors: 0 } });
    expect(await getDraft(db, admin, draft.id)).toEqual(draft);
    const broken = await createDraft(db, admin, { scenarioId: "other", text: "id: [unclosed" });
    const list = await listDrafts(db, trainer);
    expect(list.map((d) => [d.id, d.title, d.errors > 0])).toEqual([
      [broken.id, null, true],
      [draft.id, "Sixty days", false],
    ]);
  });

  it("of two saves on one revision writes exactly one; the other gets both versions and nothing is written", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const draft = await createDraft(db, trainer, { scenarioId: fresh_id(), text: "first" });
    const results = await Promise.all([
      saveDraft(db, trainer, draft.id, { text: "from tab A", baseRevision: 1 }),
      saveDraft(db, admin, draft.id, { text: "from tab B", baseRevision: 1 }),
    ]);
    const won = results.filter((r) => "draft" in r);
    const lost = results.filter((r) => "conflict" in r);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = "draft" in won[0]! ? won[0].draft : undefined;
    expect(winner?.revision).toBe(2);
    const conflict = "conflict" in lost[0]! ? lost[0] : undefined;
    expect(conflict?.conflict.stored).toMatchObject({ text: winner?.text, revision: 2 });
    expect(conflict?.conflict.sent).toEqual({ text: winner?.text === "from tab A" ? "from tab B" : "from tab A", baseRevision: 1 });
    expect(conflict?.error).toMatch(/saved elsewhere since revision 1 \(it is at revision 2\); nothing was written/);
    expect(await getDraft(db, trainer, draft.id)).toMatchObject({ text: winner?.text, revision: 2 });
  });

  it("answers a retry of a save that was written as done, without raising the revision again", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const draft = await createDraft(db, trainer, { scenarioId: fresh_id(), text: "v1" });
    const first = await saveDraft(db, trainer, draft.id, { text: "v2", baseRevision: 1 });
    const again = await saveDraft(db, trainer, draft.id, { text: "v2", baseRevision: 1 });
    expect(first).toMatchObject({ draft: { text: "v2", revision: 2 } });
    expect(again).toMatchObject({ draft: { text: "v2", revision: 2 } });
    // The same base with other text is a conflict, though.
    expect(await saveDraft(db, trainer, draft.id, { text: "v2 changed", baseRevision: 1 })).toMatchObject({ conflict: { stored: { revision: 2 } } });
    expect(await saveDraft(db, trainer, draft.id, { text: "v3", baseRevision: 2 })).toMatchObject({ draft: { text: "v3", revision: 3 } });
  });

  it("refuses a text over the scenario size limit (413) and saves one at the limit", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const draft = await createDraft(db, trainer, { scenarioId: fresh_id(), text: "small" });
    const over = "x".repeat(SIZE_LIMITS.fileBytes + 1);
    await expect(saveDraft(db, trainer, draft.id, { text: over, baseRevision: 1 })).rejects.toMatchObject({
      status: 413,
      message: expect.stringMatching(/^the scenario text is 5,242,881 bytes; a scenario may be at most 5 MB/),
    });
    await expect(createDraft(db, trainer, { scenarioId: fresh_id(), text: over })).rejects.toMatchObject({ status: 413 });
    expect(await getDraft(db, trainer, draft.id)).toMatchObject({ text: "small", revision: 1 });
    const at = "#".repeat(SIZE_LIMITS.fileBytes);
    expect(await saveDraft(db, trainer, draft.id, { text: at, baseRevision: 1 })).toMatchObject({ draft: { revision: 2 } });
  });

  it("deletes a draft, and answers 404 for one that is not there", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const draft = await createDraft(db, trainer, { scenarioId: fresh_id(), text: "gone soon" });
    await deleteDraft(db, trainer, draft.id);
    await expect(getDraft(db, trainer, draft.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteDraft(db, trainer, draft.id)).rejects.toMatchObject({ status: 404 });
    await expect(saveDraft(db, trainer, draft.id, { text: "x", baseRevision: 1 })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses to publish a draft with errors, with the findings, and publishes one with warnings only", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const bad = await createDraft(db, trainer, { scenarioId: "studio-trap", text: withErrors("studio-trap") });
    const refused = await publishDraft(store, trainer, bad.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotPublishableError);
    const { check } = refused as NotPublishableError;
    expect((refused as NotPublishableError).status).toBe(409);
    expect(check.errors).toBeGreaterThan(0);
    expect(check.problems.filter((p) => p.severity === "error").map((p) => p.rule)).toEqual(["trap", "trap"]);
    // A text whose id differs from the draft's scenario id has an error too.
    const mismatch = await createDraft(db, trainer, { scenarioId: "studio-other", text: valid("studio-else") });
    await expect(publishDraft(store, trainer, mismatch.id)).rejects.toMatchObject({ check: { problems: [expect.objectContaining({ rule: "id-mismatch" })] } });

    const warned = await createDraft(db, trainer, { scenarioId: "studio-warned", text: withWarnings("studio-warned") });
    expect(warned.check.warnings).toBeGreaterThan(0);
    const version = await publishDraft(store, trainer, warned.id);
    expect(version).toMatchObject({ scenarioId: "studio-warned", title: "Rule fixture", current: true, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await store.getScenarioVersion(version.hash)).toMatchObject({ id: "studio-warned" });
    await expect(versionHistory(db, trainer, "studio-trap")).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a scenario id that a library file has, for a new draft and for publishing", async () => {
    const store = await fresh();
    const { db } = await store.database();
    await expect(createDraft(db, trainer, { scenarioId: "active-listening", text: valid("active-listening") })).rejects.toMatchObject({
      status: 409,
      message: 'scenario id "active-listening" belongs to the file scenarios/library/active-listening.scenario.yaml, so it cannot be published from the studio; choose another id',
    });
    // A draft made before the file appeared (written here straight into the table).
    const id = randomUUID();
    const at = new Date().toISOString();
    await db.insertInto("drafts").values({ id, scenario_id: "mutuality", text: valid("mutuality"), author_id: trainer.id, created_at: at, updated_at: at, revision: 1 }).execute();
    await expect(publishDraft(store, trainer, id)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("belongs to the file") });
  });

  it("offers the current published version in the library; a session started on v1 still replays v1 after v2, and new ones start on v2", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const id = fresh_id();
    const draft = await createDraft(db, trainer, { scenarioId: id, text: valid(id, "Version one") });
    const v1 = await publishDraft(store, trainer, draft.id);

    const listed = (await loadLibrary(store)).find((e) => e.id === id);
    expect(listed).toMatchObject({ ok: true, file: `published:${id}`, hash: v1.hash, scenario: { title: "Version one" }, longestTurns: 12 });
    expect(await findScenario(id, store)).toEqual(listed);
    // The files are all still there.
    expect((await loadLibrary(store)).filter((e) => e.file.startsWith("scenarios/library/")).length).toBeGreaterThanOrEqual(6);

    const first = await startSession(store, trainee, { scenarioId: id, mode: "practice" });
    expect(first.scenarioHash).toBe(v1.hash);

    await saveDraft(db, trainer, draft.id, { text: valid(id, "Version two"), baseRevision: 1 });
    const v2 = await publishDraft(store, admin, draft.id);
    expect(v2.hash).not.toBe(v1.hash);
    expect(await findScenario(id, store)).toMatchObject({ hash: v2.hash });

    const replayed = await getSessionDetail(store, trainee, first.id);
    expect(replayed.session.scenarioHash).toBe(v1.hash);
    expect(replayed.scenario.title).toBe("Version one");
    const second = await startSession(store, trainee, { scenarioId: id, mode: "practice" });
    expect(second.scenarioHash).toBe(v2.hash);
    expect((await getSessionDetail(store, trainee, second.id)).scenario.title).toBe("Version two");
  });

  it("keeps every published version and makes an older one current again", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const id = fresh_id();
    const draft = await createDraft(db, trainer, { scenarioId: id, text: valid(id, "One") });
    const v1 = await publishDraft(store, trainer, draft.id);
    await saveDraft(db, trainer, draft.id, { text: valid(id, "Two"), baseRevision: 1 });
    const v2 = await publishDraft(store, trainer, draft.id);
    expect((await versionHistory(db, trainer, id)).map((v) => [v.title, v.current])).toEqual([
      ["Two", true],
      ["One", false],
    ]);

    expect(await republish(db, admin, id, v1.hash)).toMatchObject({ hash: v1.hash, title: "One", current: true, publishedAt: v1.publishedAt });
    expect((await versionHistory(db, trainer, id)).map((v) => [v.hash, v.current])).toEqual([
      [v2.hash, false],
      [v1.hash, true],
    ]);
    expect(await findScenario(id, store)).toMatchObject({ hash: v1.hash });
    expect((await startSession(store, trainee, { scenarioId: id, mode: "practice" })).scenarioHash).toBe(v1.hash);
    // Publishing the same text again just makes it current; no second row.
    await republish(db, trainer, id, v2.hash);
    await publishDraft(store, trainer, draft.id);
    expect(await versionHistory(db, trainer, id)).toHaveLength(2);
    await expect(republish(db, trainer, id, "0".repeat(64))).rejects.toMatchObject({ status: 404 });
  });

  it("refuses every studio operation to an account that is neither trainer nor administrator (403)", async () => {
    const store = await fresh();
    const { db } = await store.database();
    const draft = await createDraft(db, trainer, { scenarioId: fresh_id(), text: "x" });
    const supervisor: Account = { ...trainee, id: "sup-1", roles: ["supervisor"] };
    for (const who of [trainee, supervisor]) {
      await expect(listDrafts(db, who)).rejects.toMatchObject({ status: 403 });
      await expect(getDraft(db, who, draft.id)).rejects.toMatchObject({ status: 403 });
      await expect(saveDraft(db, who, draft.id, { text: "y", baseRevision: 1 })).rejects.toMatchObject({ status: 403 });
      await expect(publishDraft(store, who, draft.id)).rejects.toMatchObject({ status: 403 });
    }
  });
});
