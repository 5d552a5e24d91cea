import { initialTransition, transition } from "xstate";
import type { ScenarioMachine } from "../../../machines/compile-scenario";
import { offeredChoices } from "../../../machines/select-view";
import { seededRandom } from "../../../machines/shuffle";
import { OUTCOMES, type Outcome, type Scenario } from "../../../scenarios/types";
import { EXIT, type Io } from "../../command";
import { select } from "./choices";
import { plural } from "./play-text";

/** A walk that has not ended after this many turns is taken to loop forever. */
export const WALK_TURN_CAP = 10_000;

const percent = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : "0.0"}%`;

/** How a number of walks went. */
interface WalkTally {
  count: number;
  /** Walks per ending id. */
  endings: Map<string, number>;
  /** Walks still going after WALK_TURN_CAP turns. */
  capped: number;
  /** Walks that reached a turn with no choice on offer. */
  stuck: number;
  /** Turns over all walks that ended, and the fewest and most of one. */
  endedTurns: number;
  fewest: number;
  most: number;
}

/** Plays `count` walks, each choosing uniformly among the choices on offer at every turn. */
function runWalks(scenario: Scenario, machine: ScenarioMachine, seed: number, count: number): WalkTally {
  const random = seededRandom(seed);
  const tally: WalkTally = { count, endings: new Map(), capped: 0, stuck: 0, endedTurns: 0, fewest: Infinity, most: 0 };
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
      tally.endings.set(id, (tally.endings.get(id) ?? 0) + 1);
      tally.endedTurns += turns;
      tally.fewest = Math.min(tally.fewest, turns);
      tally.most = Math.max(tally.most, turns);
    } else if (turns >= WALK_TURN_CAP) tally.capped++;
    else tally.stuck++;
  }
  return tally;
}

/** The report: walks per ending, the share of each outcome, average turns, and why some did not end. */
function walkReport(scenario: Scenario, seed: number, tally: WalkTally): string[] {
  const { count, endings, capped, stuck, endedTurns, fewest, most } = tally;
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
  return out;
}

/** Random plays, uniform among the choices on offer at each turn, reported per ending. */
export function randomWalks(scenario: Scenario, machine: ScenarioMachine, seed: number, count: number, io: Io): number {
  io.out(walkReport(scenario, seed, runWalks(scenario, machine, seed, count)).join("\n"));
  return EXIT.ok;
}
