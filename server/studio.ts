/**
 * The studio: drafts of scenarios that trainers and administrators write in the browser, and
 * publishing them as versions the library offers.
 *
 * - Saving a draft names the revision it was based on. It is written only while that is still
 *   the stored revision (one conditional update), so of two saves on one revision exactly one is
 *   written; the other is answered with both texts, never written over the first. A save whose
 *   text is already the stored text (a retry of a save that was written) is answered as done.
 * - Publishing checks the draft's text as the command-line check does; with no errors (warnings
 *   are allowed) the scenario is stored as a version by its hash, the same one sessions pin, and
 *   made the current version of its id. A scenario id that a file of the library has is refused.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { DRAFT_ID, scenarioIdSchema, VERSION_HASH, type NewDraftRequest, type SaveDraftRequest } from "../contracts/studio-requests";
import type { Draft, DraftCheck, DraftConflictAnswer, DraftSummary, PublishedVersion } from "../contracts/studio-answers";
import { checkScenario } from "../scenarios/check-scenario";
import { scenarioHash } from "../scenarios/hash";
import { SIZE_LIMITS } from "../scenarios/size-limits";
import { mayAuthor } from "./access";
import type { Account } from "./accounts";
import type { Database } from "./db/database";
import { loadFiles } from "./scenario-library";
import { ServiceError } from "./service-error";
import type { Store } from "./store";

/** A request body carrying a draft: the largest scenario text, escaped as JSON, with room to spare. */
export const MAX_DRAFT_BODY_BYTES = 2 * SIZE_LIMITS.fileBytes + 64 * 1024;

/** Refuses (403) an account that may not write scenarios; the caller has already refused anyone signed out (401). */
export function requireAuthor(account: Account): void {
  if (!mayAuthor(account)) throw new ServiceError(403, "only trainers and administrators may write and publish scenarios");
}

const noDraft = (id: string) => new ServiceError(404, `no draft "${id.slice(0, 80)}"`);

function checkSize(text: string): void {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > SIZE_LIMITS.fileBytes) {
    const n = (v: number) => v.toLocaleString("en-US");
    throw new ServiceError(
      413,
      `the scenario text is ${n(bytes)} bytes; a scenario may be at most ${SIZE_LIMITS.fileBytes / (1024 * 1024)} MB (${n(SIZE_LIMITS.fileBytes)} bytes), so it was not saved`,
    );
  }
}

/** The file name a draft's text is checked under, so the checker also holds its id to the draft's scenario id. */
const fileNameOf = (scenarioId: string) => `${scenarioId}.scenario.yaml`;

interface Checked extends DraftCheck {
  title: string | null;
}

/** Check results by text and scenario id; a list of drafts checks each text once, not on every request. */
const checks = new Map<string, Checked>();
const MAX_CHECKS = 100;

function check(scenarioId: string, text: string): Checked {
  const key = createHash("sha256").update(scenarioId).update("\n").update(text).digest("hex");
  const hit = checks.get(key);
  if (hit) return hit;
  const result = checkScenario(text, fileNameOf(scenarioId));
  const checked: Checked = {
    title: result.scenario?.title ?? null,
    errors: result.errors,
    warnings: result.warnings,
    problems: result.problems.map((p) => ({
      rule: p.rule,
      severity: p.severity,
      message: p.message,
      path: p.path,
      line: p.line,
      column: p.column,
      ...(p.nodeId !== undefined && { nodeId: p.nodeId }),
    })),
  };
  if (checks.size >= MAX_CHECKS) checks.delete(checks.keys().next().value!);
  checks.set(key, checked);
  return checked;
}

/** Refuses (409) a scenario id that a file of the library already has: the file would always win. */
async function refuseBuiltIn(scenarioId: string, doing: string): Promise<void> {
  const file = (await loadFiles()).find((e) => e.id === scenarioId);
  if (file) throw new ServiceError(409, `scenario id "${scenarioId}" belongs to the file ${file.file}, so it cannot be ${doing}; choose another id`);
}

const draftColumns = [
  "drafts.id",
  "drafts.scenario_id",
  "drafts.text",
  "drafts.revision",
  "drafts.author_id",
  "auth_user.name as author_name",
  "drafts.created_at",
  "drafts.updated_at",
] as const;

async function readDraft(db: Kysely<Database>, id: string) {
  return db.selectFrom("drafts").leftJoin("auth_user", "auth_user.id", "drafts.author_id").select(draftColumns).where("drafts.id", "=", id).executeTakeFirst();
}

type DraftRow = NonNullable<Awaited<ReturnType<typeof readDraft>>>;

function toDraft(r: DraftRow): Draft {
  const { title: _title, ...checked } = check(r.scenario_id, r.text);
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    text: r.text,
    revision: Number(r.revision),
    authorId: r.author_id,
    authorName: r.author_name ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    check: checked,
  };
}

let lastTime = 0;
/** The current time as an ISO string, strictly increasing within the process so saves keep their order. */
function now(): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime).toISOString();
}

/** Every draft, most recently saved first, with the checker's counts and the title when the text parses. */
export async function listDrafts(db: Kysely<Database>, account: Account): Promise<DraftSummary[]> {
  requireAuthor(account);
  const rows = await db
    .selectFrom("drafts")
    .leftJoin("auth_user", "auth_user.id", "drafts.author_id")
    .select(draftColumns)
    .orderBy("drafts.updated_at", "desc")
    .orderBy("drafts.id")
    .execute();
  return rows.map((r) => {
    const c = check(r.scenario_id, r.text);
    return {
      id: r.id,
      scenarioId: r.scenario_id,
      title: c.title,
      authorName: r.author_name ?? null,
      revision: Number(r.revision),
      updatedAt: r.updated_at,
      errors: c.errors,
      warnings: c.warnings,
    };
  });
}

/** A new draft at revision 1. Its text may have errors (it is a draft); it must fit the size limit. */
export async function createDraft(db: Kysely<Database>, account: Account, input: NewDraftRequest): Promise<Draft> {
  requireAuthor(account);
  checkSize(input.text);
  await refuseBuiltIn(input.scenarioId, "published from the studio");
  const id = randomUUID();
  const at = now();
  await db
    .insertInto("drafts")
    .values({ id, scenario_id: input.scenarioId, text: input.text, author_id: account.id, created_at: at, updated_at: at, revision: 1 })
    .execute();
  return toDraft((await readDraft(db, id))!);
}

export async function getDraft(db: Kysely<Database>, account: Account, id: string): Promise<Draft> {
  requireAuthor(account);
  const row = await readDraft(db, id);
  if (!row) throw noDraft(id);
  return toDraft(row);
}

/**
 * Saves the draft's text if its revision is still `baseRevision`, raising the revision; else
 * writes nothing and answers the conflict with the stored and the sent text. When the stored text
 * is the sent text already (a save that was written, sent again), the stored draft is the answer.
 */
export async function saveDraft(
  db: Kysely<Database>,
  account: Account,
  id: string,
  input: SaveDraftRequest,
): Promise<{ draft: Draft } | DraftConflictAnswer> {
  requireAuthor(account);
  checkSize(input.text);
  const at = now();
  const result = await db
    .updateTable("drafts")
    .set({ text: input.text, revision: input.baseRevision + 1, updated_at: at })
    .where("id", "=", id)
    .where("revision", "=", input.baseRevision)
    .executeTakeFirst();
  const stored = await readDraft(db, id);
  if (!stored) throw noDraft(id);
  // Written: answer what was written, even if another save has come after it since.
  if (Number(result.numUpdatedRows) === 1) return { draft: toDraft({ ...stored, text: input.text, revision: input.baseRevision + 1, updated_at: at }) };
  if (stored.text === input.text) return { draft: toDraft(stored) };
  return {
    error: `the draft was saved elsewhere since revision ${input.baseRevision} (it is at revision ${Number(stored.revision)}); nothing was written`,
    conflict: {
      stored: { text: stored.text, revision: Number(stored.revision), updatedAt: stored.updated_at },
      sent: { text: input.text, baseRevision: input.baseRevision },
    },
  };
}

export async function deleteDraft(db: Kysely<Database>, account: Account, id: string): Promise<void> {
  requireAuthor(account);
  const result = await db.deleteFrom("drafts").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw noDraft(id);
}

/** Thrown when a draft's text has errors: the checker's findings go with the refusal. */
export class NotPublishableError extends ServiceError {
  constructor(
    message: string,
    readonly check: DraftCheck,
  ) {
    super(409, message);
  }
}

/** Makes `hash` the current version of `scenarioId`, recording it among the published versions first if it is new there. */
async function makeCurrent(db: Kysely<Database>, account: Account, scenarioId: string, hash: string, title: string): Promise<void> {
  const at = now();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("published_versions")
      .values({ scenario_id: scenarioId, hash, title, published_by: account.id, published_at: at })
      .onConflict((oc) => oc.columns(["scenario_id", "hash"]).doNothing())
      .execute();
    await tx
      .insertInto("published_scenarios")
      .values({ scenario_id: scenarioId, hash, current_since: at, made_current_by: account.id })
      .onConflict((oc) => oc.column("scenario_id").doUpdateSet({ hash, current_since: at, made_current_by: account.id }))
      .execute();
  });
}

async function versions(db: Kysely<Database>, scenarioId: string): Promise<PublishedVersion[]> {
  const rows = await db
    .selectFrom("published_versions")
    .leftJoin("auth_user", "auth_user.id", "published_versions.published_by")
    .leftJoin("published_scenarios", (j) =>
      j.onRef("published_scenarios.scenario_id", "=", "published_versions.scenario_id").onRef("published_scenarios.hash", "=", "published_versions.hash"),
    )
    .select([
      "published_versions.hash",
      "published_versions.title",
      "published_versions.published_at",
      "auth_user.name",
      "published_scenarios.scenario_id as current",
    ])
    .where("published_versions.scenario_id", "=", scenarioId)
    .orderBy("published_versions.published_at", "desc")
    .orderBy("published_versions.hash")
    .execute();
  return rows.map((r) => ({
    scenarioId,
    hash: r.hash,
    title: r.title,
    publishedAt: r.published_at,
    publishedBy: r.name ?? null,
    current: r.current !== null,
  }));
}

/**
 * Publishes the draft's text as the current version of its scenario id. Refused (409) when the
 * text has errors (with the findings) or the id belongs to a file of the library.
 */
export async function publishDraft(store: Store, account: Account, id: string): Promise<PublishedVersion> {
  requireAuthor(account);
  const { db } = await store.database();
  const row = await readDraft(db, id);
  if (!row) throw noDraft(id);
  await refuseBuiltIn(row.scenario_id, "published from the studio");
  const result = checkScenario(row.text, fileNameOf(row.scenario_id));
  if (!result.scenario || result.errors > 0) {
    const { title: _title, ...findings } = check(row.scenario_id, row.text);
    const n = result.errors;
    throw new NotPublishableError(`the draft has ${n === 1 ? "an error" : `${n} errors`} to fix before it can be published`, findings);
  }
  const scenario = result.scenario;
  const hash = await scenarioHash(scenario);
  await store.ensureScenarioVersion(hash, scenario);
  await makeCurrent(db, account, scenario.id, hash, scenario.title);
  return (await versions(db, scenario.id)).find((v) => v.hash === hash)!;
}

/** Every version published under the scenario id, newest first; 404 when none was. */
export async function versionHistory(db: Kysely<Database>, account: Account, scenarioId: string): Promise<PublishedVersion[]> {
  requireAuthor(account);
  const list = await versions(db, scenarioId);
  if (list.length === 0) throw new ServiceError(404, `no published versions of scenario "${scenarioId}"`);
  return list;
}

/** Makes a version published before the current one again; new sessions start on it. */
export async function republish(db: Kysely<Database>, account: Account, scenarioId: string, hash: string): Promise<PublishedVersion> {
  requireAuthor(account);
  const known = (await versions(db, scenarioId)).find((v) => v.hash === hash);
  if (!known) throw new ServiceError(404, `no published version ${hash.slice(0, 12)} of scenario "${scenarioId}"`);
  await refuseBuiltIn(scenarioId, "published from the studio");
  await makeCurrent(db, account, scenarioId, hash, known.title);
  return (await versions(db, scenarioId)).find((v) => v.hash === hash)!;
}

/** A draft id from a route's path; one that is no UUID is a 404 without touching storage. */
export function checkDraftId(id: string): string {
  if (!DRAFT_ID.test(id)) throw noDraft(id);
  return id;
}

/** A scenario id and version hash from a route's path; anything malformed names no published version (404). */
export function checkVersionPath(scenarioId: string, hash?: string): void {
  if (!scenarioIdSchema.safeParse(scenarioId).success) throw new ServiceError(404, `no published versions of scenario "${scenarioId.slice(0, 80)}"`);
  if (hash !== undefined && !VERSION_HASH.test(hash)) throw new ServiceError(404, `no published version ${hash.slice(0, 64)} of scenario "${scenarioId}"`);
}
