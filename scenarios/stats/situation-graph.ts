/**
 * The situation graph of a scenario: every situation (node, meters, flags) some play reaches,
 * numbered as found, with an edge per choice or branch entry taken from it. The steps are
 * scenarios/step.ts's: a choice is on offer where its `when` holds, moves the meters and sets
 * its flags as `applyChoice` does, and a branch node takes the entry `branchTaken` picks.
 */
import { branchTaken, flagsAfter, flagsHold, flagsTested, meterAfter, meterRegion } from "../step";
import type { Condition, Scenario, ScenarioNode } from "../types";

const METER_SPAN = 101;

/** The situation graph in compressed form: situation i's edges are edgeStart[i]..edgeStart[i+1]-1. */
export interface Graph {
  nodeIds: string[];
  nodes: ScenarioNode[];
  flagSets: string[][];
  sNode: number[];
  sRapport: number[];
  sMutuality: number[];
  sFlags: number[];
  edgeStart: number[];
  edgeTo: number[];
  /** The choice's index in its turn node, or -1 for a branch edge (which takes no turn). */
  edgeChoice: number[];
}

/**
 * A node's ways out, flattened into parallel arrays: choices (and branch rules) come in many
 * object shapes, and reading them in the hot loop was most of the cost of building the graph.
 * A `when`'s meter region (step.ts's `meterRegion`) is worked out here once, not per situation.
 */
interface Exits {
  /** 0 ending, 1 branch (the entry `branchTaken` picks), 2 turn (every choice whose `when` holds). */
  type: 0 | 1 | 2;
  next: Int32Array;
  rapport: Int32Array;
  mutuality: Int32Array;
  /** Inclusive meter ranges the `when` admits; lo > hi when it admits none. */
  rLo: Int32Array;
  rHi: Int32Array;
  mLo: Int32Array;
  mHi: Int32Array;
  /** The `when`, kept only when it tests flags. */
  flagWhen: (Condition | undefined)[];
  set: string[][];
}

function exitsOf(node: ScenarioNode, indexOf: (id: string) => number): Exits {
  const rules: { next: string; when?: Condition; rapport: number; mutuality: number; set: string[] }[] =
    node.type === "turn" ? node.choices
    : node.type === "branch" ? node.branch.map((b) => ({ ...b, rapport: 0, mutuality: 0, set: [] }))
    : [];
  const k = rules.length;
  const x: Exits = {
    type: node.type === "ending" ? 0 : node.type === "branch" ? 1 : 2,
    next: new Int32Array(k),
    rapport: new Int32Array(k),
    mutuality: new Int32Array(k),
    rLo: new Int32Array(k),
    rHi: new Int32Array(k),
    mLo: new Int32Array(k),
    mHi: new Int32Array(k),
    flagWhen: [],
    set: [],
  };
  rules.forEach((rule, i) => {
    x.next[i] = indexOf(rule.next);
    x.rapport[i] = rule.rapport;
    x.mutuality[i] = rule.mutuality;
    const region = meterRegion(rule.when);
    const [rLo, rHi] = region?.rapport ?? [1, 0];
    const [mLo, mHi] = region?.mutuality ?? [1, 0];
    x.rLo[i] = rLo;
    x.rHi[i] = rHi;
    x.mLo[i] = mLo;
    x.mHi[i] = mHi;
    x.flagWhen.push(flagsTested(rule.when).length > 0 ? rule.when : undefined);
    x.set.push(rule.set);
  });
  return x;
}

/** Builds every situation reachable from the start, breadth first, numbering them as found; throws past `limit`. */
export function buildGraph(scenario: Scenario, limit: number): Graph {
  const nodeIds = Object.keys(scenario.nodes);
  const nodes = nodeIds.map((id) => scenario.nodes[id]!);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));
  const indexOf = (id: string) => nodeIndex.get(id) ?? -1;
  const exits = nodes.map((node) => exitsOf(node, indexOf));
  const ruleOffset: number[] = [];
  let totalRules = 0;
  for (const x of exits) {
    ruleOffset.push(totalRules);
    totalRules += x.next.length;
  }

  // Flag sets are interned, so a situation is four small integers and one numeric key.
  const flagSets: string[][] = [[]];
  const flagSetIndex = new Map<string, number>([["", 0]]);
  const union = new Map<number, number>();
  const withFlags = (fs: number, node: number, rule: number, set: readonly string[]): number => {
    const cacheKey = fs * totalRules + ruleOffset[node]! + rule;
    let out = union.get(cacheKey);
    if (out === undefined) {
      // Only which flags are set matters to a `when`, so a sorted list stands for the set.
      const merged = flagsAfter(flagSets[fs]!, set).sort();
      const key = merged.join(",");
      out = flagSetIndex.get(key);
      if (out === undefined) {
        out = flagSets.length;
        flagSets.push(merged);
        flagSetIndex.set(key, out);
      }
      union.set(cacheKey, out);
    }
    return out;
  };

  const g: Graph = {
    nodeIds,
    nodes,
    flagSets,
    sNode: [],
    sRapport: [],
    sMutuality: [],
    sFlags: [],
    edgeStart: [],
    edgeTo: [],
    edgeChoice: [],
  };
  const index = new Map<number, number>();
  const add = (node: number, r: number, m: number, fs: number): number => {
    const key = ((fs * nodes.length + node) * METER_SPAN + r) * METER_SPAN + m;
    let i = index.get(key);
    if (i === undefined) {
      i = g.sNode.length;
      if (i >= limit) throw new Error(`[scenarios] "${scenario.id}": more than ${limit} situations; stats needs a smaller scenario`);
      index.set(key, i);
      g.sNode.push(node);
      g.sRapport.push(r);
      g.sMutuality.push(m);
      g.sFlags.push(fs);
    }
    return i;
  };
  const edge = (n: number, x: Exits, k: number, r: number, m: number, fs: number) => {
    const to = x.next[k]!;
    if (to < 0) return;
    const set = x.set[k]!;
    const nextFlags = set.length ? withFlags(fs, n, k, set) : fs;
    g.edgeTo.push(add(to, meterAfter(r, x.rapport[k]!), meterAfter(m, x.mutuality[k]!), nextFlags));
    g.edgeChoice.push(x.type === 2 ? k : -1);
  };

  const start = indexOf(scenario.start);
  if (start >= 0) add(start, scenario.meters.rapport, scenario.meters.mutuality, 0);
  for (let i = 0; i < g.sNode.length; i++) {
    g.edgeStart.push(g.edgeTo.length);
    const n = g.sNode[i]!;
    const x = exits[n]!;
    const r = g.sRapport[i]!;
    const m = g.sMutuality[i]!;
    const fs = g.sFlags[i]!;
    const node = nodes[n]!;
    if (node.type === "branch") {
      const k = branchTaken(node.branch, { rapport: r, mutuality: m, flags: flagSets[fs]! });
      if (k >= 0) edge(n, x, k, r, m, fs);
    } else if (node.type === "turn") {
      // conditionHolds, with each `when`'s meter region worked out once in exitsOf.
      for (let k = 0; k < x.next.length; k++) {
        if (r < x.rLo[k]! || r > x.rHi[k]! || m < x.mLo[k]! || m > x.mHi[k]!) continue;
        const fw = x.flagWhen[k];
        if (fw && !flagsHold(fw, flagSets[fs]!)) continue;
        edge(n, x, k, r, m, fs);
      }
    }
  }
  g.edgeStart.push(g.edgeTo.length);
  return g;
}
