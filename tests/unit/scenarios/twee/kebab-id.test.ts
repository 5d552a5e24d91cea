import { describe, expect, it } from "vitest";
import { kebabId, uniqueId } from "../../../../scenarios/twee/kebab-id";

describe("kebabId", () => {
  it("lowercases, drops accents and joins words with single hyphens", () => {
    expect(kebabId("  Café — Ça va?  ", "passage")).toBe("cafe-ca-va");
  });

  it("keeps at most 64 characters and never ends on a hyphen", () => {
    const id = kebabId(`${"a".repeat(63)} b`, "passage");
    expect(id).toBe("a".repeat(63));
  });

  it("falls back when no letter or digit is left", () => {
    expect(kebabId("?!", "passage")).toBe("passage");
  });
});

describe("uniqueId", () => {
  it("numbers an id already taken from 2 on, within 64 characters", () => {
    const used = new Set<string>();
    expect(["hall", "hall", "hall"].map((id) => uniqueId(id, used))).toEqual(["hall", "hall-2", "hall-3"]);
    const long = "x".repeat(64);
    expect(uniqueId(long, used)).toBe(long);
    expect(uniqueId(long, used)).toBe(`${"x".repeat(62)}-2`);
  });
});
