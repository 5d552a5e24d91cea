/**
 * The checker's analysis: exact over what can really happen. It computes, for every node, the
 * set of situations (meters and flags) that some play reaches there, as bitsets per flag set,
 * by a fixpoint over the node graph; no path is ever enumerated, so cycles and huge numbers of
 * paths cost nothing extra. Then each rule reads those sets.
 */
import type { Scenario } from "../types";
import { endingReachable } from "./ending-reachable";
import type { Finding } from "./finding";
import { flowOf } from "./flow";
import * as M from "./meter-set";
import { reachableSituations } from "./reachable-situations";
import { branchEntryRules } from "./rules/branch-entries";
import { connectedEndingFinding } from "./rules/connected-ending";
import { flagUseRules } from "./rules/flag-use";
import { newScratch } from "./rules/scratch";
import { skillRules } from "./rules/skills";
import { trapFinding } from "./rules/traps";
import { turnOfferRules } from "./rules/turn-offers";
import { unreachableFinding } from "./rules/unreachable";
import { writtenChoiceRules } from "./rules/written-choices";

/** Everything the checker finds in a valid scenario, beyond what parsing reports, node by node in file order. */
export function analyzeScenario(scenario: Scenario): Finding[] {
  const out: Finding[] = [...skillRules(scenario)];
  const flow = flowOf(scenario);
  const arena = new M.SetArena();
  const reach = reachableSituations(scenario, flow, arena);
  const can = endingReachable(scenario, reach, flow, arena);
  const scratch = newScratch();

  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.type === "turn") out.push(...writtenChoiceRules(id, node));
    const byKey = reach.get(id);
    if (!byKey) {
      out.push(unreachableFinding(id));
      continue;
    }
    if (node.type === "ending") continue;
    if (node.type === "turn") out.push(...turnOfferRules(id, node, byKey, scratch));
    else out.push(...branchEntryRules(id, node, byKey, scratch));
    const trap = trapFinding(id, node, byKey, can.get(id), scratch);
    if (trap) out.push(trap);
  }

  out.push(...flagUseRules(scenario));
  const connected = connectedEndingFinding(scenario, reach);
  if (connected) out.push(connected);
  return out;
}
