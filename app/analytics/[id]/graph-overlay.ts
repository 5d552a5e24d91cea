import type { ScenarioAnalytics } from "../../../contracts/analytics-answers";
import { choiceKey, type GraphOverlay } from "../../../components/studio/graph-model";

/** The figures the studio's graph draws over the scenario: each node's visits, each choice's picks. */
export function overlayOf(a: Pick<ScenarioAnalytics, "nodes" | "choices">): GraphOverlay {
  return {
    nodes: Object.fromEntries(a.nodes.map((n) => [n.nodeId, { visits: n.visits, sessions: n.sessions }])),
    choices: Object.fromEntries(a.choices.map((c) => [choiceKey(c.nodeId, c.choiceId), { picks: c.picks, sessions: c.sessions }])),
  };
}
