/**
 * The checker's analysis: exact over what can really happen. It computes, for every node, the
 * set of situations (meters and flags) that some play reaches there, as bitsets per flag set,
 * by a fixpoint over the node graph; no path is ever enumerated, so cycles and huge numbers of
 * paths cost nothing extra. Findings carry data paths; `checkScenario` turns them into positions.
 */
import { RESPONSE_KINDS } from "./kinds";
import * as M from "./meter-set";
import type { PathSegment } from "./problem";
import { stronglyConnected } from "./strongly-connected";
import type { Condition, Scenario, ScenarioNode } from "./types";

export interface Finding {
  rule: string;
  severity: "error" | "warning";
  message: string;
  path: PathSegment[];
  /** Point at the key rather than its value (used for whole nodes). */
  atKey?: boolean;
}

/** Situations per node: flag set (sorted, comma-joined) → meter pairs. */
export type SituationSets = Map<string, Map<string, M.MeterSet>>;

const flagsOf = (key: string): string[] => (key === "" ? [] : key.split(","));
const keyOf = (flags: Iterable<string>): string => [...new Set(flags)].sort().join(",");

function flagsHold(when: Condition | undefined, flags: readonly string[]): boolean {
  if (!when) return true;
  if (when.flags && !when.flags.every((f) => flags.includes(f))) return false;
  if (when.unset && when.unset.some((f) => flags.includes(f))) return false;
  return true;
}

/** Writes into out the pairs of `set` where `when` holds, given the flags of `key`; returns whether any. */
function regionInto(out: M.MeterSet, set: M.MeterSet, when: Condition | undefined, key: string): boolean {
  if (when && !flagsHold(when, flagsOf(key))) {
    out.fill(0);
    return false;
  }
  return M.filterInto(out, set, when?.rapport, when?.mutuality);
}

/** Successor node ids of a node, in order. */
function nextsOf(node: ScenarioNode): string[] {
  return node.type === "turn" ? node.choices.map((c) => c.next) : node.type === "branch" ? node.branch.map((b) => b.next) : [];
}

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
      w?.flags?.forEach((f) => own.push(flagIndex(f)));
      w?.unset?.forEach((f) => own.push(flagIndex(f)));
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

/**
 * Nodes numbered so that every node comes after the nodes that lead to it, except along the back
 * edges of cycles (a depth-first reverse postorder). Processing pending work lowest number first
 * lets new situations flow down a whole scenario in one sweep instead of one node at a time.
 */
function flowOrder(scenario: Scenario): Map<string, number> {
  const order: string[] = [];
  const seen = new Set<string>([scenario.start]);
  const frame = (id: string) => {
    const node = scenario.nodes[id];
    return { id, nexts: node ? nextsOf(node) : [], i: 0 };
  };
  const stack = [frame(scenario.start)];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.nexts.length) {
      const n = top.nexts[top.i++]!;
      if (!seen.has(n) && Object.hasOwn(scenario.nodes, n)) {
        seen.add(n);
        stack.push(frame(n));
      }
    } else {
      order.push(top.id);
      stack.pop();
    }
  }
  order.reverse();
  return new Map(order.map((id, i) => [id, i]));
}

/** A worklist that hands out the pending node with the lowest number first. */
class Worklist {
  private heap: number[] = [];
  private inHeap = new Set<number>();
  push(n: number) {
    if (this.inHeap.has(n)) return;
    this.inHeap.add(n);
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]! <= n) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = n;
  }
  pop(): number | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r]! < h[l]! ? r : l;
        if (h[c]! >= last) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    this.inHeap.delete(top);
    return top;
  }
}

/** What both fixpoints need: the processing order and the flag set key a step leads to. */
interface Flow {
  order: Map<string, number>;
  ids: string[];
  /** The key at `next` after a step from `key` that sets `set` (only flags still live there). */
  keyAfter: (next: string, key: string, set: readonly string[]) => string;
}

function flowOf(scenario: Scenario): Flow {
  const order = flowOrder(scenario);
  const isLive = liveFlags(scenario, order);
  // Per step (next node and flags set) a small map from key to key: the same few keys recur.
  const cache = new Map<string, Map<string, string>>();
  return {
    order,
    ids: [...order.keys()],
    keyAfter: (next, key, set) => {
      const step = set.length ? `${next}|${set.join(",")}` : next;
      let byKey = cache.get(step);
      if (!byKey) cache.set(step, (byKey = new Map()));
      let out = byKey.get(key);
      if (out === undefined) {
        out = keyOf([...flagsOf(key), ...set].filter((f) => isLive(next, f)));
        byKey.set(key, out);
      }
      return out;
    },
  };
}

/** Forward fixpoint: every situation some play reaches, per node. */
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
  const rest = M.emptySet();

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
        rest.set(set);
        for (const b of node.branch) {
          if (regionInto(taken, rest, b.when, key)) add(b.next, keyAfter(b.next, key, []), taken);
          if (!M.andNotInto(rest, taken)) break;
        }
      }
    }
  }
  return reach;
}

/**
 * Nodes where every situation can surely end, seen from the graph alone: endings, turns with a
 * choice that needs nothing (no when) leading to such a node, branches whose every entry does.
 * Settled back from the endings, each step between nodes looked at once: a branch keeps a count
 * of its entries that do not yet lead to a settled node.
 */
function surelyEnding(scenario: Scenario): Set<string> {
  const sure = new Set<string>();
  // The steps that can settle a node, by where they lead: one per unguarded choice or branch entry.
  const settles = new Map<string, string[]>();
  const unsettled = new Map<string, number>();
  const queue: string[] = [];
  const step = (from: string, to: string) => {
    let into = settles.get(to);
    if (!into) settles.set(to, (into = []));
    into.push(from);
  };
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.type === "ending") {
      sure.add(id);
      queue.push(id);
    } else if (node.type === "turn") {
      for (const c of node.choices) if (!c.when) step(id, c.next);
    } else {
      unsettled.set(id, node.branch.length);
      for (const b of node.branch) step(id, b.next);
    }
  }
  while (queue.length) {
    for (const from of settles.get(queue.pop()!) ?? []) {
      if (sure.has(from)) continue;
      const left = unsettled.get(from);
      if (left !== undefined) {
        unsettled.set(from, left - 1);
        if (left > 1) continue;
      }
      sure.add(from);
      queue.push(from);
    }
  }
  return sure;
}

/** Backward fixpoint: of the reached situations, those from which some ending can still be reached. */
export function endingReachable(
  scenario: Scenario,
  reach: SituationSets,
  flow: Flow = flowOf(scenario),
  arena = new M.SetArena(),
): SituationSets {
  const can: SituationSets = new Map();
  const { order, ids, keyAfter } = flow;
  const preds = new Map<string, Set<string>>();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    for (const n of nextsOf(node)) {
      let p = preds.get(n);
      if (!p) preds.set(n, (p = new Set()));
      p.add(id);
    }
  }
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
  const rest = M.emptySet();
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
        rest.set(reached);
        for (const b of node.branch) {
          const any = regionInto(taken, rest, b.when, key);
          const target = get(b.next, keyAfter(b.next, key, []));
          if (any && target) {
            back.set(taken);
            M.orInto(acc, M.andInto(back, target));
          }
          if (!M.andNotInto(rest, taken)) break;
        }
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

/** A situation in words: "rapport 20, mutuality 35 and no flags". */
function describeSituation(pair: { rapport: number; mutuality: number } | null, key: string): string {
  const flags = flagsOf(key);
  const f = flags.length ? `flags ${flags.join(", ")}` : "no flags";
  return pair ? `rapport ${pair.rapport}, mutuality ${pair.mutuality} and ${f}` : f;
}

function describeWhen(when: Condition): string {
  const parts: string[] = [];
  if (when.rapport) parts.push(`rapport ${when.rapport.op} ${when.rapport.value}`);
  if (when.mutuality) parts.push(`mutuality ${when.mutuality.op} ${when.mutuality.value}`);
  if (when.flags) parts.push(`flags ${when.flags.join(", ")}`);
  if (when.unset) parts.push(`unset ${when.unset.join(", ")}`);
  return parts.join(" and ");
}

/** Meter ranges over all flag sets of a node, for messages. */
function rangesAt(byKey: Map<string, M.MeterSet>): string {
  let all = M.emptySet();
  for (const s of byKey.values()) all = M.or(all, s);
  const b = M.bounds(all);
  return b ? `rapport ${b.rapport[0]}–${b.rapport[1]} and mutuality ${b.mutuality[0]}–${b.mutuality[1]}` : "nothing";
}

/** Everything the checker finds in a valid scenario, beyond what parsing reports. */
export function analyzeScenario(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  const flow = flowOf(scenario);
  const arena = new M.SetArena();
  const reach = reachableSituations(scenario, flow, arena);
  const can = endingReachable(scenario, reach, flow, arena);

  const setAt = new Map<string, PathSegment[]>();
  const testedAt = new Map<string, PathSegment[]>();
  const noteTested = (when: Condition | undefined, path: PathSegment[]) => {
    when?.flags?.forEach((f, i) => testedAt.has(f) || testedAt.set(f, [...path, "flags", i]));
    when?.unset?.forEach((f, i) => testedAt.has(f) || testedAt.set(f, [...path, "unset", i]));
  };

  // Scratch sets, reused for every node: allocating sets is what costs most.
  const offered = M.emptySet();
  const helpful = M.emptySet();
  const r = M.emptySet();
  const tmp = M.emptySet();
  const rest = M.emptySet();

  let connected = false;
  for (const [id, node] of Object.entries(scenario.nodes)) {
    const at: PathSegment[] = ["nodes", id];
    const byKey = reach.get(id);

    if (node.type === "turn") {
      node.choices.forEach((c, i) => {
        c.set.forEach((f, j) => setAt.has(f) || setAt.set(f, [...at, "choices", i, "set", j]));
        noteTested(c.when, [...at, "choices", i, "when"]);
        if (c.feedback === undefined) {
          out.push({
            rule: "no-feedback",
            severity: "warning",
            message: `node "${id}": choice ${i + 1} ("${c.id}") has no feedback, so the trainee only sees its kind's general explanation`,
            path: [...at, "choices", i],
          });
        }
      });
      const kinds = new Set(node.choices.map((c) => c.kind));
      if (node.choices.length > 1 && kinds.size === 1) {
        out.push({
          rule: "one-kind",
          severity: "warning",
          message: `node "${id}": every choice is ${node.choices[0]!.kind}, so the turn practises no real decision`,
          path: [...at, "choices"],
          atKey: true,
        });
      }
    } else if (node.type === "branch") {
      node.branch.forEach((b, i) => noteTested(b.when, [...at, "branch", i, "when"]));
    } else if (node.outcome === "connected" && byKey) connected = true;

    if (!byKey) {
      out.push({ rule: "unreachable", severity: "error", message: `node "${id}" is never reached: no play leads here`, path: at, atKey: true });
      continue;
    }

    if (node.type === "turn") {
      let deadExample: { key: string; set: M.MeterSet } | undefined;
      let unhelpfulExample: { key: string; set: M.MeterSet } | undefined;
      const holds = node.choices.map(() => false);
      const fails = node.choices.map(() => false);
      const guarded = node.choices.some((c) => c.when);
      const anyHelpful = node.choices.some((c) => RESPONSE_KINDS[c.kind].effect === "helpful");
      for (const [key, set] of byKey) {
        // With no when, every choice is on offer in every situation: nothing to compute.
        if (!guarded) {
          holds.fill(true);
          if (!anyHelpful && !unhelpfulExample) unhelpfulExample = { key, set };
          continue;
        }
        offered.fill(0);
        helpful.fill(0);
        node.choices.forEach((c, i) => {
          if (!c.when) {
            holds[i] = true;
            M.orInto(offered, set);
            if (RESPONSE_KINDS[c.kind].effect === "helpful") M.orInto(helpful, set);
            return;
          }
          if (regionInto(r, set, c.when, key)) holds[i] = true;
          if (!fails[i]) {
            tmp.set(set);
            if (M.andNotInto(tmp, r)) fails[i] = true;
          }
          M.orInto(offered, r);
          if (RESPONSE_KINDS[c.kind].effect === "helpful") M.orInto(helpful, r);
        });
        tmp.set(set);
        if (!deadExample && M.andNotInto(tmp, offered)) deadExample = { key, set: tmp.slice() };
        tmp.set(offered);
        if (!unhelpfulExample && M.andNotInto(tmp, helpful)) unhelpfulExample = { key, set: tmp.slice() };
      }
      if (deadExample) {
        out.push({
          rule: "choices-all-hidden",
          severity: "error",
          message: `node "${id}": every choice is hidden by its when for some plays, such as with ${describeSituation(M.firstPair(deadExample.set), deadExample.key)}; the conversation would be stuck`,
          path: [...at, "choices"],
          atKey: true,
        });
      }
      if (unhelpfulExample) {
        const none = node.choices.every((c) => RESPONSE_KINDS[c.kind].effect !== "helpful");
        out.push({
          rule: "no-helpful-kind",
          severity: "warning",
          message: none
            ? `node "${id}": no choice is of a helpful kind, so the trainee cannot respond well here`
            : `node "${id}": no helpful choice is on offer for some plays, such as with ${describeSituation(M.firstPair(unhelpfulExample.set), unhelpfulExample.key)}`,
          path: [...at, "choices"],
          atKey: true,
        });
      }
      node.choices.forEach((c, i) => {
        if (!c.when) return;
        if (!holds[i]) {
          out.push({
            rule: "when-never",
            severity: "warning",
            message: `node "${id}": choice ${i + 1} ("${c.id}") is never offered: ${describeWhen(c.when)} cannot hold here, where plays reach ${rangesAt(byKey)}`,
            path: [...at, "choices", i, "when"],
          });
        } else if (!fails[i]) {
          out.push({
            rule: "when-always",
            severity: "warning",
            message: `node "${id}": choice ${i + 1} ("${c.id}") has a when that always holds here (${describeWhen(c.when)}); it can go`,
            path: [...at, "choices", i, "when"],
          });
        }
      });
    } else if (node.type === "branch") {
      const taken = node.branch.map(() => false);
      const all = node.branch.map(() => true);
      const restLeft = node.branch.map(() => false);
      for (const [key, set] of byKey) {
        rest.set(set);
        let left = true;
        node.branch.forEach((b, i) => {
          if (!left) return;
          restLeft[i] = true;
          if (regionInto(r, rest, b.when, key)) taken[i] = true;
          left = M.andNotInto(rest, r);
          if (left) all[i] = false;
        });
      }
      node.branch.forEach((b, i) => {
        if (!taken[i]) {
          out.push({
            rule: "when-never",
            severity: "warning",
            message: b.when
              ? `node "${id}": branch entry ${i + 1} is never taken: ${describeWhen(b.when)} cannot hold here (or an earlier entry always takes it), where plays reach ${rangesAt(byKey)}`
              : `node "${id}": the fallback entry is never taken: an earlier entry always holds`,
            path: b.when ? [...at, "branch", i, "when"] : [...at, "branch", i],
          });
        } else if (b.when && all[i] && restLeft[i] && i < node.branch.length - 1) {
          out.push({
            rule: "when-always",
            severity: "warning",
            message: `node "${id}": branch entry ${i + 1} always holds here (${describeWhen(b.when)}), so the entries after it are never taken`,
            path: [...at, "branch", i, "when"],
          });
        }
      });
    }

    if (node.type !== "ending") {
      const canHere = can.get(id);
      for (const [key, set] of byKey) {
        const ends = canHere?.get(key);
        // Where every situation surely ends, the backward pass shares the reached set itself.
        if (ends === set) continue;
        const stuck = tmp;
        stuck.set(set);
        if (ends) M.andNotInto(stuck, ends);
        // Situations with no choice at all are reported as choices-all-hidden already.
        if (node.type === "turn" && node.choices.some((c) => c.when)) {
          offered.fill(0);
          for (const c of node.choices) {
            regionInto(r, set, c.when, key);
            M.orInto(offered, r);
          }
          M.andInto(stuck, offered);
        }
        if (!M.isEmpty(stuck)) {
          out.push({
            rule: "trap",
            severity: "error",
            message: `node "${id}": no ending can be reached from here for some plays, such as with ${describeSituation(M.firstPair(stuck), key)}; the conversation could never finish`,
            path: at,
            atKey: true,
          });
          break;
        }
      }
    }
  }

  for (const [flag, path] of testedAt) {
    if (!setAt.has(flag)) {
      out.push({ rule: "flag-never-set", severity: "warning", message: `flag "${flag}" is tested but no choice sets it`, path });
    }
  }
  for (const [flag, path] of setAt) {
    if (!testedAt.has(flag)) {
      out.push({ rule: "flag-never-tested", severity: "warning", message: `flag "${flag}" is set but never tested, so it changes nothing`, path });
    }
  }
  if (!connected) {
    out.push({
      rule: "no-connected-ending",
      severity: "warning",
      message: "no reachable ending has the outcome connected, so no play can end well",
      path: ["nodes"],
      atKey: true,
    });
  }
  return out;
}
