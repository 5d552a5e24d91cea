/**
 * The play lifecycle with its effects provided by plain in-memory stand-ins that record what
 * they were asked to do: browser storage as a map, the outbox as a list of operations per
 * session, the server as functions a test sets.
 */
import { createActor, fromCallback, fromPromise, type AnyEventObject } from "xstate";
import type { SavedSession, SessionOp } from "../../../contracts/browser-storage";
import type { StartRequest } from "../../../contracts/session-requests";
import {
  playLifecycle,
  type OutboxEvent,
  type PlayLifecycleInput,
  type SaveState,
  type SavedFind,
  type ServerSession,
  type StartedSession,
} from "../../../machines/play-lifecycle";

/** One outbox the lifecycle opened: what it received, and whether it was stopped. */
export interface OutboxRecord {
  sessionId: string | null;
  ops: SessionOp[];
  /** How many times it was asked to send what waits now. */
  retries: number;
  stopped: boolean;
  /** Reports a save state to the lifecycle, as the real outbox does. */
  report: (state: SaveState) => void;
}

export interface ServerStandIn {
  readSaved: () => Promise<SavedFind>;
  startSession: (request: StartRequest) => Promise<StartedSession>;
  fetchSession: (id: string) => Promise<ServerSession>;
}

/** Never settles: the test sends the actor's done or error event itself. */
export const pending = <T>(): Promise<T> => new Promise<T>(() => {});

export const nothingSaved: SavedFind = { resumeId: null, saved: null, notice: null, participant: "" };

/** A session as this browser keeps it, for scenario "fake" at version "hash-1"; override any part. */
export function fakeSavedSession(overrides: Partial<SavedSession> = {}): SavedSession {
  return {
    v: 1,
    scenarioId: "fake",
    hash: "hash-1",
    mode: "practice",
    seed: 3,
    choices: [],
    startedAt: "2026-01-01T00:00:00.000Z",
    finished: false,
    serverId: "session-9",
    participant: "Robin",
    ...overrides,
  };
}

/** A session as the server has it, on scenario version "hash-1"; override any part. */
export function fakeServerSession(overrides: Partial<ServerSession> = {}): ServerSession {
  return {
    id: "session-9",
    mode: "practice",
    seed: 3,
    startedAt: "2026-01-01T00:00:00.000Z",
    participant: "Robin",
    status: "active",
    scenarioHash: "hash-1",
    choices: ["good"],
    notes: {},
    replayNotice: null,
    ...overrides,
  };
}

/** The lifecycle with recording stand-ins; `server` parts can be replaced before or after start. */
export function lifecycleHarness(options: { browserRefuses?: boolean; server?: Partial<ServerStandIn> } = {}) {
  const browser = new Map<string, SavedSession>();
  const outboxes: OutboxRecord[] = [];
  /** Every effect in the order it happened, as short lines. */
  const log: string[] = [];
  const server: ServerStandIn = {
    readSaved: async () => nothingSaved,
    startSession: async () => ({ id: "session-1", seed: 7, startedAt: "2026-01-01T00:00:00.000Z" }),
    fetchSession: async (id) => {
      throw new Error(`no session ${id}`);
    },
    ...options.server,
  };
  const machine = playLifecycle.provide({
    actors: {
      readSaved: fromPromise(() => server.readSaved()),
      startSession: fromPromise(({ input }) => server.startSession(input)),
      fetchSession: fromPromise(({ input }) => server.fetchSession(input.id)),
      outbox: fromCallback<OutboxEvent, { sessionId: string | null }>(({ input, receive, sendBack }) => {
        const record: OutboxRecord = {
          sessionId: input.sessionId,
          ops: [],
          retries: 0,
          stopped: false,
          report: (state) => sendBack({ type: "save.changed", state } satisfies AnyEventObject),
        };
        outboxes.push(record);
        receive((event) => {
          if (event.type === "outbox.retry") {
            record.retries++;
            log.push("outbox retry");
            return;
          }
          record.ops.push(event.op);
          log.push(`outbox ${JSON.stringify(event.op)}`);
        });
        return () => {
          record.stopped = true;
          log.push("outbox stopped");
        };
      }),
    },
    actions: {
      saveInBrowser: ({ self }, saved) => {
        if (!options.browserRefuses) browser.set(saved.scenarioId, saved);
        log.push(`save ${saved.choices.join(",")}${saved.finished ? " finished" : ""}`);
        self.send({ type: "storage.result", saved: !options.browserRefuses });
      },
      forgetInBrowser: (_, { scenarioId }) => {
        browser.delete(scenarioId);
        log.push("forget");
      },
    },
  });
  return { machine, server, browser, outboxes, log };
}

/** A started actor over the harness's machine. */
export function startLifecycle(harness: ReturnType<typeof lifecycleHarness>, input: PlayLifecycleInput) {
  return createActor(harness.machine, { input }).start();
}

/** Every operation the lifecycle's outboxes received, in order. */
export const allOps = (outboxes: readonly OutboxRecord[]) => outboxes.flatMap((o) => o.ops);
