/**
 * The analytics' figures on the fixture sessions (fixtures.ts), each worked out by hand from the
 * plays listed there; the comments say how.
 */
import { describe, expect, it } from "vitest";
import { reflectionMetrics } from "../../../../machines/debrief";
import { replay } from "../../../../machines/replay";
import { aggregateScenario, metricsFromCounts, quantile } from "../../../../server/analytics/aggregate";
import { summarizeSession } from "../../../../server/analytics/summary";
import { decodeSummary, encodeSummary } from "../../../../server/analytics/summary-cache";
import { compileScenario } from "../../../../machines/compile-scenario";
import { analyticsSession, H1, H2, PLAYS, storedChoices, V1, V2 } from "./fixtures";

const all = PLAYS.map(analyticsSession);
const byId = (id: string) => all.find((s) => s.id === id)!;
const acrossVersions = () => aggregateScenario(all, { drawn: { hash: H2, scenario: V2 }, versions: [{ hash: H2, scenario: V2 }, { hash: H1, scenario: V1 }] });
const v1Only = () =>
  aggregateScenario(
    all.filter((s) => s.hash === H1),
    { drawn: { hash: H1, scenario: V1 }, versions: [{ hash: H1, scenario: V1 }] },
  );

describe("quantile", () => {
  it("interpolates between the two nearest ranks", () => {
    // 1, 2, 3, 10: the median lies halfway between 2 and 3; p25 a quarter of the way from 1 to 2 (h = 3 × 0.25 = 0.75).
    expect(quantile([1, 2, 3, 10], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 10], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 10], 0.75)).toBe(4.75);
    expect(quantile([7], 0.5)).toBe(7);
  });
});

describe("summarizeSession", () => {
  it("follows the branch the machine takes, and stops where the session stands", () => {
    // S1: reflect takes rapport to 60, so the branch at check goes to deep.
    expect(byId("S1").summary.path).toEqual(["one", "check", "deep", "well"]);
    // S3 looped back to one and was abandoned there.
    expect(byId("S3").summary.path).toEqual(["one", "two", "one"]);
    expect(byId("S4").summary.path).toEqual(["one", "two"]);
    expect(byId("S1").summary.outcome).toBe("connected");
    expect(byId("S4").summary.outcome).toBeNull();
    expect(byId("S2").summary.turns.map((t) => [t.node, t.choice, t.kind, t.ms, t.rapport, t.mutuality])).toEqual([
      ["one", "judge", "judging", 2000, 40, 45],
      ["two", "advise", "advising", 5000, 35, 35],
    ]);
  });

  it("counts reflections and questions as the debrief does", () => {
    for (const p of PLAYS) {
      const scenario = p.version === 1 ? V1 : V2;
      const fromDebrief = reflectionMetrics(replay(scenario, p.choices.map(([c]) => c)).turns);
      expect(metricsFromCounts(analyticsSession(p).summary.reflections), p.id).toEqual(fromDebrief);
    }
  });

  it("is stored and read back unchanged, notes included, and a stored text of another shape is not used", () => {
    for (const s of all) expect(decodeSummary(encodeSummary(s.summary)), s.id).toEqual(s.summary);
    expect(byId("S2").summary.turns[0]).toMatchObject({ note: "She was dodging the question.", at: "2026-03-02T10:01:00.000Z" });
    for (const bad of ["", "null", "{}", '{"s":[50,50],"t":[["one"]],"p":[],"r":[0,0,0,0]}', "[1,2]"]) expect(decodeSummary(bad), bad).toBeUndefined();
  });

  it("keeps the choices that replay and says why the rest do not", () => {
    const s = summarizeSession(
      { status: "completed", outcome: "connected" },
      storedChoices({ ...PLAYS[0]!, choices: [["reflect", 1000], ["nope", 5]] }),
      V1,
      compileScenario(V1),
    );
    expect(s.turns.map((t) => t.choice)).toEqual(["reflect"]);
    expect(s.path).toEqual(["one", "check", "deep"]);
    expect(s.damage).toMatch(/Turn 2 of this session \(choice "nope" at "deep"\) was not on offer/);
  });
});

describe("aggregateScenario across two versions, drawn on the newer", () => {
  const a = acrossVersions();

  it("counts sessions by status and the distinct trainees (the erased owner's session counts for none)", () => {
    expect(a.counts).toEqual({ sessions: 6, completed: 4, abandoned: 1, active: 1, trainees: 3, damaged: 0 });
  });

  it("counts visits, sessions and trainees per node by id, the drawn version's nodes first", () => {
    expect(a.nodes.map((n) => [n.nodeId, n.type, n.visits, n.sessions, n.trainees, n.inDrawn])).toEqual([
      // one: every session once, S3 twice (it looped back) → 7 visits in 6 sessions; u1, u2, u3.
      ["one", "turn", 7, 6, 3, true],
      // two: S2, S3, S4, S5, S6; the trainees u2, u1, u3 (S6 has no owner).
      ["two", "turn", 5, 5, 3, true],
      // well: S1 (u1) and S6 (no owner); badly: S2 and S5 (both u2).
      ["well", "ending", 2, 2, 1, true],
      ["badly", "ending", 2, 2, 1, true],
      // Only v1 has check and deep; S1 alone passed them.
      ["check", "branch", 1, 1, 1, false],
      ["deep", "turn", 1, 1, 1, false],
    ]);
  });

  it("gives each choice its picks and its share of the sessions and trainees that reached its turn", () => {
    const rows = a.choices.map((c) => [`${c.nodeId}/${c.choiceId}`, c.kind, c.effect, c.picks, c.sessions, c.reached, c.share, c.trainees, c.traineeShare, c.inDrawn]);
    expect(rows).toEqual([
      // one was reached by 6 sessions of 3 trainees. reflect: S1 (u1), S5 (u2) → 2/6, 2/3.
      ["one/reflect", "listening-to", "helpful", 2, 2, 6, 2 / 6, 2, 2 / 3, true],
      // judge: S2 (u2), S4 (u3), S6 (no owner) → 3/6 of sessions, 2/3 of trainees.
      ["one/judge", "judging", "harmful", 3, 3, 6, 3 / 6, 2, 2 / 3, true],
      ["one/ask", "closed-question", "neutral", 1, 1, 6, 1 / 6, 1, 1 / 3, true],
      // two was reached by 5 sessions of 3 trainees. reflect: only S6, which has no owner.
      ["two/reflect", "listening-to", "helpful", 1, 1, 5, 1 / 5, 0, 0, true],
      ["two/advise", "advising", "harmful", 1, 1, 5, 1 / 5, 1, 1 / 3, true],
      ["two/reassure", "reassuring", "harmful", 1, 1, 5, 1 / 5, 1, 1 / 3, true],
      // Not in v2: deep/open (S1, the one session at deep) and two/loop (S3).
      ["deep/open", "open-question", "helpful", 1, 1, 1, 1, 1, 1, false],
      ["two/loop", "closed-question", "neutral", 1, 1, 5, 1 / 5, 1, 1 / 3, false],
    ]);
    expect(a.choices.find((c) => c.nodeId === "one" && c.choiceId === "judge")!.text).toBe("=You should want to be here.");
  });

  it("lists the harmful choices picked most often, with their turn, feedback and the trainees' notes newest first", () => {
    expect(a.pitfalls.map((p) => [`${p.nodeId}/${p.choiceId}`, p.picks, p.sessions, p.share, p.feedback])).toEqual([
      ["one/judge", 3, 3, 0.5, "That sounds like a verdict."],
      // A tie on picks and share: by choice id.
      ["two/advise", 1, 1, 0.2, "Advice came before understanding."],
      ["two/reassure", 1, 1, 0.2, null],
    ]);
    const judge = a.pitfalls[0]!;
    expect(judge.turnLines).toEqual(["I don't know why I'm here."]);
    expect(judge.choiceText).toBe("=You should want to be here.");
    expect(judge.notesTotal).toBe(2);
    // S6's note was stored a month after S2's.
    expect(judge.notes).toEqual([
      { sessionId: "S6", participant: "Erased account", turn: 1, text: "=HYPERLINK(\"x\") honest, I thought", at: "2026-04-02T10:01:00.000Z" },
      { sessionId: "S2", participant: "Trainee u2", turn: 1, text: "She was dodging the question.", at: "2026-03-02T10:01:00.000Z" },
    ]);
  });

  it("shares the outcomes among the sessions that reached an ending", () => {
    // connected: S1, S6; disengaged: S2, S5.
    expect(a.outcomes).toEqual([
      { outcome: "connected", count: 2, share: 0.5 },
      { outcome: "mixed", count: 0, share: 0 },
      { outcome: "disengaged", count: 2, share: 0.5 },
    ]);
  });

  it("gives the median and middle half of the meters after each turn", () => {
    expect(a.meters).toEqual([
      // At the start every session is at 50/50.
      { turn: 0, n: 6, rapport: { median: 50, p25: 50, p75: 50 }, mutuality: { median: 50, p25: 50, p75: 50 } },
      // After turn 1: rapport 40 40 40 50 60 60 (S2, S4, S6 judged; S3 asked; S1, S5 reflected), mutuality 45 45 45 50 55 55.
      // Median at rank 2.5: 45 and 47.5; p25 at 1.25: 40 and 45; p75 at 3.75: 50 + 0.75 × 10 = 57.5 and 50 + 0.75 × 5 = 53.75.
      { turn: 1, n: 6, rapport: { median: 45, p25: 40, p75: 57.5 }, mutuality: { median: 47.5, p25: 45, p75: 53.75 } },
      // After turn 2 (S4 has one turn): S1 65/60, S2 35/35, S3 50/50, S5 55/50, S6 50/50 → rapport 35 50 50 55 65, mutuality 35 50 50 50 60.
      { turn: 2, n: 5, rapport: { median: 50, p25: 50, p75: 55 }, mutuality: { median: 50, p25: 50, p75: 50 } },
    ]);
  });

  it("pools the kind mix and the reflection metrics, and counts the sessions at fair or better", () => {
    // 11 turns: listening-to ×3 (S1, S5, S6), open ×1 (S1), closed ×2 (S3), advising ×1 (S2), judging ×3 (S2, S4, S6), reassuring ×1 (S5).
    expect(a.kinds.map((k) => [k.kind, k.effect, k.count, k.share])).toEqual([
      ["listening-to", "helpful", 3, 3 / 11],
      ["open-question", "helpful", 1, 1 / 11],
      ["closed-question", "neutral", 2, 2 / 11],
      ["advising", "harmful", 1, 1 / 11],
      ["judging", "harmful", 3, 3 / 11],
      ["reassuring", "harmful", 1, 1 / 11],
    ]);
    // 3 reflections (S1 complex, S5 complex, S6 simple) to 3 questions → ratio 1 (fair); 2 of 3 complex → 67% (good).
    // Per session: a ratio band where there were reflections or questions (S1 1 : 1 → fair, S3 0 : 2 → below, S5 and S6
    // 1 : 0 → good, reflections with no question); % complex where there was a reflection (S1 100, S5 100 → good; S6 0 → below).
    expect(a.reflections).toEqual({
      reflections: 3,
      simple: 1,
      complex: 2,
      questions: 3,
      ratio: 1,
      ratioBand: "fair",
      percentComplex: 67,
      percentComplexBand: "good",
      thresholds: { reflectionToQuestion: { fair: 1, good: 2 }, percentComplex: { fair: 40, good: 50 } },
      sessionsRatioFair: 3,
      sessionsWithRatio: 4,
      sessionsComplexFair: 2,
      sessionsWithComplex: 3,
    });
  });

  it("gives the median time per turn node and where abandoned sessions stopped", () => {
    expect(a.times).toEqual([
      // one: 1000 2000 3000 4000 6000 8000 → median 3500, p25 at rank 1.25 = 2250, p75 at 3.75 = 5500.
      { nodeId: "one", n: 6, medianMs: 3500, p25Ms: 2250, p75Ms: 5500 },
      // two: 1000 2000 4000 5000 → median 3000, p25 at 0.75 = 1750, p75 at 2.25 = 4250.
      { nodeId: "two", n: 4, medianMs: 3000, p25Ms: 1750, p75Ms: 4250 },
      { nodeId: "deep", n: 1, medianMs: 3000, p25Ms: 3000, p75Ms: 3000 },
    ]);
    // S3, the only abandoned session, stopped at one, which 6 sessions reached.
    expect(a.abandonment).toEqual([{ nodeId: "one", count: 1, share: 1, ofReached: 1 / 6 }]);
  });

  it("says which versions are counted and what of them the drawn version lacks", () => {
    expect(a.coverage).toEqual({
      drawn: H2,
      included: [H2, H1],
      acrossVersions: true,
      nodesNotDrawn: [
        { nodeId: "check", versions: [H1] },
        { nodeId: "deep", versions: [H1] },
      ],
      choicesNotDrawn: [
        { nodeId: "deep", choiceId: "open", versions: [H1] },
        { nodeId: "two", choiceId: "loop", versions: [H1] },
      ],
    });
  });
});

describe("aggregateScenario on one version", () => {
  it("counts only that version's sessions, drawn on it", () => {
    const a = v1Only();
    // S1–S4: two completed, one abandoned, one active; u1, u2, u3.
    expect(a.counts).toEqual({ sessions: 4, completed: 2, abandoned: 1, active: 1, trainees: 3, damaged: 0 });
    expect(a.coverage).toMatchObject({ drawn: H1, included: [H1], acrossVersions: false, nodesNotDrawn: [], choicesNotDrawn: [] });
    // judge: S2 and S4 of the 4 sessions at one.
    expect(a.choices.find((c) => c.nodeId === "one" && c.choiceId === "judge")).toMatchObject({ picks: 2, reached: 4, share: 0.5 });
    // v1's nodes in its order, zeros included.
    expect(a.nodes.map((n) => [n.nodeId, n.sessions])).toEqual([
      ["one", 4],
      ["check", 1],
      ["deep", 1],
      ["two", 3],
      ["well", 1],
      ["badly", 1],
    ]);
    expect(a.outcomes.map((o) => o.count)).toEqual([1, 0, 1]);
  });

  it("answers zeros for no sessions", () => {
    const a = aggregateScenario([], { drawn: { hash: H2, scenario: V2 }, versions: [] });
    expect(a.counts).toEqual({ sessions: 0, completed: 0, abandoned: 0, active: 0, trainees: 0, damaged: 0 });
    expect(a.nodes.every((n) => n.visits === 0)).toBe(true);
    expect(a.choices.every((c) => c.share === 0)).toBe(true);
    expect(a.meters).toEqual([]);
    expect(a.pitfalls).toEqual([]);
    expect(a.reflections.ratio).toBeNull();
  });
});
