import ELK from "elkjs/lib/elk.bundled.js";
import { generateScenario } from "./generate-scenario";
import { elkGraphOf, scenarioGraphOf, LAYOUT_OPTIONS } from "../components/studio/graph-model";
import { flowOrder } from "../scenarios/analysis/node-graph";
const n = Number(process.argv[2] ?? 1000);
const sc = generateScenario({ nodes: n, seed: 1 });
const g = scenarioGraphOf(sc);
const order = flowOrder(sc);
// tree: BFS from start
const depth = new Map<string, number>([[sc.start, 0]]); const treeEdges = new Set<string>(); const q = [sc.start];
while (q.length) { const id = q.shift()!; for (const e of g.edges.filter(e => e.source === id)) if (!depth.has(e.target)) { depth.set(e.target, depth.get(id)! + 1); treeEdges.add(e.id); q.push(e.target); } }
const elk = new ELK();
const T = { "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF", "elk.layered.thoroughness": "1", "elk.edgeRouting": "POLYLINE" };
const run = async (name: string, filter: (e: any) => boolean, opts: Record<string,string>) => {
  const input = elkGraphOf(g); input.edges = input.edges!.filter(filter); input.layoutOptions = { ...LAYOUT_OPTIONS, ...opts };
  const t = performance.now(); await elk.layout(input); console.log(name, input.edges.length, Math.round(performance.now() - t));
};
await run("warm-tree", (e) => treeEdges.has(e.id), T);
await run("tree", (e) => treeEdges.has(e.id), T);
await run("tree-default", (e) => treeEdges.has(e.id), {});
await run("forward", (e) => (order.get(e.targets[0]) ?? 0) > (order.get(e.sources[0]) ?? 0), T);
await run("all", () => true, T);
await run("tree", (e) => treeEdges.has(e.id), T);
