import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateScenario } from "../../../bench/generate-scenario";
import { endingReachable, reachableSituations } from "../../../scenarios/analyze";
import { explore } from "../../../scenarios/explore";
import { count } from "../../../scenarios/meter-set";

/** The analysis must agree with visiting every situation one by one, on scenarios small enough to do that. */
describe("the bitset analysis", () => {
  it("reaches exactly the situations an explicit search visits, and finds the same traps", () => {
    let withTraps = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 8, max: 28 }), fc.boolean(), (seed, nodes, alwaysOffer) => {
        const scenario = generateScenario({ nodes, seed, backEdges: 0.15, flags: 3, alwaysOffer });
        const x = explore(scenario);
        const reach = reachableSituations(scenario);
        const can = endingReachable(scenario, reach);

        expect(new Set(reach.keys())).toEqual(x.reachableNodes);
        let situations = 0;
        let trapped = 0;
        for (const [node, byKey] of reach) {
          for (const [key, set] of byKey) {
            situations += count(set);
            trapped += count(set) - count(can.get(node)?.get(key) ?? new Uint32Array(404));
          }
        }
        expect(situations).toBe(x.situations);
        expect(trapped).toBe(x.traps.length);
        if (x.traps.length > 0) withTraps++;
      }),
      { seed: 424242, numRuns: 30 },
    );
    // The generated cases must include stuck plays, or the trap comparison would prove nothing.
    expect(withTraps).toBeGreaterThan(3);
  });
});
