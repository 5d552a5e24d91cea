/**
 * Numbers about a scenario for its author: how long plays are, where they end and with what
 * meters, the best and worst play, how many plays there are, and which response kinds are on
 * offer. Everything comes from the explicit situation graph (node + meters + sorted flags), built
 * once with integer indices; each question is then one linear pass over it, never a walk of paths.
 */
import type { Scenario, ScenarioNode } from "../types";
import { countPlays } from "./count-plays";
import { depthFirst } from "./depth-first";
import { endingStats } from "./ending-stats";
import { fewestTurns, pathTo } from "./fewest-turns";
import { kindStats } from "./kind-stats";
import { mostTurns } from "./most-turns";
import { canReachEnding, forwardClosure } from "./reachability";
import { buildGraph, type Graph } from "./situation-graph";
import type { ScenarioStats, Situation, StatsOptions, Unbounded } from "./types";

/** The situations no ending can be reached from: how many, and the first one. */
function trapStats(g: Graph, isEnding: (s: number) => boolean): ScenarioStats["traps"] {
  const canEnd = canReachEnding(g, isEnding);
  let count = 0;
  let example: Situation | undefined;
  for (let s = 0; s < g.sNode.length; s++) {
    if (canEnd[s]) continue;
    count++;
    example ??= {
      nodeId: g.nodeIds[g.sNode[s]!]!,
      rapport: g.sRapport[s]!,
      mutuality: g.sMutuality[s]!,
      flags: [...g.flagSets[g.sFlags[s]!]!],
    };
  }
  return { count, ...(example && { example }) };
}

/** Computes a scenario's statistics from its situation graph; throws when it has more than `limit` situations. */
export function scenarioStats(scenario: Scenario, options: StatsOptions = {}): ScenarioStats {
  const g = buildGraph(scenario, options.limit ?? 2_000_000);
  const n = g.sNode.length;
  const endingNode = g.nodes.map((node) => node.type === "ending");
  const isEnding = (s: number) => endingNode[g.sNode[s]!]!;

  const { postorder, loopEntries } = depthFirst(g);
  const afterLoop = forwardClosure(g, loopEntries);
  const fewest = fewestTurns(g);
  const most = mostTurns(g, postorder, afterLoop);
  const paths: bigint | Unbounded = loopEntries.length ? "unbounded" : countPlays(g, postorder, isEnding);
  const { endings, best, worst } = endingStats(g, fewest.dist, most, afterLoop);

  const reachedNodes = new Uint8Array(g.nodes.length);
  for (let s = 0; s < n; s++) reachedNodes[g.sNode[s]!] = 1;
  const { kinds, choicesOnOffer } = kindStats(g, reachedNodes);

  const count = (type: ScenarioNode["type"]) => g.nodes.filter((node) => node.type === type).length;
  return {
    id: scenario.id,
    title: scenario.title,
    counts: {
      nodes: g.nodes.length,
      turns: count("turn"),
      branches: count("branch"),
      endings: count("ending"),
      choices: g.nodes.reduce((sum, node) => sum + (node.type === "turn" ? node.choices.length : 0), 0),
      situations: n,
      reachableNodes: reachedNodes.reduce((a, b) => a + b, 0),
    },
    endings,
    ...(best >= 0 && { best: pathTo(g, best, fewest) }),
    ...(worst >= 0 && { worst: pathTo(g, worst, fewest) }),
    paths,
    traps: trapStats(g, isEnding),
    kinds,
    choicesOnOffer,
  };
}
