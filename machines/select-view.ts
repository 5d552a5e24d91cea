/** The connect layer: from a scenario snapshot to what the conversation view shows. */
import type { Choice, Meters, Outcome, Scenario } from "../scenarios/types";
import type { ScenarioSnapshot } from "./compile-scenario";

export interface ConversationView {
  nodeId: string;
  /** The counterpart's lines at the current node. */
  lines: string[];
  /** Choices on offer now, in file order. */
  choices: Choice[];
  meters: Meters;
  turnCount: number;
  done: boolean;
  outcome?: Outcome;
}

/** The choices the machine accepts now: `snapshot.can` decides, never a copy of the guards. */
export function offeredChoices(scenario: Scenario, snapshot: ScenarioSnapshot): Choice[] {
  const node = scenario.nodes[String(snapshot.value)];
  if (node?.type !== "turn" || snapshot.status === "done") return [];
  return node.choices.filter((c) => snapshot.can({ type: "choice.select", choiceId: c.id }));
}

export function selectView(scenario: Scenario, snapshot: ScenarioSnapshot): ConversationView {
  const nodeId = String(snapshot.value);
  const node = scenario.nodes[nodeId];
  return {
    nodeId,
    lines: node && node.type !== "branch" ? node.say : [],
    choices: offeredChoices(scenario, snapshot),
    meters: { rapport: snapshot.context.rapport, mutuality: snapshot.context.mutuality },
    turnCount: snapshot.context.turns.length,
    done: snapshot.status === "done",
    ...(node?.type === "ending" && { outcome: node.outcome }),
  };
}
