/**
 * `npm run bench:studio-layout`: how long the studio's layout worker takes, in Node, to lay out the
 * graph of a generated 1,000-node scenario (bench/generate-scenario.ts, with loops): the same input
 * and the same method (components/studio/graph-model.ts: a graph this large is laid out as the
 * tidy tree of its breadth-first tree, tree-layout.ts). Beside it, for comparison, elkjs's layered
 * layout of the same input, which the worker used before. In the browser this runs in a Web
 * Worker, so it never blocks the page; the budget is for the graph to appear. The first run is
 * cold (as in a fresh worker when the studio opens); RUNS more follow. Prints each time, the cold
 * one and the median beside the budget, and a verdict; exits 1 when either is over.
 */
import { performance } from "node:perf_hooks";
import ELK from "elkjs/lib/elk.bundled.js";
import { elkGraphOf, layoutEdgesOf, layoutMethodOf, positionsOf, scenarioGraphOf } from "../components/studio/graph-model";
import { tidyTreeLayout } from "../components/studio/tree-layout";
import { generateScenario } from "./generate-scenario";

const NODES = 1000;
const RUNS = 5;
const BUDGET_MS = 2000;

const scenario = generateScenario({ nodes: NODES, seed: 1 });
const elk = new ELK();

/** The model, then the layout the worker makes of it: `method` as the worker picks it, or elkjs's layered layout for comparison. */
async function once(method: "worker" | "elkjs"): Promise<{ modelMs: number; layoutMs: number }> {
  const t0 = performance.now();
  const graph = scenarioGraphOf(scenario);
  const input = elkGraphOf(graph);
  const t1 = performance.now();
  const layout = method === "worker" && layoutMethodOf(graph) === "tree" ? tidyTreeLayout(input) : await elk.layout(input);
  const t2 = performance.now();
  const placed = positionsOf(layout).size;
  if (placed !== graph.nodes.length) throw new Error(`[bench] ${placed} of ${graph.nodes.length} nodes placed`);
  return { modelMs: t1 - t0, layoutMs: t2 - t1 };
}

const graph = scenarioGraphOf(scenario);
const method = layoutMethodOf(graph) === "tree" ? "a tidy tree" : "elkjs (layered)";
console.log(`studio layout: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${layoutEdgesOf(graph).length} laid out with, as ${method}`);
const cold = await once("worker");
const coldMs = cold.modelMs + cold.layoutMs;
console.log(`  cold: model ${cold.modelMs.toFixed(0)} ms, layout ${cold.layoutMs.toFixed(0)} ms`);
const runs: { modelMs: number; layoutMs: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = await once("worker");
  runs.push(r);
  console.log(`  run ${i + 1}: model ${r.modelMs.toFixed(0)} ms, layout ${r.layoutMs.toFixed(0)} ms`);
}
const totals = runs.map((r) => r.modelMs + r.layoutMs).sort((a, b) => a - b);
const median = totals[Math.floor(totals.length / 2)]!;
const ok = coldMs <= BUDGET_MS && median <= BUDGET_MS;
// For comparison only: elkjs's layered layout of the same input, cold (elkjs not yet run in this process) and then warmed.
const elkjs = [await once("elkjs"), await once("elkjs"), await once("elkjs")].map((r) => r.layoutMs);
console.log(`  for comparison, elkjs's layered layout of the same graph: ${elkjs.map((ms) => `${ms.toFixed(0)} ms`).join(", ")} (cold first)`);
console.log(`cold ${coldMs.toFixed(0)} ms, median ${median.toFixed(0)} ms (budget ${BUDGET_MS} ms each): ${ok ? "within budget" : "OVER BUDGET"}`);
process.exitCode = ok ? 0 : 1;
