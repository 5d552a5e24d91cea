import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateChain } from "../../../bench/generate-chain";
import { generateScenario } from "../../../bench/generate-scenario";
import { replay } from "../../../machines/replay";
import { parseScenario } from "../../../scenarios/parse";
import { longestPlay, scenarioStats, type ScenarioStats } from "../../../scenarios/stats";
import type { Scenario } from "../../../scenarios/types";
import { fakeBranch, fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";
import { explore } from "../../oracles/explore";

const ending = (stats: ScenarioStats, id: string) => stats.endings.find((e) => e.nodeId === id);
const onOffer = (stats: ScenarioStats) =>
  Object.fromEntries(stats.kinds.filter((k) => k.onOffer > 0).map((k) => [k.kind, k.onOffer]));

describe("scenarioStats", () => {
  it("counts the four plays of two turns with two choices each, with their meters and kinds", () => {
    const stats = scenarioStats(fakeScenario());
    expect(stats.counts).toEqual({ nodes: 4, turns: 2, branches: 0, endings: 2, choices: 4, situations: 7, reachableNodes: 4 });
    expect(stats.paths).toBe(4n);
    expect(stats.endings).toEqual([
      { nodeId: "well", outcome: "connected", reachable: true, fewestTurns: 2, mostTurns: 2, rapport: { low: 50, high: 70 }, mutuality: { low: 50, high: 60 } },
      { nodeId: "badly", outcome: "disengaged", reachable: true, fewestTurns: 2, mostTurns: 2, rapport: { low: 30, high: 50 }, mutuality: { low: 35, high: 45 } },
    ]);
    expect(stats.traps).toEqual({ count: 0 });
  });

  it("picks the play with the best and the worst result, with its choice ids, nodes and meters", () => {
    const stats = scenarioStats(fakeScenario());
    expect(stats.best).toEqual({
      endingId: "well",
      outcome: "connected",
      meters: { rapport: 70, mutuality: 60 },
      steps: [
        { nodeId: "one", choiceId: "good", kind: "listening-to" },
        { nodeId: "two", choiceId: "good", kind: "validating" },
      ],
      choiceIds: ["good", "good"],
      nodeIds: ["one", "two", "well"],
    });
    expect(stats.worst).toMatchObject({ endingId: "badly", outcome: "disengaged", meters: { rapport: 30, mutuality: 35 }, choiceIds: ["bad", "bad"] });
  });

  it("ranks a connected ending above a mixed one with higher meters", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "warm", kind: "listening-to", rapport: 40, mutuality: 40, next: "mixed" }),
            fakeChoice({ id: "cool", kind: "closed-question", next: "connected" }),
            fakeChoice({ id: "cold", kind: "judging", next: "gone" }),
          ]),
          mixed: fakeEnding("mixed"),
          connected: fakeEnding("connected"),
          gone: fakeEnding("disengaged"),
        },
      }),
    );
    expect(stats.best).toMatchObject({ endingId: "connected", choiceIds: ["cool"], meters: { rapport: 50, mutuality: 50 } });
    expect(stats.worst).toMatchObject({ endingId: "gone", choiceIds: ["cold"], meters: { rapport: 40, mutuality: 45 } });
  });

  it("prefers the shorter of two plays with the same result", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "detour", kind: "closed-question", next: "two" }),
            fakeChoice({ id: "direct", kind: "closed-question", next: "end" }),
          ]),
          two: fakeTurn([fakeChoice({ id: "back", kind: "closed-question", next: "end" })]),
          end: fakeEnding("connected"),
        },
      }),
    );
    expect(stats.best?.choiceIds).toEqual(["direct"]);
    expect(stats.worst?.choiceIds).toEqual(["direct"]);
    expect(ending(stats, "end")).toMatchObject({ fewestTurns: 1, mostTurns: 2 });
    expect(stats.paths).toBe(2n);
  });

  it("passes through branch nodes without counting a turn, and counts the fewest and most turns", () => {
    const stats = scenarioStats(
      fakeScenario({
        start: "gate",
        nodes: {
          gate: fakeBranch([{ when: { rapport: { op: "<", value: 10 } }, next: "late" }, { next: "one" }]),
          one: fakeTurn([
            fakeChoice({ id: "short", kind: "validating", next: "check" }),
            fakeChoice({ id: "long", kind: "closed-question", next: "two" }),
          ]),
          two: fakeTurn([fakeChoice({ id: "again", kind: "closed-question", next: "three" })]),
          three: fakeTurn([fakeChoice({ id: "done", kind: "closed-question", next: "check" })]),
          check: fakeBranch([{ when: { rapport: { op: ">=", value: 60 } }, next: "high" }, { next: "low" }]),
          high: fakeEnding("connected"),
          low: fakeEnding("mixed"),
          late: fakeEnding("disengaged"),
        },
      }),
    );
    expect(stats.counts).toMatchObject({ nodes: 8, turns: 3, branches: 2, endings: 3, choices: 4 });
    expect(ending(stats, "high")).toMatchObject({ reachable: true, fewestTurns: 1, mostTurns: 1, rapport: { low: 60, high: 60 } });
    expect(ending(stats, "low")).toMatchObject({ reachable: true, fewestTurns: 3, mostTurns: 3, rapport: { low: 50, high: 50 } });
    expect(stats.best?.nodeIds).toEqual(["gate", "one", "check", "high"]);
    expect(stats.best?.steps).toHaveLength(1);
  });

  it("reports an ending no play reaches, and the kinds of a turn no play reaches as not on offer", () => {
    const base = fakeScenario();
    const stats = scenarioStats({
      ...base,
      nodes: {
        ...base.nodes,
        orphan: fakeTurn([fakeChoice({ id: "tip", kind: "advising", next: "lost" })]),
        lost: fakeEnding("mixed"),
      },
    });
    expect(ending(stats, "lost")).toEqual({ nodeId: "lost", outcome: "mixed", reachable: false });
    expect(stats.counts).toMatchObject({ nodes: 6, reachableNodes: 4, choices: 5 });
    expect(onOffer(stats)).toEqual({ "listening-to": 1, judging: 1, validating: 1, dominating: 1 });
    expect(stats.kinds.find((k) => k.kind === "advising")).toEqual({ kind: "advising", onOffer: 0, inFile: 1 });
    expect(stats.choicesOnOffer).toBe(4);
  });

  it("counts choices whose condition is false as on offer at a reachable turn", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "ok", kind: "open-question", next: "end" }),
            fakeChoice({ id: "never", kind: "sharing-with", when: { rapport: { op: ">", value: 99 } }, next: "end" }),
          ]),
          end: fakeEnding("connected"),
        },
      }),
    );
    expect(onOffer(stats)).toEqual({ "open-question": 1, "sharing-with": 1 });
    expect(stats.paths).toBe(1n);
  });

  it("clamps meters at 0 and 100 when giving the range an ending can end with", () => {
    const stats = scenarioStats(
      fakeScenario({
        meters: { rapport: 95, mutuality: 8 },
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "up", kind: "listening-to", next: "two" }),
            fakeChoice({ id: "down", kind: "dominating", next: "two" }),
          ]),
          two: fakeTurn([
            fakeChoice({ id: "up", kind: "validating", next: "end" }),
            fakeChoice({ id: "flat", kind: "closed-question", next: "end" }),
          ]),
          end: fakeEnding("mixed"),
        },
      }),
    );
    // up,up: 95 → 100 → 100 and 8 → 13 → 18; down,flat: 85 and 0.
    expect(ending(stats, "end")).toMatchObject({ rapport: { low: 85, high: 100 }, mutuality: { low: 0, high: 18 } });
    expect(stats.paths).toBe(4n);
    expect(stats.best).toMatchObject({ choiceIds: ["up", "up"], meters: { rapport: 100, mutuality: 18 } });
    expect(stats.worst).toMatchObject({ choiceIds: ["down", "flat"], meters: { rapport: 85, mutuality: 0 } });
  });

  it("counts two choices that lead to the same situation as two plays", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "a", kind: "closed-question", next: "end" }),
            fakeChoice({ id: "b", kind: "closed-question", next: "end" }),
            fakeChoice({ id: "c", kind: "closed-question", next: "end" }),
          ]),
          end: fakeEnding("connected"),
        },
      }),
    );
    expect(stats.counts.situations).toBe(2);
    expect(stats.paths).toBe(3n);
  });

  it("counts plays exactly beyond the range of doubles", () => {
    const nodes: Scenario["nodes"] = {};
    for (let i = 0; i < 60; i++) {
      const next = i === 59 ? "end" : `t${i + 1}`;
      nodes[`t${i}`] = fakeTurn([
        fakeChoice({ id: "a", kind: "closed-question", next }),
        fakeChoice({ id: "b", kind: "closed-question", next }),
      ]);
    }
    nodes.end = fakeEnding("mixed");
    const stats = scenarioStats(fakeScenario({ start: "t0", nodes }));
    expect(stats.paths).toBe(2n ** 60n);
    expect(ending(stats, "end")).toMatchObject({ fewestTurns: 60, mostTurns: 60 });
  });

  it("says unbounded when a loop can lead to an ending", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "stall", kind: "closed-question", next: "one" }),
            fakeChoice({ id: "leave", kind: "closed-question", next: "end" }),
          ]),
          end: fakeEnding("mixed"),
        },
      }),
    );
    expect(stats.paths).toBe("unbounded");
    expect(ending(stats, "end")).toMatchObject({ reachable: true, fewestTurns: 1, mostTurns: "unbounded" });
    expect(stats.best?.choiceIds).toEqual(["leave"]);
    expect(stats.traps.count).toBe(0);
  });

  it("keeps the most turns finite for an ending no loop leads to, and reports the loop as a trap", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "leave", kind: "closed-question", next: "end" }),
            fakeChoice({ id: "spiral", kind: "judging", next: "stuck" }),
          ]),
          stuck: fakeTurn([fakeChoice({ id: "again", kind: "judging", next: "stuck" })]),
          end: fakeEnding("mixed"),
        },
      }),
    );
    expect(stats.paths).toBe("unbounded");
    expect(ending(stats, "end")).toMatchObject({ fewestTurns: 1, mostTurns: 1 });
    // stuck at 40/45, 30/40, … down to 0/0, which loops on itself.
    expect(stats.traps.count).toBe(stats.counts.situations - 2);
    expect(stats.traps.example).toEqual({ nodeId: "stuck", rapport: 40, mutuality: 45, flags: [] });
  });

  it("reports a turn where every choice is hidden as a trap", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([
            fakeChoice({ id: "ok", kind: "closed-question", next: "end" }),
            fakeChoice({ id: "push", kind: "dominating", set: ["pushed"], next: "two" }),
          ]),
          two: fakeTurn([fakeChoice({ id: "only", kind: "closed-question", when: { unset: ["pushed"] }, next: "end" })]),
          end: fakeEnding("connected"),
        },
      }),
    );
    expect(stats.paths).toBe(1n);
    expect(stats.traps).toEqual({ count: 1, example: { nodeId: "two", rapport: 40, mutuality: 40, flags: ["pushed"] } });
  });

  it("has no best or worst path when no play reaches an ending", () => {
    const stats = scenarioStats(
      fakeScenario({
        nodes: {
          one: fakeTurn([fakeChoice({ id: "x", kind: "closed-question", when: { rapport: { op: ">", value: 90 } }, next: "end" })]),
          end: fakeEnding("connected"),
        },
      }),
    );
    expect(stats.best).toBeUndefined();
    expect(stats.worst).toBeUndefined();
    expect(stats.paths).toBe(0n);
    expect(ending(stats, "end")?.reachable).toBe(false);
  });

  it("refuses a scenario with more situations than the limit", () => {
    expect(() => scenarioStats(fakeScenario(), { limit: 5 })).toThrow('[scenarios] "fake": more than 5 situations; stats needs a smaller scenario');
    expect(scenarioStats(fakeScenario(), { limit: 7 }).counts.situations).toBe(7);
  });
});

describe("longestPlay", () => {
  it("gives the most turns of a play, or unbounded when plays can loop, as the exploration does", () => {
    let finite = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 6, max: 24 }),
        fc.constantFrom(0, 0, 0.15),
        fc.boolean(),
        (seed, nodes, backEdges, alwaysOffer) => {
          const scenario = generateScenario({ nodes, seed, backEdges, flags: 3, alwaysOffer });
          const longest = longestPlay(scenarioStats(scenario));
          expect(longest).toBe(explore(scenario).longestTurns);
          if (longest !== "unbounded") finite++;
        },
      ),
      { seed: 9090, numRuns: 40 },
    );
    // Both answers must be met, or the comparison would prove little.
    expect(finite).toBeGreaterThan(5);
    expect(finite).toBeLessThan(40);
    for (const loop of [false, true]) {
      const chain = generateChain({ nodes: 12, loop });
      expect(longestPlay(scenarioStats(chain))).toBe(explore(chain).longestTurns);
    }
  });

  it("is 0 when no play reaches an ending", () => {
    const stuck = fakeScenario({
      nodes: {
        one: fakeTurn([fakeChoice({ id: "x", kind: "closed-question", when: { rapport: { op: ">", value: 90 } }, next: "end" })]),
        end: fakeEnding("connected"),
      },
    });
    expect(longestPlay(scenarioStats(stuck))).toBe(0);
    expect(explore(stuck).longestTurns).toBe(0);
    expect(longestPlay(scenarioStats(fakeScenario()))).toBe(2);
  });
});

const dir = new URL("../../../scenarios/library/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".scenario.yaml")).sort();

describe.each(files)("stats of library scenario %s", (file) => {
  const parsed = parseScenario(readFileSync(new URL(file, dir), "utf8"));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const scenario = parsed.scenario;
  const stats = scenarioStats(scenario);

  it("gives best and worst paths that replay to the reported ending and meters", () => {
    for (const path of [stats.best!, stats.worst!]) {
      const r = replay(scenario, path.choiceIds);
      expect(r.done).toBe(true);
      expect(r.ending?.id).toBe(path.endingId);
      expect(r.ending?.outcome).toBe(path.outcome);
      expect(r.meters).toEqual(path.meters);
      expect(r.turns.map((t) => t.nodeId)).toEqual(path.steps.map((s) => s.nodeId));
    }
    expect(stats.best!.outcome).toBe("connected");
    expect(stats.worst!.outcome).toBe("disengaged");
  });

  it("agrees with the exploration on situations, shortest and longest plays", () => {
    const e = explore(scenario);
    expect(stats.counts.situations).toBe(e.situations);
    expect(stats.traps.count).toBe(e.traps.length);
    const reachable = stats.endings.filter((x) => x.reachable);
    expect(Math.min(...reachable.map((x) => x.fewestTurns!))).toBe(e.shortestTurns);
    expect(Math.max(...reachable.map((x) => x.mostTurns as number))).toBe(e.longestTurns);
    expect(typeof stats.paths).toBe("bigint");
  });

  it("puts every ending's meter range around the meters its best and worst plays end with", () => {
    for (const path of [stats.best!, stats.worst!]) {
      const e = stats.endings.find((x) => x.nodeId === path.endingId)!;
      expect(path.meters.rapport).toBeGreaterThanOrEqual(e.rapport!.low);
      expect(path.meters.rapport).toBeLessThanOrEqual(e.rapport!.high);
      expect(path.steps.length).toBeGreaterThanOrEqual(e.fewestTurns!);
    }
  });
});
