import { describe, expect, it } from "vitest";
import { durationText, figure, percentOf, percentText, shareText } from "../../../../components/charts/format";
import { bandPath, distinctLabels, labelledIndexes, linearScale, linePath, niceTicks, runsOf } from "../../../../components/charts/scale";

describe("linearScale", () => {
  it("maps the ends of the domain to the ends of the range, and values between in proportion", () => {
    const y = linearScale([0, 100], [150, 10]);
    expect(y(0)).toBe(150);
    expect(y(100)).toBe(10);
    expect(y(50)).toBe(80);
    expect(y(25)).toBe(115);
  });

  it("puts every value of a one-value domain in the middle of the range", () => {
    const x = linearScale([3, 3], [20, 320]);
    expect(x(3)).toBe(170);
    expect(x(7)).toBe(170);
  });
});

describe("niceTicks", () => {
  it("gives round steps of 1, 2 or 5 times a power of ten", () => {
    expect(niceTicks(0, 100, 4)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 2.5, 4)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(0, 7, 4)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it("gives the one value of an empty range, and nothing for a range that is not a number", () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
  });
});

describe("labelledIndexes", () => {
  it("labels every point when they are far enough apart", () => {
    expect(labelledIndexes(5, 300, 22)).toEqual([0, 1, 2, 3, 4]);
  });

  it("labels every k-th point and always the last, dropping a k-th one that would crowd it", () => {
    // 21 points on 300 units: 15 apart, so every second one; 20 is a k-th one anyway.
    expect(labelledIndexes(21, 300, 22)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    // 12 points on 110 units: 10 apart, every third (0, 3, 6, 9); 9 sits 20 from 11, too close, so 11 replaces it.
    expect(labelledIndexes(12, 110, 22)).toEqual([0, 3, 6, 11]);
  });

  it("labels the one point of a single-point axis, and none of an empty one", () => {
    expect(labelledIndexes(1, 300, 22)).toEqual([0]);
    expect(labelledIndexes(0, 300, 22)).toEqual([]);
  });
});

describe("distinctLabels", () => {
  it("names a run of sessions on one day once, at its first", () => {
    expect(distinctLabels([0, 2, 4, 6], ["3 Mar", "3 Mar", "3 Mar", "3 Mar", "9 Mar", "9 Mar", "9 Mar"])).toEqual([0, 4]);
    expect(distinctLabels([0, 1, 2], ["a", "b", "a"])).toEqual([0, 1, 2]);
  });
});

describe("paths", () => {
  it("draws a line through the points in order", () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 5.555, y: 20 }, { x: 10, y: 0 }])).toBe("M0,10 L5.56,20 L10,0");
    expect(linePath([])).toBe("");
  });

  it("draws a band along the upper line and back along the lower one, closed", () => {
    const upper = [{ x: 0, y: 10 }, { x: 10, y: 20 }];
    const lower = [{ x: 0, y: 30 }, { x: 10, y: 40 }];
    expect(bandPath(upper, lower)).toBe("M0,10 L10,20 L10,40 L0,30 Z");
    expect(bandPath(upper, lower.slice(1))).toBe("");
  });

  it("breaks a series into runs at its missing values", () => {
    expect(runsOf([1, 2, null, 4, null, null, 7, 8])).toEqual([
      { start: 0, values: [1, 2] },
      { start: 3, values: [4] },
      { start: 6, values: [7, 8] },
    ]);
    expect(runsOf([null, null])).toEqual([]);
  });
});

describe("figures in words", () => {
  it("says a share with the counts it comes from", () => {
    expect(shareText(2, 4)).toBe("2 of 4, 50%");
    expect(shareText(1, 3)).toBe("1 of 3, 33%");
    expect(shareText(0, 0)).toBe("0 of 0");
    expect(percentOf(2, 3)).toBe(67);
    expect(percentText(0, 0)).toBe("none");
  });

  it("says a missing figure in words, and durations as people say them", () => {
    expect(figure(null)).toBe("none");
    expect(figure(1.234, 1)).toBe("1.2");
    expect(durationText(850)).toBe("850 ms");
    expect(durationText(12_400)).toBe("12 s");
    expect(durationText(125_000)).toBe("2 min 5 s");
    expect(durationText(120_000)).toBe("2 min");
  });
});
