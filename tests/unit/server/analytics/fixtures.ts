/**
 * Two versions of one small scenario and six sessions on them, for the analytics tests. The
 * figures the tests expect are worked out by hand from the plays listed here (every meter starts
 * at 50/50 and each choice moves it by its kind's default deltas).
 *
 * v1:  one ─reflect (listening-to, complex; 60/55 after it from the start)→ check
 *          ─judge (judging −10/−5, feedback)→ two
 *          ─ask (closed-question 0/0)→ two
 *      check (branch): rapport ≥ 60 → deep, else → two
 *      deep ─open (open-question +5/+5)→ well
 *      two ─reflect (listening-to, simple +10/+5)→ well
 *          ─advise (advising −5/−10)→ badly
 *          ─loop (closed-question 0/0)→ one
 * v2:  as v1 without check, deep and two/loop; one/reflect leads to two; two has reassure (reassuring −5/−5)→ badly.
 *
 * Sessions (user, version, status, mode: choices with the time taken in ms):
 *   S1 u1 v1 completed practice:   one/reflect 1000 → check → deep/open 3000 → well (connected)
 *   S2 u2 v1 completed practice:   one/judge 2000 (note) → two/advise 5000 → badly (disengaged)
 *   S3 u1 v1 abandoned assessment: one/ask 4000 → two/loop 1000 → stopped at one
 *   S4 u3 v1 active practice:      one/judge 6000 → at two
 *   S5 u2 v2 completed practice:   one/reflect 3000 → two/reassure 2000 → badly (disengaged)
 *   S6 —  v2 completed assessment: one/judge 8000 (note) → two/reflect 4000 → well (connected); its owner was erased
 */
import type { Mode, SessionStatus } from "../../../../contracts/enums";
import { compileScenario } from "../../../../machines/compile-scenario";
import type { Outcome, Scenario } from "../../../../scenarios/types";
import type { AnalyticsSession } from "../../../../server/analytics/aggregate";
import { summarizeSession, type AnalyticsChoice } from "../../../../server/analytics/summary";
import { fakeBranch, fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../../fakes";

export const V1: Scenario = fakeScenario({
  id: "pit",
  title: "Pit, first version",
  start: "one",
  nodes: {
    one: fakeTurn(
      [
        fakeChoice({ id: "reflect", kind: "listening-to", reflection: "complex", say: "You're not sure this is for you.", next: "check" }),
        fakeChoice({ id: "judge", kind: "judging", say: "=You should want to be here.", feedback: "That sounds like a verdict.", next: "two" }),
        fakeChoice({ id: "ask", kind: "closed-question", say: "Did someone send you?", next: "two" }),
      ],
      ["I don't know why I'm here."],
    ),
    check: fakeBranch([{ when: { rapport: { op: ">=", value: 60 } }, next: "deep" }, { next: "two" }]),
    deep: fakeTurn([fakeChoice({ id: "open", kind: "open-question", next: "well" })], ["It's been a hard week."]),
    two: fakeTurn(
      [
        fakeChoice({ id: "reflect", kind: "listening-to", reflection: "simple", next: "well" }),
        fakeChoice({ id: "advise", kind: "advising", say: "Have you tried exercise?", feedback: "Advice came before understanding.", next: "badly" }),
        fakeChoice({ id: "loop", kind: "closed-question", next: "one" }),
      ],
      ["Whatever."],
    ),
    well: fakeEnding("connected"),
    badly: fakeEnding("disengaged"),
  },
});

export const V2: Scenario = {
  ...V1,
  title: "Pit, second version",
  nodes: {
    one: fakeTurn(
      [
        fakeChoice({ id: "reflect", kind: "listening-to", reflection: "complex", say: "You're not sure this is for you.", next: "two" }),
        fakeChoice({ id: "judge", kind: "judging", say: "=You should want to be here.", feedback: "That sounds like a verdict.", next: "two" }),
        fakeChoice({ id: "ask", kind: "closed-question", say: "Did someone send you?", next: "two" }),
      ],
      ["I don't know why I'm here."],
    ),
    two: fakeTurn(
      [
        fakeChoice({ id: "reflect", kind: "listening-to", reflection: "simple", next: "well" }),
        fakeChoice({ id: "advise", kind: "advising", say: "Have you tried exercise?", feedback: "Advice came before understanding.", next: "badly" }),
        fakeChoice({ id: "reassure", kind: "reassuring", say: "It'll be fine.", next: "badly" }),
      ],
      ["Whatever."],
    ),
    well: fakeEnding("connected"),
    badly: fakeEnding("disengaged"),
  },
};

/** Stand-ins for the two versions' hashes (the pure functions only compare them). */
export const H1 = "1".repeat(64);
export const H2 = "2".repeat(64);

export interface Play {
  id: string;
  userId: string | null;
  version: 1 | 2;
  status: SessionStatus;
  mode: Mode;
  /** Choice id, time taken, and an optional note. */
  choices: [string, number, string?][];
  startedAt: string;
}

export const PLAYS: Play[] = [
  { id: "S1", userId: "u1", version: 1, status: "completed", mode: "practice", choices: [["reflect", 1000], ["open", 3000]], startedAt: "2026-03-01T10:00:00.000Z" },
  { id: "S2", userId: "u2", version: 1, status: "completed", mode: "practice", choices: [["judge", 2000, "She was dodging the question."], ["advise", 5000]], startedAt: "2026-03-02T10:00:00.000Z" },
  { id: "S3", userId: "u1", version: 1, status: "abandoned", mode: "assessment", choices: [["ask", 4000], ["loop", 1000]], startedAt: "2026-03-03T10:00:00.000Z" },
  { id: "S4", userId: "u3", version: 1, status: "active", mode: "practice", choices: [["judge", 6000]], startedAt: "2026-03-04T10:00:00.000Z" },
  { id: "S5", userId: "u2", version: 2, status: "completed", mode: "practice", choices: [["reflect", 3000], ["reassure", 2000]], startedAt: "2026-04-01T10:00:00.000Z" },
  { id: "S6", userId: null, version: 2, status: "completed", mode: "assessment", choices: [["judge", 8000, "=HYPERLINK(\"x\") honest, I thought"], ["reflect", 4000]], startedAt: "2026-04-02T10:00:00.000Z" },
];

const machines = { 1: compileScenario(V1), 2: compileScenario(V2) };

/** The stored choices of a play, as the loader hands them to the summary (the n-th choice stored a minute after the start, n minutes in). */
export function storedChoices(p: Play): AnalyticsChoice[] {
  return p.choices.map(([choiceId, ms, note], i) => ({
    seq: i + 1,
    choiceId,
    timeTakenMs: ms,
    createdAt: new Date(Date.parse(p.startedAt) + (i + 1) * 60_000).toISOString(),
    note: note ?? null,
  }));
}

/** A play as the aggregation takes it: replayed on its version and summarized. */
export function analyticsSession(p: Play): AnalyticsSession {
  const scenario = p.version === 1 ? V1 : V2;
  const outcome: Outcome | null = p.status === "completed" ? (p.id === "S1" || p.id === "S6" ? "connected" : "disengaged") : null;
  return {
    id: p.id,
    userId: p.userId,
    participant: p.userId === null ? "Erased account" : `Trainee ${p.userId}`,
    mode: p.mode,
    status: p.status,
    startedAt: p.startedAt,
    hash: p.version === 1 ? H1 : H2,
    summary: summarizeSession({ status: p.status, outcome }, storedChoices(p), scenario, machines[p.version]),
  };
}
