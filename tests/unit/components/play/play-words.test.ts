import { describe, expect, it } from "vitest";
import { meterEdgesNote } from "../../../../components/play/meter-chart";
import { initialsOf, PORTRAIT_COLOURS, portraitColour } from "../../../../components/play/portrait";
import { plural, progressMeaning, progressText } from "../../../../components/play/words";

/** WCAG's contrast ratio of two sRGB colours given as #rrggbb. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("counting words", () => {
  it("never says 1 turns", () => {
    expect(plural(1, "turn")).toBe("1 turn");
    expect(plural(0, "turn")).toBe("0 turns");
    expect(plural(3, "turn")).toBe("3 turns");
    expect(plural(2, "person", "people")).toBe("2 people");
  });

  it("says how far the conversation can go, when the longest play is known and not passed", () => {
    expect(progressText(3, 11)).toBe("Turn 3 of up to 11");
    expect(progressText(11, 11)).toBe("Turn 11 of up to 11");
    expect(progressText(12, 11)).toBe("Turn 12");
    expect(progressText(3, "unbounded")).toBe("Turn 3");
    expect(progressText(3, undefined)).toBe("Turn 3");
    expect(progressMeaning(1)).toBe("The longest way through this conversation takes 1 turn; many end sooner, depending on your responses.");
    expect(progressMeaning("unbounded")).toBeNull();
  });
});

describe("the counterpart's portrait", () => {
  it("takes up to two initials", () => {
    expect(initialsOf("Marisol")).toBe("M");
    expect(initialsOf("Dana Reyes")).toBe("DR");
    expect(initialsOf("  mary ann o'neil ")).toBe("MO");
    expect(initialsOf("Inés")).toBe("I");
    expect(initialsOf("")).toBe("?");
  });

  it("gives a name the same colour every time, and the names of the library different ones", () => {
    expect(portraitColour("Marisol")).toBe(portraitColour("Marisol"));
    expect(portraitColour("Marisol")).toBe(portraitColour(" marisol "));
    const names = ["Renee", "Kevin", "Marisol", "Amina", "Dana", "Tom", "Shannon", "Luis", "Curtis", "Tasha", "Jordan", "Eli"];
    expect(new Set(names.map((n) => portraitColour(n).hex)).size).toBeGreaterThanOrEqual(7);
  });

  it("paints white initials at a contrast of 4.5 : 1 or more", () => {
    for (const c of PORTRAIT_COLOURS) expect(contrast(c.hex, "#ffffff"), c.className).toBeGreaterThanOrEqual(4.5);
  });
});

describe("the meter chart's word on the edges", () => {
  it("says where a meter reached 100 or 0, and that the meters stop there", () => {
    expect(meterEdgesNote([{ turn: 0, rapport: 50, mutuality: 50 }, { turn: 1, rapport: 60, mutuality: 55 }])).toBeNull();
    expect(
      meterEdgesNote([
        { turn: 0, rapport: 90, mutuality: 5 },
        { turn: 1, rapport: 100, mutuality: 0 },
        { turn: 2, rapport: 100, mutuality: 0 },
      ]),
    ).toBe(
      "Rapport reached 100 at turn 1; mutuality reached 0 at turn 1. The meters stop at 0 and 100, so a line running flat along an edge is a meter that could go no further there.",
    );
  });
});
