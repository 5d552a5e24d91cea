/** Checks scenario files: every problem with its position, then what plays can reach. */
import { readFileSync } from "node:fs";
import { explore } from "../scenarios/explore";
import { formatProblem } from "../scenarios/problem";
import { parseScenario } from "../scenarios/parse";

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = parseScenario(readFileSync(file, "utf8"));
  for (const p of result.problems) console.log(formatProblem(file, p));
  if (!result.ok) {
    failed = true;
    continue;
  }
  const s = result.scenario;
  const x = explore(s);
  const nodes = Object.keys(s.nodes);
  const unreachable = nodes.filter((n) => !x.reachableNodes.has(n));
  const turns = nodes.filter((n) => s.nodes[n]?.type === "turn").length;
  console.log(`${file}: ${nodes.length} nodes, ${turns} turns, ${x.situations} situations`);
  console.log(`  longest play: ${x.longestTurns} turns; shortest: ${x.shortestTurns ?? "none"}`);
  console.log(`  outcomes reached: ${[...x.reachableOutcomes].join(", ") || "none"}`);
  if (unreachable.length) console.log(`  UNREACHABLE nodes: ${unreachable.join(", ")}`);
  for (const [n, sit] of x.deadEnds) console.log(`  DEAD END at "${n}": every choice hidden with ${JSON.stringify(sit)}`);
  if (x.traps.length) console.log(`  TRAPS: ${x.traps.length} situations cannot reach an ending, e.g. ${JSON.stringify(x.traps[0])}`);
  const bad =
    unreachable.length > 0 || x.deadEnds.size > 0 || x.traps.length > 0 || x.reachableOutcomes.size < 3;
  if (bad) failed = true;
  console.log(bad ? "  NOT OK" : "  ok");
}
process.exit(failed ? 1 : 0);
