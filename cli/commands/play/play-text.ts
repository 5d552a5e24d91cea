/** What the play modes print of a scenario, a choice and an ending. */
import type { ScenarioSnapshot } from "../../../machines/compile-scenario";
import { RESPONSE_KINDS } from "../../../scenarios/kinds";
import type { Choice, Meters, Scenario } from "../../../scenarios/types";

const EFFECT_WORDS = { helpful: "helps", neutral: "neither helps nor hurts", harmful: "hurts" } as const;
const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "±0" : `−${Math.abs(n)}`);

/** "1 turn", "2 turns", "1,000 walks". */
export const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** One meter's change, nominal delta first, noting when clamping cut it short. */
function meterChange(name: string, delta: number, before: number, after: number): string {
  const clamped = before + delta !== after ? `, held at ${after}` : "";
  return `${name} ${before} → ${after} (${signed(delta)}${clamped})`;
}

/** What a choice did: kind, whether it helps, feedback, why, meters. */
export function feedbackLines(choice: Choice, before: Meters, after: Meters, indent: string): string[] {
  const kind = RESPONSE_KINDS[choice.kind];
  const reflection = choice.reflection ? `, ${choice.reflection} reflection` : "";
  return [
    `${indent}${kind.label} (${choice.kind}${reflection}): ${EFFECT_WORDS[kind.effect]}.`,
    ...(choice.feedback ? [`${indent}Feedback: ${choice.feedback}`] : []),
    `${indent}Why: ${kind.why}`,
    `${indent}${meterChange("Rapport", choice.rapport, before.rapport, after.rapport)}; ` +
      `${meterChange("mutuality", choice.mutuality, before.mutuality, after.mutuality)}`,
  ];
}

/** The ending's closing lines, outcome, meters and debrief; nothing when the play is not at an ending. */
export function endingLines(scenario: Scenario, snapshot: ScenarioSnapshot, indent = ""): string[] {
  const id = String(snapshot.value);
  const node = scenario.nodes[id];
  if (node?.type !== "ending") return [];
  const name = scenario.roles.counterpart.name;
  return [
    ...node.say.map((l) => `${indent}${name}: ${l}`),
    `${indent}Outcome: ${node.outcome} (ending "${id}") after ${plural(snapshot.context.turns.length, "turn")}; ` +
      `rapport ${snapshot.context.rapport}, mutuality ${snapshot.context.mutuality}.`,
    ...(node.debrief ? [`${indent}Debrief: ${node.debrief}`] : []),
  ];
}

/** The title line, then the scenario's summary, content note, roles and starting meters. */
export function header(scenario: Scenario, title: string): string[] {
  const { counterpart, trainee } = scenario.roles;
  return [
    title,
    scenario.summary,
    ...(scenario.contentNote ? [`Content note: ${scenario.contentNote}`] : []),
    `You play: ${trainee}. You talk with ${counterpart.name}${counterpart.description ? `: ${counterpart.description}` : "."}`,
    `Rapport ${scenario.meters.rapport}, mutuality ${scenario.meters.mutuality}.`,
  ];
}

/** The error for a turn with no choice on offer, which check reports as an error in the file. */
export const deadEnd = (nodeId: string) =>
  `[play] node "${nodeId}": no choice is on offer here, so the play cannot go on (run "npm run scenarios -- check" on the file)`;
