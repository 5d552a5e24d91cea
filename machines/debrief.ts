/** What the debrief shows, computed from a replayed session. */
import { questionOf, RESPONSE_KIND_IDS, RESPONSE_KINDS, type ResponseKindId } from "../scenarios/kinds";
import { strongestOf } from "../scenarios/strongest";
import type { Choice } from "../scenarios/types";
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
