/** What the debrief shows, computed from a replayed session. */
import { questionOf, RESPONSE_KIND_IDS, RESPONSE_KINDS, type ResponseKindId } from "../scenarios/kinds";
import { scenarioStats } from "../scenarios/stats";
import { strengthOf, strongestOf } from "../scenarios/strongest";
import type { Choice, Outcome, Scenario } from "../scenarios/types";
import { conversationAfter } from "./conversation-state";
import { playtestAt, playtestChoose, type PlaytestSetup, type PlaytestStart } from "./playtest";
import type { Replay, TranscriptTurn } from "./replay";

/** MITI 4.2.1 thresholds, set by expert opinion rather than normative data. */
export const MITI_THRESHOLDS = {
  reflectionToQuestion: { fair: 1, good: 2 },
  percentComplex: { fair: 40, good: 50 },
} as const;

export type Band = "below fair" | "fair" | "good";

/** What the reflection metrics are, said once wherever they are shown. */
export const INDICATORS_NOTE =
  "These are indicators from a short simulated exchange, counted from the responses you picked; they are not a MITI coding of a real conversation.";

export interface ReflectionMetrics {
  /** Every listening-to choice; each is simple or complex (untagged counts as simple), so both measures count the same reflections. */
  reflections: number;
  simple: number;
  complex: number;
  /** Choices that ask a question, by their `question` or their kind (a reflection followed by a question counts as both). */
  questions: number;
  /** Reflections ÷ questions; null when there were no questions. */
  ratio: number | null;
  /** Good when there were reflections and no questions; null when there was neither. */
  ratioBand: Band | null;
  /** Complex ÷ reflections, in percent; null when there was no reflection. */
  percentComplex: number | null;
  percentComplexBand: Band | null;
}

export function band(value: number, t: { fair: number; good: number }): Band {
  return value >= t.good ? "good" : value >= t.fair ? "fair" : "below fair";
}

/** The metrics from counts: the one rule, used by the debrief and by the analytics' pooled counts. */
export function metricsFromCounts(c: { reflections: number; simple: number; complex: number; questions: number }): ReflectionMetrics {
  const ratio = c.questions > 0 ? c.reflections / c.questions : null;
  const percentComplex = c.reflections > 0 ? Math.round((c.complex / c.reflections) * 100) : null;
  return {
    reflections: c.reflections,
    simple: c.simple,
    complex: c.complex,
    questions: c.questions,
    ratio,
    ratioBand: ratio !== null ? band(ratio, MITI_THRESHOLDS.reflectionToQuestion) : c.reflections > 0 ? "good" : null,
    percentComplex,
    percentComplexBand: percentComplex === null ? null : band(percentComplex, MITI_THRESHOLDS.percentComplex),
  };
}

export function reflectionMetrics(turns: readonly Pick<TranscriptTurn, "choice">[]): ReflectionMetrics {
  let reflections = 0;
  let complex = 0;
  let questions = 0;
  for (const { choice } of turns) {
    if (choice.kind === "listening-to") {
      reflections++;
      if (choice.reflection === "complex") complex++;
    }
    if (questionOf(choice) !== undefined) questions++;
  }
  return metricsFromCounts({ reflections, simple: reflections - complex, complex, questions });
}

/** How many times each kind was chosen, in the table's order, leaving out kinds never chosen. */
export function kindMix(turns: readonly TranscriptTurn[]): { kind: ResponseKindId; count: number }[] {
  const counts = new Map<ResponseKindId, number>();
  for (const t of turns) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
  return RESPONSE_KIND_IDS.filter((k) => counts.has(k)).map((k) => ({ kind: k, count: counts.get(k)! }));
}

/** The strongest choice on offer at a turn (`strongestOf`), or null when the one chosen was it. */
export function strongestAlternative(turn: Pick<TranscriptTurn, "offered" | "choice">): Choice | null {
  const best = strongestOf(turn.offered);
  return !best || best.id === turn.choice.id ? null : best;
}

export interface Debrief {
  metrics: ReflectionMetrics;
  mix: { kind: ResponseKindId; count: number }[];
  /** Helpful and harmful choices made. */
  helpful: number;
  harmful: number;
  /** Meters at the start and after every turn, for the chart. */
  series: { turn: number; rapport: number; mutuality: number }[];
}

export function debriefOf(replay: Replay): Debrief {
  const first = replay.turns[0]?.before ?? replay.meters;
  return {
    metrics: reflectionMetrics(replay.turns),
    mix: kindMix(replay.turns),
    helpful: replay.turns.filter((t) => RESPONSE_KINDS[t.kind].effect === "helpful").length,
    harmful: replay.turns.filter((t) => RESPONSE_KINDS[t.kind].effect === "harmful").length,
    series: [
      { turn: 0, ...first },
      ...replay.turns.map((t) => ({ turn: t.index + 1, ...t.after })),
    ],
  };
}

/** Why a turn is among those that mattered most. */
export type KeyTurnReason =
  /** A response of a harmful kind. */
  | { type: "harmful" }
  /** The strongest option on offer was another; `gain` is how much more rapport + mutuality it carried (0 on a tie the kind order decided, less when the author marked a weaker one best). */
  | { type: "missed"; choice: Choice; gain: number }
  /** The meters moved: the actual change, after − before (clamped at 0 and 100). */
  | { type: "swing"; rapport: number; mutuality: number };

export interface KeyTurn {
  turn: TranscriptTurn;
  /** How much the turn counted: |Δrapport| + |Δmutuality| + the missed gain (when positive). */
  weight: number;
  harmful: boolean;
  /** The strongest option on offer when it was not the one chosen. */
  missed: Choice | null;
  /** Harmful first, then missed, then the swing (when the meters moved). */
  reasons: KeyTurnReason[];
}

/** At most this many turns are picked as the ones that mattered most. */
export const KEY_TURNS = 3;

/** What one turn counts for in `keyTurns`. */
export function keyTurnOf(turn: TranscriptTurn): KeyTurn {
  const harmful = RESPONSE_KINDS[turn.kind].effect === "harmful";
  const missed = strongestAlternative(turn);
  const gain = missed ? strengthOf(missed) - strengthOf(turn.choice) : 0;
  const rapport = turn.after.rapport - turn.before.rapport;
  const mutuality = turn.after.mutuality - turn.before.mutuality;
  const reasons: KeyTurnReason[] = [];
  if (harmful) reasons.push({ type: "harmful" });
  if (missed) reasons.push({ type: "missed", choice: missed, gain });
  if (rapport !== 0 || mutuality !== 0) reasons.push({ type: "swing", rapport, mutuality });
  return { turn, weight: Math.abs(rapport) + Math.abs(mutuality) + Math.max(0, gain), harmful, missed, reasons };
}

/**
 * The turns that mattered most, at most `max` (three), in the order they were played. The rule:
 * every turn that was harmful, missed the strongest option on offer, or moved a meter is a
 * candidate; harmful turns rank first, then turns where the strongest option was missed, then the
 * rest; within each group the larger weight (the meters' actual swing, |Δrapport| + |Δmutuality|,
 * plus how much more rapport + mutuality the strongest option carried) ranks first, and on a tie
 * the earlier turn.
 */
export function keyTurns(turns: readonly TranscriptTurn[], max = KEY_TURNS): KeyTurn[] {
  const group = (k: KeyTurn) => (k.harmful ? 0 : k.missed ? 1 : 2);
  return turns
    .map(keyTurnOf)
    .filter((k) => k.harmful || k.missed !== null || k.weight > 0)
    .sort((a, b) => group(a) - group(b) || b.weight - a.weight || a.turn.index - b.turn.index)
    .slice(0, Math.max(0, max))
    .sort((a, b) => a.turn.index - b.turn.index);
}

/**
 * Where a practice replay from turn `index` (0-based) begins: that turn's node, with the meters
 * the trainee had there and the flags their earlier choices had set.
 */
export function practiceSetup(scenario: Scenario, turns: readonly TranscriptTurn[], index: number): PlaytestSetup {
  const turn = turns[index];
  if (!turn) throw new Error(`[machines] debrief: no turn ${index + 1} to practise from`);
  const before = conversationAfter(
    scenario,
    turns.slice(0, index).map((t) => t.choice.id),
  );
  if (!before || before.value !== turn.nodeId) throw new Error(`[machines] debrief: the choices before turn ${index + 1} do not lead to "${turn.nodeId}"`);
  return { nodeId: turn.nodeId, rapport: turn.before.rapport, mutuality: turn.before.mutuality, flags: [...before.context.flags] };
}

/**
 * A practice replay from turn `index`, as the studio's playtest plays (machines/playtest.ts):
 * nothing of it is the session. With `first`, that choice is made at once (the strongest option).
 */
export function practiceFrom(scenario: Scenario, turns: readonly TranscriptTurn[], index: number, first?: string): PlaytestStart {
  const started = playtestAt(scenario, practiceSetup(scenario, turns, index));
  if (!started.ok || first === undefined) return started;
  const chosen = playtestChoose(scenario, started.playtest, first);
  return chosen.ok ? chosen : { ok: false, problems: [{ field: "nodeId", message: chosen.message }] };
}

/** The ending nodes of a scenario, in file order. */
export const endingIds = (scenario: Scenario): string[] => Object.keys(scenario.nodes).filter((id) => scenario.nodes[id]!.type === "ending");

/** The ending nodes with this outcome, in file order. */
export const endingsWithOutcome = (scenario: Scenario, outcome: Outcome): string[] =>
  endingIds(scenario).filter((id) => {
    const node = scenario.nodes[id]!;
    return node.type === "ending" && node.outcome === outcome;
  });

/** The most situations the reachable endings are worked out over; past it, every ending counts as reachable. */
export const REACHABLE_LIMIT = 200_000;

/** The endings some play reaches (scenarios/stats), in file order; every ending when the scenario is too large to tell. */
export function reachableEndings(scenario: Scenario, limit = REACHABLE_LIMIT): string[] {
  try {
    return scenarioStats(scenario, { limit })
      .endings.filter((e) => e.reachable)
      .map((e) => e.nodeId);
  } catch {
    return endingIds(scenario);
  }
}

/** "Endings found: 2 of 5": the distinct reachable endings among those reached, in file order. */
export function endingsFound(reachable: readonly string[], reached: Iterable<string>): { found: string[]; total: number } {
  const seen = new Set(reached);
  return { found: reachable.filter((id) => seen.has(id)), total: reachable.length };
}

/** Another session of the scenario, as a person's progress lists it. */
export interface PastSession {
  id: string;
  /** The hash of the version it was played on. */
  version: string;
  outcome: Outcome | null;
}

/**
 * The ending a past session reached when its outcome alone tells: played on this very version
 * (`hash`), whose only ending with that outcome is it. Null when the session must be read to tell.
 */
export function endingTold(scenario: Scenario, hash: string, session: PastSession): string | null {
  if (session.outcome === null || session.version !== hash) return null;
  const endings = endingsWithOutcome(scenario, session.outcome);
  return endings.length === 1 ? endings[0]! : null;
}

/**
 * Of the past sessions (newest first), those still worth reading to learn their ending: they
 * reached one, their outcome does not tell which, and some ending of this version with that
 * outcome is not known yet. `known` are the endings known so far, with those the outcomes told.
 */
export function sessionsToRead(scenario: Scenario, hash: string, known: ReadonlySet<string>, sessions: readonly PastSession[]): PastSession[] {
  return sessions.filter(
    (s) =>
      s.outcome !== null && endingTold(scenario, hash, s) === null && endingsWithOutcome(scenario, s.outcome).some((id) => !known.has(id)),
  );
}
