import { describe, expect, it } from "vitest";
import { band, debriefOf, kindMix, reflectionMetrics, strongestAlternative } from "../../../machines/debrief";
import { strongestOf } from "../../../scenarios/strongest";
import { replay } from "../../../machines/replay";
import type { ResponseKindId } from "../../../scenarios/kinds";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

/** A scenario of one turn per kind given, each offering that kind only. */
function chain(kinds: { kind: ResponseKindId; reflection?: "simple" | "complex"; question?: "open" | "closed" }[]) {
  const nodes: Record<string, ReturnType<typeof fakeTurn> | ReturnType<typeof fakeEnding>> = {};
  kinds.forEach((k, i) => {
    nodes[`n${i}`] = fakeTurn([fakeChoice({ id: "c", ...k, next: i === kinds.length - 1 ? "end" : `n${i + 1}` })]);
  });
  nodes.end = fakeEnding("mixed");
  const scenario = fakeScenario({ start: "n0", nodes });
  return replay(scenario, kinds.map(() => "c"));
}

describe("reflection metrics", () => {
  it("counts reflections against open and closed questions, and the share of complex ones", () => {
    const r = chain([
      { kind: "listening-to", reflection: "complex" },
      { kind: "listening-to", reflection: "simple" },
      { kind: "listening-to", reflection: "complex" },
      { kind: "open-question" },
      { kind: "closed-question" },
      { kind: "validating" },
    ]);
    expect(reflectionMetrics(r.turns)).toEqual({
      reflections: 3,
      simple: 1,
      complex: 2,
      questions: 2,
      ratio: 1.5,
      ratioBand: "fair",
      percentComplex: 67,
      percentComplexBand: "good",
    });
  });

  it("rates reflections with no questions good, and has nothing to rate with neither", () => {
    // 2 reflections, 0 questions: no ratio to print, but the most reflective session there is.
    const m = reflectionMetrics(chain([{ kind: "listening-to", reflection: "complex" }, { kind: "validating" }, { kind: "listening-to" }]).turns);
    expect(m).toEqual({
      reflections: 2,
      simple: 1,
      complex: 1,
      questions: 0,
      ratio: null,
      ratioBand: "good",
      percentComplex: 50,
      percentComplexBand: "good",
    });
    const none = reflectionMetrics(chain([{ kind: "validating" }, { kind: "doing-with" }]).turns);
    expect(none).toMatchObject({ reflections: 0, questions: 0, ratio: null, ratioBand: null, percentComplex: null, percentComplexBand: null });
  });

  it("counts the same reflections in both measures: an untagged reflection is simple", () => {
    // 3 reflections (1 complex, 1 simple, 1 untagged = simple), 1 question: ratio 3 : 1, complex 1 of 3 = 33%.
    const m = reflectionMetrics(
      chain([{ kind: "listening-to", reflection: "complex" }, { kind: "listening-to", reflection: "simple" }, { kind: "listening-to" }, { kind: "open-question" }]).turns,
    );
    expect(m).toEqual({
      reflections: 3,
      simple: 2,
      complex: 1,
      questions: 1,
      ratio: 3,
      ratioBand: "good",
      percentComplex: 33,
      percentComplexBand: "below fair",
    });
    expect(m.simple + m.complex).toBe(m.reflections);
  });

  it("counts questions by what a choice asks: a reflection followed by a question counts as both", () => {
    // listening-to + question: open → 1 reflection and 1 question; doing-with + question: closed → 1 question;
    // validating (no question) → none; open-question → 1 question. 1 reflection : 3 questions = 0.33, below fair.
    const m = reflectionMetrics(
      chain([
        { kind: "listening-to", reflection: "complex", question: "open" },
        { kind: "doing-with", question: "closed" },
        { kind: "validating" },
        { kind: "open-question" },
      ]).turns,
    );
    expect(m).toMatchObject({ reflections: 1, complex: 1, questions: 3, ratioBand: "below fair", percentComplex: 100 });
    expect(m.ratio).toBeCloseTo(1 / 3);
  });

  it("bands values against MITI's fair and good thresholds", () => {
    const t = { fair: 1, good: 2 };
    expect([band(0.9, t), band(1, t), band(1.9, t), band(2, t)]).toEqual(["below fair", "fair", "fair", "good"]);
  });
});

describe("debrief", () => {
  it("mixes kinds in the table's order and counts helpful and harmful ones", () => {
    const r = chain([{ kind: "judging" }, { kind: "listening-to" }, { kind: "judging" }, { kind: "closed-question" }]);
    expect(kindMix(r.turns)).toEqual([
      { kind: "listening-to", count: 1 },
      { kind: "closed-question", count: 1 },
      { kind: "judging", count: 2 },
    ]);
    const d = debriefOf(r);
    expect([d.helpful, d.harmful]).toEqual([1, 2]);
  });

  it("charts the meters from the start through every turn", () => {
    const d = debriefOf(replay(fakeScenario(), ["good", "bad"]));
    expect(d.series).toEqual([
      { turn: 0, rapport: 50, mutuality: 50 },
      { turn: 1, rapport: 60, mutuality: 55 },
      { turn: 2, rapport: 50, mutuality: 45 },
    ]);
  });

  it("names the strongest alternative on offer, or none when the choice was the strongest", () => {
    const scenario = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "weak", kind: "closed-question", next: "end" }),
          fakeChoice({ id: "strong", kind: "doing-with", next: "end" }),
          fakeChoice({ id: "hidden", kind: "collaborating", rapport: 50, when: { flags: ["x"] }, next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    expect(strongestAlternative(replay(scenario, ["weak"]).turns[0]!)?.id).toBe("strong");
    expect(strongestAlternative(replay(scenario, ["strong"]).turns[0]!)).toBeNull();
  });

  it("ranks ties by the kind order, a complex reflection first, whatever the file order", () => {
    // All four gain 15 (the helpful kinds' default); the file order puts the complex reflection last.
    const tied = [
      fakeChoice({ id: "validate", kind: "validating", next: "end" }),
      fakeChoice({ id: "simple", kind: "listening-to", reflection: "simple", next: "end" }),
      fakeChoice({ id: "together", kind: "doing-with", next: "end" }),
      fakeChoice({ id: "complex", kind: "listening-to", reflection: "complex", next: "end" }),
    ];
    expect(tied.map((c) => c.rapport + c.mutuality)).toEqual([15, 15, 15, 15]);
    expect(strongestOf(tied)?.id).toBe("complex");
    expect(strongestOf(tied.slice(0, 3))?.id).toBe("simple");
    expect(strongestOf([tied[2]!, tied[0]!])?.id).toBe("validate");
    // A larger gain beats the kind order.
    expect(strongestOf([...tied, fakeChoice({ id: "big", kind: "sharing-with", rapport: 10, next: "end" })])?.id).toBe("big");
  });

  it("takes the choice marked best over any gain, and shows it to a trainee who chose another", () => {
    const scenario = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "complex", kind: "listening-to", reflection: "complex", next: "end" }),
          fakeChoice({ id: "ask", kind: "closed-question", rapport: 5, mutuality: 5, best: true, next: "end" }),
          fakeChoice({ id: "fix", kind: "advising", next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    expect(strongestAlternative(replay(scenario, ["complex"]).turns[0]!)?.id).toBe("ask");
    expect(strongestAlternative(replay(scenario, ["ask"]).turns[0]!)).toBeNull();
    // Chosen a tie that the kind order ranks lower: the stronger one is still shown.
    const tie = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "simple", kind: "listening-to", reflection: "simple", next: "end" }),
          fakeChoice({ id: "complex", kind: "listening-to", reflection: "complex", next: "end" }),
          fakeChoice({ id: "fix", kind: "advising", next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    expect(strongestAlternative(replay(tie, ["simple"]).turns[0]!)?.id).toBe("complex");
  });
});
