/**
 * A conversation's state as plain data (the scenario machine's value, context and status), and
 * the few steps the play lifecycle takes with it. Plain data rather than the snapshot object,
 * which refers to its machine, so whatever holds it stays data that can be persisted and compared.
 */
import type { Scenario } from "../scenarios/types";
import { initialTransition, transition } from "xstate";
import { compileScenario, type ScenarioContext, type ScenarioMachine, type ScenarioSnapshot } from "./compile-scenario";
import { replaySnapshot, ReplayError } from "./replay";

/** Where a conversation stands: the scenario machine's state as plain data. */
export interface ConversationState {
  /** The node the conversation is at. */
  value: string;
  /** Meters, flags and every turn taken. */
  context: ScenarioContext;
  /** "done" once an ending is reached. */
  status: "active" | "done";
}

const compiled = new WeakMap<Scenario, ScenarioMachine>();

/** The scenario's compiled machine, compiled once per scenario object. */
function machineOf(scenario: Scenario): ScenarioMachine {
  let machine = compiled.get(scenario);
  if (!machine) compiled.set(scenario, (machine = compileScenario(scenario)));
  return machine;
}

function stateOf(snapshot: ScenarioSnapshot): ConversationState {
  return { value: String(snapshot.value), context: snapshot.context, status: snapshot.status === "done" ? "done" : "active" };
}

/** The scenario machine's snapshot for a conversation state, for `can()`, `transition()` and transcripts. */
export function conversationSnapshot(scenario: Scenario, conversation: ConversationState): ScenarioSnapshot {
  return machineOf(scenario).resolveState({ value: conversation.value, context: conversation.context });
}

/** The conversation after these choices, or null when they no longer replay on the scenario. */
export function conversationAfter(scenario: Scenario, choices: readonly string[]): ConversationState | null {
  try {
    return stateOf(replaySnapshot(machineOf(scenario), choices));
  } catch (e) {
    if (e instanceof ReplayError) return null;
    throw e;
  }
}

/** The conversation's choice ids, in order. */
export const choicesOf = (conversation: ConversationState) => conversation.context.turns.map((t) => t.choiceId);

/** A conversation at the scenario's start. */
export function conversationStart(scenario: Scenario): ConversationState {
  return stateOf(initialTransition(machineOf(scenario))[0]);
}

/** The conversation after one more choice (unchanged when the choice is not on offer). */
export function conversationWith(scenario: Scenario, conversation: ConversationState, choiceId: string): ConversationState {
  return stateOf(transition(machineOf(scenario), conversationSnapshot(scenario, conversation), { type: "choice.select", choiceId })[0]);
}

/** The conversation as it was before its last choice, replayed from the start. */
export function conversationWithoutLast(scenario: Scenario, conversation: ConversationState): ConversationState {
  return stateOf(replaySnapshot(machineOf(scenario), choicesOf(conversation).slice(0, -1)));
}
