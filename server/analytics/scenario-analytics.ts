/**
 * A scenario's analytics for the signed-in account: the sessions it may count (its cohorts'
 * trainees', or every session for an administrator), filtered, each summarized from its stored
 * choices replayed on its own version (summary-cache.ts), then aggregated (aggregate.ts). The
 * page calls `scenarioAnalytics` directly; `GET /api/analytics/<id>` answers the same.
 */
import type { Kysely } from "kysely";
import type { AnalyticsVersion as VersionAnswer, ScenarioAnalytics } from "../../contracts/analytics-answers";
import type { Mode, SessionStatus } from "../../contracts/enums";
import { scenarioIdSchema } from "../../contracts/studio-requests";
import type { Outcome, Scenario } from "../../scenarios/types";
import { analyticsCohorts, isAdmin, mayReadAnalytics, staffedTrainees } from "../access";
import type { Account } from "../accounts";
import type { Database } from "../db/database";
import { getStore } from "../open-store";
import { findScenario } from "../scenario-library";
import { ServiceError } from "../service-error";
import type { Store } from "../store";
import { createAggregator } from "./aggregate";
import { checkedFilters, type AnalyticsFilterInput } from "./query";
import type { SessionSummary } from "./summary";
import { summariesOf, type SummaryStats } from "./summary-cache";
import { versionOf } from "./versions";

const noScenario = (id: string) => new ServiceError(404, `no scenario "${id.slice(0, 80)}"`);

/** The start of a calendar day (UTC) as stored times are written, for comparing with `started_at` as text. */
const dayStart = (day: string) => `${day}T00:00:00.000Z`;

/** A session row as the analytics read it, with its kept summary's row when read together (kept_*: null when it has none). */
interface Row {
  id: string;
  user_id: string | null;
  participant: string;
  mode: string;
  status: string;
  outcome: string | null;
  started_at: string;
  scenario_hash: string;
  revision: number | string;
  kept_revision?: number | string | null;
  kept_format?: number | string | null;
  kept_summary?: string | null;
}

/**
 * The sessions of `scenarioId` the account may count, within the filters other than the version;
 * with `withKept`, each with its kept summary's row (one query instead of one per 500 sessions,
 * for a process that has few of them in memory).
 */
function sessionsQuery(db: Kysely<Database>, account: Account, scenarioId: string, f: AnalyticsFilterInput, withKept: boolean): Promise<Row[]> {
  let q = db
    .selectFrom("sessions")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.participant",
      "sessions.mode",
      "sessions.status",
      "sessions.outcome",
      "sessions.started_at",
      "sessions.scenario_hash",
      "sessions.revision",
    ])
    .where("sessions.scenario_id", "=", scenarioId);
  if (!isAdmin(account)) q = q.where("sessions.user_id", "in", (eb) => staffedTrainees(eb, account.id));
  if (f.cohort !== undefined) {
    const cohort = f.cohort;
    q = q.where("sessions.user_id", "in", (eb) =>
      eb.selectFrom("cohort_members").select("cohort_members.user_id").where("cohort_members.cohort_id", "=", cohort).where("cohort_members.membership", "=", "trainee"),
    );
  }
  if (f.mode !== undefined) q = q.where("sessions.mode", "=", f.mode);
  if (f.from !== undefined) q = q.where("sessions.started_at", ">=", dayStart(f.from));
  if (f.to !== undefined) q = q.where("sessions.started_at", "<", dayStart(f.to));
  if (!withKept) return q.execute();
  return q
    .leftJoin("analytics_summaries", "analytics_summaries.session_id", "sessions.id")
    .select(["analytics_summaries.revision as kept_revision", "analytics_summaries.format as kept_format", "analytics_summaries.summary as kept_summary"])
    .execute();
}

/**
 * Scenarios whose last request found nearly all its summaries in this process's memory: their
 * sessions are then read without the kept summaries, which would only be read to be thrown away.
 */
const shared = globalThis as typeof globalThis & { __peerPracticeAnalyticsWarm?: Map<string, boolean> };
const warm = (shared.__peerPracticeAnalyticsWarm ??= new Map());

/** Sessions are summarized and added to the figures this many at a time, so their summaries need not all be held at once. */
const PART = 2_000;

/** Where a call's time went, and how the session summaries were found (the route sends it as Server-Timing). */
export interface AnalyticsTimings extends SummaryStats {
  queryMs: number;
  summariesMs: number;
  aggregateMs: number;
}

type NotesBySeq = Map<number, { text: string; at: string }>;

/**
 * The trainees' notes on the scenario's choices, by session and seq, read fresh on every request
 * and never kept in a summary: a note can be written or changed after its session's summary was
 * kept, and writing one does not raise the session's revision (so that a choice decided meanwhile
 * still goes through). Notes are few, and this is one query.
 */
async function notesOf(db: Kysely<Database>, scenarioId: string): Promise<Map<string, NotesBySeq>> {
  const rows = await db
    .selectFrom("choices")
    .innerJoin("sessions", "sessions.id", "choices.session_id")
    .select(["choices.session_id as sessionId", "choices.seq as seq", "choices.note as note", "choices.created_at as at"])
    .where("sessions.scenario_id", "=", scenarioId)
    .where("choices.note", "is not", null)
    .execute();
  const notes = new Map<string, NotesBySeq>();
  for (const r of rows) {
    if (r.note === null) continue;
    let bySeq = notes.get(r.sessionId);
    if (!bySeq) notes.set(r.sessionId, (bySeq = new Map()));
    bySeq.set(Number(r.seq), { text: r.note, at: r.at });
  }
  return notes;
}

/** The summary with the session's notes on its turns (turn i is the choice of seq i + 1); the kept summary is not changed. */
function withNotes(summary: SessionSummary, notes: NotesBySeq | undefined): SessionSummary {
  if (!notes) return summary;
  return {
    ...summary,
    turns: summary.turns.map((t, i) => {
      const n = notes.get(i + 1);
      return n ? { ...t, note: n.text, at: n.at } : t;
    }),
  };
}

/**
 * The analytics of a scenario for `account`, with `filters` (checked here too: 400 for a value
 * that does not check). Refuses (403) an account that is no supervisor, trainer or administrator;
 * answers 404 for a scenario that neither the library nor any stored version has, a cohort the
 * account may not see, and a version that is not one of the scenario's.
 */
export async function scenarioAnalytics(
  account: Account,
  scenarioId: string,
  filters: AnalyticsFilterInput = {},
  store?: Store,
): Promise<ScenarioAnalytics> {
  return (await timedScenarioAnalytics(account, scenarioId, filters, store)).analytics;
}

/** `scenarioAnalytics`, and where its time went. */
export async function timedScenarioAnalytics(
  account: Account,
  scenarioId: string,
  filters: AnalyticsFilterInput = {},
  store?: Store,
): Promise<{ analytics: ScenarioAnalytics; timings: AnalyticsTimings }> {
  if (!mayReadAnalytics(account)) throw new ServiceError(403, "only supervisors, trainers and administrators can read a scenario's analytics");
  if (!scenarioIdSchema.safeParse(scenarioId).success) throw noScenario(scenarioId);
  const f = checkedFilters(filters);
  store ??= await getStore();
  const { db } = await store.database();
  const t0 = performance.now();

  const [cohorts, rows, stored, published, entry] = await Promise.all([
    analyticsCohorts(db, account),
    sessionsQuery(db, account, scenarioId, f, !warm.get(scenarioId)),
    db.selectFrom("scenario_versions").select(["hash", "created_at"]).where("scenario_id", "=", scenarioId).execute(),
    db.selectFrom("published_versions").select(["hash", "published_at"]).where("scenario_id", "=", scenarioId).execute(),
    findScenario(scenarioId, store),
  ]);
  const current = entry?.ok ? entry.hash : null;
  if (!entry && stored.length === 0) throw noScenario(scenarioId);
  const cohort = f.cohort === undefined ? null : cohorts.find((c) => c.id === f.cohort);
  if (cohort === undefined) throw new ServiceError(404, `no cohort "${f.cohort}"`);
  const createdAt = new Map(stored.map((v) => [v.hash, v.created_at]));
  if (f.version !== undefined && !createdAt.has(f.version)) {
    throw new ServiceError(404, `no version ${f.version.slice(0, 12)} of scenario "${scenarioId}"`);
  }

  // Sessions per version within the other filters; then only the chosen version's, if one is.
  const perVersion = new Map<string, number>();
  for (const r of rows) perVersion.set(r.scenario_hash, (perVersion.get(r.scenario_hash) ?? 0) + 1);
  const counted = f.version === undefined ? rows : rows.filter((r) => r.scenario_hash === f.version);
  const newestFirst = (a: string, b: string) => (createdAt.get(b) ?? "").localeCompare(createdAt.get(a) ?? "") || a.localeCompare(b);
  const countedHashes = [...new Set(counted.map((r) => r.scenario_hash))].sort(newestFirst);
  const latestStored = [...createdAt.keys()].sort(newestFirst)[0];
  const drawnHash = f.version ?? current ?? countedHashes[0] ?? latestStored;
  const drawnBecause = f.version !== undefined ? "chosen" : current !== null ? "current" : "latest";
  if (drawnHash === undefined) throw noScenario(scenarioId);

  // The versions to read: the drawn one, those counted, and those listed (the current one only once stored, when a session started on it).
  const listed = [...new Set([...perVersion.keys(), ...(current && createdAt.has(current) ? [current] : []), ...(f.version ? [f.version] : [])])].sort(newestFirst);
  const scenarios = new Map<string, Scenario>();
  for (const hash of new Set([drawnHash, ...countedHashes, ...listed])) {
    // The current file's scenario needs no database read; a stored version is read (and verified) once per process.
    const scenario = hash === current && entry?.ok ? entry.scenario : (await versionOf(store, hash))?.scenario;
    if (scenario) scenarios.set(hash, scenario);
  }
  const drawn = scenarios.get(drawnHash);
  if (!drawn) throw new ServiceError(409, `the scenario version ${drawnHash.slice(0, 12)} of "${scenarioId}" is missing or damaged in the database`);
  const t1 = performance.now();

  const aggregator = createAggregator({
    drawn: { hash: drawnHash, scenario: drawn },
    versions: countedHashes.flatMap((h) => {
      const scenario = scenarios.get(h);
      return scenario ? [{ hash: h, scenario }] : [];
    }),
  });
  const notes = await notesOf(db, scenarioId);
  const stats: SummaryStats = { memory: 0, table: 0, replayed: 0 };
  let summariesMs = 0;
  for (let i = 0; i < counted.length; i += PART) {
    const part = counted.slice(i, i + PART);
    const s0 = performance.now();
    const kept =
      part[0]?.kept_summary !== undefined
        ? new Map(part.map((r) => [r.id, { revision: r.kept_revision ?? null, format: r.kept_format ?? null, summary: r.kept_summary ?? null }]))
        : undefined;
    const found = await summariesOf(
      store,
      part.map((r) => ({ id: r.id, revision: Number(r.revision), hash: r.scenario_hash, status: r.status as SessionStatus, outcome: r.outcome as Outcome | null })),
      kept,
    );
    stats.memory += found.stats.memory;
    stats.table += found.stats.table;
    stats.replayed += found.stats.replayed;
    summariesMs += performance.now() - s0;
    for (const r of part) {
      aggregator.add({
        id: r.id,
        userId: r.user_id,
        participant: r.participant,
        mode: r.mode as Mode,
        status: r.status as SessionStatus,
        startedAt: r.started_at,
        hash: r.scenario_hash,
        summary: withNotes(found.summaries.get(r.id)!, notes.get(r.id)),
      });
      // Its text is decoded (or was not needed): let it go before the next part is read.
      r.kept_summary = null;
    }
  }
  if (warm.size >= 1_000 && !warm.has(scenarioId)) warm.delete(warm.keys().next().value!);
  warm.set(scenarioId, stats.memory >= 0.9 * counted.length);
  const agg = aggregator.result();
  const publishedAt = new Map(published.map((p) => [p.hash, p.published_at]));
  const versions: VersionAnswer[] = listed.map((hash) => ({
    hash,
    title: scenarios.get(hash)?.title ?? "(missing version)",
    publishedAt: publishedAt.get(hash) ?? null,
    createdAt: createdAt.get(hash)!,
    current: hash === current,
    sessions: perVersion.get(hash) ?? 0,
    included: f.version === undefined ? (perVersion.get(hash) ?? 0) > 0 : hash === f.version,
  }));
  const timings = { ...stats, queryMs: t1 - t0, summariesMs, aggregateMs: performance.now() - t1 - summariesMs };

  const analytics: ScenarioAnalytics = {
    scenarioId,
    title: drawn.title,
    filters: { cohort, mode: f.mode ?? null, from: f.from ?? null, to: f.to ?? null, version: f.version ?? null },
    cohorts,
    versions,
    coverage: { ...agg.coverage, drawnBecause },
    scenario: drawn,
    counts: agg.counts,
    nodes: agg.nodes,
    choices: agg.choices,
    pitfalls: agg.pitfalls,
    outcomes: agg.outcomes,
    meters: agg.meters,
    kinds: agg.kinds,
    reflections: agg.reflections,
    times: agg.times,
    abandonment: agg.abandonment,
    computedAt: new Date().toISOString(),
  };
  return { analytics, timings };
}
