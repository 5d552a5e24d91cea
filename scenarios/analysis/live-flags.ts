/** Which flags still matter at each node of a scenario. */
import { flagsTested } from "../step";
import type { Condition, Scenario } from "../types";
import { flowOrder, nextsOf } from "./node-graph";
import { stronglyConnected } from "./strongly-connected";

/**
 * The flags that still matter at each node: those some `when` tests here or further on. Other
 * flags cannot change anything a play meets any more, so situations that differ only in them are
 * one situation for the analysis; this keeps the number of flag sets small in long scenarios.
 * Kept as one bitset of flags per strongly connected part of the graph (every node of a cycle
 * sees the same flags further on), filled from the parts further on back to the start.
 */
export function liveFlags(scenario: Scenario, order: Map<string, number> = flowOrder(scenario)): (node: string, flag: string) => boolean {
  const index = new Map<string, number>();
  const flagIndex = (f: string) => {
    let i = index.get(f);
    if (i === undefined) index.set(f, (i = index.size));
    return i;
  };
  // Nodes no path from the start reaches keep no flags: only the numbered nodes take part.
  const ids = [...order.keys()];
  const tested: number[][] = [];
  const nexts: number[][] = [];
  for (const id of ids) {
    const node = scenario.nodes[id];
    const own: number[] = [];
    const note = (w: Condition | undefined) => {
      for (const t of flagsTested(w)) own.push(flagIndex(t.flag));
    };
    if (node?.type === "turn") node.choices.forEach((c) => note(c.when));
    if (node?.type === "branch") node.branch.forEach((b) => note(b.when));
    tested.push(own);
    nexts.push(node ? nextsOf(node).flatMap((n) => order.get(n) ?? []) : []);
  }
  const words = Math.max(1, Math.ceil(index.size / 32));
  const live: Int32Array[] = [];
  for (const part of stronglyConnected(ids.length, (v) => nexts[v]!)) {
    const bits = new Int32Array(words);
    for (const v of part) {
      for (const f of tested[v]!) bits[f >>> 5]! |= 1 << (f & 31);
      for (const n of nexts[v]!) {
        const theirs = live[n];
        if (theirs) for (let w = 0; w < words; w++) bits[w]! |= theirs[w]!;
      }
    }
    for (const v of part) live[v] = bits;
  }
  return (node, flag) => {
    const f = index.get(flag);
    const n = order.get(node);
    const bits = n === undefined ? undefined : live[n];
    return f !== undefined && bits !== undefined && ((bits[f >>> 5]! >>> (f & 31)) & 1) === 1;
  };
}
