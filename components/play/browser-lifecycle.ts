/** The play lifecycle wired to this browser: its storage, its address, the server and the outbox. */
import { fromCallback, fromPromise } from "xstate";
import type { SessionOp } from "../../contracts/browser-storage";
import { playLifecycle, type OutboxEvent, type SavedFind } from "../../machines/play-lifecycle";
import { hintSavedSession } from "./browser-hints";
import { fetchSession, startSession } from "./session-api";
import { Outbox } from "./session-outbox";
import { browserStorage, clearSession, readSession, saveSession } from "./stored-session";

/** The lifecycle machine with every effect provided by the browser, for the signed-in account `owner` (its id). */
export const browserLifecycle = (owner: string) =>
  playLifecycle.provide({
  actors: {
    readSaved: fromPromise<SavedFind, { scenarioId: string }>(async ({ input }) => {
      const storage = browserStorage();
      const { session, notice } = await readSession(storage, owner, input.scenarioId);
      hintSavedSession(input.scenarioId, owner, session !== null, session?.serverId);
      return {
        resumeId: new URLSearchParams(window.location.search).get("session"),
        saved: session,
        notice,
        // Who plays comes from the signed-in account (the machine's input), not from this browser.
        participant: "",
      };
    }),
    startSession: fromPromise(({ input }) => startSession(input)),
    fetchSession: fromPromise(({ input }) => fetchSession(input.id)),
    outbox: fromCallback<OutboxEvent, { sessionId: string | null }>(({ input, receive, sendBack }) => {
      if (!input.sessionId) return;
      let outbox: Outbox | undefined;
      let stopped = false;
      // Operations made while the stored queue is still being read join it once it is; a retry
      // asked for then is the flush that follows the opening.
      const early: SessionOp[] = [];
      receive((event) => {
        if (event.type === "outbox.retry") void outbox?.flush();
        else if (outbox) outbox.push(event.op);
        else early.push(event.op);
      });
      const options = { send: (...args: Parameters<typeof fetch>) => fetch(...args), storage: browserStorage(), network: window, page: window };
      void Outbox.open(input.sessionId, options).then((opened) => {
        outbox = opened;
        if (!stopped) {
          opened.subscribe((state) => sendBack({ type: "save.changed", state }));
          opened.onNote(({ seq, choiceId, note, ...r }) =>
            sendBack({ type: "note.result", seq, choiceId, note, ok: r.ok, ...(!r.ok && { message: r.message }) }),
          );
        }
        for (const op of early) opened.push(op);
        // Whatever an earlier page left waiting goes out now.
        void opened.flush();
        // Stopped while opening (the trainee started over): what was queued is kept and sent, as after any stop.
        if (stopped) opened.dispose();
      });
      return () => {
        stopped = true;
        outbox?.dispose();
      };
    }),
  },
  actions: {
    saveInBrowser: ({ self }, saved) => {
      const kept = saveSession(browserStorage(), owner, saved);
      hintSavedSession(saved.scenarioId, owner, kept, saved.serverId);
      self.send({ type: "storage.result", saved: kept });
    },
    forgetInBrowser: (_, { scenarioId }) => {
      clearSession(browserStorage(), owner, scenarioId);
      hintSavedSession(scenarioId, owner, false);
    },
  },
});
