import { initialTransition, transition } from "xstate";
import type { ScenarioMachine } from "../../../machines/compile-scenario";
import { transcriptOf, type TranscriptTurn } from "../../../machines/replay";
import type { Scenario } from "../../../scenarios/types";
import { EXIT, type Io } from "../../command";
import { select, shownChoices } from "./choices";
import { deadEnd, endingLines, feedbackLines, header, plural } from "./play-text";

function transcriptLines(scenario: Scenario, turn: TranscriptTurn, position: number): string[] {
  const name = scenario.roles.counterpart.name;
  return [
    "",
    `Turn ${turn.index + 1}: ${turn.nodeId}`,
    ...turn.lines.map((l) => `  ${name}: ${l}`),
    `  You (choice ${position} of ${turn.offered.length}, "${turn.choice.id}"): ${turn.choice.say}`,
    ...feedbackLines(turn.choice, turn.before, turn.after, "  "),
  ];
}

/** Replays numbered choices, each counted among those on offer in the shuffled order, and prints the transcript. */
export function replayChoices(scenario: Scenario, machine: ScenarioMachine, seed: number, numbers: number[], io: Io): number {
  let [snapshot] = initialTransition(machine);
  const positions: number[] = [];
  for (const [i, n] of numbers.entries()) {
    const nodeId = String(snapshot.value);
    if (snapshot.status === "done") {
      io.err(`[play] choice ${i + 1} (${n}): the play already ended at "${nodeId}" after ${plural(i, "turn")}`);
      return EXIT.problems;
    }
    const choices = shownChoices(scenario, snapshot, seed);
    if (choices.length === 0) {
      io.err(deadEnd(nodeId));
      return EXIT.problems;
    }
    const choice = choices[n - 1];
    if (!choice) {
      io.err(`[play] turn ${i + 1} (node "${nodeId}"): there is no choice ${n}; ${choices.length} are on offer, so pick 1-${choices.length}`);
      return EXIT.problems;
    }
    positions.push(n);
    [snapshot] = transition(machine, snapshot, select(choice.id));
  }

  const transcript = transcriptOf(scenario, snapshot);
  const out = header(scenario, `Replay of "${scenario.title}" (${scenario.id}), seed ${seed}, choices ${numbers.join(",")}`);
  transcript.turns.forEach((t, i) => out.push(...transcriptLines(scenario, t, positions[i]!)));
  out.push("");
  if (snapshot.status === "done") out.push("The end", ...endingLines(scenario, snapshot));
  else {
    const nodeId = String(snapshot.value);
    const offered = shownChoices(scenario, snapshot, seed);
    out.push(
      `Stopped after ${plural(transcript.turns.length, "turn")} at "${nodeId}", before an ending; ` +
        `turn ${transcript.turns.length + 1} offers ${offered.length ? `1-${offered.length}` : "nothing (a dead end)"}. ` +
        `Rapport ${transcript.meters.rapport}, mutuality ${transcript.meters.mutuality}.`,
    );
  }
  io.out(out.join("\n"));
  return EXIT.ok;
}
