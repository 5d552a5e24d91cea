/** The forward fixpoint: every situation (meters and flags) some play reaches, per node. */
import type { Scenario } from "../types";
import { flowOf, type Flow } from "./flow";
import * as M from "./meter-set";
import type { SituationSets } from "./situation-sets";
import { regionInto, splitAmongEntries, splitScratch } from "./when-region";
import { Worklist } from "./worklist";

/** Every situation some play reaches, per node, with the flags still live there. */
export function reachableSituations(
  scenario: Scenario,
  flow: Flow = flowOf(scenario),
  arena = new M.SetArena(),
): SituationSets {
  const reach: SituationSets = new Map();
  // Which flag sets of a node gained situations since it was last processed. Bitset operations
  // cost the same however many pairs a set holds, so a node's whole set is processed again
  // rather than only its new pairs.
  const dirty = new Map<string, Set<string>>();
  const { order, ids, keyAfter } = flow;
  const work = new Worklist();
  const taken = M.emptySet();
  const moved = M.emptySet();
  const split = splitScratch();

  /** Adds the pairs of `set` (which the caller keeps) at node and key; queues the node when any are new. */
  const add = (node: string, key: string, set: M.MeterSet) => {
    let byKey = reach.get(node);
    if (!byKey) reach.set(node, (byKey = new Map()));
    const current = byKey.get(key);
    if (!current) {
      if (M.isEmpty(set)) return;
      byKey.set(key, arena.copy(set));
    } else if (!M.mergeInto(current, set)) return;
    let d = dirty.get(node);
    if (!d) dirty.set(node, (d = new Set()));
    d.add(key);
    const n = order.get(node);
    if (n !== undefined) work.push(n);
  };

  add(scenario.start, "", M.singleton(scenario.meters.rapport, scenario.meters.mutuality));
  for (let n = work.pop(); n !== undefined; n = work.pop()) {
    const nodeId = ids[n]!;
    const keys = dirty.get(nodeId);
    dirty.delete(nodeId);
    const node = scenario.nodes[nodeId];
    const byKey = reach.get(nodeId);
    if (!keys || !byKey || !node || node.type === "ending") continue;
    for (const key of keys) {
      const set = byKey.get(key)!;
      if (node.type === "turn") {
        for (const c of node.choices) {
          // Without a when, the whole set goes on: no copy to filter.
          if (c.when && !regionInto(taken, set, c.when, key)) continue;
          add(c.next, keyAfter(c.next, key, c.set), M.shiftInto(moved, c.when ? taken : set, c.rapport, c.mutuality));
        }
      } else {
        splitAmongEntries(node.branch, set, key, split, (i, part, any) => {
          const next = node.branch[i]!.next;
          if (any) add(next, keyAfter(next, key, []), part);
        });
      }
    }
  }
  return reach;
}
