import { describe, expect, it } from "vitest";
import { band, debriefOf, kindMix, reflectionMetrics, strongestAlternative } from "../../../machines/debrief";
import { replay } from "../../../machines/replay";
import type { ResponseKindId } from "../../../scenarios/kinds";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

/** A scenario of one turn per kind given, each offering that kind only. */
function chain(kinds: { kind: ResponseKindId; reflection?: "simple" | "complex" }[]) {
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

  it("has no ratio without questions and no share without tagged reflections", () => {
    const m = reflectionMetrics(chain([{ kind: "listening-to" }, { kind: "validating" }]).turns);
    expect(m).toMatchObject({ reflections: 1, questions: 0, ratio: null, ratioBand: null, percentComplex: null });
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
});
