/**
 * `npm run bench:studio-layout`: how long elkjs takes to lay out the studio's graph of a generated
 * 1,000-node scenario (bench/generate-scenario.ts, with loops), the same input the studio's layout
 * worker gets (components/studio/graph-model.ts). In the browser this runs in a Web Worker, so it
 * never blocks the page; the budget is for the graph to appear. The first run is cold (elkjs just
 * loaded, as in a fresh worker when the studio opens); RUNS more follow. Prints each time, the cold
 * one and the median beside the budget, and a verdict; exits 1 when either is over.
 */
import { performance } from "node:perf_hooks";
import ELK from "elkjs/lib/elk.bundled.js";
import { elkGraphOf, layoutEdgesOf, positionsOf, scenarioGraphOf } from "../components/studio/graph-model";
import { generateScenario } from "./generate-scenario";

const NODES = 1000;
const RUNS = 5;
const BUDGET_MS = 2000;

const scenario = generateScenario({ nodes: NODES, seed: 1 });
const elk = new ELK();

async function once(): Promise<{ modelMs: number; layoutMs: number }> {
  const t0 = performance.now();
  const graph = scenarioGraphOf(scenario);
  const input = elkGraphOf(graph);
  const t1 = performance.now();
  const layout = await elk.layout(input);
  const t2 = performance.now();
  const placed = positionsOf(layout).size;
  if (placed !== graph.nodes.length) throw new Error(`[bench] ${placed} of ${graph.nodes.length} nodes placed`);
  return { modelMs: t1 - t0, layoutMs: t2 - t1 };
}

const graph = scenarioGraphOf(scenario);
console.log(`studio layout: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${layoutEdgesOf(graph).length} laid out with`);
const cold = await once();
const coldMs = cold.modelMs + cold.layoutMs;
console.log(`  cold: model ${cold.modelMs.toFixed(0)} ms, elkjs ${cold.layoutMs.toFixed(0)} ms`);
const runs: { modelMs: number; layoutMs: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = await once();
  runs.push(r);
  console.log(`  run ${i + 1}: model ${r.modelMs.toFixed(0)} ms, elkjs ${r.layoutMs.toFixed(0)} ms`);
}
const totals = runs.map((r) => r.modelMs + r.layoutMs).sort((a, b) => a - b);
const median = totals[Math.floor(totals.length / 2)]!;
const ok = coldMs <= BUDGET_MS && median <= BUDGET_MS;
console.log(`cold ${coldMs.toFixed(0)} ms, median ${median.toFixed(0)} ms (budget ${BUDGET_MS} ms each): ${ok ? "within budget" : "OVER BUDGET"}`);
process.exitCode = ok ? 0 : 1;
