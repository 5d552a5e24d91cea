import { describe, expect, it } from "vitest";
import {
  band,
  debriefOf,
  endingsFound,
  endingTold,
  keyTurns,
  kindMix,
  practiceFrom,
  practiceSetup,
  reachableEndings,
  reflectionMetrics,
  sessionsToRead,
  strongestAlternative,
} from "../../../machines/debrief";
import { currentOf, playtestView } from "../../../machines/playtest";
import { strongestOf } from "../../../scenarios/strongest";
import { replay } from "../../../machines/replay";
import type { ResponseKindId } from "../../../scenarios/kinds";
import { fakeBranch, fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

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

/**
 * Five turns from rapport 50, mutuality 50, each with its choices' rapport + mutuality:
 *   t1: a listening-to +10/+5 (15) | b advising −10/−5 (−15)
 *   t2: c closed-question 0/0 (0)   | d validating +10/+5 (15)
 *   t3: e open-question +5/+5 (10)  | f listening-to (complex) +10/+10 (20)
 *   t4: g judging −5/−5 (−10)       | h doing-with +5/+10 (15)
 *   t5: i validating +5/0, the only choice
 */
const fiveTurns = fakeScenario({
  start: "t1",
  nodes: {
    t1: fakeTurn([
      fakeChoice({ id: "a", kind: "listening-to", rapport: 10, mutuality: 5, next: "t2" }),
      fakeChoice({ id: "b", kind: "advising", rapport: -10, mutuality: -5, next: "t2" }),
    ]),
    t2: fakeTurn([
      fakeChoice({ id: "c", kind: "closed-question", rapport: 0, mutuality: 0, next: "t3" }),
      fakeChoice({ id: "d", kind: "validating", rapport: 10, mutuality: 5, next: "t3" }),
    ]),
    t3: fakeTurn([
      fakeChoice({ id: "e", kind: "open-question", rapport: 5, mutuality: 5, next: "t4" }),
      fakeChoice({ id: "f", kind: "listening-to", reflection: "complex", rapport: 10, mutuality: 10, next: "t4" }),
    ]),
    t4: fakeTurn([
      fakeChoice({ id: "g", kind: "judging", rapport: -5, mutuality: -5, next: "t5" }),
      fakeChoice({ id: "h", kind: "doing-with", rapport: 5, mutuality: 10, next: "t5" }),
    ]),
    t5: fakeTurn([fakeChoice({ id: "i", kind: "validating", rapport: 5, mutuality: 0, next: "end" })]),
    end: fakeEnding("mixed"),
  },
});

describe("the turns that mattered most", () => {
  // Path a, c, e, g, i. Meters 50/50 → 60/55 → 60/55 → 65/60 → 60/55 → 65/55. Weights:
  //   t1: swing 15, strongest chosen → 15 (neither harmful nor missed)
  //   t2: swing 0, missed d: 15 − 0 = 15 → 15 (missed)
  //   t3: swing 10, missed f: 20 − 10 = 10 → 20 (missed)
  //   t4: swing 10, harmful, missed h: 15 − (−10) = 25 → 35 (harmful)
  //   t5: swing 5, no other choice → 5
  // Ranked: t4 (harmful), t3 (missed, 20), t2 (missed, 15), t1 (15), t5 (5).
  const played = replay(fiveTurns, ["a", "c", "e", "g", "i"]);

  it("puts harmful turns first, then missed strongest options, then the largest swings, and shows them in turn order", () => {
    const picked = keyTurns(played.turns);
    expect(picked.map((k) => k.turn.index + 1)).toEqual([2, 3, 4]);
    expect(picked.map((k) => k.weight)).toEqual([15, 20, 35]);
    expect(keyTurns(played.turns, 4).map((k) => k.turn.index + 1)).toEqual([1, 2, 3, 4]);
    expect(keyTurns(played.turns, 1).map((k) => k.turn.index + 1)).toEqual([4]);
  });

  it("says why each turn mattered: harmful, the strongest option it missed and by how much, and the meters' swing", () => {
    const [t2, t3, t4] = keyTurns(played.turns);
    expect(t2!.reasons).toEqual([{ type: "missed", choice: expect.objectContaining({ id: "d" }), gain: 15 }]);
    expect(t3!.reasons).toEqual([
      { type: "missed", choice: expect.objectContaining({ id: "f" }), gain: 10 },
      { type: "swing", rapport: 5, mutuality: 5 },
    ]);
    expect(t4).toMatchObject({ harmful: true, missed: { id: "h" } });
    expect(t4!.reasons).toEqual([
      { type: "harmful" },
      { type: "missed", choice: expect.objectContaining({ id: "h" }), gain: 25 },
      { type: "swing", rapport: -5, mutuality: -5 },
    ]);
  });

  it("counts the swing the meters made, not the choice's nominal deltas, at the top of the scale", () => {
    // From 95/98, a (+10/+5) takes the meters to 100/100: a swing of 5 + 2 = 7, not 15.
    const high = replay({ ...fiveTurns, meters: { rapport: 95, mutuality: 98 } }, ["a", "d", "f", "h", "i"]);
    const [first] = keyTurns(high.turns, 5);
    expect(first).toMatchObject({ weight: 7, harmful: false, missed: null });
    expect(first!.reasons).toEqual([{ type: "swing", rapport: 5, mutuality: 2 }]);
    // Every later turn chose the strongest option at 100/100 and moved nothing: none of them is picked.
    expect(keyTurns(high.turns, 5).map((k) => k.turn.index + 1)).toEqual([1]);
  });

  it("ranks a session of only the strongest options by swing, the earlier turn first on a tie", () => {
    // a (15), d (15), f (20), h (15), i (5): t3 first, then t1 and t2 (15, earlier than t4).
    const best = replay(fiveTurns, ["a", "d", "f", "h", "i"]);
    expect(keyTurns(best.turns).map((k) => k.turn.index + 1)).toEqual([1, 2, 3]);
    expect(keyTurns(best.turns).map((k) => k.weight)).toEqual([15, 15, 20]);
  });

  it("counts a missed option the author marked best even when it carries less", () => {
    const marked = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "big", kind: "listening-to", rapport: 10, mutuality: 10, next: "end" }),
          fakeChoice({ id: "ask", kind: "open-question", rapport: 5, mutuality: 0, best: true, next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    // Chose big (20): the marked best gives 5, a gain of −15, which adds nothing to the weight (swing 20).
    const [k] = keyTurns(replay(marked, ["big"]).turns);
    expect(k).toMatchObject({ weight: 20, missed: { id: "ask" } });
    expect(k!.reasons[0]).toEqual({ type: "missed", choice: expect.objectContaining({ id: "ask" }), gain: -15 });
  });
});

/**
 * A flag set at the first turn opens a choice at the second:
 *   open: share (sets shared, +5/+5) | skip (+0/+0) → ask
 *   ask: plain → check; secret (only with shared) → well
 *   check: rapport >= 60 → well; otherwise → badly
 */
const flagged = fakeScenario({
  start: "open",
  nodes: {
    open: fakeTurn([
      fakeChoice({ id: "share", kind: "sharing-with", rapport: 5, mutuality: 5, set: ["shared"], next: "ask" }),
      fakeChoice({ id: "skip", kind: "closed-question", rapport: 0, mutuality: 0, next: "ask" }),
    ]),
    ask: fakeTurn([
      fakeChoice({ id: "plain", kind: "validating", rapport: 5, mutuality: 0, next: "check" }),
      fakeChoice({ id: "secret", kind: "listening-to", rapport: 20, mutuality: 20, when: { flags: ["shared"] }, next: "well" }),
    ]),
    check: fakeBranch([{ when: { rapport: { op: ">=", value: 60 } }, next: "well" }, { next: "badly" }]),
    well: fakeEnding("connected"),
    badly: fakeEnding("disengaged"),
  },
});

describe("a practice replay from a turn of the transcript", () => {
  it("begins at that turn with the meters the trainee had there and the flags their earlier choices set", () => {
    const played = replay(flagged, ["share", "plain"]);
    expect(practiceSetup(flagged, played.turns, 0)).toEqual({ nodeId: "open", rapport: 50, mutuality: 50, flags: [] });
    expect(practiceSetup(flagged, played.turns, 1)).toEqual({ nodeId: "ask", rapport: 55, mutuality: 55, flags: ["shared"] });
    const r = practiceFrom(flagged, played.turns, 1);
    if (!r.ok) throw new Error("did not start");
    const view = playtestView(flagged, r.playtest);
    // The flag opens the choice the trainee did not take; no turn of the session is carried over.
    expect(view.offered.map((c) => c.id)).toEqual(["plain", "secret"]);
    expect(view).toMatchObject({ nodeId: "ask", meters: { rapport: 55, mutuality: 55 }, turns: [] });
  });

  it("without the flag, offers only what was on offer then", () => {
    const played = replay(flagged, ["skip", "plain"]);
    const r = practiceFrom(flagged, played.turns, 1);
    if (!r.ok) throw new Error("did not start");
    expect(playtestView(flagged, r.playtest).offered.map((c) => c.id)).toEqual(["plain"]);
  });

  it("plays a first choice at once, such as the strongest option, and goes on from there", () => {
    const played = replay(flagged, ["share", "plain"]);
    const r = practiceFrom(flagged, played.turns, 1, "secret");
    if (!r.ok) throw new Error("did not start");
    expect(currentOf(r.playtest)).toMatchObject({ value: "well", status: "done" });
    expect(playtestView(flagged, r.playtest).turns).toEqual([
      { nodeId: "ask", choiceId: "secret", before: { rapport: 55, mutuality: 55 }, after: { rapport: 75, mutuality: 75 } },
    ]);
    // A first choice not on offer there is refused with the reason.
    expect(practiceFrom(flagged, replay(flagged, ["skip", "plain"]).turns, 1, "secret")).toMatchObject({ ok: false });
  });

  it("is refused for a turn the session does not have", () => {
    expect(() => practiceSetup(flagged, replay(flagged, ["skip", "plain"]).turns, 2)).toThrow(/no turn 3/);
  });
});

describe("endings found", () => {
  it("counts the distinct reachable endings reached, in file order", () => {
    expect(endingsFound(["heard", "mixed", "gone", "left"], ["gone", "heard", "gone", "elsewhere"])).toEqual({ found: ["heard", "gone"], total: 4 });
    expect(endingsFound(["heard"], [])).toEqual({ found: [], total: 1 });
  });

  it("leaves out endings no play reaches", () => {
    // "never" needs rapport above 100, which no play has.
    const s = fakeScenario({
      nodes: {
        one: fakeTurn([fakeChoice({ id: "ok", kind: "validating", next: "check" })]),
        check: fakeBranch([{ when: { rapport: { op: ">", value: 100 } }, next: "never" }, { next: "well" }]),
        never: fakeEnding("connected"),
        well: fakeEnding("mixed"),
      },
    });
    expect(reachableEndings(s)).toEqual(["well"]);
    // A scenario too large to tell counts every ending.
    expect(reachableEndings(s, 1)).toEqual(["never", "well"]);
  });

  // fakeScenario's endings: well (connected), badly (disengaged); with a second disengaged ending, gone.
  const two = fakeScenario();
  const three = fakeScenario({ nodes: { ...two.nodes, gone: fakeEnding("disengaged") } });

  it("tells a past session's ending from its outcome only on this version, when one ending has that outcome", () => {
    expect(endingTold(two, "v1", { id: "s", version: "v1", outcome: "connected" })).toBe("well");
    expect(endingTold(two, "v1", { id: "s", version: "v1", outcome: "disengaged" })).toBe("badly");
    expect(endingTold(two, "v1", { id: "s", version: "v0", outcome: "connected" })).toBeNull();
    expect(endingTold(three, "v1", { id: "s", version: "v1", outcome: "disengaged" })).toBeNull();
    expect(endingTold(two, "v1", { id: "s", version: "v1", outcome: null })).toBeNull();
  });

  it("reads only the sessions whose ending is still unknown and could be new", () => {
    const sessions = [
      { id: "a", version: "v1", outcome: "connected" as const }, // told: well
      { id: "b", version: "v1", outcome: "disengaged" as const }, // badly or gone: read
      { id: "c", version: "v0", outcome: "connected" as const }, // another version: read, unless well is known
      { id: "d", version: "v1", outcome: null }, // no ending
    ];
    expect(sessionsToRead(three, "v1", new Set(), sessions).map((s) => s.id)).toEqual(["b", "c"]);
    expect(sessionsToRead(three, "v1", new Set(["well"]), sessions).map((s) => s.id)).toEqual(["b"]);
    expect(sessionsToRead(three, "v1", new Set(["well", "badly", "gone"]), sessions)).toEqual([]);
  });
});
