/** What the debrief shows, computed from a replayed session. */
import { RESPONSE_KIND_IDS, RESPONSE_KINDS, type ResponseKindId } from "../scenarios/kinds";
import type { Choice } from "../scenarios/types";
import type { Replay, TranscriptTurn } from "./replay";

/** MITI 4.2.1 thresholds, set by expert opinion rather than normative data. */
export const MITI_THRESHOLDS = {
  reflectionToQuestion: { fair: 1, good: 2 },
  percentComplex: { fair: 40, good: 50 },
} as const;

export type Band = "below fair" | "fair" | "good";

export interface ReflectionMetrics {
  reflections: number;
  simple: number;
  complex: number;
  questions: number;
  /** Reflections ÷ questions; null when there were no questions. */
  ratio: number | null;
  ratioBand: Band | null;
  /** Complex ÷ all tagged reflections, in percent; null when no reflection was tagged. */
  percentComplex: number | null;
  percentComplexBand: Band | null;
}

export function band(value: number, t: { fair: number; good: number }): Band {
  return value >= t.good ? "good" : value >= t.fair ? "fair" : "below fair";
}

export function reflectionMetrics(turns: readonly TranscriptTurn[]): ReflectionMetrics {
  let reflections = 0;
  let simple = 0;
  let complex = 0;
  let questions = 0;
  for (const t of turns) {
    if (t.kind === "listening-to") {
      reflections++;
      if (t.choice.reflection === "simple") simple++;
      if (t.choice.reflection === "complex") complex++;
    } else if (t.kind === "open-question" || t.kind === "closed-question") questions++;
  }
  const ratio = questions > 0 ? reflections / questions : null;
  const tagged = simple + complex;
  const percentComplex = tagged > 0 ? Math.round((complex / tagged) * 100) : null;
  return {
    reflections,
    simple,
    complex,
    questions,
    ratio,
    ratioBand: ratio === null ? null : band(ratio, MITI_THRESHOLDS.reflectionToQuestion),
    percentComplex,
    percentComplexBand: percentComplex === null ? null : band(percentComplex, MITI_THRESHOLDS.percentComplex),
  };
}

/** How many times each kind was chosen, in the table's order, leaving out kinds never chosen. */
export function kindMix(turns: readonly TranscriptTurn[]): { kind: ResponseKindId; count: number }[] {
  const counts = new Map<ResponseKindId, number>();
  for (const t of turns) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
  return RESPONSE_KIND_IDS.filter((k) => counts.has(k)).map((k) => ({ kind: k, count: counts.get(k)! }));
}

const strength = (c: Choice) => c.rapport + c.mutuality;

/** The strongest choice on offer at a turn (most combined meter gain), or null when the one chosen was it. */
export function strongestAlternative(turn: TranscriptTurn): Choice | null {
  let best: Choice | undefined;
  for (const c of turn.offered) if (!best || strength(c) > strength(best)) best = c;
  if (!best || strength(best) <= strength(turn.choice)) return null;
  return best;
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
