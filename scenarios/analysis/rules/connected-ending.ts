/** The `no-connected-ending` rule: no play can end well. */
import type { Scenario } from "../../types";
import type { Finding } from "../finding";
import type { SituationSets } from "../situation-sets";

/** The finding when no reachable ending has the outcome connected. */
export function connectedEndingFinding(scenario: Scenario, reach: SituationSets): Finding | undefined {
  const connected = Object.entries(scenario.nodes).some(([id, node]) => node.type === "ending" && node.outcome === "connected" && reach.has(id));
  if (connected) return undefined;
  return {
    rule: "no-connected-ending",
    severity: "warning",
    message: "no reachable ending has the outcome connected, so no play can end well",
    path: ["nodes"],
    atKey: true,
  };
}
