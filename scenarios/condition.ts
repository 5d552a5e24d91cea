/** Evaluates `when` conditions against meters and flags. */
import type { Comparison, Condition } from "./types";

/** What a condition is tested against. */
export interface ConditionState {
  rapport: number;
  mutuality: number;
  flags: readonly string[];
}

export function compare(value: number, c: Comparison): boolean {
  switch (c.op) {
    case "<":
      return value < c.value;
    case "<=":
      return value <= c.value;
    case ">":
      return value > c.value;
    case ">=":
      return value >= c.value;
    case "==":
      return value === c.value;
  }
}

/** True when every key of the condition holds; an absent condition always holds. */
export function conditionHolds(when: Condition | undefined, state: ConditionState): boolean {
  if (!when) return true;
  if (when.rapport && !compare(state.rapport, when.rapport)) return false;
  if (when.mutuality && !compare(state.mutuality, when.mutuality)) return false;
  if (when.flags && !when.flags.every((f) => state.flags.includes(f))) return false;
  if (when.unset && when.unset.some((f) => state.flags.includes(f))) return false;
  return true;
}

/** Clamps a meter to 0..100. */
export function clampMeter(value: number): number {
  return Math.min(100, Math.max(0, value));
}
