/** The backward fixpoint: of the reached situations, those from which some ending can be reached. */
import type { Scenario } from "../types";
import { flowOf, type Flow } from "./flow";
import * as M from "./meter-set";
import { predecessorsOf } from "./node-graph";
import type { SituationSets } from "./situation-sets";
import { surelyEnding } from "./surely-ending";
import { regionInto, splitAmongEntries, splitScratch } from "./when-region";
import { Worklist } from "./worklist";

/** Of the situations in `reach`, per node, those from which some ending can still be reached. */
export function endingReachable(
  scenario: Scenario,
  reach: SituationSets,
  flow: Flow = flowOf(scenario),
  arena = new M.SetArena(),
): SituationSets {
  const can: SituationSets = new Map();
  const { order, ids, keyAfter } = flow;
  const preds = predecessorsOf(scenario);
  const get = (node: string, key: string) => can.get(node)?.get(key);
  // Backwards, the highest number first: negate the numbers for the min-first worklist.
  const work = new Worklist();
  const push = (id: string) => {
    const n = order.get(id);
    if (n !== undefined && reach.has(id)) work.push(ids.length - 1 - n);
  };
  // Their situations need no bitset work: all of them can end. In written scenarios that is most
  // nodes, so the fixpoint below only has to work through the parts with conditions and loops.
  const sure = surelyEnding(scenario);
  for (const [id, byKey] of reach) {
    if (!sure.has(id)) continue;
    can.set(id, new Map(byKey));
    for (const p of preds.get(id) ?? []) if (!sure.has(p)) push(p);
  }
  const acc = M.emptySet();
  const back = M.emptySet();
  const taken = M.emptySet();
  const split = splitScratch();
  for (let w = work.pop(); w !== undefined; w = work.pop()) {
    const id = ids[ids.length - 1 - w]!;
    const node = scenario.nodes[id];
    const byKey = reach.get(id);
    if (!node || !byKey || node.type === "ending" || sure.has(id)) continue;
    let grew = false;
    for (const [key, reached] of byKey) {
      acc.fill(0);
      if (node.type === "turn") {
        for (const c of node.choices) {
          const target = get(c.next, keyAfter(c.next, key, c.set));
          if (!target) continue;
          M.preShiftInto(back, target, c.rapport, c.mutuality);
          if (!c.when) M.orInto(acc, back);
          else if (regionInto(taken, back, c.when, key)) M.orInto(acc, taken);
        }
      } else {
        splitAmongEntries(node.branch, reached, key, split, (i, part, any) => {
          const next = node.branch[i]!.next;
          const target = get(next, keyAfter(next, key, []));
          if (any && target) {
            back.set(part);
            M.orInto(acc, M.andInto(back, target));
          }
        });
      }
      M.andInto(acc, reached);
      let mine = can.get(id);
      if (!mine) can.set(id, (mine = new Map()));
      const current = mine.get(key);
      if (!current) {
        if (!M.isEmpty(acc)) {
          mine.set(key, arena.copy(acc));
          grew = true;
        }
      } else if (M.mergeInto(current, acc)) grew = true;
    }
    if (grew) for (const p of preds.get(id) ?? []) if (!sure.has(p)) push(p);
  }
  return can;
}
