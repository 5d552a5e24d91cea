/**
 * The analysis on the longest shapes a scenario can take. Each pass must be linear in the nodes:
 * a pass that settled one node per sweep over all of them took 40 seconds on a chain of 10,000.
 */
import { describe, expect, it } from "vitest";
import { generateChain } from "../../../../bench/generate-chain";
import { analyzeScenario, liveFlags } from "../../../../scenarios/analysis";

describe("the analysis of long chains and cycles", () => {
  it.each([
    ["a chain of 10,000 nodes", { nodes: 10_000 }],
    ["a cycle of 10,000 nodes", { nodes: 10_000, loop: true }],
    ["a chain of 10,000 nodes with a way back at every turn", { nodes: 10_000, back: true }],
    ["a cycle of 2,000 nodes with a way back at every turn", { nodes: 2_000, loop: true, back: true }],
  ])("finds nothing wrong with %s", (_, options) => {
    expect(analyzeScenario(generateChain(options))).toEqual([]);
  });

  it("keeps a flag tested at the first turn alive at the last, when only ways back lead there", () => {
    const chain = generateChain({ nodes: 10_000, back: true });
    const isLive = liveFlags(chain);
    expect(isLive("t9997", "opened-up")).toBe(true);
    expect(isLive("well", "opened-up")).toBe(false);
  });
});
