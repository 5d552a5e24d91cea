/**
 * Sends what the trainee does to the server, in order, and keeps it in this browser until the
 * server has it: while offline, operations wait here and go out when the connection returns, so
 * nothing the trainee did is lost. The server answers a repeated turn as it did the first time,
 * so sending an operation twice is harmless.
 *
 * A sign-in that expires (or is revoked) mid-session makes the server answer 401. Retrying on a
 * timer would only be refused again, and dropping the operations would lose what the trainee did,
 * so the outbox keeps them (in memory and in storage), reports `signed-out` and waits for a
 * reason to think the trainee signed in again: coming back to the page (from signing in in
 * another tab), the connection returning, a new operation, or `flush()` (the page's Try again).
 * Signing in again in the same tab reloads the play page, whose outbox reads this same queue
 * back from storage and sends it.
 *
 * Notes on choices travel here too, behind the choice they are on (the server can only note a
 * choice it has), and wait offline and across reloads like everything else. A note is optional,
 * so one the server refuses does not hold up the play: it leaves the queue and is reported to
 * `onNote` listeners with the reason, and the page, which still has its text, says it was not saved.
 */
import type { SessionOp } from "../../contracts/browser-storage";
import type { SaveState } from "../../machines/play-lifecycle";
import { sendOp } from "./session-api";

/** The part of `localStorage` the outbox uses. */
export type OutboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface OutboxOptions {
  /** Sends a request: `fetch` in the browser. */
  send: typeof fetch;
  /** Where waiting operations outlive the page; null when the browser offers none. */
  storage: OutboxStorage | null;
  /** Dispatches `online` when the connection returns: `window` in the browser. */
  network?: EventTarget;
  /**
   * Dispatches `focus` and `visibilitychange` when the trainee comes back to the page: `window`
   * in the browser (the document's `visibilitychange` reaches it too). While signed out, that is
   * when a sign-in made in another tab is tried.
   */
  page?: EventTarget;
}

/** What became of a note the outbox sent: the server has it, or refused it with a reason. */
export type NoteResult = Extract<SessionOp, { type: "note" }> & ({ ok: true } | { ok: false; message: string });

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

const keyFor = (sessionId: string) => `peer-practice:outbox:${sessionId}`;

export class Outbox {
  private ops: SessionOp[];
  private sending = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private delay = FIRST_DELAY_MS;
  private listeners = new Set<(s: SaveState) => void>();
  private noteListeners = new Set<(r: NoteResult) => void>();
  private current: SaveState = { state: "saved" };
  private readonly online = () => void this.flush();
  private readonly returned = (event: Event) => {
    if (this.current.state !== "signed-out") return;
    // The page being hidden is no return; a target that cannot tell (a test's) counts as one.
    if ((event.target as Partial<Document> | null)?.visibilityState === "hidden") return;
    void this.flush();
  };

  /**
   * The outbox for a session, holding what an earlier page left waiting for it. A stored queue
   * that does not read as operations is dropped: sending something malformed could only be
   * refused, and would hold up everything after it.
   */
  static async open(sessionId: string, options: OutboxOptions): Promise<Outbox> {
    let waiting: SessionOp[] = [];
    try {
      const raw = options.storage?.getItem(keyFor(sessionId));
      if (raw) {
        const { outboxQueueSchema } = await import("../../contracts/browser-storage");
        const parsed = outboxQueueSchema.safeParse(JSON.parse(raw));
        if (parsed.success) waiting = parsed.data;
      }
    } catch {
      // Unreadable storage or JSON: nothing is waiting.
    }
    return new Outbox(sessionId, options, waiting);
  }

  // Private: an outbox made without reading the stored queue would overwrite it.
  private constructor(
    readonly sessionId: string,
    private readonly options: OutboxOptions,
    waiting: SessionOp[],
  ) {
    this.ops = waiting;
    if (this.ops.length) this.current = { state: "saving", waiting: this.ops.length };
    options.network?.addEventListener("online", this.online);
    options.page?.addEventListener("focus", this.returned);
    options.page?.addEventListener("visibilitychange", this.returned);
  }

  get state(): SaveState {
    return this.current;
  }

  /** Calls the listener with the current state now and with every change. */
  subscribe(listener: (s: SaveState) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /** Calls the listener with what became of each note sent from now on. */
  onNote(listener: (r: NoteResult) => void): () => void {
    this.noteListeners.add(listener);
    return () => this.noteListeners.delete(listener);
  }

  private set(s: SaveState) {
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  private store() {
    try {
      if (this.ops.length) this.options.storage?.setItem(keyFor(this.sessionId), JSON.stringify(this.ops));
      else this.options.storage?.removeItem(keyFor(this.sessionId));
    } catch {
      // Storage refused: the queue still lives in memory for this page.
    }
  }

  /**
   * Queues an operation and starts sending. A take-back of a choice not yet sent just drops it. A
   * note replaces one still waiting for the same turn, and a take-back drops the turn's waiting
   * note (the server removes a note with its choice).
   */
  push(op: SessionOp) {
    if (op.type === "note" || op.type === "take-back") {
      // While sending, the first operation is on the wire and stays.
      const from = this.sending ? 1 : 0;
      this.ops = this.ops.filter((o, i) => i < from || o.type !== "note" || o.seq !== op.seq);
    }
    const last = this.ops[this.ops.length - 1];
    // While sending, the last choice may be the one on the wire, so the take-back must go too.
    if (op.type === "take-back" && last?.type === "choice" && last.seq === op.seq && !this.sending) {
      this.ops.pop();
    } else this.ops.push(op);
    this.store();
    void this.flush();
  }

  private waitAndRetry() {
    this.set({ state: "offline", waiting: this.ops.length });
    this.retry = setTimeout(() => void this.flush(), this.delay);
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  /**
   * Sends waiting operations in order until none are left, the network fails, the sign-in has
   * expired or the server refuses one. Also the page's Try again.
   */
  async flush(): Promise<void> {
    if (this.sending) return;
    clearTimeout(this.retry);
    this.sending = true;
    try {
      while (this.ops.length) {
        this.set({ state: "saving", waiting: this.ops.length });
        const op = this.ops[0]!;
        const result = await sendOp(this.sessionId, op, this.options.send);
        if (result.status === null || result.status >= 500) return this.waitAndRetry();
        this.delay = FIRST_DELAY_MS;
        if (result.status === 401) {
          // Signed out: no timer, since only signing in again helps; everything stays queued and
          // stored until then (see the top of this file for what sends it).
          this.set({ state: "signed-out", waiting: this.ops.length });
          return;
        }
        // A 2xx answer of an unexpected shape still says the server took the operation.
        const refused = !result.ok && (result.status < 200 || result.status > 299);
        if (refused && op.type !== "note") {
          // The server refused (for example a choice it does not find on offer): say so and keep the op,
          // so what the trainee did is not silently dropped.
          this.set({ state: "refused", message: result.error });
          return;
        }
        this.ops.shift();
        this.store();
        if (op.type === "note") {
          const report: NoteResult = refused ? { ...op, ok: false, message: result.error } : { ...op, ok: true };
          for (const l of this.noteListeners) l(report);
        }
      }
      this.set({ state: "saved" });
    } finally {
      this.sending = false;
    }
  }

  /** Stops retrying and reporting (when the page or the session goes away). */
  dispose() {
    clearTimeout(this.retry);
    this.listeners.clear();
    this.noteListeners.clear();
    this.options.network?.removeEventListener("online", this.online);
    this.options.page?.removeEventListener("focus", this.returned);
    this.options.page?.removeEventListener("visibilitychange", this.returned);
  }
}
