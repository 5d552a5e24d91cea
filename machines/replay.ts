/** Replays a session: a scenario and its ordered choice ids give the full transcript, purely. */
import { initialTransition, transition } from "xstate";
import type { ResponseKindId } from "../scenarios/kinds";
import type { Choice, Meters, Outcome, Scenario } from "../scenarios/types";
import { compileScenario, type ScenarioMachine, type ScenarioSnapshot } from "./compile-scenario";
import { offeredChoices } from "./select-view";

/** One turn of a transcript: what was said, what was chosen, and what it did. */
export interface TranscriptTurn {
  /** 0-based position in the session. */
  index: number;
  nodeId: string;
  /** The counterpart's lines at this turn. */
  lines: string[];
  choice: Choice;
  kind: ResponseKindId;
  /** The choice's nominal deltas. */
  deltas: Meters;
  before: Meters;
  /** Meters after the choice, clamped. */
  after: Meters;
  /** The scenario's feedback for the choice, if any. */
  feedback?: string;
  /** Every choice that was on offer at this turn, in file order. */
  offered: Choice[];
}

export interface Replay {
  turns: TranscriptTurn[];
  /** The snapshot after the last choice. */
  snapshot: ScenarioSnapshot;
  done: boolean;
  /** Set when the session reached an ending. */
  ending?: { id: string; outcome: Outcome; lines: string[]; debrief?: string };
  meters: Meters;
}

/** A choice that is not on offer where a session is. */
export class ReplayError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly nodeId: string,
    readonly choiceId: string,
  ) {
    super(message);
    this.name = "ReplayError";
  }
}

/** The snapshot after one more choice; throws ReplayError when it is not on offer. `index` is the choice's 0-based position. */
function step(machine: ScenarioMachine, snapshot: ScenarioSnapshot, choiceId: string, index: number): ScenarioSnapshot {
  const nodeId = String(snapshot.value);
  if (snapshot.status === "done") {
    throw new ReplayError(`[machines] choice ${index + 1} "${choiceId}": the session already ended at "${nodeId}"`, index, nodeId, choiceId);
  }
  const event = { type: "choice.select", choiceId } as const;
  if (!snapshot.can(event)) {
    throw new ReplayError(
      `[machines] node "${nodeId}": choice "${choiceId}" is not on offer (choice ${index + 1} of the session)`,
      index,
      nodeId,
      choiceId,
    );
  }
  return transition(machine, snapshot, event)[0];
}

/** The snapshot after applying the choices, throwing ReplayError at the first one not on offer. */
export function replaySnapshot(machine: ScenarioMachine, choiceIds: readonly string[]): ScenarioSnapshot {
  let [snapshot] = initialTransition(machine);
  choiceIds.forEach((choiceId, index) => {
    snapshot = step(machine, snapshot, choiceId, index);
  });
  return snapshot;
}

/**
 * Replays the choices from the start, noting before each the choices the machine offers there
 * (`snapshot.can`, never a copy of the guards); stops at the first choice that does not replay.
 */
function walk(
  scenario: Scenario,
  machine: ScenarioMachine,
  choiceIds: readonly string[],
): { snapshot: ScenarioSnapshot; offered: Choice[][]; error?: ReplayError } {
  let [snapshot] = initialTransition(machine);
  const offered: Choice[][] = [];
  for (const [index, choiceId] of choiceIds.entries()) {
    const onOffer = offeredChoices(scenario, snapshot);
    try {
      snapshot = step(machine, snapshot, choiceId, index);
    } catch (e) {
      if (e instanceof ReplayError) return { snapshot, offered, error: e };
      throw e;
    }
    offered.push(onOffer);
  }
  return { snapshot, offered };
}

/** The full transcript of a session; throws ReplayError naming the node and choice that is not on offer. */
export function replay(
  scenario: Scenario,
  choiceIds: readonly string[],
  machine: ScenarioMachine = compileScenario(scenario),
): Replay {
  const { snapshot, offered, error } = walk(scenario, machine, choiceIds);
  if (error) throw error;
  return transcript(scenario, snapshot, offered);
}

/**
 * The transcript of as many of the choices as replay, in order, and the ReplayError of the first
 * that does not (none when all do): a session whose stored choices no longer fit its scenario
 * can still be read up to where they stop fitting.
 */
export function replayAsFarAsPossible(
  scenario: Scenario,
  choiceIds: readonly string[],
  machine: ScenarioMachine = compileScenario(scenario),
): { replay: Replay; error?: ReplayError } {
  const { snapshot, offered, error } = walk(scenario, machine, choiceIds);
  return { replay: transcript(scenario, snapshot, offered), ...(error && { error }) };
}

/**
 * The transcript of a snapshot: its recorded choices are replayed through the snapshot's own
 * machine to learn what was on offer at each turn, which the snapshot does not keep.
 */
export function transcriptOf(scenario: Scenario, snapshot: ScenarioSnapshot): Replay {
  const choiceIds = snapshot.context.turns.map((t) => t.choiceId);
  const { offered, error } = walk(scenario, snapshot.machine as ScenarioMachine, choiceIds);
  if (error) throw error;
  return transcript(scenario, snapshot, offered);
}

/** Builds the transcript from a snapshot's recorded turns and what was on offer at each. */
function transcript(scenario: Scenario, snapshot: ScenarioSnapshot, offered: readonly Choice[][]): Replay {
  const turns = snapshot.context.turns.map((t, index): TranscriptTurn => {
    const node = scenario.nodes[t.nodeId];
    if (node?.type !== "turn") throw new Error(`[machines] turn ${index + 1}: "${t.nodeId}" is not a turn`);
    const choice = node.choices.find((c) => c.id === t.choiceId);
    if (!choice) throw new Error(`[machines] node "${t.nodeId}": no choice "${t.choiceId}"`);
    return {
      index,
      nodeId: t.nodeId,
      lines: node.say,
      choice,
      kind: choice.kind,
      deltas: { rapport: choice.rapport, mutuality: choice.mutuality },
      before: t.before,
      after: t.after,
      ...(choice.feedback !== undefined && { feedback: choice.feedback }),
      offered: offered[index] ?? [],
    };
  });
  const done = snapshot.status === "done";
  const meters = { rapport: snapshot.context.rapport, mutuality: snapshot.context.mutuality };
  let ending: Replay["ending"];
  if (done) {
    const id = String(snapshot.value);
    const node = scenario.nodes[id];
    if (node?.type === "ending") {
      ending = { id, outcome: node.outcome, lines: node.say, ...(node.debrief !== undefined && { debrief: node.debrief }) };
    }
  }
  return { turns, snapshot, done, ...(ending && { ending }), meters };
}
