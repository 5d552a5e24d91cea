import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { compileScenario } from "../../../machines/compile-scenario";
import { replay, replayAsFarAsPossible, ReplayError, transcriptOf } from "../../../machines/replay";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

describe("replay", () => {
  it("gives every turn's lines, choice, kind, deltas, meters and feedback, and the outcome", () => {
    const scenario = fakeScenario({
      meters: { rapport: 95, mutuality: 50 },
      nodes: {
        one: {
          type: "turn",
          say: ["Hello.", "(looks away)"],
          choices: [
            fakeChoice({ id: "reflect", kind: "listening-to", reflection: "simple", feedback: "You reflected.", next: "two" }),
            fakeChoice({ id: "fix", kind: "advising", next: "two" }),
          ],
        },
        two: fakeTurn([fakeChoice({ id: "ok", kind: "validating", next: "end" })], ["Right."]),
        end: fakeEnding("connected", ["Thanks."]),
      },
    });
    const r = replay(scenario, ["reflect", "ok"]);
    expect(r.done).toBe(true);
    expect(r.ending).toEqual({ id: "end", outcome: "connected", lines: ["Thanks."] });
    expect(r.meters).toEqual({ rapport: 100, mutuality: 60 });
    expect(r.turns).toHaveLength(2);
    expect(r.turns[0]).toMatchObject({
      index: 0,
      nodeId: "one",
      lines: ["Hello.", "(looks away)"],
      kind: "listening-to",
      deltas: { rapport: 10, mutuality: 5 },
      before: { rapport: 95, mutuality: 50 },
      after: { rapport: 100, mutuality: 55 },
      feedback: "You reflected.",
    });
    expect(r.turns[0]?.choice.id).toBe("reflect");
    expect(r.turns[0]?.offered.map((c) => c.id)).toEqual(["reflect", "fix"]);
    expect(r.turns[1]).toMatchObject({ nodeId: "two", lines: ["Right."], before: { rapport: 100, mutuality: 55 } });
    expect(r.turns[1]?.feedback).toBeUndefined();
  });

  it("stops partway with no ending when the choices run out", () => {
    const r = replay(fakeScenario(), ["good"]);
    expect(r.done).toBe(false);
    expect(r.ending).toBeUndefined();
    expect(r.turns).toHaveLength(1);
  });

  it("lists only the choices on offer at each turn", () => {
    const scenario = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "hidden", when: { flags: ["never"] }, next: "end" }),
          fakeChoice({ id: "shown", next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    expect(replay(scenario, ["shown"]).turns[0]?.offered.map((c) => c.id)).toEqual(["shown"]);
  });

  it("lists at each turn what was on offer then, with the flags and meters of that moment", () => {
    const scenario = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "open", kind: "closed-question", set: ["opened"], next: "two" }),
          fakeChoice({ id: "plain", kind: "closed-question", next: "two" }),
        ]),
        two: fakeTurn([
          fakeChoice({ id: "deeper", when: { flags: ["opened"] }, next: "end" }),
          fakeChoice({ id: "rich", when: { rapport: { op: ">", value: 50 } }, next: "end" }),
          fakeChoice({ id: "always", next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    const offered = (r: { turns: { offered: { id: string }[] }[] }) => r.turns.map((t) => t.offered.map((c) => c.id));
    expect(offered(replay(scenario, ["open", "deeper"]))).toEqual([["open", "plain"], ["deeper", "always"]]);
    expect(offered(replay(scenario, ["plain", "always"]))).toEqual([["open", "plain"], ["always"]]);
    // A transcript from a live session's snapshot, and one that stops at a choice not on offer, say the same.
    const actor = createActor(compileScenario(scenario)).start();
    actor.send({ type: "choice.select", choiceId: "open" });
    actor.send({ type: "choice.select", choiceId: "deeper" });
    expect(offered(transcriptOf(scenario, actor.getSnapshot()))).toEqual([["open", "plain"], ["deeper", "always"]]);
    const partial = replayAsFarAsPossible(scenario, ["plain", "deeper"]);
    expect(offered(partial.replay)).toEqual([["open", "plain"]]);
    expect(partial.error).toMatchObject({ index: 1, nodeId: "two", choiceId: "deeper" });
  });

  it("names the node and the choice when a choice is not on offer", () => {
    const scenario = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "hidden", when: { rapport: { op: ">", value: 90 } }, next: "end" }),
          fakeChoice({ id: "shown", next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    expect(() => replay(scenario, ["hidden"])).toThrow(
      '[machines] node "one": choice "hidden" is not on offer (choice 1 of the session)',
    );
    expect(() => replay(scenario, ["nope"])).toThrow(ReplayError);
    try {
      replay(fakeScenario(), ["good", "missing"]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReplayError);
      expect(e).toMatchObject({ index: 1, nodeId: "two", choiceId: "missing" });
    }
  });

  it("refuses a choice after the session has ended", () => {
    expect(() => replay(fakeScenario(), ["good", "good", "good"])).toThrow(
      '[machines] choice 3 "good": the session already ended at "well"',
    );
  });
});
