/** The `trap` rule: a reachable part from which no ending can be reached. */
import type { ScenarioNode } from "../../types";
import { describeSituation } from "../describe";
import type { Finding } from "../finding";
import * as M from "../meter-set";
import { regionInto } from "../when-region";
import type { Scratch } from "./scratch";

/**
 * The trap at node `id`, if some situation reached there (`byKey`) cannot go on to an ending
 * (`ends`, from the backward fixpoint).
 */
export function trapFinding(
  id: string,
  node: Exclude<ScenarioNode, { type: "ending" }>,
  byKey: Map<string, M.MeterSet>,
  ends: Map<string, M.MeterSet> | undefined,
  scratch: Scratch,
): Finding | undefined {
  const { tmp: stuck, offered, region: r } = scratch;
  for (const [key, set] of byKey) {
    const canEnd = ends?.get(key);
    // Where every situation surely ends, the backward pass shares the reached set itself.
    if (canEnd === set) continue;
    stuck.set(set);
    if (canEnd) M.andNotInto(stuck, canEnd);
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
      return {
        rule: "trap",
        severity: "error",
        message: `node "${id}": no ending can be reached from here for some plays, such as with ${describeSituation(M.firstPair(stuck), key)}; the conversation could never finish`,
        path: ["nodes", id],
        atKey: true,
      };
    }
  }
  return undefined;
}
