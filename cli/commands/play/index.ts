/** `play`: reads the options and the scenario, then plays interactively, replays given choices or runs random walks. */
import { parseArgs } from "node:util";
import { compileScenario } from "../../../machines/compile-scenario";
import { readScenarioFile, UsageError, type Command } from "../../command";
import { interactive } from "./interactive";
import { randomWalks, WALK_TURN_CAP } from "./random-walks";
import { replayChoices } from "./replay-choices";

const MAX_WALKS = 1_000_000;

function integerOption(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max.toLocaleString("en-US")}, not "${value}"`);
  }
  return Number(value);
}

export const play: Command = {
  name: "play",
  summary: "play a scenario in the terminal, replay numbered choices, or run seeded random walks",
  help: `Usage: npm run scenarios -- play <file> [--seed N] [--choices 1,3,2,...] [--walks K]

Plays one scenario in the terminal, driving the same state machine as the web app.

With no --choices and no --walks, it is interactive: it prints the counterpart's
lines and the responses on offer, numbered 1..n in an order shuffled by the seed
(per node, as the web app shuffles them), and asks for a number. After each choice
it prints the response kind, whether it helps or hurts, the scenario's feedback, why
the kind helps or hurts, and the meter changes; at the ending, the closing lines,
the outcome and the debrief. Type q (or end the input) to stop.

Options:
  --seed N            the seed for the order of choices, and for --walks
                      (a whole number 0-4294967295; default 1)
  --choices 1,3,2     replay without asking: each number picks among the choices
                      on offer at that turn, counted in the shuffled order that
                      the same --seed shows interactively (so "--seed 1 --choices
                      2,1" repeats a session where you typed 2, then 1). Prints
                      the whole transcript (lines, choice, kind, deltas, meters,
                      feedback) and the outcome; if the numbers run out before an
                      ending, the transcript so far and where it stopped
  --walks K           play K random walks instead, each choosing uniformly among
                      the choices on offer until an ending (a walk still going
                      after ${WALK_TURN_CAP.toLocaleString("en-US")} turns counts as "did not end"), and report
                      how many walks reached each ending, the share of each
                      outcome and the average number of turns; the same seed
                      always gives the same report
  -h, --help          show this help

Exit status: 0 when the play, replay or walks finish (or you quit), 1 when the file
has errors, a number in --choices is out of range or comes after the ending, or a
turn offers no choice; 2 on bad usage or a file that cannot be read.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { seed: { type: "string" }, choices: { type: "string" }, walks: { type: "string" } },
    });
    if (positionals.length !== 1) throw new UsageError("name exactly one scenario file");
    if (values.choices !== undefined && values.walks !== undefined) throw new UsageError("use --choices or --walks, not both");
    const seed = values.seed === undefined ? 1 : integerOption("--seed", values.seed, 0, 2 ** 32 - 1);
    // Only the form is checked here: whether a number is in range depends on the turn it picks at.
    const numbers = values.choices?.split(",").map((n) => {
      if (!/^\d+$/.test(n.trim())) throw new UsageError(`--choices takes whole numbers separated by commas, such as 1,3,2, not "${values.choices}"`);
      return Number(n.trim());
    });
    const count = values.walks === undefined ? undefined : integerOption("--walks", values.walks, 1, MAX_WALKS);

    const file = positionals[0]!;
    const loaded = readScenarioFile(file, io);
    if ("exit" in loaded) return loaded.exit;
    const scenario = loaded.scenario;
    const machine = compileScenario(scenario);
    if (numbers) return replayChoices(scenario, machine, seed, numbers, io);
    if (count !== undefined) return randomWalks(scenario, machine, seed, count, io);
    return interactive(scenario, machine, seed, io);
  },
};
