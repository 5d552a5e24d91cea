/**
 * Session summaries (summary.ts), computed once per session revision and kept in two places: in
 * this process's memory (at most ANALYTICS_CACHE_SESSIONS, default 25,000, least recently used
 * dropped first) and in the database (`analytics_summaries`, 007-analytics), which every server
 * process and app instance shares and which outlives a restart.
 *
 * Why a kept summary stays true: a summary depends only on the session's stored choices (with
 * their times and notes) and its scenario version. The version never changes (a hash names one
 * content), and every write to the choices (a new choice, a take-back, the end) raises the
 * session's revision in the same transaction; a summary is used only for the revision it was
 * computed on, and only in the current SUMMARY_FORMAT, so anything else is computed again from the
 * stored choices and written over. Who played a session, its status and its participant name are
 * not in the summary: they are read from the session row on every request, so a deactivation or
 * an erasure that keeps sessions for the statistics (no owner, "Erased account") shows at once;
 * an erasure that deletes sessions deletes their summaries with them (foreign key, on delete cascade).
 */
import type { Outcome } from "../../scenarios/types";
import type { SessionStatus } from "../../contracts/enums";
import { toChoiceRow } from "../db/rows";
import type { Store } from "../store";
import { summarizeSession, SUMMARY_FORMAT, toAnalyticsChoice, type AnalyticsChoice, type SessionSummary, type SummaryTurn } from "./summary";
import { versionOf } from "./versions";

/** What a session's summary is keyed and replayed by. */
export interface SummaryKey {
  id: string;
  /** The session's revision (raised by every write to it). */
  revision: number;
  /** Its scenario version. */
  hash: string;
  status: SessionStatus;
  outcome: Outcome | null;
}

function memoryLimit(): number {
  const n = Number(process.env.ANALYTICS_CACHE_SESSIONS);
  return Number.isSafeInteger(n) && n >= 0 ? n : 25_000;
}

// On globalThis: the server's route bundles may each hold a copy of this module (see server/auth.ts), and
// the routes that read summaries (JSON, CSV, progress) and the one that stores them (a session's end) must share one.
const shared = globalThis as typeof globalThis & { __peerPracticeSummaries?: Map<string, { revision: number; summary: SessionSummary }> };
const memory = (shared.__peerPracticeSummaries ??= new Map());

function remember(id: string, revision: number, summary: SessionSummary): void {
  const limit = memoryLimit();
  if (limit === 0) return;
  memory.delete(id);
  memory.set(id, { revision, summary });
  // A Map keeps insertion order: the first key is the least recently used.
  while (memory.size > limit) memory.delete(memory.keys().next().value!);
}

/** Forgets every summary kept in this process's memory (the database's are kept). */
export function forgetSummariesInMemory(): void {
  memory.clear();
}

/** How the summaries of one call were found, for the benchmark and the logs. */
export interface SummaryStats {
  memory: number;
  table: number;
  replayed: number;
}

const CHUNK = 500;
const chunks = <T>(xs: readonly T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/**
 * A summary as stored: the same content with each turn as a tuple rather than an object, a third
 * smaller than plain JSON, since a page over 10,000 sessions reads and parses every one of them.
 */
type StoredTurn = [node: string, choice: string, kind: SummaryTurn["kind"], ms: number, rapport: number, mutuality: number, note?: string, at?: string];
interface StoredSummary {
  /** Meters at the start: rapport, mutuality. */
  s: [number, number];
  t: StoredTurn[];
  p: string[];
  o: Outcome | null;
  /** Reflections, simple, complex, questions. */
  r: [number, number, number, number];
  d: string | null;
}

/** A summary as the table keeps it (the inverse of decodeSummary). */
export function encodeSummary(x: SessionSummary): string {
  const stored: StoredSummary = {
    s: [x.start.rapport, x.start.mutuality],
    t: x.turns.map((t): StoredTurn => (t.note === undefined ? [t.node, t.choice, t.kind, t.ms, t.rapport, t.mutuality] : [t.node, t.choice, t.kind, t.ms, t.rapport, t.mutuality, t.note, t.at ?? ""])),
    p: x.path,
    o: x.outcome,
    r: [x.reflections.reflections, x.reflections.simple, x.reflections.complex, x.reflections.questions],
    d: x.damage,
  };
  return JSON.stringify(stored);
}

/** A summary read back from the table, if it has the shape encodeSummary writes (anything else is computed again). */
export function decodeSummary(text: string): SessionSummary | undefined {
  // Checked by shape rather than with zod: a page reads thousands of these, and a row that does not fit is simply replaced.
  let x: Partial<StoredSummary> | null;
  try {
    x = JSON.parse(text) as Partial<StoredSummary> | null;
  } catch {
    return undefined;
  }
  if (!x || typeof x !== "object" || !Array.isArray(x.s) || !Array.isArray(x.t) || !Array.isArray(x.p) || !Array.isArray(x.r)) return undefined;
  const turns: SummaryTurn[] = [];
  for (const t of x.t) {
    if (!Array.isArray(t) || t.length < 6) return undefined;
    const [node, choice, kind, ms, rapport, mutuality, note, at] = t;
    turns.push(note === undefined ? { node, choice, kind, ms, rapport, mutuality } : { node, choice, kind, ms, rapport, mutuality, note, at: at ?? "" });
  }
  const [reflections = 0, simple = 0, complex = 0, questions = 0] = x.r;
  return {
    start: { rapport: x.s[0] ?? 0, mutuality: x.s[1] ?? 0 },
    turns,
    path: x.p,
    outcome: x.o ?? null,
    reflections: { reflections, simple, complex, questions },
    damage: x.d ?? null,
  };
}

/** A summary for a session whose scenario version cannot be read: it counts, but reaches nothing. */
const unreplayable = (hash: string): SessionSummary => ({
  start: { rapport: 0, mutuality: 0 },
  turns: [],
  path: [],
  outcome: null,
  reflections: { reflections: 0, simple: 0, complex: 0, questions: 0 },
  damage: `The scenario version this session was played on (${hash.slice(0, 12)}) is missing or damaged in the database, so the session cannot be replayed.`,
});

/** A session's row of the table as read with the session itself (left join: all null when it has none). */
export interface KeptRow {
  revision: number | string | null;
  format: number | string | null;
  summary: string | null;
}

/**
 * The summary of each session, by id: from memory, else from the table, else replayed from its
 * stored choices (and then written to both). Only the sessions not found are read or replayed.
 * `kept` is the table's row of each session when the caller read them already (with the sessions,
 * by a join): the table is then not asked again.
 */
export async function summariesOf(
  store: Store,
  keys: readonly SummaryKey[],
  kept?: ReadonlyMap<string, KeptRow>,
): Promise<{ summaries: Map<string, SessionSummary>; stats: SummaryStats }> {
  const summaries = new Map<string, SessionSummary>();
  const stats: SummaryStats = { memory: 0, table: 0, replayed: 0 };
  let missing: SummaryKey[] = [];
  for (const k of keys) {
    const hit = memory.get(k.id);
    if (hit && hit.revision === k.revision) {
      summaries.set(k.id, hit.summary);
      // Used again: move it to the back of the line.
      memory.delete(k.id);
      memory.set(k.id, hit);
      stats.memory++;
    } else missing.push(k);
  }
  if (missing.length === 0) return { summaries, stats };

  const take = (k: SummaryKey, r: KeptRow | undefined) => {
    if (!r || r.summary === null || Number(r.revision) !== k.revision || Number(r.format) !== SUMMARY_FORMAT) return;
    const s = decodeSummary(r.summary);
    if (!s) return;
    summaries.set(k.id, s);
    remember(k.id, k.revision, s);
    stats.table++;
  };
  const { db } = await store.database();
  if (kept) {
    for (const k of missing) take(k, kept.get(k.id));
  } else {
    const byId = new Map(missing.map((k) => [k.id, k]));
    for (const part of chunks(missing)) {
      const rows = await db
        .selectFrom("analytics_summaries")
        .select(["session_id", "revision", "format", "summary"])
        .where(
          "session_id",
          "in",
          part.map((k) => k.id),
        )
        .execute();
      for (const r of rows) {
        const k = byId.get(r.session_id);
        if (k) take(k, r);
      }
    }
  }
  missing = missing.filter((k) => !summaries.has(k.id));
  if (missing.length === 0) return { summaries, stats };

  const computed: { key: SummaryKey; summary: SessionSummary }[] = [];
  for (const part of chunks(missing)) {
    const rows = await db
      .selectFrom("choices")
      .selectAll()
      .where(
        "session_id",
        "in",
        part.map((k) => k.id),
      )
      .orderBy("session_id")
      .orderBy("seq")
      .execute();
    const choices = new Map<string, AnalyticsChoice[]>();
    for (const r of rows) {
      const row = toChoiceRow(r);
      let list = choices.get(row.sessionId);
      if (!list) choices.set(row.sessionId, (list = []));
      list.push(toAnalyticsChoice(row));
    }
    for (const k of part) {
      const version = await versionOf(store, k.hash);
      if (!version) {
        summaries.set(k.id, unreplayable(k.hash));
        continue;
      }
      const summary = summarizeSession(k, choices.get(k.id) ?? [], version.scenario, version.machine());
      summaries.set(k.id, summary);
      remember(k.id, k.revision, summary);
      computed.push({ key: k, summary });
      stats.replayed++;
    }
  }
  await keep(store, computed);
  return { summaries, stats };
}

/**
 * Writes computed summaries to the table, over any older row of the session. A failure to write
 * is logged and does not fail the request: the figures were computed, and the next request
 * computes what is still missing.
 */
async function keep(store: Store, computed: { key: SummaryKey; summary: SessionSummary }[]): Promise<void> {
  if (computed.length === 0) return;
  const { db } = await store.database();
  const at = new Date().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      for (const part of chunks(computed, 200)) {
        await trx
          .insertInto("analytics_summaries")
          .values(part.map(({ key, summary }) => ({ session_id: key.id, revision: key.revision, format: SUMMARY_FORMAT, summary: encodeSummary(summary), computed_at: at })))
          .onConflict((oc) =>
            oc.column("session_id").doUpdateSet((eb) => ({
              revision: eb.ref("excluded.revision"),
              format: eb.ref("excluded.format"),
              summary: eb.ref("excluded.summary"),
              computed_at: eb.ref("excluded.computed_at"),
            })),
          )
          .execute();
      }
    });
  } catch (e) {
    // A session deleted meanwhile (an erasure) fails its foreign key; everything else is worth a line in the log too.
    console.error(`[server] analytics: ${computed.length} session summaries were computed but not stored: ${(e as Error).message}`);
  }
}

/**
 * Computes and stores the summaries of these sessions now, where none is kept for their current
 * revision. A session that ends calls this (server/session-service.ts `endSession`), so the
 * analytics never replay a finished session on a page view; only sessions still being played
 * (and those stored before summaries existed) are replayed when a page needs them.
 */
export async function keepSummaries(store: Store, ids: readonly string[]): Promise<SummaryStats> {
  const { db } = await store.database();
  const stats: SummaryStats = { memory: 0, table: 0, replayed: 0 };
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom("sessions").select(["id", "revision", "scenario_hash", "status", "outcome"]).where("id", "in", part).execute();
    const found = await summariesOf(
      store,
      rows.map((r) => ({ id: r.id, revision: Number(r.revision), hash: r.scenario_hash, status: r.status as SessionStatus, outcome: r.outcome as Outcome | null })),
    );
    stats.memory += found.stats.memory;
    stats.table += found.stats.table;
    stats.replayed += found.stats.replayed;
  }
  return stats;
}
