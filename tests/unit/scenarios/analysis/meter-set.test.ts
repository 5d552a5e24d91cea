import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bounds, count, filter, FULL, has, isEmpty, preShift, shift, singleton, emptySet, or } from "../../../../scenarios/analysis/meter-set";
import { applyChoice, METER_VALUES } from "../../../../scenarios/step";

const pair = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));
const delta = fc.integer({ min: -100, max: 100 });

/** Where step.ts says a choice with these deltas takes these meters. */
const after = (rapport: number, mutuality: number, dr: number, dm: number) =>
  applyChoice({ rapport, mutuality, flags: [] }, { rapport: dr, mutuality: dm, set: [] });

describe("meter sets", () => {
  it("holds every pair of 0..100 squared when full", () => {
    expect(count(FULL)).toBe(101 * 101);
    expect(bounds(FULL)).toEqual({ rapport: [0, 100], mutuality: [0, 100] });
  });

  it("shifts pairs by the deltas, clamping to 0..100, exactly as a choice does", () => {
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 20 }), delta, delta, (pairs, dr, dm) => {
        let s = emptySet();
        for (const [r, m] of pairs) s = or(s, singleton(r, m));
        const moved = shift(s, dr, dm);
        const expected = new Set(pairs.map(([r, m]) => after(r, m, dr, dm)).map((a) => `${a.rapport},${a.mutuality}`));
        expect(count(moved)).toBe(expected.size);
        for (const key of expected) {
          const [r, m] = key.split(",").map(Number);
          expect(has(moved, r!, m!)).toBe(true);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("finds the pairs a shift takes into a set (pre-image)", () => {
    fc.assert(
      fc.property(pair, delta, delta, pair, ([r, m], dr, dm, [pr, pm]) => {
        const target = singleton(r, m);
        const pre = preShift(target, dr, dm);
        const a = after(pr, pm, dr, dm);
        expect(has(pre, pr, pm)).toBe(a.rapport === r && a.mutuality === m);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it("filters by a range of values on either meter", () => {
    const s = filter(FULL, [0, 29], [95, 100]);
    expect(count(s)).toBe(30 * 6);
    expect(bounds(s)).toEqual({ rapport: [0, 29], mutuality: [95, 100] });
    expect(count(filter(FULL, [0, 0], [100, 100]))).toBe(1);
    expect(count(filter(FULL, METER_VALUES, METER_VALUES))).toBe(101 * 101);
    expect(isEmpty(filter(singleton(50, 50), [51, 100], METER_VALUES))).toBe(true);
  });
});
