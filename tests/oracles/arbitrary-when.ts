/** fast-check generators of what step.ts decides on: `when` conditions, flag sets and branch lists. */
import fc from "fast-check";
import type { BranchRule, Comparison, Condition } from "../../scenarios/types";

/** The flags the generated conditions and flag sets draw from. */
export const FLAGS = ["a", "b", "c"] as const;

const comparison: fc.Arbitrary<Comparison> = fc.record({
  op: fc.constantFrom<Comparison["op"]>("<", "<=", ">", ">=", "=="),
  // Values at and just past the ends too: "< 0" and "> 100" hold nowhere.
  value: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 1, 99, 100)),
});

const flagList = fc.subarray([...FLAGS], { minLength: 1 });

/** Any `when` a scenario can hold: each key present or not. */
export const arbitraryWhen: fc.Arbitrary<Condition> = fc.record(
  { rapport: comparison, mutuality: comparison, flags: flagList, unset: flagList },
  { requiredKeys: [] },
);

/** A set of the flags, in some order. */
export const arbitraryFlags: fc.Arbitrary<string[]> = fc.shuffledSubarray([...FLAGS]);

/** A valid branch list: one to four entries, each but the last with a `when`. */
export const arbitraryBranch: fc.Arbitrary<BranchRule[]> = fc
  .array(arbitraryWhen, { minLength: 0, maxLength: 3 })
  .map((whens) => [...whens.map((when, i) => ({ when, next: `to-${i}` })), { next: `to-${whens.length}` }]);

/** A meter value. */
export const arbitraryMeter = fc.integer({ min: 0, max: 100 });
