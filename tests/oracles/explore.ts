/**
 * Test oracle: explores every situation a scenario can really be in (a node together with the
 * meters and flags that reach it), one situation at a time, stepping as scenarios/step.ts
 * defines. Simple rather than fast: the analysis and the stats are checked against it.
 */
import { applyChoice, branchTaken, conditionHolds } from "../../scenarios/step";
import type { Situation } from "../../scenarios/stats";
import type { Outcome, Scenario } from "../../scenarios/types";

export type { Situation };

export interface Exploration {
  /** Node ids some play reaches. */
  reachableNodes: Set<string>;
  /** Outcomes some play ends with. */
  reachableOutcomes: Set<Outcome>;
  /** Turn nodes where, in some reachable situation, every choice is hidden by `when`. */
  deadEnds: Map<string, Situation>;
  /** Most turns on any play, or "unbounded" when plays can loop forever. */
  longestTurns: number | "unbounded";
  /** Fewest turns to any ending (undefined if none is reachable). */
  shortestTurns: number | undefined;
  /** Situations from which no ending can be reached. */
  traps: Situation[];
  /** Number of distinct situations visited. */
  situations: number;
}

const keyOf = (s: Situation) => `${s.nodeId}|${s.rapport}|${s.mutuality}|${s.flags.join(",")}`;

/** The situations one step after `s`, each with whether a turn was taken. */
export function successors(scenario: Scenario, s: Situation): { next: Situation; turn: boolean }[] {
  const node = scenario.nodes[s.nodeId];
  if (!node || node.type === "ending") return [];
  if (node.type === "branch") {
    const entry = node.branch[branchTaken(node.branch, s)];
    return entry ? [{ next: { ...s, nodeId: entry.next }, turn: false }] : [];
  }
  return node.choices
    .filter((c) => conditionHolds(c.when, s))
    .map((c) => {
      const after = applyChoice(s, c);
      // Only which flags are set matters to a `when`: sorted, equal sets are one situation.
      return { next: { nodeId: c.next, ...after, flags: after.flags.sort() }, turn: true };
    });
}

/** Every situation some play reaches, and what follows from them; throws past `limit` situations. */
export function explore(scenario: Scenario, limit = 2_000_000): Exploration {
  const start: Situation = { nodeId: scenario.start, ...scenario.meters, flags: [] };
  const index = new Map<string, number>();
  const all: Situation[] = [];
  const edges: { to: number; turn: boolean }[][] = [];
  const add = (s: Situation): number => {
    const k = keyOf(s);
    let i = index.get(k);
    if (i === undefined) {
      i = all.length;
      index.set(k, i);
      all.push(s);
      edges.push([]);
    }
    return i;
  };
  add(start);
  for (let i = 0; i < all.length; i++) {
    if (all.length > limit) throw new Error(`[scenarios] "${scenario.id}": more than ${limit} situations to explore`);
    const s = all[i]!;
    for (const { next, turn } of successors(scenario, s)) edges[i]!.push({ to: add(next), turn });
  }

  const reachableNodes = new Set<string>();
  const reachableOutcomes = new Set<Outcome>();
  const deadEnds = new Map<string, Situation>();
  const isEnd = (i: number) => scenario.nodes[all[i]!.nodeId]?.type === "ending";
  all.forEach((s, i) => {
    reachableNodes.add(s.nodeId);
    const node = scenario.nodes[s.nodeId];
    if (node?.type === "ending") reachableOutcomes.add(node.outcome);
    if (node?.type === "turn" && edges[i]!.length === 0 && !deadEnds.has(s.nodeId)) deadEnds.set(s.nodeId, s);
  });

  // Which situations can still reach an ending: backwards from the endings.
  const reverse: number[][] = all.map(() => []);
  edges.forEach((out, i) => out.forEach((e) => reverse[e.to]!.push(i)));
  const canEnd = new Uint8Array(all.length);
  const queue: number[] = [];
  all.forEach((_, i) => {
    if (isEnd(i)) {
      canEnd[i] = 1;
      queue.push(i);
    }
  });
  while (queue.length) {
    const i = queue.pop()!;
    for (const p of reverse[i]!) if (!canEnd[p]) (canEnd[p] = 1), queue.push(p);
  }
  const traps = all.filter((_, i) => !canEnd[i]);

  // Longest and shortest turn counts over the situation graph (a DAG unless plays can loop).
  const longest = new Int32Array(all.length).fill(-1);
  const shortest = new Float64Array(all.length).fill(Infinity);
  const state = new Uint8Array(all.length); // 0 new, 1 on stack, 2 done
  let unbounded = false;
  const stack: { i: number; e: number }[] = [{ i: 0, e: 0 }];
  state[0] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const out = edges[top.i]!;
    if (top.e < out.length) {
      const to = out[top.e++]!.to;
      if (state[to] === 1) unbounded = true;
      else if (state[to] === 0) {
        state[to] = 1;
        stack.push({ i: to, e: 0 });
      }
      continue;
    }
    stack.pop();
    state[top.i] = 2;
    let best = isEnd(top.i) ? 0 : -1;
    let least = isEnd(top.i) ? 0 : Infinity;
    for (const { to, turn } of out) {
      if (state[to] !== 2) continue;
      if (longest[to]! >= 0) best = Math.max(best, longest[to]! + (turn ? 1 : 0));
      least = Math.min(least, shortest[to]! + (turn ? 1 : 0));
    }
    longest[top.i] = best;
    shortest[top.i] = least;
  }

  return {
    reachableNodes,
    reachableOutcomes,
    deadEnds,
    longestTurns: unbounded ? "unbounded" : Math.max(0, longest[0]!),
    shortestTurns: Number.isFinite(shortest[0]) ? shortest[0] : undefined,
    traps,
    situations: all.length,
  };
}
