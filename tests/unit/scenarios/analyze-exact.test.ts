import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateScenario } from "../../../bench/generate-scenario";
import { endingReachable, liveFlags, reachableSituations } from "../../../scenarios/analyze";
import { explore, successors, type Situation } from "../../../scenarios/explore";
import { count, emptySet } from "../../../scenarios/meter-set";
import type { Scenario } from "../../../scenarios/types";

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

/** The analysis must agree with visiting every situation one by one, on scenarios small enough to do that. */
describe("the bitset analysis", () => {
  it("reaches exactly the situations an explicit search visits, and finds the same traps", () => {
    let withTraps = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 8, max: 28 }), fc.constantFrom(false, false, false, true), (seed, nodes, alwaysOffer) => {
        const scenario = generateScenario({ nodes, seed, backEdges: 0.15, flags: 3, alwaysOffer });
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
        if (x.traps.length > 0) withTraps++;
      }),
      { seed: 424242, numRuns: 30 },
    );
    // The generated cases must include stuck plays, or the trap comparison would prove nothing.
    expect(withTraps).toBeGreaterThan(3);
  });
});
