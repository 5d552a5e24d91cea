/**
 * The play page's lifecycle as one machine: finding a saved session (in this browser or, from a
 * link, on the server), choosing a mode, starting the session on the server, playing, pausing,
 * taking back, ending at the debrief and starting over.
 *
 * The conversation itself is the compiled scenario machine's state, kept in this machine's
 * context and stepped with XState's pure `transition()` rather than run as a child actor: the
 * compiled machine has no effects to run, a take-back or a resume is then just a replayed state
 * put in place (no actor to stop and respawn), the turns are read from that one state and never
 * copied, and `xstate/graph` can walk the whole lifecycle, conversation included (see
 * conversation-state.ts for why the state is kept as plain data).
 *
 * Everything that touches the world is provided from outside (`machine.provide`): the server
 * calls (`readSaved`, `startSession`, `fetchSession`), the outbox that sends each operation to the
 * server (`outbox`), and browser storage (`saveInBrowser`, `forgetInBrowser`). The defaults here do nothing, so the machine runs as is in tests.
 */
import { assign, enqueueActions, fromCallback, fromPromise, setup, type ActorRefFrom, type SnapshotFrom } from "xstate";
import type { SavedSession, SessionOp } from "../contracts/browser-storage";
import type { Mode, SessionStatus } from "../contracts/enums";
import type { StartRequest } from "../contracts/session-requests";
import type { Scenario } from "../scenarios/types";
import {
  choicesOf,
  conversationAfter,
  conversationSnapshot,
  conversationStart,
  conversationWith,
  conversationWithoutLast,
  type ConversationState,
} from "./conversation-state";

/** Whether the server has everything the trainee did, as the outbox reports it. */
export type SaveState =
  | { state: "saved" }
  | { state: "saving"; waiting: number }
  | { state: "offline"; waiting: number }
  /** The server answered 401: the sign-in expired or was revoked; the changes wait for a new one. */
  | { state: "signed-out"; waiting: number }
  | { state: "refused"; message: string };

/** What the page finds when it opens: the `readSaved` actor's output. */
export interface SavedFind {
  /** A server session to resume (`?session=<id>`, from any device), or null. */
  resumeId: string | null;
  /** This browser's session for the scenario, or null. */
  saved: SavedSession | null;
  /** Why a saved session was set aside unread (damaged, or from an older version), to tell the trainee. */
  notice: string | null;
  /** The name this browser last used, or "". */
  participant: string;
}

/** A session the server has just started: the `startSession` actor's output. */
export interface StartedSession {
  id: string;
  seed: number;
  startedAt: string;
}

/** A session as the server has it: the `fetchSession` actor's output. */
export interface ServerSession {
  id: string;
  mode: Mode;
  seed: number;
  startedAt: string;
  participant: string;
  status: SessionStatus;
  scenarioHash: string;
  /** The stored choice ids, in order. */
  choices: string[];
  /** The trainee's notes on them, by turn (1-based, as text). */
  notes: Record<string, KeptNote>;
  /** Set when the server's replay of the stored choices stops short. */
  replayNotice: string | null;
}

/** A note as kept with a session: the choice it is on, and its text. */
export interface KeptNote {
  choiceId: string;
  text: string;
}

/** The most characters a note may have (contracts/session-requests.ts says the same to the server). */
export const NOTE_MAX_LENGTH = 500;

/** A trainee's note on one of their choices, and whether the server has it. */
export interface ChoiceNote extends KeptNote {
  /**
   * `saving`: handed to the outbox, which sends it behind its choice (and keeps it through being
   * offline or a reload); `saved`: the server has it; `failed`: the server refused it, for `message`.
   */
  state: "saving" | "saved" | "failed";
  message?: string;
}

/** The session being played or debriefed. */
export interface CurrentSession {
  mode: Mode;
  seed: number;
  startedAt: string;
  serverId?: string;
  participant?: string;
  /** Set once the debrief was opened. */
  finished: boolean;
  /** Where the conversation is, with every turn taken. */
  conversation: ConversationState;
  /** The trainee's notes on their choices (practice mode), by turn (1-based). */
  notes: Record<number, ChoiceNote>;
}

export interface PlayLifecycleInput {
  scenario: Scenario;
  /** The scenario version being played. */
  hash: string;
  /** Who plays: the signed-in account's display name, which the server records as the participant. */
  participant?: string;
  /**
   * The turns (node ids) on which the trainee's assignments ask for a note on why they chose,
   * besides those the scenario itself asks on (`askRationale`).
   */
  askRationaleOn?: readonly string[];
  /**
   * The session the page expects this browser to keep, as the server has it (the browser said it
   * keeps that one): shown, as if resumed, while the browser's storage is being read, so the
   * page's first paint is the conversation or the debrief rather than a loading line. What the
   * storage holds then decides, as without it; it is set aside when the storage has no session to
   * resume.
   */
  expected?: SavedSession;
}

export interface PlayLifecycleContext extends PlayLifecycleInput {
  session: CurrentSession | null;
  /** A sentence for the trainee about what just happened (resumed, taken back, set aside). */
  notice: string | null;
  /** Why the last start failed. */
  startError: string | null;
  /** The server session the page was opened to resume. */
  resumeId: string | null;
  /** The mode and name a start is waiting on the server for. */
  pending: { mode: Mode; participant: string } | null;
  /** The name this browser last used, to fill in. */
  participant: string;
  /** What the outbox last reported; null while it has said nothing. */
  saveState: SaveState | null;
  /** Set when the browser would not keep the session (private mode, full storage). */
  storageRefused: boolean;
}

export type PlayLifecycleEvent =
  | { type: "session.start"; mode: Mode; participant: string }
  | { type: "session.pause" }
  | { type: "session.resume" }
  | { type: "choice.select"; choiceId: string; timeTakenMs?: number }
  | { type: "choice.takeBack" }
  | { type: "session.restart" }
  | { type: "session.end" }
  /** From the outbox: how saving stands. */
  | { type: "save.changed"; state: SaveState }
  /** The trainee asks to send what waits now (after signing in again in another tab). */
  | { type: "save.retry" }
  /** The trainee saves (or, with only whitespace, clears) their note on the choice at turn `seq` (practice mode). */
  | { type: "note.save"; seq: number; note: string }
  /** From the outbox: what became of a note it sent. */
  | { type: "note.result"; seq: number; choiceId: string; note: string; ok: boolean; message?: string }
  /** From `saveInBrowser`: whether the browser kept the session. */
  | { type: "storage.result"; saved: boolean };

/** What the outbox actor is sent: an operation to queue, or a request to send what waits now. */
export type OutboxEvent = { type: "outbox.push"; op: SessionOp } | { type: "outbox.retry" };

/** Why a server session cannot be resumed on this scenario version, or null when it can. */
export function resumeRefusal(scenario: Scenario, hash: string, found: ServerSession): string | null {
  if (found.scenarioHash !== hash) return "it was played on an earlier version of this scenario; its transcript is on the Sessions page";
  if (found.status !== "active") return `it is ${found.status}; its transcript is on the Sessions page`;
  if (found.replayNotice || !conversationAfter(scenario, found.choices)) {
    return "its stored choices no longer replay; its transcript is on the Sessions page";
  }
  return null;
}

/** The session as this browser keeps it. */
export function savedSessionOf(context: Pick<PlayLifecycleContext, "scenario" | "hash">, session: CurrentSession): SavedSession {
  return {
    v: 1,
    scenarioId: context.scenario.id,
    hash: context.hash,
    mode: session.mode,
    seed: session.seed,
    choices: choicesOf(session.conversation),
    startedAt: session.startedAt,
    finished: session.finished,
    ...(session.serverId !== undefined && { serverId: session.serverId }),
    ...(session.participant !== undefined && { participant: session.participant }),
    ...(Object.keys(session.notes).length > 0 && {
      notes: Object.fromEntries(Object.entries(session.notes).map(([seq, n]) => [seq, { choiceId: n.choiceId, text: n.text }])),
    }),
  };
}

/** Notes as kept in the browser or on the server, for the turns that still have the choice they were on. */
function notesFrom(kept: Record<string, KeptNote> | undefined, choices: readonly string[]): Record<number, ChoiceNote> {
  const notes: Record<number, ChoiceNote> = {};
  for (const [key, n] of Object.entries(kept ?? {})) {
    const seq = Number(key);
    if (choices[seq - 1] === n.choiceId && n.text !== "") notes[seq] = { ...n, state: "saved" };
  }
  return notes;
}

/**
 * A saved session as the page resumes it, with the sentence that says so; null when its choices
 * no longer replay on the scenario.
 */
function resumedFrom(scenario: Scenario, saved: SavedSession): { session: CurrentSession; notice: string | null } | null {
  const conversation = conversationAfter(scenario, saved.choices);
  if (!conversation) return null;
  return {
    session: {
      mode: saved.mode,
      seed: saved.seed,
      startedAt: saved.startedAt,
      finished: saved.finished,
      conversation,
      notes: notesFrom(saved.notes, saved.choices),
      ...(saved.serverId !== undefined && { serverId: saved.serverId }),
      ...(saved.participant !== undefined && { participant: saved.participant }),
    },
    notice: saved.choices.length > 0 ? `Resumed where you left off, after ${turnsText(saved.choices.length)}.` : null,
  };
}

/** Whether the trainee is asked for a note on the turn at `nodeId`: by the scenario, or by an assignment. */
export function asksRationale(context: Pick<PlayLifecycleContext, "scenario" | "askRationaleOn">, nodeId: string): boolean {
  const node = context.scenario.nodes[nodeId];
  return node?.type === "turn" && (node.askRationale === true || (context.askRationaleOn ?? []).includes(nodeId));
}

/** "1 turn", "3 turns". */
const turnsText = (n: number) => `${n} ${n === 1 ? "turn" : "turns"}`;

const turnCount = (context: PlayLifecycleContext) => context.session?.conversation.context.turns.length ?? 0;

/** The current session; the states that use it are only entered with one. */
function current(context: PlayLifecycleContext): CurrentSession {
  if (!context.session) throw new Error("[machines] play-lifecycle: no session in this state");
  return context.session;
}

/** The start waiting on the server; `starting` is only entered with one. */
function pendingStart(context: PlayLifecycleContext): { mode: Mode; participant: string } {
  if (!context.pending) throw new Error("[machines] play-lifecycle: no start is pending");
  return context.pending;
}

export const playLifecycle = setup({
  types: {
    context: {} as PlayLifecycleContext,
    events: {} as PlayLifecycleEvent,
    input: {} as PlayLifecycleInput,
  },
  actors: {
    /** Reads this browser's saved session and the page address. */
    readSaved: fromPromise<SavedFind, { scenarioId: string }>(async () => ({ resumeId: null, saved: null, notice: null, participant: "" })),
    /** Starts a session on the server; rejects with a sentence for the trainee. */
    startSession: fromPromise<StartedSession, StartRequest>(async () => {
      throw new Error("[machines] play-lifecycle: no server was provided to start a session on");
    }),
    /** Loads a session from the server; rejects with a sentence for the trainee. */
    fetchSession: fromPromise<ServerSession, { id: string }>(async ({ input }) => {
      throw new Error(`[machines] play-lifecycle: no server was provided to load session "${input.id}" from`);
    }),
    /** Sends each operation to the server in order, reporting `save.changed`; lives as long as the session. */
    outbox: fromCallback<OutboxEvent, { sessionId: string | null }>(() => {}),
  },
  actions: {
    /** Keeps the session in this browser; reports `storage.result`. */
    saveInBrowser: (_, _saved: SavedSession) => {},
    /** Drops this browser's session for the scenario. */
    forgetInBrowser: (_, _params: { scenarioId: string }) => {},

    takeFind: assign(({ context }, find: SavedFind) => ({ participant: find.participant || context.participant, notice: find.notice, resumeId: find.resumeId })),
    adoptSaved: assign(({ context }, saved: SavedSession) => {
      const adopted = resumedFrom(context.scenario, saved);
      if (!adopted) throw new Error(`[machines] play-lifecycle: saved session for "${saved.scenarioId}" does not replay`);
      return adopted;
    }),
    /** Sets aside the session shown while loading (the input's `expected`): the page goes on without it. */
    setAsideShown: assign({ session: null, notice: null }),
    adoptResumed: assign(({ context }, found: ServerSession) => {
      const conversation = conversationAfter(context.scenario, found.choices);
      if (!conversation) throw new Error(`[machines] play-lifecycle: session "${found.id}" does not replay`);
      return {
        session: {
          mode: found.mode,
          seed: found.seed,
          startedAt: found.startedAt,
          finished: false,
          conversation,
          notes: notesFrom(found.notes, found.choices),
          serverId: found.id,
          participant: found.participant,
        },
        notice: `Resumed the saved session, after ${turnsText(found.choices.length)}.`,
      };
    }),
    adoptStarted: assign(({ context }, started: StartedSession) => {
      const { mode, participant } = pendingStart(context);
      return {
        session: {
          mode,
          seed: started.seed,
          startedAt: started.startedAt,
          finished: false,
          conversation: conversationStart(context.scenario),
          notes: {},
          serverId: started.id,
          participant,
        },
        participant,
        pending: null,
        notice: null,
      };
    }),
    holdStart: assign((_, params: { mode: Mode; participant: string }) => ({
      pending: { mode: params.mode, participant: params.participant.trim() },
      startError: null,
    })),
    failStart: assign((_, params: { message: string }) => ({ startError: params.message, pending: null })),
    setNotice: assign((_, params: { notice: string | null }) => ({ notice: params.notice })),
    applyChoice: assign(({ context }, params: { choiceId: string }) => {
      const session = current(context);
      return { session: { ...session, conversation: conversationWith(context.scenario, session.conversation, params.choiceId) } };
    }),
    stepBack: assign(({ context }) => {
      const session = current(context);
      // The note goes with its choice.
      const { [turnCount(context)]: _taken, ...notes } = session.notes;
      return {
        session: { ...session, conversation: conversationWithoutLast(context.scenario, session.conversation), notes },
        notice: "Your last choice was taken back.",
      };
    }),
    keepNote: assign(({ context }, params: { seq: number; note: string }) => {
      const session = current(context);
      const text = params.note.trim();
      const choiceId = choicesOf(session.conversation)[params.seq - 1] ?? "";
      return { session: { ...session, notes: { ...session.notes, [params.seq]: { choiceId, text, state: "saving" as const } } } };
    }),
    noteResult: assign(({ context }, result: Extract<PlayLifecycleEvent, { type: "note.result" }>) => {
      const session = context.session;
      const kept = session?.notes[result.seq];
      // Only the note as last saved: an answer about an earlier text or a taken-back choice is old news.
      if (!session || !kept || kept.choiceId !== result.choiceId || kept.text !== result.note) return {};
      const note: ChoiceNote = result.ok
        ? { choiceId: kept.choiceId, text: kept.text, state: "saved" }
        : { choiceId: kept.choiceId, text: kept.text, state: "failed", message: result.message ?? "the server refused it" };
      return { session: { ...session, notes: { ...session.notes, [result.seq]: note } } };
    }),
    finish: assign(({ context }) => ({ session: { ...current(context), finished: true } })),
    dropSession: assign({ session: null, notice: null, saveState: null }),
    noteSaveState: assign((_, params: { state: SaveState }) => ({ saveState: params.state })),
    noteStorage: assign((_, params: { saved: boolean }) => ({ storageRefused: !params.saved })),
    /** Asks the outbox to send what waits now. */
    retrySaving: enqueueActions(({ context, enqueue }) => {
      if (context.session?.serverId) enqueue.sendTo("outbox", { type: "outbox.retry" } satisfies OutboxEvent);
    }),
    /** Hands an operation to the outbox, which exists only for a session the server knows. */
    queue: enqueueActions(({ context, enqueue }, op: SessionOp) => {
      if (context.session?.serverId) enqueue.sendTo("outbox", { type: "outbox.push", op } satisfies OutboxEvent);
    }),
  },
  guards: {
    /** The page was opened to resume a server session this browser does not have. */
    resumesFromServer: (_, find: SavedFind) => find.resumeId !== null && find.saved?.serverId !== find.resumeId,
    /** The saved session replays and its debrief was opened. */
    savedEnded: ({ context }, find: SavedFind) =>
      find.saved !== null && find.saved.finished && conversationAfter(context.scenario, find.saved.choices)?.status === "done",
    savedReplays: ({ context }, find: SavedFind) => find.saved !== null && conversationAfter(context.scenario, find.saved.choices) !== null,
    hasSaved: (_, find: SavedFind) => find.saved !== null,
    resumeRefused: ({ context }, found: ServerSession) => resumeRefusal(context.scenario, context.hash, found) !== null,
    participantGiven: (_, params: { participant: string }) => params.participant.trim() !== "",
    choiceOnOffer: ({ context }, params: { choiceId: string }) =>
      context.session !== null &&
      conversationSnapshot(context.scenario, context.session.conversation).can({ type: "choice.select", choiceId: params.choiceId }),
    /**
     * Only in practice mode, on a choice that was made, in a session the server knows (the note
     * goes through the outbox), and no longer than a note may be; the same text again is a retry.
     */
    noteAllowed: ({ context }, params: { seq: number; note: string }) => {
      const session = context.session;
      if (session?.mode !== "practice" || !session.serverId) return false;
      const text = params.note.trim();
      if (!Number.isInteger(params.seq) || params.seq < 1 || params.seq > turnCount(context) || text.length > NOTE_MAX_LENGTH) return false;
      // Clearing a note that is not there has nothing to do.
      return text !== "" || session.notes[params.seq] !== undefined;
    },
    /** Only practice mode takes back, and only a choice that was made. */
    canTakeBack: ({ context }) => context.session?.mode === "practice" && turnCount(context) > 0,
    conversationOver: ({ context }) => context.session?.conversation.status === "done",
    conversationGoesOn: ({ context }) => context.session?.conversation.status === "active",
  },
}).createMachine({
  id: "play",
  // The expected session is only drawn from: it is not kept beside the session once read.
  context: ({ input: { expected, ...input } }) => ({
    ...input,
    ...(expected?.scenarioId === input.scenario.id && expected.hash === input.hash
      ? (resumedFrom(input.scenario, expected) ?? { session: null, notice: null })
      : { session: null, notice: null }),
    startError: null,
    resumeId: null,
    pending: null,
    participant: input.participant ?? "",
    saveState: null,
    storageRefused: false,
  }),
  initial: "loading",
  on: {
    "storage.result": { actions: { type: "noteStorage", params: ({ event }) => ({ saved: event.saved }) } },
  },
  states: {
    loading: {
      invoke: {
        id: "readSaved",
        src: "readSaved",
        input: ({ context }) => ({ scenarioId: context.scenario.id }),
        onDone: [
          {
            guard: { type: "resumesFromServer", params: ({ event }) => event.output },
            target: "resuming",
            actions: ["setAsideShown", { type: "takeFind", params: ({ event }) => event.output }],
          },
          {
            guard: { type: "savedEnded", params: ({ event }) => event.output },
            target: "session.ended",
            actions: [
              { type: "takeFind", params: ({ event }) => event.output },
              { type: "adoptSaved", params: ({ event }) => event.output.saved! },
            ],
          },
          {
            guard: { type: "savedReplays", params: ({ event }) => event.output },
            target: "session.playing",
            actions: [
              { type: "takeFind", params: ({ event }) => event.output },
              { type: "adoptSaved", params: ({ event }) => event.output.saved! },
            ],
          },
          {
            guard: { type: "hasSaved", params: ({ event }) => event.output },
            target: "choosing",
            actions: [
              "setAsideShown",
              { type: "takeFind", params: ({ event }) => event.output },
              { type: "forgetInBrowser", params: ({ context }) => ({ scenarioId: context.scenario.id }) },
              {
                type: "setNotice",
                params: { notice: "This scenario has changed since your last session, so that session could not be resumed." },
              },
            ],
          },
          { target: "choosing", actions: ["setAsideShown", { type: "takeFind", params: ({ event }) => event.output }] },
        ],
        // Reading the browser's storage is not expected to fail; if it does, play starts afresh.
        onError: { target: "choosing", actions: "setAsideShown" },
      },
    },
    resuming: {
      invoke: {
        id: "fetchSession",
        src: "fetchSession",
        input: ({ context }) => ({ id: context.resumeId ?? "" }),
        onDone: [
          {
            guard: { type: "resumeRefused", params: ({ event }) => event.output },
            target: "choosing",
            actions: {
              type: "setNotice",
              params: ({ context, event }) => ({
                notice: `That session cannot be resumed here: ${resumeRefusal(context.scenario, context.hash, event.output)}.`,
              }),
            },
          },
          {
            target: "session.playing",
            actions: [
              { type: "adoptResumed", params: ({ event }) => event.output },
              { type: "saveInBrowser", params: ({ context }) => savedSessionOf(context, current(context)) },
            ],
          },
        ],
        onError: {
          target: "choosing",
          actions: {
            type: "setNotice",
            params: ({ event }) => ({ notice: `That session cannot be resumed here: ${messageOf(event.error)}.` }),
          },
        },
      },
    },
    choosing: {
      on: {
        "session.start": {
          guard: { type: "participantGiven", params: ({ event }) => ({ participant: event.participant }) },
          target: "starting",
          actions: { type: "holdStart", params: ({ event }) => ({ mode: event.mode, participant: event.participant }) },
        },
      },
    },
    starting: {
      invoke: {
        id: "startSession",
        src: "startSession",
        input: ({ context }) => ({ scenarioId: context.scenario.id, mode: pendingStart(context).mode }),
        onDone: {
          target: "session.playing",
          actions: [
            { type: "adoptStarted", params: ({ event }) => event.output },
            { type: "saveInBrowser", params: ({ context }) => savedSessionOf(context, current(context)) },
          ],
        },
        onError: {
          target: "choosing",
          actions: { type: "failStart", params: ({ event }) => ({ message: messageOf(event.error) }) },
        },
      },
    },
    session: {
      initial: "playing",
      // The outbox lives exactly as long as the session: what it still holds when the trainee
      // starts over stays in the browser's storage for it.
      invoke: {
        id: "outbox",
        src: "outbox",
        input: ({ context }) => ({ sessionId: context.session?.serverId ?? null }),
      },
      exit: "dropSession",
      on: {
        "save.changed": { actions: { type: "noteSaveState", params: ({ event }) => ({ state: event.state }) } },
        "save.retry": { actions: "retrySaving" },
        "note.result": { actions: { type: "noteResult", params: ({ event }) => event } },
        "session.restart": { target: ".leaving" },
      },
      states: {
        playing: {
          on: {
            "choice.select": {
              guard: { type: "choiceOnOffer", params: ({ event }) => ({ choiceId: event.choiceId }) },
              actions: [
                { type: "applyChoice", params: ({ event }) => ({ choiceId: event.choiceId }) },
                {
                  type: "queue",
                  params: ({ context, event }) => ({
                    type: "choice",
                    seq: turnCount(context),
                    choiceId: event.choiceId,
                    timeTakenMs: Math.max(0, Math.round(event.timeTakenMs ?? 0)),
                  }),
                },
                { type: "saveInBrowser", params: ({ context }) => savedSessionOf(context, current(context)) },
              ],
            },
            "choice.takeBack": {
              guard: "canTakeBack",
              actions: [
                // Named before the step back: the turn being taken back is the last one.
                { type: "queue", params: ({ context }) => ({ type: "take-back", seq: turnCount(context) }) },
                "stepBack",
                { type: "saveInBrowser", params: ({ context }) => savedSessionOf(context, current(context)) },
              ],
            },
            "note.save": {
              guard: { type: "noteAllowed", params: ({ event }) => ({ seq: event.seq, note: event.note }) },
              actions: [
                { type: "keepNote", params: ({ event }) => ({ seq: event.seq, note: event.note }) },
                {
                  type: "queue",
                  params: ({ context, event }) => ({
                    type: "note",
                    seq: event.seq,
                    choiceId: current(context).notes[event.seq]?.choiceId ?? "",
                    note: event.note.trim(),
                  }),
                },
                { type: "saveInBrowser", params: ({ context }) => savedSessionOf(context, current(context)) },
              ],
            },
            "session.pause": { guard: "conversationGoesOn", target: "paused" },
            "session.end": {
              guard: "conversationOver",
              target: "ended",
              actions: [
                { type: "queue", params: { type: "end", status: "completed" } },
                "finish",
                { type: "saveInBrowser", params: ({ context }) => savedSessionOf(context, current(context)) },
              ],
            },
          },
        },
        paused: {
          entry: { type: "setNotice", params: { notice: null } },
          on: { "session.resume": { target: "playing" } },
        },
        ended: {
          on: {
            // Already completed on the server: nothing to abandon.
            "session.restart": {
              target: "#play.choosing",
              actions: { type: "forgetInBrowser", params: ({ context }) => ({ scenarioId: context.scenario.id }) },
            },
          },
        },
        // A step of its own so the abandonment reaches the outbox before leaving the session stops it.
        leaving: {
          entry: { type: "queue", params: { type: "end", status: "abandoned" } },
          always: {
            target: "#play.choosing",
            actions: { type: "forgetInBrowser", params: ({ context }) => ({ scenarioId: context.scenario.id }) },
          },
        },
      },
    },
  },
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type PlayLifecycle = typeof playLifecycle;
export type PlayLifecycleSnapshot = SnapshotFrom<PlayLifecycle>;
export type PlayLifecycleActor = ActorRefFrom<PlayLifecycle>;

/** Which screen the page shows. */
export type PlayStage = "loading" | "choosing" | "starting" | "playing" | "paused" | "ended";

/** The screen for a snapshot: the connect layer's one decision about states. */
export function stageOf(snapshot: PlayLifecycleSnapshot): PlayStage {
  if (snapshot.matches("choosing")) return "choosing";
  if (snapshot.matches("starting")) return "starting";
  if (snapshot.matches({ session: "playing" })) return "playing";
  if (snapshot.matches({ session: "paused" })) return "paused";
  if (snapshot.matches({ session: "ended" })) return "ended";
  return "loading";
}

/**
 * What the page draws for a snapshot: its stage, except that while the browser's storage is read,
 * the session expected from the server (the input's `expected`) is drawn as the stage it resumes in.
 */
export function shownStageOf(snapshot: PlayLifecycleSnapshot): PlayStage {
  const session = snapshot.context.session;
  if (!snapshot.matches("loading") || !session) return stageOf(snapshot);
  return session.finished && session.conversation.status === "done" ? "ended" : "playing";
}

/**
 * Whether the snapshot accepts `event`; for a session drawn while the browser's storage is read,
 * whether it will once resumed (in the state `shownStageOf` draws it in), so that what the page
 * offers (Take back, Pause, notes) does not change shape then.
 */
export function acceptsOnceShown(snapshot: PlayLifecycleSnapshot, event: PlayLifecycleEvent): boolean {
  if (!snapshot.matches("loading") || !snapshot.context.session) return snapshot.can(event);
  const value = { session: shownStageOf(snapshot) === "ended" ? "ended" : "playing" } as const;
  return playLifecycle.resolveState({ value, context: snapshot.context }).can(event);
}

/** Whether the play bar offers Take back and Pause (see acceptsOnceShown). */
export function barActionsOf(snapshot: PlayLifecycleSnapshot): { takeBack: boolean; pause: boolean } {
  return { takeBack: acceptsOnceShown(snapshot, { type: "choice.takeBack" }), pause: acceptsOnceShown(snapshot, { type: "session.pause" }) };
}
