/**
 * The answers of the analytics API: a scenario's analytics over the sessions the viewer may read
 * (`GET /api/analytics/<scenarioId>`), and one person's progress (`GET /api/people/<id>/progress`).
 * The pages (server components) get the same values from `scenarioAnalytics` and `personProgress`
 * in server/analytics/; route handlers type what they answer by these, and the browser parses
 * them by name (contracts/parse-answer.ts).
 *
 * Every figure is computed on the server by replaying stored choices on the scenario version each
 * session was played on; nothing a client reported is counted.
 */
import "../scenarios/zod-in-browser";
import * as z from "zod/mini";
import { RESPONSE_KIND_IDS } from "../scenarios/kinds";
import type { Scenario } from "../scenarios/types";
import { assignmentStateSchema, modeSchema, outcomeSchema, sessionStatusSchema } from "./enums";

// Offsets are allowed because rows may come from a database that keeps the writer's zone.
const time = z.iso.datetime({ offset: true });
const count = z.int().check(z.minimum(0));
const position = z.int().check(z.minimum(1));
/** A part of a whole, 0 to 1 (not rounded: the page rounds for display). */
const share = z.number().check(z.minimum(0), z.maximum(1));
const meter = z.int().check(z.minimum(0), z.maximum(100));
const meters = z.strictObject({ rapport: meter, mutuality: meter });
const kindSchema = z.enum(RESPONSE_KIND_IDS);
const effectSchema = z.enum(["helpful", "neutral", "harmful"]);
const bandSchema = z.enum(["below fair", "fair", "good"]);
const nodeTypeSchema = z.enum(["turn", "branch", "ending"]);

/** The tables of a scenario's analytics, each also served as CSV (`/api/analytics/<id>/<table>.csv`). */
export const ANALYTICS_TABLES = ["nodes", "choices", "pitfalls", "outcomes", "meters", "kinds", "reflections", "times", "abandonment"] as const;
export const analyticsTableSchema = z.enum(ANALYTICS_TABLES);
export type AnalyticsTable = z.infer<typeof analyticsTableSchema>;

/** The tables of a person's progress served as CSV (`/api/people/<id>/progress/<table>.csv`). */
export const PROGRESS_TABLES = ["sessions"] as const;
export const progressTableSchema = z.enum(PROGRESS_TABLES);
export type ProgressTable = z.infer<typeof progressTableSchema>;

/** MITI 4.2.1 thresholds (machines/debrief.ts `MITI_THRESHOLDS`), carried in the answer so a chart draws them. */
export const mitiThresholdsSchema = z.strictObject({
  reflectionToQuestion: z.strictObject({ fair: z.number(), good: z.number() }),
  percentComplex: z.strictObject({ fair: z.number(), good: z.number() }),
});

/** Reflection metrics (machines/debrief.ts `ReflectionMetrics`): of one session, or pooled over many. */
export const reflectionMetricsSchema = z.strictObject({
  reflections: count,
  simple: count,
  complex: count,
  questions: count,
  /** Reflections ÷ questions; null when there were no questions. */
  ratio: z.nullable(z.number()),
  ratioBand: z.nullable(bandSchema),
  /** Complex ÷ tagged reflections, in percent (rounded); null when no reflection was tagged. */
  percentComplex: z.nullable(z.number()),
  percentComplexBand: z.nullable(bandSchema),
});

/** How many times each kind was chosen, in the kind table's order; kinds never chosen are left out. */
export const kindMixSchema = z.array(z.strictObject({ kind: kindSchema, count: position }));

/**
 * The filters the figures were computed with, as applied (null: not filtered). Dates are
 * calendar days (YYYY-MM-DD, UTC) on `started_at`: from the start of `from`, to before the start of `to`.
 */
export const analyticsFiltersSchema = z.strictObject({
  cohort: z.nullable(z.strictObject({ id: z.string(), name: z.string() })),
  mode: z.nullable(modeSchema),
  from: z.nullable(z.string()),
  to: z.nullable(z.string()),
  /** A version hash; null for every version. */
  version: z.nullable(z.string()),
});

/** A version of the scenario that sessions the viewer may read were played on (before the version filter). */
export const analyticsVersionSchema = z.strictObject({
  hash: z.string(),
  title: z.string(),
  /** When it was published from the studio; null for a library file's version. */
  publishedAt: z.nullable(time),
  /** When it was first stored (its first session, or its publication). */
  createdAt: time,
  /** Whether it is the version new sessions start on (the library file's, or the current published one). */
  current: z.boolean(),
  /** Sessions on it within the other filters (cohort, mode, dates). */
  sessions: count,
  /** Whether its sessions are counted in this answer (all are, unless a version is chosen). */
  included: z.boolean(),
});

/** Sessions counted, by status, and the trainees who played them. */
export const analyticsCountsSchema = z.strictObject({
  sessions: count,
  completed: count,
  abandoned: count,
  active: count,
  /** Distinct accounts that played them (sessions kept without an owner after an erasure count for none). */
  trainees: count,
  /** Sessions whose stored choices replay only in part; they count as far as they replay. */
  damaged: count,
});

/** How often a node was reached. */
export const nodeStatSchema = z.strictObject({
  nodeId: z.string(),
  type: nodeTypeSchema,
  /** Times reached, counting every return to it in one session. */
  visits: count,
  /** Sessions that reached it at least once. */
  sessions: count,
  /** Distinct trainees with a session that reached it. */
  trainees: count,
  /** Whether the drawn version has this node (false: only an older or other version has it). */
  inDrawn: z.boolean(),
});

/** How often a choice was picked where its turn was reached. */
export const choiceStatSchema = z.strictObject({
  nodeId: z.string(),
  choiceId: z.string(),
  /** What the trainee says (as the drawn version words it, else the latest version that has it). */
  text: z.string(),
  kind: kindSchema,
  effect: effectSchema,
  /** Times picked, counting repeats when a session returns to the turn. */
  picks: count,
  /** Sessions that picked it at least once. */
  sessions: count,
  /** Sessions that reached its turn (the node's `sessions`). */
  reached: count,
  /** sessions ÷ reached; 0 when the turn was never reached. */
  share: share,
  /** Distinct trainees who picked it, and their share of the trainees who reached its turn. */
  trainees: count,
  traineeShare: share,
  inDrawn: z.boolean(),
});

/** A trainee's note on why they made a choice ("why I chose this"). */
export const choiceNoteSchema = z.strictObject({
  sessionId: z.string(),
  /** The session's participant name ("Erased account" once erased). */
  participant: z.string(),
  /** 1-based turn of the session. */
  turn: position,
  text: z.string(),
  at: time,
});

/** A harmful choice, among those picked most often. */
export const pitfallSchema = z.strictObject({
  nodeId: z.string(),
  /** What the counterpart says at the turn. */
  turnLines: z.array(z.string()),
  choiceId: z.string(),
  choiceText: z.string(),
  kind: kindSchema,
  picks: position,
  sessions: position,
  /** Sessions that picked it ÷ sessions that reached its turn. */
  share: share,
  /** The scenario's feedback trainees saw after it (practice mode), or null when it has none. */
  feedback: z.nullable(z.string()),
  /** The trainees' notes on it, newest first (at most `NOTES_PER_PITFALL`). */
  notes: z.array(choiceNoteSchema),
  /** How many notes there are in all. */
  notesTotal: count,
});

/** Sessions that reached each outcome (every outcome listed, zeros included). */
export const outcomeStatSchema = z.strictObject({
  outcome: outcomeSchema,
  count: count,
  /** Of the sessions that reached an ending. */
  share: share,
});

const spread = z.strictObject({ median: z.number(), p25: z.number(), p75: z.number() });

/** The meters across sessions after a number of turns (0: at the start). */
export const meterPointSchema = z.strictObject({
  turn: count,
  /** Sessions that had taken at least this many turns. */
  n: position,
  rapport: spread,
  mutuality: spread,
});

/** The kind mix pooled over every counted turn. */
export const kindStatSchema = z.strictObject({
  kind: kindSchema,
  effect: effectSchema,
  count: position,
  /** Of every counted turn. */
  share: share,
});

/** The reflection metrics pooled over every counted turn, with the MITI thresholds they are banded by. */
export const pooledReflectionsSchema = z.strictObject({
  ...reflectionMetricsSchema.shape,
  thresholds: mitiThresholdsSchema,
  /** Sessions whose own ratio / % complex reaches "fair" or better, of those where it is defined. */
  sessionsRatioFair: count,
  sessionsWithRatio: count,
  sessionsComplexFair: count,
  sessionsWithComplex: count,
});

/** Time taken to choose at a turn node. */
export const timeStatSchema = z.strictObject({
  nodeId: z.string(),
  /** Choices timed there. */
  n: position,
  medianMs: z.number(),
  p25Ms: z.number(),
  p75Ms: z.number(),
});

/** Where abandoned sessions stopped: the node they were at when they were abandoned. */
export const abandonStatSchema = z.strictObject({
  nodeId: z.string(),
  count: position,
  /** Of the abandoned sessions. */
  share: share,
  /** Of the sessions that reached this node. */
  ofReached: share,
});

/**
 * How sessions on versions other than the drawn one fit the drawing. Figures are summed by node id
 * and choice id across the included versions; these are the nodes and choices that have figures
 * but are not in the drawn version (so not on its graph).
 */
export const versionCoverageSchema = z.strictObject({
  /** The hash of the version whose graph and texts are shown. */
  drawn: z.string(),
  /** Why that one: the version chosen by the filter; else the current one (the library file's, or the current published one); else, for a scenario the library no longer has, the newest counted (or stored) version. */
  drawnBecause: z.enum(["chosen", "current", "latest"]),
  /** Hashes of the versions whose sessions are counted. */
  included: z.array(z.string()),
  /** Whether the counted sessions span more than one version. */
  acrossVersions: z.boolean(),
  nodesNotDrawn: z.array(z.strictObject({ nodeId: z.string(), versions: z.array(z.string()) })),
  choicesNotDrawn: z.array(z.strictObject({ nodeId: z.string(), choiceId: z.string(), versions: z.array(z.string()) })),
});

/**
 * The scenario version drawn, in the scenario format's normalized form. It was validated when it
 * was stored and is found by its hash, so only its outline is checked here.
 */
const scenarioVersionSchema = z.custom<Scenario>((v) => {
  const s = v as Partial<Record<keyof Scenario, unknown>> | null;
  return typeof s === "object" && s !== null && s.format === 1 && typeof s.id === "string" && typeof s.nodes === "object" && s.nodes !== null;
}, "must be a scenario version");

/** `GET /api/analytics/<scenarioId>`: a scenario's analytics over the sessions the viewer may read, filtered. */
export const scenarioAnalyticsSchema = z.strictObject({
  scenarioId: z.string(),
  /** The drawn version's title. */
  title: z.string(),
  filters: analyticsFiltersSchema,
  /** The cohorts the viewer may filter by (every cohort for an administrator, else those they are staff of), by name. */
  cohorts: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  /** Versions with sessions within the other filters, newest first. */
  versions: z.array(analyticsVersionSchema),
  coverage: versionCoverageSchema,
  /** The drawn version itself, for the graph. */
  scenario: scenarioVersionSchema,
  counts: analyticsCountsSchema,
  nodes: z.array(nodeStatSchema),
  choices: z.array(choiceStatSchema),
  /** Harmful choices picked at least once, most picked first (at most `MAX_PITFALLS`). */
  pitfalls: z.array(pitfallSchema),
  outcomes: z.array(outcomeStatSchema),
  meters: z.array(meterPointSchema),
  kinds: z.array(kindStatSchema),
  reflections: pooledReflectionsSchema,
  times: z.array(timeStatSchema),
  abandonment: z.array(abandonStatSchema),
  computedAt: time,
});

/** One of a person's sessions, replayed. */
export const progressSessionSchema = z.strictObject({
  id: z.string(),
  scenarioId: z.string(),
  /** The title of the version it was played on. */
  title: z.string(),
  /** The version's hash. */
  version: z.string(),
  mode: modeSchema,
  status: sessionStatusSchema,
  startedAt: time,
  endedAt: z.nullable(time),
  /** The outcome its choices replay to; null when they reach no ending. */
  outcome: z.nullable(outcomeSchema),
  /** Turns taken (as far as they replay). */
  turns: count,
  /** Meters after the last choice that replays (for an active session: where it stands). */
  finalMeters: meters,
  kindMix: kindMixSchema,
  reflections: reflectionMetricsSchema,
  /** Why the replay does not cover the stored choices, as a sentence; null when it does. */
  damage: z.nullable(z.string()),
});

/** An assignment of a cohort the person trains in, and where they stand on it (the home page's rule). */
export const progressAssignmentSchema = z.strictObject({
  id: z.string(),
  cohortId: z.string(),
  cohortName: z.string(),
  scenarioId: z.string(),
  /** The scenario's title now, or null when the library no longer has it. */
  title: z.nullable(z.string()),
  mode: modeSchema,
  dueOn: z.nullable(z.string()),
  createdAt: time,
  state: assignmentStateSchema,
  /** The session that decided the state, if any. */
  sessionId: z.nullable(z.string()),
});

/** A comment someone wrote on one of the person's sessions. */
export const progressCommentSchema = z.strictObject({
  id: z.string(),
  sessionId: z.string(),
  scenarioId: z.string(),
  /** 1-based turn it is on; null for the whole session. */
  turn: z.nullable(position),
  /** The author's name ("Erased account" once erased). */
  author: z.string(),
  at: time,
  text: z.string(),
});

/** `GET /api/people/<id>/progress`: every session of the person over time, their assignments, and the comments on their sessions. */
export const personProgressSchema = z.strictObject({
  person: z.strictObject({ id: z.string(), name: z.string(), active: z.boolean() }),
  /** Oldest first. */
  sessions: z.array(progressSessionSchema),
  /** Most pressing first: overdue, in progress, open, done; then by due day. */
  assignments: z.array(progressAssignmentSchema),
  assignmentCounts: z.strictObject({ done: count, open: count, overdue: count, "in-progress": count }),
  /** Newest first. */
  comments: z.array(progressCommentSchema),
  thresholds: mitiThresholdsSchema,
  computedAt: time,
});

/** At most this many pitfalls are listed. */
export const MAX_PITFALLS = 10;
/** At most this many notes are listed with each pitfall. */
export const NOTES_PER_PITFALL = 20;

export type AnalyticsFilters = z.output<typeof analyticsFiltersSchema>;
export type AnalyticsVersion = z.output<typeof analyticsVersionSchema>;
export type AnalyticsCounts = z.output<typeof analyticsCountsSchema>;
export type NodeStat = z.output<typeof nodeStatSchema>;
export type ChoiceStat = z.output<typeof choiceStatSchema>;
export type ChoiceNote = z.output<typeof choiceNoteSchema>;
export type Pitfall = z.output<typeof pitfallSchema>;
export type OutcomeStat = z.output<typeof outcomeStatSchema>;
export type MeterPoint = z.output<typeof meterPointSchema>;
export type KindStat = z.output<typeof kindStatSchema>;
export type PooledReflections = z.output<typeof pooledReflectionsSchema>;
export type TimeStat = z.output<typeof timeStatSchema>;
export type AbandonStat = z.output<typeof abandonStatSchema>;
export type VersionCoverage = z.output<typeof versionCoverageSchema>;
export type ScenarioAnalytics = z.output<typeof scenarioAnalyticsSchema>;
export type ReflectionMetricsAnswer = z.output<typeof reflectionMetricsSchema>;
export type MitiThresholds = z.output<typeof mitiThresholdsSchema>;
export type ProgressSession = z.output<typeof progressSessionSchema>;
export type ProgressAssignment = z.output<typeof progressAssignmentSchema>;
export type ProgressComment = z.output<typeof progressCommentSchema>;
export type PersonProgress = z.output<typeof personProgressSchema>;
