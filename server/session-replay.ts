/**
 * A stored session replayed on its scenario version as far as it goes. The rows are the record;
 * when they no longer replay in full (a row edited by hand, or written by an older version with a
 * bug), the transcript stops at the last turn that replays and says why, instead of failing.
 */
import type { ScenarioMachine } from "../machines/compile-scenario";
import { compileScenario } from "../machines/compile-scenario";
import { replayAsFarAsPossible, type Replay } from "../machines/replay";
import type { Scenario } from "../scenarios/types";
import type { ChoiceRow, SessionRow } from "./store";

export interface StoredReplay {
  replay: Replay;
  /** Why the replay does not cover the whole record, as a sentence for a supervisor; null when it does. */
  damage: string | null;
}

const turnsWord = (n: number) => (n === 1 ? "turn 1" : n === 0 ? "no turn" : `turns 1 to ${n}`);

/** Replays the session's choices (in seq order) on `scenario`, the version stored under its hash. */
export function replayStored(
  session: Pick<SessionRow, "status" | "outcome">,
  scenario: Scenario,
  rows: readonly Pick<ChoiceRow, "seq" | "choiceId">[],
  machine: ScenarioMachine = compileScenario(scenario),
): StoredReplay {
  const ordered = [...rows].sort((a, b) => a.seq - b.seq);
  const gap = ordered.findIndex((c, i) => c.seq !== i + 1);
  const choices = gap === -1 ? ordered : ordered.slice(0, gap);
  const { replay, error } = replayAsFarAsPossible(
    scenario,
    choices.map((c) => c.choiceId),
    machine,
  );
  let damage: string | null = null;
  if (error) {
    const shown = replay.turns.length;
    damage =
      `Turn ${error.index + 1} of this session (choice "${error.choiceId}" at "${error.nodeId}") ` +
      `${error.message.includes("already ended") ? "comes after the conversation's ending" : "was not on offer"} in the scenario version it was played on, ` +
      `so only ${turnsWord(shown)} can be shown.`;
  } else if (gap !== -1) {
    damage = `Turn ${gap + 1} of this session is missing from the database, so only ${turnsWord(gap)} can be shown.`;
  } else if (session.status === "completed" && (replay.ending?.outcome ?? null) !== session.outcome) {
    damage =
      `This session is recorded as completed with the outcome ${session.outcome ?? "none"}, but its stored choices ` +
      `${replay.ending ? `end ${replay.ending.outcome}` : "do not reach an ending"}; the transcript shows what the choices replay to.`;
  }
  return { replay, damage };
}
