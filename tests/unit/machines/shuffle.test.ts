import { describe, expect, it } from "vitest";
import { shuffled } from "../../../machines/shuffle";

describe("shuffled", () => {
  const items = ["a", "b", "c", "d"];
  it("keeps every item and is stable for a seed and salt", () => {
    const once = shuffled(items, 42, "node");
    expect([...once].sort()).toEqual(items);
    expect(shuffled(items, 42, "node")).toEqual(once);
  });

  it("varies the order across seeds", () => {
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => shuffled(items, seed, "node").join("")));
    expect(orders.size).toBeGreaterThan(10);
  });
});
