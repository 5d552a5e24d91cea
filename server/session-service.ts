/**
 * What the session API does, apart from HTTP: every rule about sessions lives here. The server
 * replays the stored choices through the compiled scenario machine before accepting a new one,
 * so what a client claims about scores is never trusted.
 */
import { randomInt } from "node:crypto";
import { transition } from "xstate";
import type { SavedSession } from "../contracts/browser-storage";
import type { EndStatus } from "../contracts/enums";
import type { SessionDetailAnswer } from "../contracts/session-answers";
import type { SessionTranscript } from "../contracts/session-export";
import { SESSION_ID, type ChoiceRequest, type CommentEditRequest, type CommentRequest, type NoteRequest, type StartRequest } from "../contracts/session-requests";
import { compileScenario, type ScenarioMachine, type ScenarioSnapshot } from "../machines/compile-scenario";
import { replaySnapshot, ReplayError, transcriptOf } from "../machines/replay";
import type { Meters, Outcome, Scenario } from "../scenarios/types";
import { keepSummaries } from "./analytics/summary-cache";
import { sessionTranscript } from "./exports/session-transcript";
import { findScenario } from "./scenario-library";
import { ServiceError } from "./service-error";
import { replayStored, type StoredReplay } from "./session-replay";
import { isAdmin, mayPlay, mayRead, mayReview } from "./access";
import { audit } from "./audit";
import type { Account } from "./accounts";
import type { ChoiceRow, CommentRow, LoadedSession, SessionRow, Store } from "./store";
import { unavailableReason } from "./store-errors";

const noSession = (id: string) => new ServiceError(404, `no session "${id}"`);

async function loadOrThrow(store: Store, id: string): Promise<LoadedSession> {
  const loaded = await store.loadSession(id);
  if (!loaded) throw noSession(id);
  return loaded;
}

/** The session, when the account may read it; one it may not read is answered as no session, so its id is not confirmed. */
async function sessionOrThrow(store: Store, account: Account, id: string): Promise<SessionRow> {
  const session = await store.getSession(id);
  if (!session || !(await readable(store, account, session))) throw noSession(id);
  return session;
}

async function readable(store: Store, account: Account, session: SessionRow): Promise<boolean> {
  // The owner needs no lookup: the hot path (a trainee's own choices) stays one query.
  return mayPlay(account, session) || mayRead((await store.database()).db, account, session);
}

/** Refuses a write by an account that may not play the session on (404 when it may not even read it). */
async function checkPlayer(store: Store, account: Account, id: string, session: SessionRow): Promise<void> {
  if (mayPlay(account, session)) return;
  if (!(await readable(store, account, session))) throw noSession(id);
  throw new ServiceError(403, "only the person who plays a session can add to it or end it");
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
  let scenario: Scenario | undefined;
  try {
    scenario = await store.getScenarioVersion(session.scenarioHash);
  } catch (e) {
    if (unavailableReason(e) !== undefined) throw e;
    console.error(e);
  }
  // Only a database edited by hand lacks the version a session names (or holds it altered).
  if (!scenario) {
    throw new ServiceError(
      409,
      `the scenario version this session was played on (${session.scenarioHash.slice(0, 12)}) is missing or damaged in the database, so the session cannot be replayed`,
    );
  }
  const version = { scenario, machine: compileScenario(scenario) };
  if (versions.size >= MAX_VERSIONS) versions.delete(versions.keys().next().value!);
  versions.set(session.scenarioHash, version);
  return version;
}

/** Starts a session on the scenario's current version, which is stored whole so the session always replays. */
export async function startSession(store: Store, account: Account, input: StartRequest): Promise<SessionRow> {
  const entry = await findScenario(input.scenarioId, store);
  if (!entry) throw new ServiceError(404, `no scenario "${input.scenarioId}"`);
  if (!entry.ok) throw new ServiceError(409, `scenario "${input.scenarioId}" has errors and cannot be played`);
  await store.ensureScenarioVersion(entry.hash, entry.scenario);
  return store.createSession({
    scenarioId: entry.id,
    scenarioHash: entry.hash,
    mode: input.mode,
    participant: account.name,
    userId: account.id,
    seed: randomInt(0, 0x7fffffff),
  });
}

/** A session read whole, replayed (once) as far as its stored choices go. */
async function readSession(
  store: Store,
  account: Account,
  id: string,
): Promise<{ session: SessionRow; scenario: Scenario; choices: ChoiceRow[]; comments: CommentRow[]; stored: StoredReplay }> {
  const { session, choices } = await loadOrThrow(store, id);
  if (!(await readable(store, account, session))) throw noSession(id);
  const { scenario, machine } = await versionOf(store, session);
  const comments = await store.listComments(id);
  return { session, scenario, choices, comments, stored: replayStored(session, scenario, choices, machine) };
}

/** A session with its scenario version, choices, comments and the server's replay of them, as the API answers it. */
export async function getSessionDetail(store: Store, account: Account, id: string): Promise<SessionDetailAnswer> {
  const { session, scenario, choices, comments, stored } = await readSession(store, account, id);
  const { replay, damage } = stored;
  return {
    session,
    scenario,
    choices,
    comments,
    transcript: {
      notice: damage,
      done: replay.done,
      ending: replay.ending ?? null,
      meters: replay.meters,
      turns: replay.turns.map((t) => ({
        turn: t.index + 1,
        nodeId: t.nodeId,
        choiceId: t.choice.id,
        kind: t.kind,
        deltas: t.deltas,
        before: t.before,
        after: t.after,
      })),
    },
  };
}

/** The transcript the transcript page and every export are made from, with its debrief. */
export async function getSessionTranscript(store: Store, account: Account, id: string): Promise<SessionTranscript> {
  const { session, scenario, choices, comments, stored } = await readSession(store, account, id);
  return sessionTranscript(session, scenario, choices, comments, stored);
}

const mayNotReview = () => new ServiceError(403, "only a reviewer of this session can comment on it or mark it reviewed");

/** Adds a reviewer's comment on a turn the session has, or on the whole session (turn null); its author is the account. */
export async function addComment(store: Store, account: Account, id: string, input: CommentRequest): Promise<CommentRow> {
  const session = await sessionOrThrow(store, account, id);
  if (!(await mayReview((await store.database()).db, account, session))) throw mayNotReview();
  if (input.turn !== null && input.turn > session.turns) {
    throw new ServiceError(400, `turn ${input.turn} does not exist; the session has ${session.turns} turns`);
  }
  return store.addComment({ sessionId: id, author: account.name, authorId: account.id, ...input });
}

/**
 * What the account may do to a comment on a session it can read, given whether it may review that
 * session: edit it (its author, while a reviewer of the session), delete it (that, or an
 * administrator, any comment). A comment whose author is unknown (from before accounts, or whose
 * author was erased) can only be deleted, by an administrator.
 */
export function commentRightsOf(account: Account, reviewer: boolean, comment: Pick<CommentRow, "authorId">): { edit: boolean; delete: boolean } {
  const edit = reviewer && comment.authorId !== null && comment.authorId === account.id;
  return { edit, delete: edit || isAdmin(account) };
}

async function commentRights(store: Store, account: Account, session: SessionRow, comment: Pick<CommentRow, "authorId">): Promise<{ edit: boolean; delete: boolean }> {
  return commentRightsOf(account, await mayReview((await store.database()).db, account, session), comment);
}

/** The comment, on a session the account may read; either missing is answered 404 (a session it may not read is not confirmed). */
async function commentOrThrow(store: Store, account: Account, id: string, commentId: string): Promise<{ session: SessionRow; comment: CommentRow }> {
  const session = await sessionOrThrow(store, account, id);
  const comment = await store.getComment(id, commentId);
  if (!comment) throw new ServiceError(404, `no comment "${commentId}" on this session; it may have been deleted`);
  return { session, comment };
}

/** What the audit log keeps of a comment that was changed or deleted: where it was, never its words. */
function commentDetail(session: SessionRow, comment: CommentRow): Record<string, unknown> {
  return { sessionId: session.id, scenarioId: session.scenarioId, turn: comment.turn, commentId: comment.id };
}

/**
 * Replaces the text of a comment: only its author, while they may still review the session. The
 * same text again changes nothing (a retry answers the comment as it is).
 */
export async function editComment(store: Store, account: Account, id: string, commentId: string, input: CommentEditRequest): Promise<CommentRow> {
  const { session, comment } = await commentOrThrow(store, account, id, commentId);
  if (!(await commentRights(store, account, session, comment)).edit) {
    throw new ServiceError(403, comment.authorId === account.id ? "only a reviewer of this session can edit comments on it" : "only its author can edit a comment");
  }
  const edited = await store.editComment(id, commentId, input.body);
  if (!edited) throw new ServiceError(404, `no comment "${commentId}" on this session; it may have been deleted`);
  if (edited.body !== comment.body) {
    await audit((await store.database()).db, "comment-edited", { id: account.id, name: account.name }, null, commentDetail(session, comment));
  }
  return edited;
}

/**
 * Deletes a comment: its author, while they may still review the session, or an administrator
 * (any comment). A comment already deleted is answered 404, so a retry deletes nothing more.
 */
export async function deleteComment(store: Store, account: Account, id: string, commentId: string): Promise<void> {
  const { session, comment } = await commentOrThrow(store, account, id, commentId);
  if (!(await commentRights(store, account, session, comment)).delete) {
    throw new ServiceError(403, "only its author or an administrator can delete a comment");
  }
  if (!(await store.deleteComment(id, commentId))) throw new ServiceError(404, `no comment "${commentId}" on this session; it may have been deleted`);
  // The subject is the author when someone else (an administrator) deleted it.
  const subject = comment.authorId !== null && comment.authorId !== account.id ? { id: comment.authorId, name: comment.author } : null;
  await audit((await store.database()).db, "comment-deleted", { id: account.id, name: account.name }, subject, commentDetail(session, comment));
}

/** Sets or clears the mark that a supervisor has reviewed the session. */
export async function markReviewed(store: Store, account: Account, id: string, reviewed: boolean): Promise<void> {
  const session = await sessionOrThrow(store, account, id);
  if (!(await mayReview((await store.database()).db, account, session))) throw mayNotReview();
  await store.setReviewed(id, reviewed);
}

/**
 * Sets or clears (`note: null`) the trainee's note on why they made the choice at turn `seq`:
 * the session's owner only, in practice mode only, while it is active or after it ended. The
 * same request again answers the same, so retries are safe. With `choiceId`, a note meant for a
 * choice that has since been taken back and replaced is refused rather than put on the new one.
 */
export async function noteChoice(store: Store, account: Account, id: string, seq: number, input: NoteRequest): Promise<ChoiceRow> {
  const session = await store.getSession(id);
  if (!session) throw noSession(id);
  await checkNoteWriter(store, account, id, session);
  if (session.mode !== "practice") {
    throw new ServiceError(409, "notes on choices are for practice mode only; an assessment is played without them");
  }
  const noted = await store.setChoiceNote(id, seq, input.note, input.choiceId);
  if (noted) return noted;
  const there = (await store.listChoices(id)).find((c) => c.seq === seq);
  if (!there) throw new ServiceError(404, `no choice at turn ${seq}; the session has ${session.turns} turns`);
  throw new ServiceError(409, `turn ${seq} is now answered with "${there.choiceId}", not "${input.choiceId ?? ""}"; the note was not saved`);
}

async function checkNoteWriter(store: Store, account: Account, id: string, session: SessionRow): Promise<void> {
  if (mayPlay(account, session)) return;
  if (!(await readable(store, account, session))) throw noSession(id);
  throw new ServiceError(403, "only the person who played a session can write notes on its choices");
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

/** The snapshot after the stored choices; a session whose choices no longer replay is refused with the reason. */
function snapshotAfter(machine: ScenarioMachine, session: SessionRow, choices: readonly ChoiceRow[]): ScenarioSnapshot {
  const choiceIds = choices.map((c) => c.choiceId);
  const hit = snapshots.get(session.id);
  if (hit && hit.hash === session.scenarioHash && sameIds(hit.choiceIds, choiceIds)) return hit.snapshot;
  const gap = gapIn(choices);
  if (gap !== undefined) throw damaged(`turn ${gap} is missing`);
  try {
    return replaySnapshot(machine, choiceIds);
  } catch (e) {
    if (e instanceof ReplayError) throw damaged(`turn ${e.index + 1} ("${e.choiceId}" at "${e.nodeId}") no longer replays`);
    throw e;
  }
}

/** The first turn missing from the stored choices (only a database edited by hand has one), or undefined. */
function gapIn(choices: readonly ChoiceRow[]): number | undefined {
  const i = choices.findIndex((c, n) => c.seq !== n + 1);
  return i === -1 ? undefined : i + 1;
}

function damaged(why: string): ServiceError {
  return new ServiceError(409, `this session's stored choices are damaged: ${why}; take back the last choice or abandon the session`);
}

function remember(session: SessionRow, choiceIds: readonly string[], snapshot: ScenarioSnapshot): void {
  snapshots.delete(session.id);
  if (snapshots.size >= MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value!);
  snapshots.set(session.id, { hash: session.scenarioHash, choiceIds, snapshot });
}

/** How many times a write is decided again after another write to the same session came first. */
const MAX_ATTEMPTS = 8;

/**
 * Decides a write on the session as stored, and carries it out only if nothing was written to the
 * session in between (the store's revision check); otherwise reads it again and decides again.
 * `decide` throws a ServiceError to refuse, or returns the store write to attempt and what to
 * answer once it went through (or an answer right away, when there is nothing to write).
 */
type Decision<T> = { answer: T } | { write: () => Promise<T | undefined> };

async function writeSession<T>(store: Store, account: Account, id: string, decide: (loaded: LoadedSession) => Promise<Decision<T>>): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const loaded = await loadOrThrow(store, id);
    await checkPlayer(store, account, id, loaded.session);
    const decision = await decide(loaded);
    if ("answer" in decision) return decision.answer;
    const done = await decision.write();
    if (done !== undefined) return done;
  }
  throw new ServiceError(409, "the session kept changing while this request was being decided; load it again and retry");
}

/**
 * Appends the choice at `seq` (1-based). A retried request with the same seq and choice is
 * answered as the first was, so a turn is never doubled; a different choice at a taken seq, a
 * gap, or a choice not on offer is refused with 409 and the reason. `turns` is the number of
 * choices stored once this one is.
 */
export async function appendChoice(
  store: Store,
  account: Account,
  id: string,
  input: ChoiceRequest,
): Promise<{ choice: ChoiceRow; repeated: boolean; turns: number }> {
  return writeSession<{ choice: ChoiceRow; repeated: boolean; turns: number }>(store, account, id, async ({ session, choices, revision }) => {
    const existing = choices.find((c) => c.seq === input.seq);
    if (existing) {
      if (existing.choiceId === input.choiceId) return { answer: { choice: existing, repeated: true, turns: choices.length } };
      throw new ServiceError(409, `turn ${input.seq} was already answered with "${existing.choiceId}"`);
    }
    if (session.status !== "active") throw new ServiceError(409, `the session is ${session.status}; no more choices can be added`);
    const gap = gapIn(choices);
    if (gap !== undefined) throw damaged(`turn ${gap} is missing`);
    if (input.seq !== choices.length + 1) {
      throw new ServiceError(409, `the next turn is ${choices.length + 1}, not ${input.seq}`);
    }
    const { machine } = await versionOf(store, session);
    const snapshot = snapshotAfter(machine, session, choices);
    if (snapshot.status === "done") throw new ServiceError(409, "the conversation has already reached its ending");
    const event = { type: "choice.select", choiceId: input.choiceId } as const;
    if (!snapshot.can(event)) {
      throw new ServiceError(409, `node "${String(snapshot.value)}": choice "${input.choiceId}" is not on offer at turn ${input.seq}`);
    }
    return {
      write: async () => {
        const row = await store.insertChoice({ sessionId: id, seq: input.seq, choiceId: input.choiceId, timeTakenMs: input.timeTakenMs }, revision);
        if (!row) return undefined;
        remember(session, [...choices.map((c) => c.choiceId), input.choiceId], transition(machine, snapshot, event)[0]);
        return { choice: row, repeated: false, turns: input.seq };
      },
    };
  });
}

/** Takes back the last choice: practice sessions only, while the session is open. */
export async function takeBack(store: Store, account: Account, id: string, seq: number): Promise<SessionRow> {
  return writeSession<SessionRow>(store, account, id, async ({ session, choices, revision }) => {
    if (session.mode !== "practice") throw new ServiceError(409, "choices can be taken back in practice mode only");
    if (session.status !== "active") throw new ServiceError(409, `the session is ${session.status}`);
    const last = choices.at(-1)?.seq ?? 0;
    // Taking back a turn that is already gone answers as if it had just been done: retries are safe.
    if (seq === last + 1) return { answer: session };
    if (seq !== last) throw new ServiceError(409, `only the last choice (turn ${last}) can be taken back`);
    return {
      write: async () => ((await store.deleteChoice(id, seq, revision)) ? { ...session, turns: choices.length - 1 } : undefined),
    };
  });
}

/**
 * The ending the stored choices reach, with the meters there; undefined when they reach none.
 * A session is abandoned whatever state its choices are in, so for that a session whose choices
 * no longer replay simply has no ending.
 */
async function endOf(
  store: Store,
  session: SessionRow,
  choices: readonly ChoiceRow[],
  status: EndStatus,
): Promise<{ outcome: Outcome; meters: Meters } | undefined> {
  try {
    const { scenario, machine } = await versionOf(store, session);
    const r = transcriptOf(scenario, snapshotAfter(machine, session, choices));
    return r.ending && { outcome: r.ending.outcome, meters: r.meters };
  } catch (e) {
    if (status === "abandoned" && e instanceof ServiceError) return undefined;
    throw e;
  }
}

/** Ends a session: completed (only at an ending; the outcome and meters come from the replay) or abandoned. */
export async function endSession(store: Store, account: Account, id: string, status: EndStatus): Promise<SessionRow> {
  const finished = await writeSession<SessionRow>(store, account, id, async ({ session, choices, revision }) => {
    if (session.status === status) return { answer: session };
    if (session.status !== "active") throw new ServiceError(409, `the session is already ${session.status}`);
    const r = await endOf(store, session, choices, status);
    if (status === "completed" && !r) throw new ServiceError(409, "the conversation has not reached an ending yet");
    const end = r ? { outcome: r.outcome, finalMeters: r.meters } : { outcome: null, finalMeters: null };
    return { write: () => store.finishSession(id, { status, ...end }, revision) };
  });
  // No more choices can come: the snapshot is not needed again.
  snapshots.delete(id);
  // What the analytics read of the session is worked out now, once, rather than on a page view;
  // a failure here only leaves that to the first page that needs it.
  await keepSummaries(store, [id]).catch((e: unknown) => console.error(`[server] analytics: the summary of session ${id} was not stored:`, e));
  return finished;
}


/**
 * The account's own session `id` as the play page of `scenarioId` (version `hash`) draws it
 * before the browser's storage is read (the browser says, in a cookie, that it keeps this one):
 * in the form the browser keeps it, once its debrief is opened when it is completed. Undefined for
 * an id that is not a session id, another account's session (not told apart from none), another
 * scenario or version, or an abandoned one. Only drawn: what the browser keeps still decides.
 */
export async function expectedSession(store: Store, account: Account, scenarioId: string, hash: string, id: string): Promise<SavedSession | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  const loaded = await store.loadSession(id);
  if (!loaded) return undefined;
  const { session, choices } = loaded;
  if (!mayPlay(account, session) || session.scenarioId !== scenarioId || session.scenarioHash !== hash || session.status === "abandoned") return undefined;
  const ordered = [...choices].sort((a, b) => a.seq - b.seq);
  const notes = Object.fromEntries(ordered.flatMap((c) => (c.note === null || c.note === "" ? [] : [[String(c.seq), { choiceId: c.choiceId, text: c.note }]])));
  return {
    v: 1,
    scenarioId,
    hash,
    mode: session.mode,
    seed: session.seed,
    choices: ordered.map((c) => c.choiceId),
    startedAt: session.startedAt,
    finished: session.status === "completed",
    serverId: session.id,
    participant: session.participant,
    ...(Object.keys(notes).length > 0 && { notes }),
  };
}
