/** Typed factories for test scenarios in normalized form. */
import { RESPONSE_KINDS, type ResponseKindId } from "../scenarios/kinds";
import type { Choice, Condition, EndingNode, Outcome, Scenario, ScenarioNode, TurnNode } from "../scenarios/types";

export function fakeChoice(overrides: Partial<Choice> & { id: string; next: string }): Choice {
  const kind: ResponseKindId = overrides.kind ?? "listening-to";
  return {
    say: `Choice ${overrides.id}`,
    kind,
    rapport: RESPONSE_KINDS[kind].rapport,
    mutuality: RESPONSE_KINDS[kind].mutuality,
    set: [],
    ...overrides,
  };
}

export function fakeTurn(choices: Choice[], say = ["A line."]): TurnNode {
  return { type: "turn", say, choices };
}

export function fakeEnding(outcome: Outcome, say: string[] = []): EndingNode {
  return { type: "ending", say, outcome };
}

export function fakeBranch(rules: { when?: Condition; next: string }[]): ScenarioNode {
  return { type: "branch", branch: rules };
}

/** A two-turn scenario ending well or badly; override any part. */
export function fakeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    format: 1,
    id: "fake",
    title: "A fake scenario",
    summary: "For tests.",
    skills: [],
    language: "en",
    roles: { trainee: "Peer specialist", counterpart: { name: "Sam" } },
    meters: { rapport: 50, mutuality: 50 },
    start: "one",
    nodes: {
      one: fakeTurn([
        fakeChoice({ id: "good", kind: "listening-to", next: "two" }),
        fakeChoice({ id: "bad", kind: "judging", next: "two" }),
      ]),
      two: fakeTurn([
        fakeChoice({ id: "good", kind: "validating", next: "well" }),
        fakeChoice({ id: "bad", kind: "dominating", next: "badly" }),
      ]),
      well: fakeEnding("connected", ["Thanks."]),
      badly: fakeEnding("disengaged"),
    },
    ...overrides,
  };
}
