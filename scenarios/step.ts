/**
 * What one step of a play does, defined once: where a comparison holds, whether a `when` holds,
 * what a choice does to the meters and flags, and which branch entry is taken. The compiled
 * machine's guards and actions, the analysis, the stats and the tests' oracles all ask here. The
 * analysis works on sets of meters at once; its set-wise forms are built from the ranges and
 * tests below and checked against the pointwise ones by property tests.
 *
 * A new kind of `when` is an edit here (and in the schema): `meterRegion` for a test of the
 * meters, `flagsHold` and `flagsTested` for a test of the flags, and `describeWhen`.
 */
import type { BranchRule, Choice, Comparison, Condition, Meters } from "./types";

/** What a `when` is tested against and a choice changes: the meters and the flags set so far. */
export interface PlayState extends Meters {
  /** Flags set so far, in the order first set; a `when` looks only at which are set. */
  flags: readonly string[];
}

/** Meter values lo..hi, both included. */
export type Interval = readonly [lo: number, hi: number];

/** Every value a meter can take. */
export const METER_VALUES: Interval = [0, 100];

/** The meter values a `when` admits: rapport values × mutuality values. */
export interface MeterRegion {
  rapport: Interval;
  mutuality: Interval;
}

const EVERY_METER: MeterRegion = { rapport: METER_VALUES, mutuality: METER_VALUES };

const OPS: readonly Comparison["op"][] = ["<", "<=", ">", ">=", "=="];
// Keyed by value and op as one number: guards ask for ranges on every step of every play.
const rangeCache = new Map<number, Interval | null>();

/**
 * The meter values where a comparison holds, or null when it holds for none. Every test of a
 * comparison derives from this range: the pointwise `compare` and the analysis's bitset filter.
 */
export function comparisonRange(c: Comparison): Interval | null {
  const key = c.value * OPS.length + OPS.indexOf(c.op);
  const hit = rangeCache.get(key);
  if (hit !== undefined) return hit;
  const [lo, hi] =
    c.op === "<" ? [0, c.value - 1]
    : c.op === "<=" ? [0, c.value]
    : c.op === ">" ? [c.value + 1, 100]
    : c.op === ">=" ? [c.value, 100]
    : [c.value, c.value];
  const a = Math.max(METER_VALUES[0], lo);
  const b = Math.min(METER_VALUES[1], hi);
  const range: Interval | null = a <= b ? [a, b] : null;
  rangeCache.set(key, range);
  return range;
}

/** Whether a value lies in an interval (none lies in null). */
export function inInterval(value: number, interval: Interval | null): boolean {
  return interval !== null && interval[0] <= value && value <= interval[1];
}

/** Whether a meter value satisfies a comparison. */
export function compare(value: number, c: Comparison): boolean {
  return inInterval(value, comparisonRange(c));
}

/**
 * The meters where a `when`'s meter tests all hold, or null when no meters do; an absent test
 * admits every value. The analysis filters whole sets of meters by this region.
 */
export function meterRegion(when: Condition | undefined): MeterRegion | null {
  if (!when || (!when.rapport && !when.mutuality)) return EVERY_METER;
  const rapport = when.rapport ? comparisonRange(when.rapport) : METER_VALUES;
  const mutuality = when.mutuality ? comparisonRange(when.mutuality) : METER_VALUES;
  return rapport && mutuality ? { rapport, mutuality } : null;
}

/** Whether the meters lie in a region. */
export function inRegion(region: MeterRegion | null, meters: Meters): boolean {
  return region !== null && inInterval(meters.rapport, region.rapport) && inInterval(meters.mutuality, region.mutuality);
}

/** Whether a `when`'s flag tests hold: every flag of `flags` set and none of `unset`. */
export function flagsHold(when: Condition | undefined, flags: readonly string[]): boolean {
  if (!when) return true;
  if (when.flags && !when.flags.every((f) => flags.includes(f))) return false;
  if (when.unset && when.unset.some((f) => flags.includes(f))) return false;
  return true;
}

/** Every flag a `when` tests, with the key and position it is written at (for messages). */
export function flagsTested(when: Condition | undefined): { flag: string; key: "flags" | "unset"; index: number }[] {
  return [
    ...(when?.flags ?? []).map((flag, index) => ({ flag, key: "flags" as const, index })),
    ...(when?.unset ?? []).map((flag, index) => ({ flag, key: "unset" as const, index })),
  ];
}

/** Whether a `when` holds: every test it has holds; an absent `when` always holds. */
export function conditionHolds(when: Condition | undefined, state: PlayState): boolean {
  return !when || (flagsHold(when, state.flags) && inRegion(meterRegion(when), state));
}

/** A `when` in words, for messages: "rapport < 30 and flags opened-up". */
export function describeWhen(when: Condition): string {
  const parts: string[] = [];
  if (when.rapport) parts.push(`rapport ${when.rapport.op} ${when.rapport.value}`);
  if (when.mutuality) parts.push(`mutuality ${when.mutuality.op} ${when.mutuality.value}`);
  if (when.flags) parts.push(`flags ${when.flags.join(", ")}`);
  if (when.unset) parts.push(`unset ${when.unset.join(", ")}`);
  return parts.join(" and ");
}

/** A meter kept within 0..100. */
export function clampMeter(value: number): number {
  return Math.min(METER_VALUES[1], Math.max(METER_VALUES[0], value));
}

/** A meter after a choice's delta: added, then clamped to 0..100. */
export function meterAfter(value: number, delta: number): number {
  return clampMeter(value + delta);
}

/** The flags after a choice sets some: each flag once, in the order first set. */
export function flagsAfter(flags: readonly string[], set: readonly string[]): string[] {
  const out = [...flags];
  for (const f of set) if (!out.includes(f)) out.push(f);
  return out;
}

/** What a choice does: its deltas added to the meters (each clamped to 0..100) and its flags set. */
export function applyChoice(state: PlayState, choice: Pick<Choice, "rapport" | "mutuality" | "set">): PlayState & { flags: string[] } {
  return {
    rapport: meterAfter(state.rapport, choice.rapport),
    mutuality: meterAfter(state.mutuality, choice.mutuality),
    flags: flagsAfter(state.flags, choice.set),
  };
}

/** The position of the branch entry a play takes: the first whose `when` holds (-1 if none does; validation rules that out). */
export function branchTaken(branch: readonly BranchRule[], state: PlayState): number {
  return branch.findIndex((b) => conditionHolds(b.when, state));
}
