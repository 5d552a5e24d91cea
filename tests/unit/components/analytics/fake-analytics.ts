/**
 * A scenario's analytics as the server answers them, for the page's components: fakeScenario's
 * two turns played in four sessions by four trainees, worked out by hand.
 *
 *   one: good (listening-to) in 2 sessions, bad (judging, harmful) in 2   → two
 *   two: good (validating) in 3, bad (dominating, harmful) in 1            → well (3) / badly (1)
 */
import type { ScenarioAnalytics } from "../../../../contracts/analytics-answers";
import { MITI_THRESHOLDS } from "../../../../machines/debrief";
import { fakeScenario } from "../../../fakes";

export const HASH = "ab".repeat(32);

export function fakeAnalytics(overrides: Partial<ScenarioAnalytics> = {}): ScenarioAnalytics {
  const scenario = fakeScenario({
    nodes: {
      ...fakeScenario().nodes,
    },
  });
  const two = scenario.nodes.two;
  if (two?.type === "turn") two.choices[1] = { ...two.choices[1]!, feedback: "Taking over the conversation leaves them out of it." };
  return {
    scenarioId: "fake",
    title: "A fake scenario",
    filters: { cohort: { id: "c1", name: "Spring" }, mode: "practice", from: null, to: null, version: null },
    cohorts: [
      { id: "c1", name: "Spring" },
      { id: "c2", name: "Autumn" },
    ],
    versions: [{ hash: HASH, title: "A fake scenario", publishedAt: null, createdAt: "2031-03-01T10:00:00.000Z", current: true, sessions: 4, included: true }],
    coverage: { drawn: HASH, drawnBecause: "current", included: [HASH], acrossVersions: false, nodesNotDrawn: [], choicesNotDrawn: [] },
    scenario,
    counts: { sessions: 4, completed: 4, abandoned: 0, active: 0, trainees: 4, damaged: 0 },
    nodes: [
      { nodeId: "one", type: "turn", visits: 4, sessions: 4, trainees: 4, inDrawn: true },
      { nodeId: "two", type: "turn", visits: 4, sessions: 4, trainees: 4, inDrawn: true },
      { nodeId: "well", type: "ending", visits: 3, sessions: 3, trainees: 3, inDrawn: true },
      { nodeId: "badly", type: "ending", visits: 1, sessions: 1, trainees: 1, inDrawn: true },
    ],
    choices: [
      { nodeId: "one", choiceId: "good", text: "Choice good", kind: "listening-to", effect: "helpful", picks: 2, sessions: 2, reached: 4, share: 0.5, trainees: 2, traineeShare: 0.5, inDrawn: true },
      { nodeId: "one", choiceId: "bad", text: "Choice bad", kind: "judging", effect: "harmful", picks: 2, sessions: 2, reached: 4, share: 0.5, trainees: 2, traineeShare: 0.5, inDrawn: true },
      { nodeId: "two", choiceId: "good", text: "Choice good", kind: "validating", effect: "helpful", picks: 3, sessions: 3, reached: 4, share: 0.75, trainees: 3, traineeShare: 0.75, inDrawn: true },
      { nodeId: "two", choiceId: "bad", text: "Choice bad", kind: "dominating", effect: "harmful", picks: 1, sessions: 1, reached: 4, share: 0.25, trainees: 1, traineeShare: 0.25, inDrawn: true },
    ],
    pitfalls: [
      { nodeId: "one", turnLines: ["A line."], choiceId: "bad", choiceText: "Choice bad", kind: "judging", picks: 2, sessions: 2, share: 0.5, feedback: null, notes: [], notesTotal: 0 },
      {
        nodeId: "two",
        turnLines: ["A line."],
        choiceId: "bad",
        choiceText: "Choice bad",
        kind: "dominating",
        picks: 1,
        sessions: 1,
        share: 0.25,
        feedback: "Taking over the conversation leaves them out of it.",
        notes: [{ sessionId: "11111111-1111-4111-8111-111111111111", participant: "Kit Lee", turn: 2, text: "I wanted to move things on.", at: "2031-03-02T10:00:00.000Z" }],
        notesTotal: 3,
      },
    ],
    outcomes: [
      { outcome: "connected", count: 3, share: 0.75 },
      { outcome: "mixed", count: 0, share: 0 },
      { outcome: "disengaged", count: 1, share: 0.25 },
    ],
    meters: [
      { turn: 0, n: 4, rapport: { median: 50, p25: 50, p75: 50 }, mutuality: { median: 50, p25: 50, p75: 50 } },
      { turn: 1, n: 4, rapport: { median: 50, p25: 42.5, p75: 60 }, mutuality: { median: 50, p25: 46.25, p75: 55 } },
      { turn: 2, n: 4, rapport: { median: 55, p25: 47.5, p75: 65 }, mutuality: { median: 52.5, p25: 45, p75: 60 } },
    ],
    kinds: [
      { kind: "listening-to", effect: "helpful", count: 2, share: 0.25 },
      { kind: "validating", effect: "helpful", count: 3, share: 0.375 },
      { kind: "dominating", effect: "harmful", count: 1, share: 0.125 },
      { kind: "judging", effect: "harmful", count: 2, share: 0.25 },
    ],
    reflections: {
      reflections: 2,
      simple: 0,
      complex: 0,
      questions: 0,
      ratio: null,
      ratioBand: null,
      percentComplex: null,
      percentComplexBand: null,
      thresholds: MITI_THRESHOLDS,
      sessionsRatioFair: 0,
      sessionsWithRatio: 0,
      sessionsComplexFair: 0,
      sessionsWithComplex: 0,
    },
    times: [
      { nodeId: "one", n: 4, medianMs: 4000, p25Ms: 2500, p75Ms: 61_000 },
      { nodeId: "two", n: 4, medianMs: 850, p25Ms: 500, p75Ms: 1200 },
    ],
    abandonment: [],
    computedAt: "2031-03-05T10:00:00.000Z",
    ...overrides,
  };
}
