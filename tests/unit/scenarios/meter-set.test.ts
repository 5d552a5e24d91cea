import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clampMeter } from "../../../scenarios/condition";
import { bounds, count, filter, FULL, has, isEmpty, preShift, shift, singleton, emptySet, or } from "../../../scenarios/meter-set";

const pair = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));
const delta = fc.integer({ min: -100, max: 100 });

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
        const expected = new Set(pairs.map(([r, m]) => `${clampMeter(r + dr)},${clampMeter(m + dm)}`));
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
        expect(has(pre, pr, pm)).toBe(clampMeter(pr + dr) === r && clampMeter(pm + dm) === m);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it("filters by comparisons on either meter", () => {
    const s = filter(FULL, { op: "<", value: 30 }, { op: ">=", value: 95 });
    expect(count(s)).toBe(30 * 6);
    expect(bounds(s)).toEqual({ rapport: [0, 29], mutuality: [95, 100] });
    expect(isEmpty(filter(FULL, { op: ">", value: 100 }, undefined))).toBe(true);
    expect(count(filter(FULL, { op: "==", value: 0 }, { op: "==", value: 100 }))).toBe(1);
  });
});
