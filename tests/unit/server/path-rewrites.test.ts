import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WELL_FORMED_SEGMENT } from "../../../server/path-rewrites.mjs";

const wellFormed = new RegExp(`^${WELL_FORMED_SEGMENT}$`);
const decodes = (s: string) => {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

const hex = fc.constantFrom(..."0123456789abcdefABCDEF");
/** Segments made of plain characters, stray `%`s and escapes, most of them in the UTF-8 multi-byte range. */
const segment = fc
  .array(
    fc.oneof(
      fc.constantFrom("a", "-", "~", ".", "%", "%2"),
      fc.tuple(fc.constantFrom(..."0123456789ABCDEFabcdef"), hex).map(([a, b]) => `%${a}${b}`),
      fc.tuple(fc.constantFrom(..."89ABCDEFabcdef"), hex).map(([a, b]) => `%${a}${b}`),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(""));

describe("WELL_FORMED_SEGMENT", () => {
  it("matches exactly the path segments decodeURIComponent accepts", () => {
    fc.assert(
      fc.property(segment, (s) => {
        expect(wellFormed.test(s), s).toBe(decodes(s));
      }),
      { seed: 20_260_302, numRuns: 20_000 },
    );
  });

  it("accepts every character written as UTF-8 escapes, and refuses overlong forms and surrogates", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 4 }), (s) => {
        const escaped = encodeURIComponent(s).replaceAll("/", "%2F");
        expect(wellFormed.test(escaped), escaped).toBe(true);
      }),
      { seed: 20_260_303, numRuns: 2000 },
    );
    for (const bad of ["%C0%80", "%C1%BF", "%E0%80%80", "%ED%A0%80", "%F4%90%80%80", "%F5%80%80%80", "%80", "%E2%82", "%ZZ", "%"]) {
      expect(wellFormed.test(bad), bad).toBe(false);
    }
  });
});
