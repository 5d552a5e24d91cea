/**
 * The set-wise forms of `conditionHolds` and `branchTaken` (scenarios/step.ts) that the analysis
 * works with: the meter pairs of a set where a `when` holds, and how a branch node shares a set
 * among its entries. The meters are filtered by step.ts's `meterRegion` and the flags tested by
 * its `flagsHold` on the flag set the pairs were reached with; tests check these forms against
 * the pointwise ones pair by pair.
 */
import { flagsHold, meterRegion } from "../step";
import type { BranchRule, Condition } from "../types";
import * as M from "./meter-set";
import { flagsOfKey } from "./situation-sets";

/** Writes into out the pairs of `set` where `when` holds, given the flags of `key`; returns whether any. */
export function regionInto(out: M.MeterSet, set: M.MeterSet, when: Condition | undefined, key: string): boolean {
  const region = when && !flagsHold(when, flagsOfKey(key)) ? null : meterRegion(when);
  if (!region) {
    out.fill(0);
    return false;
  }
  return M.filterInto(out, set, region.rapport, region.mutuality);
}

/** Scratch sets for `splitAmongEntries`, so that callers in a loop allocate none. */
export interface SplitScratch {
  taken: M.MeterSet;
  rest: M.MeterSet;
}

export const splitScratch = (): SplitScratch => ({ taken: M.emptySet(), rest: M.emptySet() });

/**
 * Shares the pairs of `set` among a branch node's entries as a play does: each entry takes the
 * pairs where its `when` holds among those no earlier entry took. Calls `visit` for each entry in
 * order with the pairs it takes (valid during the call only), whether it takes any, and whether
 * any pairs are left for the entries after it; stops after the entry that leaves none.
 */
export function splitAmongEntries(
  branch: readonly BranchRule[],
  set: M.MeterSet,
  key: string,
  scratch: SplitScratch,
  visit: (index: number, taken: M.MeterSet, any: boolean, left: boolean) => void,
): void {
  const { taken, rest } = scratch;
  rest.set(set);
  for (let i = 0; i < branch.length; i++) {
    const any = regionInto(taken, rest, branch[i]!.when, key);
    const left = M.andNotInto(rest, taken);
    visit(i, taken, any, left);
    if (!left) break;
  }
}
