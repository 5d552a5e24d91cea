/**
 * One person's progress: every session they played, over time, each replayed (summary-cache.ts)
 * for its outcome, final meters, kind mix and reflection metrics; the assignments of the cohorts
 * they train in and where they stand on each (the home page's rule, server/cohorts.ts); and the
 * comments written on their sessions. For the person, their cohorts' staff and administrators
 * (server/access.ts `mayReadProgress`); anyone else is told there is no such account.
 */
import type { PersonProgress, ProgressAssignment, ProgressSession } from "../../contracts/analytics-answers";
import { ASSIGNMENT_STATES, type Mode, type SessionStatus } from "../../contracts/enums";
import { PERSON_ID } from "../../contracts/people-requests";
import { RESPONSE_KIND_IDS, type ResponseKindId } from "../../scenarios/kinds";
import type { Outcome } from "../../scenarios/types";
import { mayReadProgress } from "../access";
import type { Account } from "../accounts";
import { assignmentsForTrainee } from "../cohorts";
import { getStore } from "../open-store";
import { loadLibrary } from "../scenario-library";
import { ServiceError } from "../service-error";
import type { Store } from "../store";
import { metricsFromCounts, thresholds } from "./aggregate";
import type { SessionSummary } from "./summary";
import { summariesOf } from "./summary-cache";
import { versionOf } from "./versions";

const noAccount = (id: string) => new ServiceError(404, `no account "${id.slice(0, 80)}"`);

/** A session of the person as its row says now. */
export interface ProgressRow {
  id: string;
  scenarioId: string;
  hash: string;
  title: string;
  mode: Mode;
  status: SessionStatus;
  startedAt: string;
  endedAt: string | null;
}

/** One session's line in the progress, from its row and its summary. */
export function progressSession(row: ProgressRow, summary: SessionSummary): ProgressSession {
  const last = summary.turns[summary.turns.length - 1];
  const mix = new Map<ResponseKindId, number>();
  for (const t of summary.turns) mix.set(t.kind, (mix.get(t.kind) ?? 0) + 1);
  return {
    id: row.id,
    scenarioId: row.scenarioId,
    title: row.title,
    version: row.hash,
    mode: row.mode,
    status: row.status,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    outcome: summary.outcome,
    turns: summary.turns.length,
    finalMeters: last ? { rapport: last.rapport, mutuality: last.mutuality } : { ...summary.start },
    kindMix: RESPONSE_KIND_IDS.filter((k) => mix.has(k)).map((k) => ({ kind: k, count: mix.get(k)! })),
    reflections: metricsFromCounts(summary.reflections),
    damage: summary.damage,
  };
}

const STATE_ORDER = new Map(ASSIGNMENT_STATES.map((s, i) => [s, i]));

/** The progress of the person `personId` as `account` may read it; 404 when there is no such account or the account may not read it. */
export async function personProgress(account: Account, personId: string, store?: Store): Promise<PersonProgress> {
  if (!PERSON_ID.test(personId)) throw noAccount(personId);
  store ??= await getStore();
  const { db } = await store.database();
  const [user, off] = await Promise.all([
    db.selectFrom("auth_user").select(["id", "name", "email"]).where("id", "=", personId).executeTakeFirst(),
    db.selectFrom("deactivated_users").select("user_id").where("user_id", "=", personId).executeTakeFirst(),
  ]);
  // One the account may not read is answered as no account, so its id is not confirmed.
  if (!user || !(await mayReadProgress(db, account, personId))) throw noAccount(personId);

  const [rows, comments, assignments, library] = await Promise.all([
    db
      .selectFrom("sessions")
      .select(["id", "scenario_id", "scenario_hash", "mode", "status", "outcome", "started_at", "ended_at", "revision"])
      .where("user_id", "=", personId)
      .orderBy("started_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("comments")
      .innerJoin("sessions", "sessions.id", "comments.session_id")
      .select(["comments.id", "comments.session_id", "sessions.scenario_id", "comments.turn", "comments.author", "comments.created_at", "comments.body"])
      .where("sessions.user_id", "=", personId)
      .orderBy("comments.created_at", "desc")
      .orderBy("comments.id")
      .execute(),
    // The person as the home page's rule reads an account: only the id is used.
    assignmentsForTrainee(db, { id: user.id, email: user.email, name: user.name, roles: [] }),
    loadLibrary(store),
  ]);

  const { summaries } = await summariesOf(
    store,
    rows.map((r) => ({ id: r.id, revision: Number(r.revision), hash: r.scenario_hash, status: r.status as SessionStatus, outcome: r.outcome as Outcome | null })),
  );
  // A version the library has now needs no database read; any other is read (and verified) once per process.
  const titles = new Map(library.flatMap((e) => (e.ok ? [[e.hash, e.scenario.title] as const] : [])));
  for (const hash of new Set(rows.map((r) => r.scenario_hash))) {
    if (titles.has(hash)) continue;
    const v = await versionOf(store, hash);
    if (v) titles.set(hash, v.scenario.title);
  }
  const sessions = rows.map((r) =>
    progressSession(
      {
        id: r.id,
        scenarioId: r.scenario_id,
        hash: r.scenario_hash,
        title: titles.get(r.scenario_hash) ?? r.scenario_id,
        mode: r.mode as Mode,
        status: r.status as SessionStatus,
        startedAt: r.started_at,
        endedAt: r.ended_at,
      },
      summaries.get(r.id)!,
    ),
  );

  const libraryTitles = new Map(library.flatMap((e) => (e.ok ? [[e.id, e.scenario.title] as const] : [])));
  const assigned: ProgressAssignment[] = assignments
    .map((a) => ({
      id: a.id,
      cohortId: a.cohortId,
      cohortName: a.cohortName,
      scenarioId: a.scenarioId,
      title: libraryTitles.get(a.scenarioId) ?? null,
      mode: a.mode,
      dueOn: a.dueOn,
      createdAt: a.createdAt,
      state: a.state,
      sessionId: a.sessionId,
    }))
    .sort(
      (a, b) =>
        STATE_ORDER.get(a.state)! - STATE_ORDER.get(b.state)! ||
        (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
  const assignmentCounts = { done: 0, open: 0, overdue: 0, "in-progress": 0 };
  for (const a of assigned) assignmentCounts[a.state]++;

  return {
    person: { id: user.id, name: user.name, active: off === undefined },
    sessions,
    assignments: assigned,
    assignmentCounts,
    comments: comments.map((c) => ({
      id: c.id,
      sessionId: c.session_id,
      scenarioId: c.scenario_id,
      turn: c.turn === null ? null : Number(c.turn),
      author: c.author,
      at: c.created_at,
      text: c.body,
    })),
    thresholds: thresholds(),
    computedAt: new Date().toISOString(),
  };
}
