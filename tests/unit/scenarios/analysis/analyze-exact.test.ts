import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateChain } from "../../../../bench/generate-chain";
import { generateScenario } from "../../../../bench/generate-scenario";
import { endingReachable, liveFlags, reachableSituations } from "../../../../scenarios/analysis";
import { count, emptySet } from "../../../../scenarios/analysis/meter-set";
import { flagsTested } from "../../../../scenarios/step";
import type { Scenario } from "../../../../scenarios/types";
import { explore, successors, type Situation } from "../../../oracles/explore";

/** Every situation an explicit search visits, one at a time. */
function allSituations(scenario: Scenario): Situation[] {
  const start: Situation = { nodeId: scenario.start, ...scenario.meters, flags: [] };
  const seen = new Map<string, Situation>();
  const key = (s: Situation) => `${s.nodeId}|${s.rapport}|${s.mutuality}|${s.flags.join(",")}`;
  const queue = [start];
  seen.set(key(start), start);
  for (let i = 0; i < queue.length; i++) {
    for (const { next } of successors(scenario, queue[i]!)) {
      if (!seen.has(key(next))) {
        seen.set(key(next), next);
        queue.push(next);
      }
    }
  }
  return queue;
}

/** Compares the analysis with an explicit search; returns whether the scenario has traps. */
function expectSameAsSearch(scenario: Scenario): boolean {
        const x = explore(scenario);
        const reach = reachableSituations(scenario);
        const can = endingReachable(scenario, reach);
        // Flags no later condition tests are set aside by the analysis; do the same here.
        const isLive = liveFlags(scenario);
        const project = (s: Situation) =>
          `${s.nodeId}|${s.rapport}|${s.mutuality}|${s.flags.filter((f) => isLive(s.nodeId, f)).join(",")}`;

        expect(new Set(reach.keys())).toEqual(x.reachableNodes);
        let situations = 0;
        let trapped = 0;
        for (const [node, byKey] of reach) {
          for (const [key, set] of byKey) {
            situations += count(set);
            trapped += count(set) - count(can.get(node)?.get(key) ?? emptySet());
          }
        }
        expect(situations).toBe(new Set(allSituations(scenario).map(project)).size);
        expect(trapped).toBe(new Set(x.traps.map(project)).size);
        return x.traps.length > 0;
}

/**
 * A flag matters at a node some path from the start leads to (whatever the conditions) when some
 * node a path leads to from there, itself included, tests it: by a search from every node.
 */
function expectLiveFlagsAsDefined(scenario: Scenario) {
  const isLive = liveFlags(scenario);
  const nextsOf = (id: string) => {
    const node = scenario.nodes[id]!;
    return node.type === "turn" ? node.choices.map((c) => c.next) : node.type === "branch" ? node.branch.map((b) => b.next) : [];
  };
  const tests = (id: string) => {
    const node = scenario.nodes[id]!;
    const whens = node.type === "turn" ? node.choices.map((c) => c.when) : node.type === "branch" ? node.branch.map((b) => b.when) : [];
    return whens.flatMap((w) => flagsTested(w).map((t) => t.flag));
  };
  const pathsFrom = (id: string) => {
    const seen = new Set([id]);
    const queue = [id];
    for (let i = 0; i < queue.length; i++) for (const n of nextsOf(queue[i]!)) if (!seen.has(n)) seen.add(n), queue.push(n);
    return queue;
  };
  const reached = new Set(pathsFrom(scenario.start));
  const flags = new Set(Object.keys(scenario.nodes).flatMap(tests));
  for (const id of Object.keys(scenario.nodes)) {
    const further = new Set(pathsFrom(id).flatMap(tests));
    for (const f of flags) expect(isLive(id, f), `${f} at ${id}`).toBe(reached.has(id) && further.has(f));
  }
}

/** The analysis must agree with visiting every situation one by one, on scenarios small enough to do that. */
describe("the bitset analysis", () => {
  it("reaches exactly the situations an explicit search visits, and finds the same traps", () => {
    let withTraps = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 8, max: 28 }), fc.constantFrom(false, false, false, true), (seed, nodes, alwaysOffer) => {
        const scenario = generateScenario({ nodes, seed, backEdges: 0.15, flags: 3, alwaysOffer });
        if (expectSameAsSearch(scenario)) withTraps++;
      }),
      { seed: 424242, numRuns: 30 },
    );
    // The generated cases must include stuck plays, or the trap comparison would prove nothing.
    expect(withTraps).toBeGreaterThan(3);
  });

  it("is exact on chains and cycles, with and without ways back", () => {
    for (const nodes of [4, 7, 12, 25]) {
      for (const loop of [false, true]) for (const back of [false, true]) expectSameAsSearch(generateChain({ nodes, loop, back }));
    }
  });

  it("keeps a flag where some node further on tests it, however far back that test is", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 8, max: 40 }), (seed, nodes) => {
        expectLiveFlagsAsDefined(generateScenario({ nodes, seed, backEdges: 0.3, flags: 3 }));
      }),
      { seed: 515151, numRuns: 30 },
    );
    for (const loop of [false, true]) for (const back of [false, true]) expectLiveFlagsAsDefined(generateChain({ nodes: 30, loop, back }));
  });
});
