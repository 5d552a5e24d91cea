/**
 * A playtest of a scenario draft, for its author in the studio: the compiled machine started at
 * the scenario's start, or at any node with meters and flags the author sets, then stepped choice
 * by choice, taken back and restarted. Plain data in and out (conversation-state.ts's
 * `ConversationState`): nothing here is saved and nothing reaches the server.
 */
import { transition } from "xstate";
import { applyChoice, branchTaken, describeWhen, METER_VALUES, type PlayState } from "../scenarios/step";
import { METER_NAMES, type Choice, type Condition, type Meters, type Outcome, type Scenario, type ScenarioNode } from "../scenarios/types";
import type { ScenarioMachine, ScenarioSnapshot, TurnRecord } from "./compile-scenario";
import { conversationSnapshot, conversationStart, conversationWith, type ConversationState } from "./conversation-state";
import { offeredChoices } from "./select-view";

/** Where and how the author starts a play: a node, the meters there and the flags already set. */
export interface PlaytestSetup extends Meters {
  nodeId: string;
  flags: readonly string[];
}

/** Where a playtest began: the scenario's own start, or a node with meters and flags the author set. */
export type PlaytestOrigin = { at: "start" } | { at: "node"; setup: PlaytestSetup };

export interface Playtest {
  origin: PlaytestOrigin;
  /** The conversation after each step, the first where the play began; the last is where it is now. */
  states: readonly ConversationState[];
}

/** Why a start the author asked for cannot be played, and which part of it to fix. */
export interface PlaytestProblem {
  field: "nodeId" | "rapport" | "mutuality" | "flags";
  message: string;
}

export type PlaytestStart = { ok: true; playtest: Playtest } | { ok: false; problems: PlaytestProblem[] };
export type PlaytestStep = { ok: true; playtest: Playtest } | { ok: false; message: string };

/** What the playtest shows: where the conversation is, its meters and flags, and what can be chosen. */
export interface PlaytestView {
  /** The machine's state value: the node the conversation is at. */
  nodeId: string;
  nodeType: ScenarioNode["type"];
  meters: Meters;
  /** Flags set, in the order first set. */
  flags: readonly string[];
  status: "active" | "done";
  /** Set once an ending is reached. */
  ending?: { id: string; outcome: Outcome; debrief?: string };
  /** The choices made since the play began. */
  turns: readonly TurnRecord[];
  /** Choices the machine accepts now, in file order. */
  offered: Choice[];
  /** The current turn's other choices, each with the condition that keeps it off offer. */
  hidden: { choice: Choice; when: string }[];
  canTakeBack: boolean;
}

const METER_LABELS = { rapport: "Rapport", mutuality: "Mutuality" } as const;

const stateOf = (s: ScenarioSnapshot): ConversationState => ({
  value: String(s.value),
  context: s.context,
  status: s.status === "done" ? "done" : "active",
});

const hasNode = (scenario: Scenario, id: string) => Object.hasOwn(scenario.nodes, id);

/** Every flag the scenario sets or tests, in the order the file first mentions each. */
export function scenarioFlags(scenario: Scenario): string[] {
  const flags = new Set<string>();
  for (const node of Object.values(scenario.nodes)) {
    const rules: { when?: Condition; set?: readonly string[] }[] = node.type === "turn" ? node.choices : node.type === "branch" ? node.branch : [];
    for (const rule of rules) {
      for (const f of rule.when?.flags ?? []) flags.add(f);
      for (const f of rule.when?.unset ?? []) flags.add(f);
      for (const f of rule.set ?? []) flags.add(f);
    }
  }
  return [...flags];
}

/** The scenario's own start as a setup: its start node and meters, no flags. */
export function startSetup(scenario: Scenario): PlaytestSetup {
  return { nodeId: scenario.start, rapport: scenario.meters.rapport, mutuality: scenario.meters.mutuality, flags: [] };
}

/**
 * Why the branches from `nodeId` never settle for these meters and flags, or null when they reach
 * a turn or an ending. Branches change neither meters nor flags, so coming back to a branch means
 * the machine would take its eventless entries for ever; the play page never gets there (the
 * checker reports such a place as a trap), but a start the author sets by hand can.
 */
function branchesStuck(scenario: Scenario, nodeId: string, state: PlayState): string | null {
  const passed: string[] = [];
  let id = nodeId;
  for (let node = scenario.nodes[id]; node?.type === "branch"; node = scenario.nodes[id]) {
    if (passed.includes(id)) {
      const circle = [...passed.slice(passed.indexOf(id)), id].map((n) => `"${n}"`).join(" → ");
      return `with these meters and flags the branches go round in a circle (${circle}), so the conversation would never go on`;
    }
    passed.push(id);
    const k = branchTaken(node.branch, state);
    if (k < 0) return `no entry of branch "${id}" holds with these meters and flags`;
    id = node.branch[k]!.next;
  }
  return null;
}

/** Every reason the setup cannot be played; none when it can. */
export function checkSetup(scenario: Scenario, setup: PlaytestSetup): PlaytestProblem[] {
  const problems: PlaytestProblem[] = [];
  if (!hasNode(scenario, setup.nodeId)) problems.push({ field: "nodeId", message: `there is no node "${setup.nodeId}" in this scenario` });
  const [lo, hi] = METER_VALUES;
  for (const meter of METER_NAMES) {
    const v = setup[meter];
    if (!Number.isInteger(v) || v < lo || v > hi) problems.push({ field: meter, message: `${METER_LABELS[meter]} must be a whole number from ${lo} to ${hi}` });
  }
  const known = scenarioFlags(scenario);
  for (const f of setup.flags) {
    if (!known.includes(f)) problems.push({ field: "flags", message: `"${f}" is not a flag this scenario sets or tests` });
  }
  if (problems.length === 0) {
    const stuck = branchesStuck(scenario, setup.nodeId, setup);
    if (stuck) problems.push({ field: "nodeId", message: `From "${setup.nodeId}", ${stuck}` });
  }
  return problems;
}

/** The conversation at a setup that passed `checkSetup`: at a branch, after the entry the machine takes. */
function conversationAt(scenario: Scenario, setup: PlaytestSetup): ConversationState {
  const known = scenarioFlags(scenario);
  const context = {
    rapport: setup.rapport,
    mutuality: setup.mutuality,
    flags: known.filter((f) => setup.flags.includes(f)),
    turns: [],
  };
  const resolved = conversationSnapshot(scenario, { value: setup.nodeId, context, status: "active" });
  if (scenario.nodes[setup.nodeId]?.type !== "branch") return stateOf(resolved);
  // A state resolved at a branch has not taken its eventless entries yet. The machine takes them
  // after any event it is sent, and at a branch no choice applies, so this one only lets it.
  const [settled] = transition(resolved.machine as ScenarioMachine, resolved, { type: "choice.select", choiceId: "" });
  return stateOf(settled);
}

/** A play from the scenario's start, as a trainee begins. */
export function playtestFromStart(scenario: Scenario): Playtest {
  return { origin: { at: "start" }, states: [conversationStart(scenario)] };
}

/** A play from a node with the meters and flags the author set, or the problems that stop it. */
export function playtestAt(scenario: Scenario, setup: PlaytestSetup): PlaytestStart {
  const problems = checkSetup(scenario, setup);
  if (problems.length) return { ok: false, problems };
  const own = { ...setup, flags: [...setup.flags] };
  return { ok: true, playtest: { origin: { at: "node", setup: own }, states: [conversationAt(scenario, own)] } };
}

/** The same play begun again where it began. */
export function playtestRestart(scenario: Scenario, playtest: Playtest): PlaytestStart {
  return playtest.origin.at === "start" ? { ok: true, playtest: playtestFromStart(scenario) } : playtestAt(scenario, playtest.origin.setup);
}

/** Where the play is now. */
export const currentOf = (playtest: Playtest): ConversationState => playtest.states[playtest.states.length - 1]!;

/** The play after one more choice, which the machine must accept where the play is. */
export function playtestChoose(scenario: Scenario, playtest: Playtest, choiceId: string): PlaytestStep {
  const now = currentOf(playtest);
  if (now.status === "done") return { ok: false, message: `The conversation already ended at "${now.value}".` };
  const choice = offeredChoices(scenario, conversationSnapshot(scenario, now)).find((c) => c.id === choiceId);
  if (!choice) return { ok: false, message: `Choice "${choiceId}" is not on offer at "${now.value}".` };
  const stuck = branchesStuck(scenario, choice.next, applyChoice(now.context, choice));
  if (stuck) return { ok: false, message: `After choice "${choiceId}" at "${now.value}", ${stuck}.` };
  return { ok: true, playtest: { ...playtest, states: [...playtest.states, conversationWith(scenario, now, choiceId)] } };
}

/** The play without its last choice; unchanged where it began. */
export function playtestTakeBack(playtest: Playtest): Playtest {
  return playtest.states.length > 1 ? { ...playtest, states: playtest.states.slice(0, -1) } : playtest;
}

/** The choice ids made since the play began. */
export const playtestChoices = (playtest: Playtest): string[] => currentOf(playtest).context.turns.map((t) => t.choiceId);

/**
 * The play begun at `origin` (the scenario's start when it no longer fits the scenario), then the
 * choices made one by one as far as they are on offer. `stopped` says why it stopped short.
 */
export function playtestReplay(
  scenario: Scenario,
  origin: PlaytestOrigin,
  choiceIds: readonly string[],
): { playtest: Playtest; stopped?: { index: number; message: string } } {
  const begun = origin.at === "start" ? null : playtestAt(scenario, origin.setup);
  if (begun && !begun.ok) {
    return {
      playtest: playtestFromStart(scenario),
      stopped: { index: 0, message: `The play could not begin as before: ${begun.problems.map((p) => p.message).join("; ")}.` },
    };
  }
  let playtest = begun?.playtest ?? playtestFromStart(scenario);
  for (const [index, choiceId] of choiceIds.entries()) {
    const next = playtestChoose(scenario, playtest, choiceId);
    if (!next.ok) return { playtest, stopped: { index, message: next.message } };
    playtest = next.playtest;
  }
  return { playtest };
}

/** What the playtest shows now (the connect layer: offered choices come from the machine's `can`). */
export function playtestView(scenario: Scenario, playtest: Playtest): PlaytestView {
  const now = currentOf(playtest);
  const node = scenario.nodes[now.value];
  const offered = now.status === "done" ? [] : offeredChoices(scenario, conversationSnapshot(scenario, now));
  const hidden =
    node?.type === "turn" && now.status !== "done"
      ? node.choices.filter((c) => !offered.includes(c)).map((choice) => ({ choice, when: choice.when ? describeWhen(choice.when) : "" }))
      : [];
  return {
    nodeId: now.value,
    nodeType: node?.type ?? "turn",
    meters: { rapport: now.context.rapport, mutuality: now.context.mutuality },
    flags: now.context.flags,
    status: now.status,
    ...(node?.type === "ending" && {
      ending: { id: now.value, outcome: node.outcome, ...(node.debrief !== undefined && { debrief: node.debrief }) },
    }),
    turns: now.context.turns,
    offered,
    hidden,
    canTakeBack: playtest.states.length > 1,
  };
}
