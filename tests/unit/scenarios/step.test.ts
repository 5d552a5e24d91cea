import { describe, expect, it } from "vitest";
import {
  applyChoice,
  branchTaken,
  compare,
  comparisonRange,
  conditionHolds,
  describeWhen,
  flagsTested,
  meterRegion,
} from "../../../scenarios/step";
import type { BranchRule, Comparison, Condition } from "../../../scenarios/types";

const at = (rapport: number, mutuality: number, flags: string[] = []) => ({ rapport, mutuality, flags });

describe("a comparison", () => {
  it.each<[Comparison["op"], number, [number, number] | null]>([
    ["<", 30, [0, 29]],
    ["<=", 30, [0, 30]],
    [">", 30, [31, 100]],
    [">=", 30, [30, 100]],
    ["==", 30, [30, 30]],
    ["<", 0, null],
    [">", 100, null],
    ["<=", 100, [0, 100]],
    [">=", 0, [0, 100]],
  ])("%s %i holds for the meter values %j", (op, value, range) => {
    expect(comparisonRange({ op, value })).toEqual(range);
  });

  it("holds at a value exactly when the value is in its range", () => {
    expect(compare(29, { op: "<", value: 30 })).toBe(true);
    expect(compare(30, { op: "<", value: 30 })).toBe(false);
    expect(compare(30, { op: "==", value: 30 })).toBe(true);
    expect(compare(0, { op: "<", value: 0 })).toBe(false);
  });
});

describe("a when", () => {
  it("always holds when absent or empty", () => {
    expect(conditionHolds(undefined, at(0, 0))).toBe(true);
    expect(conditionHolds({}, at(100, 100, ["x"]))).toBe(true);
    expect(meterRegion(undefined)).toEqual({ rapport: [0, 100], mutuality: [0, 100] });
  });

  it("holds when every key holds: both meters, all flags set, no unset flag set", () => {
    const w: Condition = { rapport: { op: ">=", value: 40 }, mutuality: { op: "<", value: 60 }, flags: ["a", "b"], unset: ["c"] };
    expect(conditionHolds(w, at(40, 59, ["b", "a"]))).toBe(true);
    expect(conditionHolds(w, at(39, 59, ["a", "b"]))).toBe(false);
    expect(conditionHolds(w, at(40, 60, ["a", "b"]))).toBe(false);
    expect(conditionHolds(w, at(40, 59, ["a"]))).toBe(false);
    expect(conditionHolds(w, at(40, 59, ["a", "b", "c"]))).toBe(false);
    expect(meterRegion(w)).toEqual({ rapport: [40, 100], mutuality: [0, 59] });
  });

  it("has no meter region when a comparison holds nowhere", () => {
    expect(meterRegion({ rapport: { op: ">", value: 100 } })).toBeNull();
    expect(conditionHolds({ rapport: { op: ">", value: 100 } }, at(100, 100))).toBe(false);
  });

  it("names the flags it tests with where they are written, and reads as words", () => {
    const when: Condition = { rapport: { op: "<", value: 30 }, flags: ["a"], unset: ["b", "c"] };
    expect(flagsTested(when)).toEqual([
      { flag: "a", key: "flags", index: 0 },
      { flag: "b", key: "unset", index: 0 },
      { flag: "c", key: "unset", index: 1 },
    ]);
    expect(describeWhen(when)).toBe("rapport < 30 and flags a and unset b, c");
  });
});

describe("a choice", () => {
  it("adds its deltas to the meters, clamped to 0..100", () => {
    expect(applyChoice(at(50, 50), { rapport: 10, mutuality: -5, set: [] })).toEqual(at(60, 45));
    expect(applyChoice(at(95, 3), { rapport: 10, mutuality: -5, set: [] })).toEqual(at(100, 0));
  });

  it("sets its flags once each, in the order first set", () => {
    expect(applyChoice(at(50, 50, ["y", "x"]), { rapport: 0, mutuality: 0, set: ["z", "x", "w"] }).flags).toEqual(["y", "x", "z", "w"]);
  });

  it("leaves the state it was given as it was", () => {
    const before = at(50, 50, ["x"]);
    applyChoice(before, { rapport: 10, mutuality: 10, set: ["y"] });
    expect(before).toEqual(at(50, 50, ["x"]));
  });
});

describe("a branch node", () => {
  const branch: BranchRule[] = [
    { when: { rapport: { op: "<", value: 30 } }, next: "low" },
    { when: { flags: ["f"] }, next: "flagged" },
    { next: "rest" },
  ];

  it("takes the first entry whose when holds, and the fallback when none does", () => {
    expect(branchTaken(branch, at(20, 50, ["f"]))).toBe(0);
    expect(branchTaken(branch, at(60, 50, ["f"]))).toBe(1);
    expect(branchTaken(branch, at(60, 50))).toBe(2);
  });

  it("takes none when no entry holds, which only a list without a fallback allows", () => {
    expect(branchTaken(branch.slice(0, 2), at(60, 50))).toBe(-1);
  });
});
