/** The choices a play offers, in the order the trainee sees them, and the event that picks one. */
import type { ScenarioSnapshot } from "../../../machines/compile-scenario";
import { offeredChoices } from "../../../machines/select-view";
import { shuffled } from "../../../machines/shuffle";
import type { Choice, Scenario } from "../../../scenarios/types";

/** The choices on offer, in the order the trainee sees them: shuffled by the seed, salted with the node id like the web app. */
export function shownChoices(scenario: Scenario, snapshot: ScenarioSnapshot, seed: number): Choice[] {
  return shuffled(offeredChoices(scenario, snapshot), seed, String(snapshot.value));
}

export const select = (choiceId: string) => ({ type: "choice.select", choiceId }) as const;
