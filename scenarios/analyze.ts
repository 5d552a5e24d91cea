/**
 * The checker's analysis: exact over what can really happen. It computes, for every node, the
 * set of situations (meters and flags) that some play reaches there, as bitsets per flag set,
 * by a fixpoint over the node graph; no path is ever enumerated, so cycles and huge numbers of
 * paths cost nothing extra. Findings carry data paths; `checkScenario` turns them into positions.
 */
import { RESPONSE_KINDS } from "./kinds";
import * as M from "./meter-set";
import type { PathSegment } from "./problem";
import type { Condition, Scenario } from "./types";

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

/** The pairs of `set` where `when` holds, given the flags of `key`. */
function region(set: M.MeterSet, when: Condition | undefined, key: string): M.MeterSet {
  if (!when) return set;
  if (!flagsHold(when, flagsOf(key))) return M.emptySet();
  if (!when.rapport && !when.mutuality) return set;
  return M.filter(set, when.rapport, when.mutuality);
}

/** Forward fixpoint: every situation some play reaches, per node. */
export function reachableSituations(scenario: Scenario): SituationSets {
  const reach: SituationSets = new Map();
  const pending: SituationSets = new Map();
  const queue: string[] = [];
  const queued = new Set<string>();

  const add = (node: string, key: string, set: M.MeterSet) => {
    if (M.isEmpty(set)) return;
    let byKey = reach.get(node);
    if (!byKey) reach.set(node, (byKey = new Map()));
    const current = byKey.get(key);
    let fresh: M.MeterSet | null;
    if (!current) {
      byKey.set(key, set.slice());
      fresh = set;
    } else fresh = M.mergeInto(current, set);
    if (!fresh) return;
    let p = pending.get(node);
    if (!p) pending.set(node, (p = new Map()));
    const waiting = p.get(key);
    if (waiting) M.mergeInto(waiting, fresh);
    else p.set(key, fresh.slice());
    if (!queued.has(node)) {
      queued.add(node);
      queue.push(node);
    }
  };

  add(scenario.start, "", M.singleton(scenario.meters.rapport, scenario.meters.mutuality));
  for (let head = 0; head < queue.length; head++) {
    const nodeId = queue[head]!;
    queued.delete(nodeId);
    const work = pending.get(nodeId);
    pending.delete(nodeId);
    const node = scenario.nodes[nodeId];
    if (!work || !node || node.type === "ending") continue;
    for (const [key, set] of work) {
      if (node.type === "turn") {
        for (const c of node.choices) {
          const taken = region(set, c.when, key);
          if (M.isEmpty(taken)) continue;
          const nextKey = c.set.length ? keyOf([...flagsOf(key), ...c.set]) : key;
          add(c.next, nextKey, M.shift(taken, c.rapport, c.mutuality));
        }
      } else {
        let rest = set;
        for (const b of node.branch) {
          const taken = region(rest, b.when, key);
          add(b.next, key, taken);
          rest = M.andNot(rest, taken);
          if (M.isEmpty(rest)) break;
        }
      }
    }
    // Keep the queue array from growing without bound on long-running cyclic scenarios.
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head + 1);
      head = -1;
    }
  }
  return reach;
}

/** Backward fixpoint: of the reached situations, those from which some ending can still be reached. */
export function endingReachable(scenario: Scenario, reach: SituationSets): SituationSets {
  const can: SituationSets = new Map();
  const preds = new Map<string, Set<string>>();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    const nexts = node.type === "turn" ? node.choices.map((c) => c.next) : node.type === "branch" ? node.branch.map((b) => b.next) : [];
    for (const n of nexts) {
      let p = preds.get(n);
      if (!p) preds.set(n, (p = new Set()));
      p.add(id);
    }
  }
  const get = (node: string, key: string) => can.get(node)?.get(key);
  const queue: string[] = [];
  const queued = new Set<string>();
  const push = (n: string) => {
    if (!queued.has(n) && reach.has(n)) {
      queued.add(n);
      queue.push(n);
    }
  };
  for (const [id, byKey] of reach) {
    const node = scenario.nodes[id];
    if (node?.type === "ending") {
      can.set(id, new Map([...byKey].map(([k, s]) => [k, s.slice()])));
      for (const p of preds.get(id) ?? []) push(p);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    queued.delete(id);
    const node = scenario.nodes[id];
    const byKey = reach.get(id);
    if (!node || !byKey || node.type === "ending") continue;
    let grew = false;
    for (const [key, reached] of byKey) {
      let acc = M.emptySet();
      if (node.type === "turn") {
        for (const c of node.choices) {
          const nextKey = c.set.length ? keyOf([...flagsOf(key), ...c.set]) : key;
          const target = get(c.next, nextKey);
          if (!target) continue;
          acc = M.or(acc, region(M.preShift(target, c.rapport, c.mutuality), c.when, key));
        }
      } else {
        let rest = reached;
        for (const b of node.branch) {
          const taken = region(rest, b.when, key);
          const target = get(b.next, key);
          if (target) acc = M.or(acc, M.and(taken, target));
          rest = M.andNot(rest, taken);
        }
      }
      acc = M.and(acc, reached);
      let mine = can.get(id);
      if (!mine) can.set(id, (mine = new Map()));
      const current = mine.get(key);
      if (!current) {
        if (!M.isEmpty(acc)) {
          mine.set(key, acc);
          grew = true;
        }
      } else if (M.mergeInto(current, acc)) grew = true;
    }
    if (grew) for (const p of preds.get(id) ?? []) push(p);
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head + 1);
      head = -1;
    }
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
  const reach = reachableSituations(scenario);
  const can = endingReachable(scenario, reach);

  const setAt = new Map<string, PathSegment[]>();
  const testedAt = new Map<string, PathSegment[]>();
  const noteTested = (when: Condition | undefined, path: PathSegment[]) => {
    when?.flags?.forEach((f, i) => testedAt.has(f) || testedAt.set(f, [...path, "flags", i]));
    when?.unset?.forEach((f, i) => testedAt.has(f) || testedAt.set(f, [...path, "unset", i]));
  };

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
      for (const [key, set] of byKey) {
        let offered = M.emptySet();
        let helpful = M.emptySet();
        node.choices.forEach((c, i) => {
          const r = region(set, c.when, key);
          if (!M.isEmpty(r)) holds[i] = true;
          if (!M.isEmpty(M.andNot(set, r))) fails[i] = true;
          offered = M.or(offered, r);
          if (RESPONSE_KINDS[c.kind].effect === "helpful") helpful = M.or(helpful, r);
        });
        const dead = M.andNot(set, offered);
        if (!deadExample && !M.isEmpty(dead)) deadExample = { key, set: dead };
        const unhelpful = M.andNot(offered, helpful);
        if (!unhelpfulExample && !M.isEmpty(unhelpful)) unhelpfulExample = { key, set: unhelpful };
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
        let rest = set;
        node.branch.forEach((b, i) => {
          if (M.isEmpty(rest)) return;
          restLeft[i] = true;
          const r = region(rest, b.when, key);
          if (!M.isEmpty(r)) taken[i] = true;
          if (!M.isEmpty(M.andNot(rest, r))) all[i] = false;
          rest = M.andNot(rest, r);
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
        let stuck = M.andNot(set, canHere?.get(key) ?? M.emptySet());
        // Situations with no choice at all are reported as choices-all-hidden already.
        if (node.type === "turn") {
          let offered = M.emptySet();
          for (const c of node.choices) offered = M.or(offered, region(set, c.when, key));
          stuck = M.and(stuck, offered);
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
