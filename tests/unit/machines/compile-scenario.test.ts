import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createActor, initialTransition, transition } from "xstate";
import { compileScenario } from "../../../machines/compile-scenario";
import { applyChoice, branchTaken, conditionHolds } from "../../../scenarios/step";
import type { Comparison, Condition, Scenario } from "../../../scenarios/types";
import { fakeBranch, fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";
import { arbitraryBranch, arbitraryFlags, arbitraryMeter, arbitraryWhen } from "../../oracles/arbitrary-when";

const select = (choiceId: string) => ({ type: "choice.select", choiceId }) as const;

/** Plays choice ids through a real actor and returns its final snapshot. */
function play(scenario: Scenario, choices: string[]) {
  const actor = createActor(compileScenario(scenario)).start();
  for (const c of choices) actor.send(select(c));
  return actor.getSnapshot();
}

/** A scenario whose first turn offers "gated" only while `when` holds, starting at the given meters. */
function gated(when: Condition, meters = { rapport: 50, mutuality: 50 }, firstSets: string[] = []) {
  return fakeScenario({
    meters,
    start: "setup",
    nodes: {
      setup: fakeTurn([fakeChoice({ id: "go", kind: "closed-question", set: firstSets, next: "ask" })]),
      ask: fakeTurn([
        fakeChoice({ id: "gated", when, next: "yes" }),
        fakeChoice({ id: "always", next: "no" }),
      ]),
      yes: fakeEnding("connected"),
      no: fakeEnding("mixed"),
    },
  });
}

function offersGated(scenario: Scenario): boolean {
  const machine = compileScenario(scenario);
  const [s0] = initialTransition(machine);
  const [s1] = transition(machine, s0, select("go"));
  return s1.can(select("gated"));
}

describe("compileScenario", () => {
  it("has one state per node and starts at the start node", () => {
    const scenario = fakeScenario();
    const machine = compileScenario(scenario);
    expect(Object.keys(machine.states).sort()).toEqual(Object.keys(scenario.nodes).sort());
    const [s] = initialTransition(machine);
    expect(s.value).toBe("one");
    expect(s.context).toEqual({ rapport: 50, mutuality: 50, flags: [], turns: [] });
  });

  it("applies a choice's deltas and records the turn", () => {
    const s = play(fakeScenario(), ["good"]);
    expect(s.value).toBe("two");
    expect(s.context.rapport).toBe(60);
    expect(s.context.mutuality).toBe(55);
    expect(s.context.turns).toEqual([
      { nodeId: "one", choiceId: "good", before: { rapport: 50, mutuality: 50 }, after: { rapport: 60, mutuality: 55 } },
    ]);
  });

  it("ignores a choice id the node does not have", () => {
    const s = play(fakeScenario(), ["nope"]);
    expect(s.value).toBe("one");
    expect(s.context.turns).toEqual([]);
  });

  it("ends in a final state whose output names the ending, its outcome and the meters", () => {
    const s = play(fakeScenario(), ["good", "good"]);
    expect(s.status).toBe("done");
    expect(s.output).toEqual({ endingId: "well", outcome: "connected", meters: { rapport: 70, mutuality: 60 } });
    const bad = play(fakeScenario(), ["bad", "bad"]);
    expect(bad.output).toEqual({ endingId: "badly", outcome: "disengaged", meters: { rapport: 30, mutuality: 35 } });
  });

  it("clamps meters to 0..100 after each choice", () => {
    const scenario = fakeScenario({ meters: { rapport: 95, mutuality: 3 } });
    const s = play(scenario, ["good"]); // +10 / +5
    expect(s.context.rapport).toBe(100);
    const low = play(fakeScenario({ meters: { rapport: 5, mutuality: 3 } }), ["bad"]); // -10 / -5
    expect(low.context).toMatchObject({ rapport: 0, mutuality: 0 });
    expect(low.context.turns[0]?.after).toEqual({ rapport: 0, mutuality: 0 });
  });

  const cases: [Comparison["op"], number, number, boolean][] = [
    ["<", 50, 50, false],
    ["<", 51, 50, true],
    ["<=", 50, 50, true],
    ["<=", 49, 50, false],
    [">", 50, 50, false],
    [">", 49, 50, true],
    [">=", 50, 50, true],
    [">=", 51, 50, false],
    ["==", 50, 50, true],
    ["==", 51, 50, false],
  ];
  it.each(cases)("offers a choice guarded by rapport %s %i when rapport is %i: %s", (op, value, rapport, offered) => {
    // The first turn is a closed question: it leaves the meters where they started.
    expect(offersGated(gated({ rapport: { op, value } }, { rapport, mutuality: 50 }))).toBe(offered);
  });

  it.each(cases)("offers a choice guarded by mutuality %s %i when mutuality is %i: %s", (op, value, mutuality, offered) => {
    expect(offersGated(gated({ mutuality: { op, value } }, { rapport: 50, mutuality }))).toBe(offered);
  });

  it("offers a choice guarded by flags only when all are set, and by unset only when none is", () => {
    expect(offersGated(gated({ flags: ["a", "b"] }, undefined, ["a", "b"]))).toBe(true);
    expect(offersGated(gated({ flags: ["a", "b"] }, undefined, ["a"]))).toBe(false);
    expect(offersGated(gated({ unset: ["a"] }, undefined, []))).toBe(true);
    expect(offersGated(gated({ unset: ["a", "b"] }, undefined, ["b"]))).toBe(false);
  });

  it("needs every key of a when to hold", () => {
    const when: Condition = { rapport: { op: ">=", value: 50 }, flags: ["a"] };
    expect(offersGated(gated(when, undefined, ["a"]))).toBe(true);
    expect(offersGated(gated(when, { rapport: 49, mutuality: 50 }, ["a"]))).toBe(false);
    expect(offersGated(gated(when, undefined, []))).toBe(false);
  });

  it("refuses a hidden choice: the state and meters do not move", () => {
    const scenario = gated({ rapport: { op: ">", value: 90 } });
    const s = play(scenario, ["go", "gated"]);
    expect(s.value).toBe("ask");
    expect(s.context.turns).toHaveLength(1);
  });

  it("sets flags once each, in the order first set", () => {
    const scenario = fakeScenario({
      nodes: {
        one: fakeTurn([fakeChoice({ id: "a", set: ["x", "y"], next: "two" })]),
        two: fakeTurn([fakeChoice({ id: "b", set: ["y", "z"], next: "end" })]),
        end: fakeEnding("mixed"),
      },
    });
    expect(play(scenario, ["a", "b"]).context.flags).toEqual(["x", "y", "z"]);
  });

  it("takes the first branch whose when holds, and the fallback when none does", () => {
    const scenario = (rapport: number, flags: string[] = []) =>
      fakeScenario({
        meters: { rapport, mutuality: 50 },
        nodes: {
          one: fakeTurn([fakeChoice({ id: "go", kind: "closed-question", set: flags, next: "fork" })]),
          fork: fakeBranch([
            { when: { rapport: { op: "<", value: 30 } }, next: "low" },
            { when: { flags: ["f"] }, next: "flagged" },
            { next: "rest" },
          ]),
          low: fakeEnding("disengaged"),
          flagged: fakeEnding("mixed"),
          rest: fakeEnding("connected"),
        },
      });
    expect(play(scenario(20, ["f"]), ["go"]).value).toBe("low");
    expect(play(scenario(60, ["f"]), ["go"]).value).toBe("flagged");
    expect(play(scenario(60), ["go"]).value).toBe("rest");
  });

  it("passes through a branch at the start before the first turn", () => {
    const scenario = fakeScenario({
      start: "fork",
      meters: { rapport: 10, mutuality: 50 },
      nodes: {
        fork: fakeBranch([{ when: { rapport: { op: "<", value: 30 } }, next: "cold" }, { next: "warm" }]),
        cold: fakeTurn([fakeChoice({ id: "a", next: "end" })]),
        warm: fakeTurn([fakeChoice({ id: "a", next: "end" })]),
        end: fakeEnding("mixed"),
      },
    });
    const [s] = initialTransition(compileScenario(scenario));
    expect(s.value).toBe("cold");
  });

  it("offers a guarded choice exactly where step.ts's conditionHolds says, for any when, meters and flags", () => {
    fc.assert(
      fc.property(arbitraryWhen, arbitraryMeter, arbitraryMeter, arbitraryFlags, (when, rapport, mutuality, flags) => {
        expect(offersGated(gated(when, { rapport, mutuality }, flags))).toBe(conditionHolds(when, { rapport, mutuality, flags }));
      }),
      { seed: 31337, numRuns: 300 },
    );
  });

  it("changes the meters and flags as step.ts's applyChoice does", () => {
    const delta = fc.integer({ min: -100, max: 100 });
    fc.assert(
      fc.property(arbitraryMeter, arbitraryMeter, arbitraryFlags, delta, delta, arbitraryFlags, (rapport, mutuality, first, dr, dm, set) => {
        const scenario = fakeScenario({
          meters: { rapport, mutuality },
          nodes: {
            one: fakeTurn([fakeChoice({ id: "a", set: first, rapport: 0, mutuality: 0, next: "two" })]),
            two: fakeTurn([fakeChoice({ id: "b", set, rapport: dr, mutuality: dm, next: "end" })]),
            end: fakeEnding("mixed"),
          },
        });
        const { context } = play(scenario, ["a", "b"]);
        const expected = applyChoice({ rapport, mutuality, flags: first }, { rapport: dr, mutuality: dm, set });
        expect({ rapport: context.rapport, mutuality: context.mutuality, flags: context.flags }).toEqual(expected);
      }),
      { seed: 4711, numRuns: 200 },
    );
  });

  it("takes the branch entry step.ts's branchTaken picks, for any entries, meters and flags", () => {
    fc.assert(
      fc.property(arbitraryBranch, arbitraryMeter, arbitraryMeter, arbitraryFlags, (branch, rapport, mutuality, flags) => {
        const scenario = fakeScenario({
          meters: { rapport, mutuality },
          nodes: {
            one: fakeTurn([fakeChoice({ id: "go", kind: "closed-question", set: flags, next: "fork" })]),
            fork: fakeBranch(branch),
            ...Object.fromEntries(branch.map((b) => [b.next, fakeEnding("mixed")])),
          },
        });
        expect(play(scenario, ["go"]).value).toBe(branch[branchTaken(branch, { rapport, mutuality, flags })]?.next);
      }),
      { seed: 8086, numRuns: 300 },
    );
  });

  it("contains no invoke and no delayed transitions", () => {
    const machine = compileScenario(fakeScenario());
    for (const node of Object.values(machine.states)) {
      expect(node.invoke).toEqual([]);
      expect(node.after).toEqual([]);
    }
  });
});
