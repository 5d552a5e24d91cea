import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { conversationStart } from "../../../machines/conversation-state";
import {
  checkSetup,
  currentOf,
  playtestAt,
  playtestChoices,
  playtestChoose,
  playtestFromStart,
  playtestReplay,
  playtestRestart,
  playtestTakeBack,
  playtestView,
  scenarioFlags,
  startSetup,
  type Playtest,
  type PlaytestSetup,
} from "../../../machines/playtest";
import { replay } from "../../../machines/replay";
import { checkScenario } from "../../../scenarios/check-scenario";
import { scenarioStats } from "../../../scenarios/stats";
import type { Scenario } from "../../../scenarios/types";
import { fakeBranch, fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

/**
 * One turn, a branch on rapport and on a flag, and a guarded choice:
 *   ask: "open" (sets shared) → check; "warm" (only when rapport >= 60) → well; "cold" → badly
 *   check: rapport >= 60 → well; flag shared → ask; otherwise → badly
 */
const branching = fakeScenario({
  start: "ask",
  nodes: {
    ask: fakeTurn(
      [
        fakeChoice({ id: "open", kind: "listening-to", set: ["shared"], next: "check" }),
        fakeChoice({ id: "warm", kind: "validating", when: { rapport: { op: ">=", value: 60 } }, next: "well" }),
        fakeChoice({ id: "cold", kind: "judging", next: "badly" }),
      ],
      ["How are you?"],
    ),
    check: fakeBranch([
      { when: { rapport: { op: ">=", value: 60 } }, next: "well" },
      { when: { flags: ["shared"], unset: ["warned"] }, next: "ask" },
      { next: "badly" },
    ]),
    well: { type: "ending", say: ["Thanks."], outcome: "connected", debrief: "You listened." },
    badly: fakeEnding("disengaged"),
  },
});

const setup = (overrides: Partial<PlaytestSetup>): PlaytestSetup => ({ ...startSetup(branching), ...overrides });

function started(scenario: Scenario, s: PlaytestSetup): Playtest {
  const r = playtestAt(scenario, s);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.playtest;
}

function chosen(scenario: Scenario, playtest: Playtest, ...choiceIds: string[]): Playtest {
  for (const id of choiceIds) {
    const r = playtestChoose(scenario, playtest, id);
    if (!r.ok) throw new Error(r.message);
    playtest = r.playtest;
  }
  return playtest;
}

function library(file: string): Scenario {
  const r = checkScenario(readFileSync(path.join(process.cwd(), "scenarios/library", file), "utf8"), file);
  if (!r.scenario || r.errors) throw new Error(`${file} does not check clean`);
  return r.scenario;
}

describe("the playtest's start", () => {
  it("from the scenario's start is the play page's start", () => {
    const p = playtestFromStart(branching);
    expect(p.states).toEqual([conversationStart(branching)]);
    expect(currentOf(p)).toEqual({ value: "ask", context: { rapport: 50, mutuality: 50, flags: [], turns: [] }, status: "active" });
  });

  it("at a turn has exactly the meters and flags the author set, in the order the scenario names them", () => {
    const p = started(branching, { nodeId: "ask", rapport: 72, mutuality: 3, flags: ["warned", "shared"] });
    expect(currentOf(p)).toEqual({ value: "ask", context: { rapport: 72, mutuality: 3, flags: ["shared", "warned"], turns: [] }, status: "active" });
    // The guarded choice is on offer at these meters, as the machine decides.
    expect(playtestView(branching, p).offered.map((c) => c.id)).toEqual(["open", "warm", "cold"]);
  });

  it("at a branch takes the entry the machine takes for those meters and flags", () => {
    expect(currentOf(started(branching, setup({ nodeId: "check", rapport: 60 })))).toMatchObject({ value: "well", status: "done" });
    expect(currentOf(started(branching, setup({ nodeId: "check", rapport: 59, flags: ["shared"] })))).toEqual({
      value: "ask",
      context: { rapport: 59, mutuality: 50, flags: ["shared"], turns: [] },
      status: "active",
    });
    expect(currentOf(started(branching, setup({ nodeId: "check", rapport: 59, flags: ["shared", "warned"] })))).toMatchObject({ value: "badly", status: "done" });
    expect(currentOf(started(branching, setup({ nodeId: "check", rapport: 10 })))).toMatchObject({ value: "badly", status: "done" });
  });

  it("at an ending shows that ending, done, with its outcome and debrief", () => {
    const p = started(branching, setup({ nodeId: "well", rapport: 20, mutuality: 90 }));
    expect(currentOf(p)).toEqual({ value: "well", context: { rapport: 20, mutuality: 90, flags: [], turns: [] }, status: "done" });
    expect(playtestView(branching, p)).toMatchObject({
      nodeId: "well",
      nodeType: "ending",
      status: "done",
      ending: { id: "well", outcome: "connected", debrief: "You listened." },
      meters: { rapport: 20, mutuality: 90 },
      offered: [],
      hidden: [],
      canTakeBack: false,
    });
  });

  it("is refused for a node that does not exist, meters out of bounds or not whole, and flags the scenario never uses", () => {
    expect(playtestAt(branching, setup({ nodeId: "nowhere" }))).toEqual({
      ok: false,
      problems: [{ field: "nodeId", message: 'there is no node "nowhere" in this scenario' }],
    });
    expect(checkSetup(branching, setup({ rapport: 101, mutuality: -1 }))).toEqual([
      { field: "rapport", message: "Rapport must be a whole number from 0 to 100" },
      { field: "mutuality", message: "Mutuality must be a whole number from 0 to 100" },
    ]);
    expect(checkSetup(branching, setup({ rapport: 4.5, mutuality: Number.NaN })).map((p) => p.field)).toEqual(["rapport", "mutuality"]);
    expect(checkSetup(branching, setup({ flags: ["shared", "made-up"] }))).toEqual([
      { field: "flags", message: '"made-up" is not a flag this scenario sets or tests' },
    ]);
    // Inherited object keys are no nodes either.
    expect(checkSetup(branching, setup({ nodeId: "constructor" })).map((p) => p.field)).toEqual(["nodeId"]);
    expect(checkSetup(branching, setup({ nodeId: "check", rapport: 0, mutuality: 100 }))).toEqual([]);
  });

  it("is refused where the branches would go round in a circle, which the machine would follow for ever", () => {
    const circling = fakeScenario({
      nodes: {
        ...fakeScenario().nodes,
        a: fakeBranch([{ when: { rapport: { op: "==", value: 7 } }, next: "b" }, { next: "well" }]),
        b: fakeBranch([{ next: "a" }]),
      },
    });
    expect(playtestAt(circling, { nodeId: "a", rapport: 7, mutuality: 50, flags: [] })).toEqual({
      ok: false,
      problems: [
        {
          field: "nodeId",
          message: 'From "a", with these meters and flags the branches go round in a circle ("a" → "b" → "a"), so the conversation would never go on',
        },
      ],
    });
    expect(currentOf(started(circling, { nodeId: "a", rapport: 8, mutuality: 50, flags: [] })).value).toBe("well");
    // A choice into the circle is refused the same way.
    const into = fakeScenario({ nodes: { ...circling.nodes, one: fakeTurn([fakeChoice({ id: "go", rapport: 0, next: "a" })]) } });
    expect(playtestChoose(into, started(into, { nodeId: "one", rapport: 7, mutuality: 50, flags: [] }), "go")).toEqual({
      ok: false,
      message: 'After choice "go" at "one", with these meters and flags the branches go round in a circle ("a" → "b" → "a"), so the conversation would never go on.',
    });
  });

  it("offers every flag the scenario sets or tests, in file order", () => {
    expect(scenarioFlags(branching)).toEqual(["shared", "warned"]);
    expect(scenarioFlags(fakeScenario())).toEqual([]);
  });
});

describe("stepping a playtest", () => {
  it("applies each choice as the machine does, taking branches on the way", () => {
    const p = chosen(branching, started(branching, setup({ rapport: 55 })), "open");
    // open: listening-to +10 rapport → 65 at the branch, which goes to "well".
    expect(currentOf(p)).toEqual({
      value: "well",
      context: {
        rapport: 65,
        mutuality: 55,
        flags: ["shared"],
        turns: [{ nodeId: "ask", choiceId: "open", before: { rapport: 55, mutuality: 50 }, after: { rapport: 65, mutuality: 55 } }],
      },
      status: "done",
    });
    expect(playtestChoices(p)).toEqual(["open"]);
  });

  it("refuses a choice that is not on offer, and any choice once the conversation has ended", () => {
    const p = playtestFromStart(branching);
    expect(playtestChoose(branching, p, "warm")).toEqual({ ok: false, message: 'Choice "warm" is not on offer at "ask".' });
    expect(playtestChoose(branching, p, "nope")).toEqual({ ok: false, message: 'Choice "nope" is not on offer at "ask".' });
    const ended = chosen(branching, p, "cold");
    expect(playtestChoose(branching, ended, "open")).toEqual({ ok: false, message: 'The conversation already ended at "badly".' });
  });

  it("says which choices of the turn are hidden, and by what", () => {
    expect(playtestView(branching, playtestFromStart(branching)).hidden).toEqual([{ choice: expect.objectContaining({ id: "warm" }), when: "rapport >= 60" }]);
  });

  it("takes back the last choice to the state before it, and nothing at the beginning", () => {
    const begun = started(branching, setup({ rapport: 20 }));
    const once = chosen(branching, begun, "open");
    expect(currentOf(once).value).toBe("ask");
    const twice = chosen(branching, once, "open");
    expect(playtestTakeBack(twice)).toEqual(once);
    expect(playtestTakeBack(playtestTakeBack(twice))).toEqual(begun);
    expect(playtestTakeBack(begun)).toBe(begun);
    expect(playtestView(branching, begun).canTakeBack).toBe(false);
    expect(playtestView(branching, once).canTakeBack).toBe(true);
  });

  it("restarts where the play began: at the node and meters the author set, or at the start", () => {
    const begun = started(branching, setup({ rapport: 20, mutuality: 70 }));
    expect(playtestRestart(branching, chosen(branching, begun, "open", "open"))).toEqual({ ok: true, playtest: begun });
    expect(playtestRestart(branching, chosen(branching, playtestFromStart(branching), "cold"))).toEqual({ ok: true, playtest: playtestFromStart(branching) });
  });
});

describe("replaying choices in a playtest", () => {
  it("plays the stats' best and worst path of every library scenario to the ending and meters the stats give", () => {
    const files = readdirSync(path.join(process.cwd(), "scenarios/library")).filter((f) => f.endsWith(".scenario.yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const scenario = library(file);
      const stats = scenarioStats(scenario);
      for (const path of [stats.best!, stats.worst!]) {
        const { playtest, stopped } = playtestReplay(scenario, { at: "start" }, path.choiceIds);
        expect(stopped, file).toBeUndefined();
        const view = playtestView(scenario, playtest);
        expect(view, file).toMatchObject({ status: "done", ending: { id: path.endingId, outcome: path.outcome }, meters: path.meters });
        expect(currentOf(playtest), file).toEqual(
          expect.objectContaining({ context: replay(scenario, path.choiceIds).snapshot.context }),
        );
        expect(playtest.states).toHaveLength(path.choiceIds.length + 1);
      }
    }
  });

  it("stops at the first choice that is not on offer, keeping the play up to there", () => {
    const { playtest, stopped } = playtestReplay(branching, { at: "node", setup: setup({ rapport: 20 }) }, ["open", "warm", "cold"]);
    expect(playtestChoices(playtest)).toEqual(["open"]);
    expect(stopped).toEqual({ index: 1, message: 'Choice "warm" is not on offer at "ask".' });
  });

  it("begins at the start, saying why, when the node it began at is gone", () => {
    const { playtest, stopped } = playtestReplay(branching, { at: "node", setup: setup({ nodeId: "gone" }) }, ["open"]);
    expect(playtest).toEqual(playtestFromStart(branching));
    expect(stopped).toEqual({ index: 0, message: 'The play could not begin as before: there is no node "gone" in this scenario.' });
  });
});
