import { parseArgs } from "node:util";
import { initialTransition, transition } from "xstate";
import { compileScenario, type ScenarioMachine, type ScenarioSnapshot } from "../../machines/compile-scenario";
import { transcriptOf, type TranscriptTurn } from "../../machines/replay";
import { offeredChoices } from "../../machines/select-view";
import { seededRandom, shuffled } from "../../machines/shuffle";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import { OUTCOMES, type Choice, type Meters, type Outcome, type Scenario } from "../../scenarios/types";
import { EXIT, readScenarioFile, UsageError, type Command, type Io } from "../command";

/** A walk that has not ended after this many turns is taken to loop forever. */
const WALK_TURN_CAP = 10_000;
const MAX_WALKS = 1_000_000;

const EFFECT_WORDS = { helpful: "helps", neutral: "neither helps nor hurts", harmful: "hurts" } as const;
const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "±0" : `−${Math.abs(n)}`);
const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
const percent = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : "0.0"}%`;

const select = (choiceId: string) => ({ type: "choice.select", choiceId }) as const;

/** The choices on offer, in the order the trainee sees them: shuffled by the seed, salted with the node id like the web app. */
function shownChoices(scenario: Scenario, snapshot: ScenarioSnapshot, seed: number): Choice[] {
  return shuffled(offeredChoices(scenario, snapshot), seed, String(snapshot.value));
}

/** One meter's change, nominal delta first, noting when clamping cut it short. */
function meterChange(name: string, delta: number, before: number, after: number): string {
  const clamped = before + delta !== after ? `, held at ${after}` : "";
  return `${name} ${before} → ${after} (${signed(delta)}${clamped})`;
}

/** What a choice did: kind, whether it helps, feedback, why, meters. */
function feedbackLines(choice: Choice, before: Meters, after: Meters, indent: string): string[] {
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

function endingLines(scenario: Scenario, snapshot: ScenarioSnapshot, indent = ""): string[] {
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

function header(scenario: Scenario, title: string): string[] {
  const { counterpart, trainee } = scenario.roles;
  return [
    title,
    scenario.summary,
    ...(scenario.contentNote ? [`Content note: ${scenario.contentNote}`] : []),
    `You play: ${trainee}. You talk with ${counterpart.name}${counterpart.description ? `: ${counterpart.description}` : "."}`,
    `Rapport ${scenario.meters.rapport}, mutuality ${scenario.meters.mutuality}.`,
  ];
}

const deadEnd = (nodeId: string) =>
  `[play] node "${nodeId}": no choice is on offer here, so the play cannot go on (run "npm run scenarios -- check" on the file)`;

/** Plays the scenario at the terminal, one question per turn. */
async function interactive(scenario: Scenario, machine: ScenarioMachine, seed: number, io: Io): Promise<number> {
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
function replayNumbers(scenario: Scenario, machine: ScenarioMachine, seed: number, numbers: number[], io: Io): number {
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

/** Random plays, uniform among the choices on offer at each turn, reported per ending. */
function walks(scenario: Scenario, machine: ScenarioMachine, seed: number, count: number, io: Io): number {
  const random = seededRandom(seed);
  const endings = new Map<string, number>();
  let capped = 0;
  let stuck = 0;
  let endedTurns = 0;
  let fewest = Infinity;
  let most = 0;
  const [initial] = initialTransition(machine);
  for (let w = 0; w < count; w++) {
    let snapshot = initial;
    let turns = 0;
    while (snapshot.status !== "done" && turns < WALK_TURN_CAP) {
      const offered = offeredChoices(scenario, snapshot);
      if (offered.length === 0) break;
      [snapshot] = transition(machine, snapshot, select(offered[Math.floor(random() * offered.length)]!.id));
      turns++;
      // Each choice copies the whole turn history, which a walk never reads: a looping walk
      // would cost quadratic time, so the history is dropped now and then.
      if (turns % 64 === 0 && snapshot.status !== "done") {
        snapshot = machine.resolveState({ value: snapshot.value, context: { ...snapshot.context, turns: [] } });
      }
    }
    if (snapshot.status === "done") {
      const id = String(snapshot.value);
      endings.set(id, (endings.get(id) ?? 0) + 1);
      endedTurns += turns;
      fewest = Math.min(fewest, turns);
      most = Math.max(most, turns);
    } else if (turns >= WALK_TURN_CAP) capped++;
    else stuck++;
  }

  const ended = count - capped - stuck;
  const byOutcome = new Map<Outcome, number>(OUTCOMES.map((o) => [o, 0]));
  const rows: string[][] = [["  ending", "outcome", "walks", "share"]];
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.type !== "ending") continue;
    const n = endings.get(id) ?? 0;
    byOutcome.set(node.outcome, byOutcome.get(node.outcome)! + n);
    rows.push([`  ${id}`, node.outcome, String(n), percent(n, count)]);
  }
  rows.push(["  did not end", "", String(capped + stuck), percent(capped + stuck, count)]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const out = [
    `${plural(count, "random walk")} of "${scenario.title}" (${scenario.id}), seed ${seed}`,
    "",
    ...rows.map((r) => r.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd()),
    "",
    `Outcomes: ${OUTCOMES.map((o) => `${o} ${percent(byOutcome.get(o)!, count)}`).join(", ")}, did not end ${percent(capped + stuck, count)}`,
    ended
      ? `Average turns: ${(endedTurns / ended).toFixed(1)} over the ${plural(ended, "walk")} that ended (fewest ${fewest}, most ${most})`
      : "Average turns: no walk ended",
  ];
  if (capped) out.push(`${plural(capped, "walk")} did not end within ${WALK_TURN_CAP.toLocaleString("en-US")} turns (the scenario can loop)`);
  if (stuck) out.push(`${plural(stuck, "walk")} stopped at a turn with no choice on offer (a dead end; run check)`);
  io.out(out.join("\n"));
  return EXIT.ok;
}

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
    if (numbers) return replayNumbers(scenario, machine, seed, numbers, io);
    if (count !== undefined) return walks(scenario, machine, seed, count, io);
    return interactive(scenario, machine, seed, io);
  },
};
