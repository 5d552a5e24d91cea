/**
 * The analysis's set-wise forms of a `when` and of a branch node must agree with step.ts's
 * pointwise definitions, pair by pair, for every kind of `when`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as M from "../../../../scenarios/analysis/meter-set";
import { keyOfFlags } from "../../../../scenarios/analysis/situation-sets";
import { regionInto, splitAmongEntries, splitScratch } from "../../../../scenarios/analysis/when-region";
import { branchTaken, conditionHolds } from "../../../../scenarios/step";
import { arbitraryBranch, arbitraryFlags, arbitraryMeter, arbitraryWhen } from "../../../oracles/arbitrary-when";

/** A set of meter pairs: some scattered pairs, or a rectangle of them. */
const arbitrarySet = fc.oneof(
  fc.array(fc.tuple(arbitraryMeter, arbitraryMeter), { maxLength: 40 }).map((pairs) => {
    const s = M.emptySet();
    for (const [r, m] of pairs) M.orInto(s, M.singleton(r, m));
    return s;
  }),
  fc.tuple(arbitraryMeter, arbitraryMeter, arbitraryMeter, arbitraryMeter).map(([a, b, c, d]) =>
    M.filter(M.FULL, [Math.min(a, b), Math.max(a, b)], [Math.min(c, d), Math.max(c, d)]),
  ),
  fc.constant(M.FULL),
);

/** Calls check for every pair 0..100 × 0..100. */
function everyPair(check: (rapport: number, mutuality: number) => void) {
  for (let r = 0; r <= 100; r++) for (let m = 0; m <= 100; m++) check(r, m);
}

describe("the set-wise form of a when", () => {
  it("keeps exactly the pairs of the set where conditionHolds", () => {
    fc.assert(
      fc.property(fc.option(arbitraryWhen, { nil: undefined }), arbitraryFlags, arbitrarySet, (when, flags, set) => {
        const out = M.emptySet().fill(-1);
        const any = regionInto(out, set, when, keyOfFlags(flags));
        let held = 0;
        everyPair((rapport, mutuality) => {
          const holds = M.has(set, rapport, mutuality) && conditionHolds(when, { rapport, mutuality, flags });
          if (holds) held++;
          if (M.has(out, rapport, mutuality) !== holds) expect.fail(`${JSON.stringify(when)} at ${rapport}/${mutuality} with [${flags}]`);
        });
        expect(M.count(out)).toBe(held);
        expect(any).toBe(held > 0);
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });
});

describe("the set-wise form of a branch node", () => {
  it("gives each entry exactly the pairs for which branchTaken picks it", () => {
    fc.assert(
      fc.property(arbitraryBranch, arbitraryFlags, arbitrarySet, (branch, flags, set) => {
        const parts = branch.map(() => M.emptySet());
        const visited: number[] = [];
        splitAmongEntries(branch, set, keyOfFlags(flags), splitScratch(), (i, taken, any) => {
          visited.push(i);
          parts[i]!.set(taken);
          expect(any).toBe(!M.isEmpty(taken));
        });
        everyPair((rapport, mutuality) => {
          const taken = M.has(set, rapport, mutuality) ? branchTaken(branch, { rapport, mutuality, flags }) : -1;
          parts.forEach((part, i) => {
            if (M.has(part, rapport, mutuality) !== (i === taken)) expect.fail(`entry ${i} at ${rapport}/${mutuality} with [${flags}]`);
          });
        });
        // Entries after the one that takes the last pairs are never visited.
        expect(visited).toEqual(visited.map((_, i) => i));
      }),
      { seed: 20240602, numRuns: 200 },
    );
  });
});
