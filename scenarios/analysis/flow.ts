/** What both fixpoints share: the order nodes are processed in and the flag set a step leads to. */
import { flagsAfter } from "../step";
import type { Scenario } from "../types";
import { liveFlags } from "./live-flags";
import { flowOrder } from "./node-graph";
import { flagsOfKey, keyOfFlags } from "./situation-sets";

export interface Flow {
  order: Map<string, number>;
  /** Node ids by their number in `order`. */
  ids: string[];
  /** The key at `next` after a step from `key` that sets `set` (only flags still live there). */
  keyAfter: (next: string, key: string, set: readonly string[]) => string;
}

/** The flow of a scenario: its processing order and, cached, the flag set key after each step. */
export function flowOf(scenario: Scenario): Flow {
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
        out = keyOfFlags(flagsAfter(flagsOfKey(key), set).filter((f) => isLive(next, f)));
        byKey.set(key, out);
      }
      return out;
    },
  };
}
