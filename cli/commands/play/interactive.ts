import { initialTransition, transition } from "xstate";
import type { ScenarioMachine } from "../../../machines/compile-scenario";
import type { Choice, Scenario } from "../../../scenarios/types";
import { EXIT, type Io } from "../../command";
import { select, shownChoices } from "./choices";
import { deadEnd, endingLines, feedbackLines, header } from "./play-text";

/** Plays the scenario at the terminal, one question per turn. */
export async function interactive(scenario: Scenario, machine: ScenarioMachine, seed: number, io: Io): Promise<number> {
  const name = scenario.roles.counterpart.name;
  io.out([...header(scenario, `"${scenario.title}" (${scenario.id}), seed ${seed}`), 'Type the number of your response, or "q" to quit.'].join("\n"));
  let [snapshot] = initialTransition(machine);
  while (snapshot.status !== "done") {
    const nodeId = String(snapshot.value);
    const node = scenario.nodes[nodeId];
    const choices = shownChoices(scenario, snapshot, seed);
    if (node?.type !== "turn" || choices.length === 0) {
      io.err(deadEnd(nodeId));
      return EXIT.problems;
    }
    io.out(
      [
        "",
        `Turn ${snapshot.context.turns.length + 1}`,
        ...node.say.map((l) => `${name}: ${l}`),
        "",
        ...choices.map((c, i) => `  ${i + 1}. ${c.say}`),
      ].join("\n"),
    );
    let picked: Choice | undefined;
    while (!picked) {
      const answer = await io.ask(`Your choice (1-${choices.length}, q to quit): `);
      const text = answer?.trim().toLowerCase();
      if (answer === null || text === "q" || text === "quit") {
        io.out("Stopped.");
        return EXIT.ok;
      }
      const n = /^\d+$/.test(text!) ? Number(text) : NaN;
      if (Number.isNaN(n)) io.out(`"${answer.trim()}" is not a choice: type a number from 1 to ${choices.length}, or q to quit.`);
      else if (n < 1 || n > choices.length) io.out(`There is no choice ${n} here: type a number from 1 to ${choices.length}, or q to quit.`);
      else picked = choices[n - 1];
    }
    const before = { rapport: snapshot.context.rapport, mutuality: snapshot.context.mutuality };
    [snapshot] = transition(machine, snapshot, select(picked.id));
    const after = { rapport: snapshot.context.rapport, mutuality: snapshot.context.mutuality };
    io.out(["", `You: ${picked.say}`, ...feedbackLines(picked, before, after, "  ")].join("\n"));
  }
  io.out(["", "The end", ...endingLines(scenario, snapshot)].join("\n"));
  return EXIT.ok;
}
