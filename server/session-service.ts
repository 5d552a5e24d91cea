/**
 * What the session API does, apart from HTTP: every rule about sessions lives here. The server
 * replays the stored choices through the compiled scenario machine before accepting a new one,
 * so what a client claims about scores is never trusted.
 */
import { randomInt } from "node:crypto";
import { replay, replaySnapshot, ReplayError, type Replay } from "../machines/replay";
import { compileScenario, type ScenarioMachine } from "../machines/compile-scenario";
import type { Scenario } from "../scenarios/types";
import { findScenario } from "./scenario-library";
import type { ChoiceRow, CommentRow, Mode, SessionRow, Store } from "./store";

/** A refusal with its HTTP status and a sentence for the person or program that asked. */
export class SessionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = "SessionError";
  }
}

export interface SessionDetail {
  session: SessionRow;
  scenario: Scenario;
  choices: ChoiceRow[];
  comments: CommentRow[];
  replay: Replay;
}

async function sessionOrThrow(store: Store, id: string): Promise<SessionRow> {
  const session = await store.getSession(id);
  if (!session) throw new SessionError(404, `no session "${id}"`);
  return session;
}

/**
 * Scenario versions never change once stored, so each is read, verified and compiled once per
 * process and kept: every choice request needs the compiled machine to replay the session.
 */
const versions = new Map<string, { scenario: Scenario; machine: ScenarioMachine }>();
const MAX_VERSIONS = 200;

async function versionOf(store: Store, session: SessionRow): Promise<{ scenario: Scenario; machine: ScenarioMachine }> {
  const hit = versions.get(session.scenarioHash);
  if (hit) return hit;
  const scenario = await store.getScenarioVersion(session.scenarioHash);
  if (!scenario) throw new Error(`[server] session "${session.id}": scenario version ${session.scenarioHash} is missing`);
  const version = { scenario, machine: compileScenario(scenario) };
  if (versions.size >= MAX_VERSIONS) versions.delete(versions.keys().next().value!);
  versions.set(session.scenarioHash, version);
  return version;
}

async function scenarioOf(store: Store, session: SessionRow): Promise<Scenario> {
  return (await versionOf(store, session)).scenario;
}

/** Starts a session on the scenario's current version, which is stored whole so the session always replays. */
export async function startSession(
  store: Store,
  input: { scenarioId: string; mode: Mode; participant: string },
): Promise<SessionRow> {
  const entry = await findScenario(input.scenarioId);
  if (!entry) throw new SessionError(404, `no scenario "${input.scenarioId}"`);
  if (!entry.ok) throw new SessionError(409, `scenario "${input.scenarioId}" has errors and cannot be played`);
  await store.ensureScenarioVersion(entry.hash, entry.scenario);
  return store.createSession({
    scenarioId: entry.id,
    scenarioHash: entry.hash,
    mode: input.mode,
    participant: input.participant,
    seed: randomInt(0, 0x7fffffff),
  });
}

export async function getSessionDetail(store: Store, id: string): Promise<SessionDetail> {
  const session = await sessionOrThrow(store, id);
  const scenario = await scenarioOf(store, session);
  const [choices, comments] = await Promise.all([store.listChoices(id), store.listComments(id)]);
  return { session, scenario, choices, comments, replay: replay(scenario, choices.map((c) => c.choiceId)) };
}

/**
 * Appends the choice at `seq` (1-based). A retried request with the same seq and choice is
 * answered as the first was, so a turn is never doubled; a different choice at a taken seq, a
 * gap, or a choice not on offer is refused with 409 and the reason.
 */
export async function appendChoice(
  store: Store,
  id: string,
  input: { seq: number; choiceId: string; timeTakenMs: number },
): Promise<{ session: SessionRow; choice: ChoiceRow; repeated: boolean }> {
  const session = await sessionOrThrow(store, id);
  const choices = await store.listChoices(id);
  const existing = choices[input.seq - 1];
  if (existing) {
    if (existing.choiceId === input.choiceId) return { session, choice: existing, repeated: true };
    throw new SessionError(409, `turn ${input.seq} was already answered with "${existing.choiceId}"`);
  }
  if (session.status !== "active") throw new SessionError(409, `the session is ${session.status}; no more choices can be added`);
  if (input.seq !== choices.length + 1) {
    throw new SessionError(409, `the next turn is ${choices.length + 1}, not ${input.seq}`);
  }
  const { machine } = await versionOf(store, session);
  const snapshot = replaySnapshot(machine, choices.map((c) => c.choiceId));
  if (snapshot.status === "done") throw new SessionError(409, "the conversation has already reached its ending");
  if (!snapshot.can({ type: "choice.select", choiceId: input.choiceId })) {
    throw new SessionError(409, `node "${String(snapshot.value)}": choice "${input.choiceId}" is not on offer at turn ${input.seq}`);
  }
  const { inserted, row } = await store.insertChoice({ sessionId: id, seq: input.seq, choiceId: input.choiceId, timeTakenMs: input.timeTakenMs });
  // Another request took this seq first: fine if it was the same choice.
  if (!inserted && row.choiceId !== input.choiceId) {
    throw new SessionError(409, `turn ${input.seq} was already answered with "${row.choiceId}"`);
  }
  return { session: (await store.getSession(id))!, choice: row, repeated: !inserted };
}

/** Takes back the last choice: practice sessions only, while the session is open. */
export async function takeBack(store: Store, id: string, seq: number): Promise<SessionRow> {
  const session = await sessionOrThrow(store, id);
  if (session.mode !== "practice") throw new SessionError(409, "choices can be taken back in practice mode only");
  if (session.status !== "active") throw new SessionError(409, `the session is ${session.status}`);
  const choices = await store.listChoices(id);
  // Taking back a turn that is already gone answers as if it had just been done: retries are safe.
  if (seq === choices.length + 1) return session;
  if (seq !== choices.length) throw new SessionError(409, `only the last choice (turn ${choices.length}) can be taken back`);
  await store.deleteChoice(id, seq);
  return (await store.getSession(id))!;
}

/** Ends a session: completed (only at an ending; the outcome and meters come from the replay) or abandoned. */
export async function endSession(store: Store, id: string, status: "completed" | "abandoned"): Promise<SessionRow> {
  const session = await sessionOrThrow(store, id);
  if (session.status === status) return session;
  if (session.status !== "active") throw new SessionError(409, `the session is already ${session.status}`);
  const scenario = await scenarioOf(store, session);
  const r = replay(scenario, (await store.listChoices(id)).map((c) => c.choiceId));
  if (status === "completed" && !r.ending) throw new SessionError(409, "the conversation has not reached an ending yet");
  return store.finishSession(id, {
    status,
    outcome: r.ending?.outcome ?? null,
    finalMeters: r.ending ? r.meters : null,
  });
}

export { ReplayError };
