/**
 * Numbers about a scenario for its author: how long plays are, where they end and with what
 * meters, the best and worst play, how many plays there are, and which response kinds are on
 * offer. Everything comes from the explicit situation graph (node + meters + sorted flags), built
 * once with integer indices; each question is then one linear pass over it, never a walk of paths.
 */
import { clampMeter, conditionHolds } from "./condition";
import { comparisonRange } from "./meter-set";
import { RESPONSE_KIND_IDS, type ResponseKindId } from "./kinds";
import type { Situation } from "./explore";
import type { Condition, Meters, Outcome, Scenario, ScenarioNode } from "./types";

/** A count of turns that loops can make as large as one likes. */
export type Unbounded = "unbounded";

export interface MeterRange {
  low: number;
  high: number;
}

export interface EndingStats {
  nodeId: string;
  outcome: Outcome;
  /** Some play ends here. */
  reachable: boolean;
  /** Fewest turns (choices) on a play that ends here; absent when unreachable. */
  fewestTurns?: number;
  /** Most turns on a play that ends here, or "unbounded" when a loop can lead here. */
  mostTurns?: number | Unbounded;
  /** Rapport values a play can end here with. */
  rapport?: MeterRange;
  /** Mutuality values a play can end here with. */
  mutuality?: MeterRange;
}

/** One turn of a path: the turn node and the choice made there. */
export interface PathStep {
  nodeId: string;
  choiceId: string;
  kind: ResponseKindId;
}

/** One complete play, from the start to an ending. */
export interface PathStats {
  endingId: string;
  outcome: Outcome;
  meters: Meters;
  /** The choices made, in order; `choiceIds` as `replay()` takes them. */
  steps: PathStep[];
  choiceIds: string[];
  /** Every node passed through, branches and the ending included. */
  nodeIds: string[];
}

export interface KindStats {
  kind: ResponseKindId;
  /** Choices of this kind at turn nodes some play reaches (whether or not their `when` holds there). */
  onOffer: number;
  /** Choices of this kind anywhere in the file. */
  inFile: number;
}

export interface ScenarioStats {
  id: string;
  title: string;
  counts: {
    nodes: number;
    /** Turn nodes. */
    turns: number;
    branches: number;
    endings: number;
    /** Choices over all turn nodes. */
    choices: number;
    /** Distinct situations some play reaches. */
    situations: number;
    /** Nodes some play reaches. */
    reachableNodes: number;
  };
  /** Every ending node, in file order. */
  endings: EndingStats[];
  /** A play with the best result (absent when no ending is reachable). */
  best?: PathStats;
  /** A play with the worst result (absent when no ending is reachable). */
  worst?: PathStats;
  /** Distinct plays from the start to an ending, or "unbounded" when plays can loop forever. */
  paths: bigint | Unbounded;
  /** Situations from which no ending can be reached, with the first one found. */
  traps: { count: number; example?: Situation };
  /** Every kind, in the kinds table's order. */
  kinds: KindStats[];
  /** Choices at reachable turn nodes, all kinds together. */
  choicesOnOffer: number;
}

export interface StatsOptions {
  /** Most situations to explore before giving up (default 2,000,000). */
  limit?: number;
}

const OUTCOME_RANK: Record<Outcome, number> = { connected: 2, mixed: 1, disengaged: 0 };
const METER_SPAN = 101;

/** The situation graph in compressed form: situation i's edges are edgeStart[i]..edgeStart[i+1]-1. */
interface Graph {
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
 */
interface Exits {
  /** 0 ending, 1 branch (first rule that holds), 2 turn (every choice that holds). */
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
    const [rLo, rHi] = (rule.when?.rapport ? comparisonRange(rule.when.rapport) : [0, 100]) ?? [1, 0];
    const [mLo, mHi] = (rule.when?.mutuality ? comparisonRange(rule.when.mutuality) : [0, 100]) ?? [1, 0];
    x.rLo[i] = rLo;
    x.rHi[i] = rHi;
    x.mLo[i] = mLo;
    x.mHi[i] = mHi;
    x.flagWhen.push(rule.when?.flags || rule.when?.unset ? { flags: rule.when.flags, unset: rule.when.unset } as Condition : undefined);
    x.set.push(rule.set);
  });
  return x;
}

/** Builds every situation reachable from the start, breadth first, numbering them as found. */
function buildGraph(scenario: Scenario, limit: number): Graph {
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
      const merged = [...new Set([...flagSets[fs]!, ...set])].sort();
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

  const start = indexOf(scenario.start);
  if (start >= 0) add(start, scenario.meters.rapport, scenario.meters.mutuality, 0);
  const flagState = { rapport: 0, mutuality: 0, flags: [] as readonly string[] };
  for (let i = 0; i < g.sNode.length; i++) {
    g.edgeStart.push(g.edgeTo.length);
    const n = g.sNode[i]!;
    const x = exits[n]!;
    if (x.type === 0) continue;
    const r = g.sRapport[i]!;
    const m = g.sMutuality[i]!;
    const fs = g.sFlags[i]!;
    flagState.flags = flagSets[fs]!;
    for (let k = 0; k < x.next.length; k++) {
      if (r < x.rLo[k]! || r > x.rHi[k]! || m < x.mLo[k]! || m > x.mHi[k]!) continue;
      const fw = x.flagWhen[k];
      if (fw && !conditionHolds(fw, flagState)) continue;
      const to = x.next[k]!;
      if (to >= 0) {
        const set = x.set[k]!;
        const nextFlags = set.length ? withFlags(fs, n, k, set) : fs;
        g.edgeTo.push(add(to, clampMeter(r + x.rapport[k]!), clampMeter(m + x.mutuality[k]!), nextFlags));
        g.edgeChoice.push(x.type === 2 ? k : -1);
      }
      // A branch takes the first rule that holds, whatever follows it.
      if (x.type === 1) break;
    }
  }
  g.edgeStart.push(g.edgeTo.length);
  return g;
}

/**
 * Depth-first from the start without recursion (a long scenario would overflow the stack):
 * the postorder, and the situations a back edge points at. Those lie on cycles, and every cycle
 * holds one of them, so "a loop can lead here" is "reachable from one of them".
 */
function depthFirst(g: Graph): { postorder: Int32Array; loopEntries: number[] } {
  const n = g.sNode.length;
  const postorder = new Int32Array(n);
  const loopEntries: number[] = [];
  if (n === 0) return { postorder, loopEntries };
  const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 finished
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  let top = 0;
  let done = 0;
  stackNode[0] = 0;
  stackEdge[0] = g.edgeStart[0]!;
  state[0] = 1;
  while (top >= 0) {
    const u = stackNode[top]!;
    const e = stackEdge[top]!;
    if (e < g.edgeStart[u + 1]!) {
      stackEdge[top] = e + 1;
      const v = g.edgeTo[e]!;
      if (state[v] === 1) loopEntries.push(v);
      else if (state[v] === 0) {
        state[v] = 1;
        top++;
        stackNode[top] = v;
        stackEdge[top] = g.edgeStart[v]!;
      }
      continue;
    }
    state[u] = 2;
    postorder[done++] = u;
    top--;
  }
  return { postorder, loopEntries };
}

/** Marks every situation reachable from the given ones along forward edges. */
function forwardClosure(g: Graph, from: readonly number[]): Uint8Array {
  const mark = new Uint8Array(g.sNode.length);
  const queue: number[] = [];
  for (const s of from) if (!mark[s]) (mark[s] = 1), queue.push(s);
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q]!;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
      const v = g.edgeTo[e]!;
      if (!mark[v]) (mark[v] = 1), queue.push(v);
    }
  }
  return mark;
}

/** Marks the situations from which some ending situation can be reached. */
function canReachEnding(g: Graph, isEnding: (s: number) => boolean): Uint8Array {
  const n = g.sNode.length;
  // Reverse edges, laid out like the forward ones.
  const revStart = new Int32Array(n + 1);
  for (const v of g.edgeTo) revStart[v + 1]!++;
  for (let i = 0; i < n; i++) revStart[i + 1]! += revStart[i]!;
  const fill = revStart.slice(0, n);
  const revFrom = new Int32Array(g.edgeTo.length);
  for (let u = 0; u < n; u++) for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) revFrom[fill[g.edgeTo[e]!]!++] = u;

  const mark = new Uint8Array(n);
  const queue: number[] = [];
  for (let s = 0; s < n; s++) if (isEnding(s)) (mark[s] = 1), queue.push(s);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (let k = revStart[v]!; k < revStart[v + 1]!; k++) {
      const u = revFrom[k]!;
      if (!mark[u]) (mark[u] = 1), queue.push(u);
    }
  }
  return mark;
}

/**
 * Fewest turns from the start to each situation, with the edge that last improved it. Branch
 * edges take no turn, so this is a breadth-first search by turn layers in which branch edges
 * stay in the current layer.
 */
function fewestTurns(g: Graph): { dist: Int32Array; parentEdge: Int32Array; edgeFrom: Int32Array } {
  const n = g.sNode.length;
  const dist = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const edgeFrom = new Int32Array(g.edgeTo.length);
  for (let u = 0; u < n; u++) for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) edgeFrom[e] = u;
  if (n === 0) return { dist, parentEdge, edgeFrom };
  dist[0] = 0;
  let layer = [0];
  for (let d = 0; layer.length; d++) {
    const next: number[] = [];
    for (let k = 0; k < layer.length; k++) {
      const u = layer[k]!;
      if (dist[u] !== d) continue;
      for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
        const v = g.edgeTo[e]!;
        const turn = g.edgeChoice[e]! >= 0;
        const nd = turn ? d + 1 : d;
        if (dist[v] === -1 || nd < dist[v]!) {
          dist[v] = nd;
          parentEdge[v] = e;
          (turn ? next : layer).push(v);
        }
      }
    }
    layer = next;
  }
  return { dist, parentEdge, edgeFrom };
}

/** The play from the start to situation `end` along the fewest-turns tree. */
function pathTo(g: Graph, end: number, parentEdge: Int32Array, edgeFrom: Int32Array): PathStats {
  const edges: number[] = [];
  for (let s = end; parentEdge[s]! >= 0; s = edgeFrom[parentEdge[s]!]!) edges.push(parentEdge[s]!);
  edges.reverse();
  const nodeIds = [g.nodeIds[g.sNode[0]!]!];
  const steps: PathStep[] = [];
  for (const e of edges) {
    const from = g.nodes[g.sNode[edgeFrom[e]!]!]!;
    const k = g.edgeChoice[e]!;
    if (k >= 0 && from.type === "turn") {
      const choice = from.choices[k]!;
      steps.push({ nodeId: g.nodeIds[g.sNode[edgeFrom[e]!]!]!, choiceId: choice.id, kind: choice.kind });
    }
    nodeIds.push(g.nodeIds[g.sNode[g.edgeTo[e]!]!]!);
  }
  const ending = g.nodes[g.sNode[end]!]!;
  return {
    endingId: g.nodeIds[g.sNode[end]!]!,
    outcome: ending.type === "ending" ? ending.outcome : "disengaged",
    meters: { rapport: g.sRapport[end]!, mutuality: g.sMutuality[end]! },
    steps,
    choiceIds: steps.map((s) => s.choiceId),
    nodeIds,
  };
}

/**
 * Plays from the start to an ending in a situation graph without cycles, counted edge by edge
 * (two choices that lead to the same situation are two plays). Counted in doubles first, which
 * are exact while every count stays below 2^53, since a situation's count is never below any
 * partial sum that led to it; only larger scenarios pay for BigInt.
 */
function countPlays(g: Graph, postorder: Int32Array, isEnding: (s: number) => boolean): bigint {
  const n = g.sNode.length;
  if (n === 0) return 0n;
  const quick = new Float64Array(n);
  quick[0] = 1;
  let total = 0;
  for (let k = n - 1; k >= 0; k--) {
    const u = postorder[k]!;
    const c = quick[u]!;
    if (c === 0) continue;
    if (isEnding(u)) total += c;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) quick[g.edgeTo[e]!]! += c;
  }
  if (total <= Number.MAX_SAFE_INTEGER && quick.every((c) => c <= Number.MAX_SAFE_INTEGER)) return BigInt(total);

  const count = new Array<bigint>(n).fill(0n);
  count[0] = 1n;
  let exact = 0n;
  for (let k = n - 1; k >= 0; k--) {
    const u = postorder[k]!;
    const c = count[u]!;
    if (c === 0n) continue;
    if (isEnding(u)) exact += c;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) count[g.edgeTo[e]!]! += c;
  }
  return exact;
}

/** Computes a scenario's statistics from its situation graph; throws when it has more than `limit` situations. */
export function scenarioStats(scenario: Scenario, options: StatsOptions = {}): ScenarioStats {
  const g = buildGraph(scenario, options.limit ?? 2_000_000);
  const n = g.sNode.length;
  const endingNode = g.nodes.map((node) => node.type === "ending");
  const isEnding = (s: number) => endingNode[g.sNode[s]!]!;

  const { postorder, loopEntries } = depthFirst(g);
  const afterLoop = forwardClosure(g, loopEntries);
  const { dist, parentEdge, edgeFrom } = fewestTurns(g);

  // Most turns to each situation no loop can lead to. Edges among those are never back edges,
  // so reverse postorder is a topological order for them.
  const most = new Int32Array(n).fill(-1);
  if (n > 0 && !afterLoop[0]) most[0] = 0;
  for (let k = n - 1; k >= 0; k--) {
    const u = postorder[k]!;
    if (afterLoop[u] || most[u]! < 0) continue;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
      const v = g.edgeTo[e]!;
      if (afterLoop[v]) continue;
      const len = most[u]! + (g.edgeChoice[e]! >= 0 ? 1 : 0);
      if (len > most[v]!) most[v] = len;
    }
  }

  const paths: bigint | Unbounded = loopEntries.length ? "unbounded" : countPlays(g, postorder, isEnding);

  const canEnd = canReachEnding(g, isEnding);
  let trapCount = 0;
  let trapExample: Situation | undefined;
  for (let s = 0; s < n; s++) {
    if (canEnd[s]) continue;
    trapCount++;
    trapExample ??= {
      nodeId: g.nodeIds[g.sNode[s]!]!,
      rapport: g.sRapport[s]!,
      mutuality: g.sMutuality[s]!,
      flags: [...g.flagSets[g.sFlags[s]!]!],
    };
  }

  // Per ending node, and the best and worst ending situations.
  const endingAt: (EndingStats | undefined)[] = [];
  const endings: EndingStats[] = [];
  g.nodes.forEach((node, i) => {
    if (node.type !== "ending") return;
    const e: EndingStats = { nodeId: g.nodeIds[i]!, outcome: node.outcome, reachable: false };
    endingAt[i] = e;
    endings.push(e);
  });
  const reachedNodes = new Uint8Array(g.nodes.length);
  let best = -1;
  let worst = -1;
  let bestRank = -1;
  let worstRank = Infinity;
  for (let s = 0; s < n; s++) {
    reachedNodes[g.sNode[s]!] = 1;
    const e = endingAt[g.sNode[s]!];
    if (!e) continue;
    const r = g.sRapport[s]!;
    const m = g.sMutuality[s]!;
    const turns = dist[s]!;
    const longest: number | Unbounded = afterLoop[s] ? "unbounded" : most[s]!;
    if (!e.reachable || !e.rapport || !e.mutuality || e.fewestTurns === undefined || e.mostTurns === undefined) {
      e.reachable = true;
      e.fewestTurns = turns;
      e.mostTurns = longest;
      e.rapport = { low: r, high: r };
      e.mutuality = { low: m, high: m };
    } else {
      e.fewestTurns = Math.min(e.fewestTurns, turns);
      if (e.mostTurns !== "unbounded") e.mostTurns = longest === "unbounded" ? longest : Math.max(e.mostTurns, longest);
      e.rapport.low = Math.min(e.rapport.low, r);
      e.rapport.high = Math.max(e.rapport.high, r);
      e.mutuality.low = Math.min(e.mutuality.low, m);
      e.mutuality.high = Math.max(e.mutuality.high, m);
    }
    // Outcome first, then the meters together; ties go to the shorter play.
    const rank = OUTCOME_RANK[e.outcome] * 1000 + r + m;
    if (rank > bestRank || (rank === bestRank && turns < dist[best]!)) (bestRank = rank), (best = s);
    if (rank < worstRank || (rank === worstRank && turns < dist[worst]!)) (worstRank = rank), (worst = s);
  }

  const kinds = RESPONSE_KIND_IDS.map((kind): KindStats => ({ kind, onOffer: 0, inFile: 0 }));
  const kindAt = new Map(kinds.map((k) => [k.kind, k]));
  let choicesOnOffer = 0;
  g.nodes.forEach((node, i) => {
    if (node.type !== "turn") return;
    for (const c of node.choices) {
      const k = kindAt.get(c.kind)!;
      k.inFile++;
      if (reachedNodes[i]) {
        k.onOffer++;
        choicesOnOffer++;
      }
    }
  });

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
    ...(best >= 0 && { best: pathTo(g, best, parentEdge, edgeFrom) }),
    ...(worst >= 0 && { worst: pathTo(g, worst, parentEdge, edgeFrom) }),
    paths,
    traps: { count: trapCount, ...(trapExample && { example: trapExample }) },
    kinds,
    choicesOnOffer,
  };
}
