/**
 * What the session API does, apart from HTTP: every rule about sessions lives here. The server
 * replays the stored choices through the compiled scenario machine before accepting a new one,
 * so what a client claims about scores is never trusted.
 */
import { randomInt } from "node:crypto";
import { transition } from "xstate";
import { replay, replaySnapshot, ReplayError, transcriptOf, type Replay } from "../machines/replay";
import { compileScenario, type ScenarioMachine, type ScenarioSnapshot } from "../machines/compile-scenario";
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

async function loadOrThrow(store: Store, id: string): Promise<{ session: SessionRow; choices: ChoiceRow[] }> {
  const loaded = await store.loadSession(id);
  if (!loaded) throw new SessionError(404, `no session "${id}"`);
  return loaded;
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
  const { session, choices } = await loadOrThrow(store, id);
  const { scenario, machine } = await versionOf(store, session);
  const comments = await store.listComments(id);
  return { session, scenario, choices, comments, replay: replay(scenario, choices.map((c) => c.choiceId), machine) };
}

/**
 * The snapshot after each recently played session's choices, so that a choice request replays
 * only its own turn. An entry is used only when the stored choices are exactly the ones it was
 * made from: another process or a take-back that changed them makes it a miss, never a wrong answer.
 */
const snapshots = new Map<string, { hash: string; choiceIds: readonly string[]; snapshot: ScenarioSnapshot }>();
const MAX_SNAPSHOTS = 5_000;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function snapshotAfter(machine: ScenarioMachine, session: SessionRow, choiceIds: readonly string[]): ScenarioSnapshot {
  const hit = snapshots.get(session.id);
  if (hit && hit.hash === session.scenarioHash && sameIds(hit.choiceIds, choiceIds)) return hit.snapshot;
  return replaySnapshot(machine, choiceIds);
}

function remember(session: SessionRow, choiceIds: readonly string[], snapshot: ScenarioSnapshot): void {
  snapshots.delete(session.id);
  if (snapshots.size >= MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value!);
  snapshots.set(session.id, { hash: session.scenarioHash, choiceIds, snapshot });
}

/**
 * Appends the choice at `seq` (1-based). A retried request with the same seq and choice is
 * answered as the first was, so a turn is never doubled; a different choice at a taken seq, a
 * gap, or a choice not on offer is refused with 409 and the reason. `turns` is the number of
 * choices stored once this one is.
 */
export async function appendChoice(
  store: Store,
  id: string,
  input: { seq: number; choiceId: string; timeTakenMs: number },
): Promise<{ choice: ChoiceRow; repeated: boolean; turns: number }> {
  const { session, choices } = await loadOrThrow(store, id);
  const existing = choices[input.seq - 1];
  if (existing) {
    if (existing.choiceId === input.choiceId) return { choice: existing, repeated: true, turns: choices.length };
    throw new SessionError(409, `turn ${input.seq} was already answered with "${existing.choiceId}"`);
  }
  if (session.status !== "active") throw new SessionError(409, `the session is ${session.status}; no more choices can be added`);
  if (input.seq !== choices.length + 1) {
    throw new SessionError(409, `the next turn is ${choices.length + 1}, not ${input.seq}`);
  }
  const { machine } = await versionOf(store, session);
  const choiceIds = choices.map((c) => c.choiceId);
  const snapshot = snapshotAfter(machine, session, choiceIds);
  if (snapshot.status === "done") throw new SessionError(409, "the conversation has already reached its ending");
  const event = { type: "choice.select", choiceId: input.choiceId } as const;
  if (!snapshot.can(event)) {
    throw new SessionError(409, `node "${String(snapshot.value)}": choice "${input.choiceId}" is not on offer at turn ${input.seq}`);
  }
  const { inserted, row } = await store.insertChoice({ sessionId: id, seq: input.seq, choiceId: input.choiceId, timeTakenMs: input.timeTakenMs });
  // Another request took this seq first: fine if it was the same choice.
  if (!inserted && row.choiceId !== input.choiceId) {
    throw new SessionError(409, `turn ${input.seq} was already answered with "${row.choiceId}"`);
  }
  remember(session, [...choiceIds, input.choiceId], transition(machine, snapshot, event)[0]);
  return { choice: row, repeated: !inserted, turns: input.seq };
}

/** Takes back the last choice: practice sessions only, while the session is open. */
export async function takeBack(store: Store, id: string, seq: number): Promise<SessionRow> {
  const { session, choices } = await loadOrThrow(store, id);
  if (session.mode !== "practice") throw new SessionError(409, "choices can be taken back in practice mode only");
  if (session.status !== "active") throw new SessionError(409, `the session is ${session.status}`);
  // Taking back a turn that is already gone answers as if it had just been done: retries are safe.
  if (seq === choices.length + 1) return session;
  if (seq !== choices.length) throw new SessionError(409, `only the last choice (turn ${choices.length}) can be taken back`);
  await store.deleteChoice(id, seq);
  return { ...session, turns: seq - 1 };
}

/** Ends a session: completed (only at an ending; the outcome and meters come from the replay) or abandoned. */
export async function endSession(store: Store, id: string, status: "completed" | "abandoned"): Promise<SessionRow> {
  const { session, choices } = await loadOrThrow(store, id);
  if (session.status === status) return session;
  if (session.status !== "active") throw new SessionError(409, `the session is already ${session.status}`);
  const { scenario, machine } = await versionOf(store, session);
  const choiceIds = choices.map((c) => c.choiceId);
  const r = transcriptOf(scenario, snapshotAfter(machine, session, choiceIds));
  if (status === "completed" && !r.ending) throw new SessionError(409, "the conversation has not reached an ending yet");
  const finished = await store.finishSession(id, {
    status,
    outcome: r.ending?.outcome ?? null,
    finalMeters: r.ending ? r.meters : null,
  });
  // No more choices can come: the snapshot is not needed again.
  snapshots.delete(id);
  return finished;
}

export { ReplayError };
