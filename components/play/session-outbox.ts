/**
 * Sends what the trainee does to the server, in order, and keeps it in this browser until the
 * server has it: while offline, operations wait here and go out when the connection returns, so
 * nothing the trainee did is lost. The server answers a repeated turn as it did the first time,
 * so sending an operation twice is harmless.
 */

export type OutboxOp =
  | { type: "choice"; seq: number; choiceId: string; timeTakenMs: number }
  | { type: "take-back"; seq: number }
  | { type: "end"; status: "completed" | "abandoned" };

export type SaveState =
  | { state: "saved" }
  | { state: "saving"; waiting: number }
  | { state: "offline"; waiting: number }
  | { state: "refused"; message: string };

const keyFor = (sessionId: string) => `peer-practice:outbox:${sessionId}`;

function load(sessionId: string): OutboxOp[] {
  try {
    const raw = window.localStorage.getItem(keyFor(sessionId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as OutboxOp[]) : [];
  } catch {
    return [];
  }
}

function store(sessionId: string, ops: OutboxOp[]) {
  try {
    if (ops.length) window.localStorage.setItem(keyFor(sessionId), JSON.stringify(ops));
    else window.localStorage.removeItem(keyFor(sessionId));
  } catch {
    // Storage refused: the queue still lives in memory for this page.
  }
}

function request(sessionId: string, op: OutboxOp): { url: string; body: unknown } {
  const base = `/api/sessions/${sessionId}`;
  switch (op.type) {
    case "choice":
      return { url: `${base}/choices`, body: { seq: op.seq, choiceId: op.choiceId, timeTakenMs: op.timeTakenMs } };
    case "take-back":
      return { url: `${base}/take-back`, body: { seq: op.seq } };
    case "end":
      return { url: `${base}/end`, body: { status: op.status } };
  }
}

export class Outbox {
  private ops: OutboxOp[];
  private sending = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private delay = 1000;
  private listeners = new Set<(s: SaveState) => void>();
  private current: SaveState = { state: "saved" };

  constructor(
    readonly sessionId: string,
    private readonly send: typeof fetch = (...args) => fetch(...args),
  ) {
    this.ops = load(sessionId);
    if (this.ops.length) this.set({ state: "saving", waiting: this.ops.length });
  }

  get state(): SaveState {
    return this.current;
  }

  subscribe(listener: (s: SaveState) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  private set(s: SaveState) {
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  /** Queues an operation and starts sending. A take-back of a choice not yet sent just drops it. */
  push(op: OutboxOp) {
    const last = this.ops[this.ops.length - 1];
    if (op.type === "take-back" && last?.type === "choice" && last.seq === op.seq && !this.sending) {
      this.ops.pop();
    } else this.ops.push(op);
    store(this.sessionId, this.ops);
    void this.flush();
  }

  /** Sends waiting operations in order until none are left or the network fails. */
  async flush(): Promise<void> {
    if (this.sending) return;
    clearTimeout(this.retry);
    this.sending = true;
    try {
      while (this.ops.length) {
        this.set({ state: "saving", waiting: this.ops.length });
        const op = this.ops[0]!;
        const { url, body } = request(this.sessionId, op);
        let res: Response;
        try {
          res = await this.send(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        } catch {
          this.set({ state: "offline", waiting: this.ops.length });
          this.retry = setTimeout(() => void this.flush(), this.delay);
          this.delay = Math.min(this.delay * 2, 30_000);
          return;
        }
        if (res.status >= 500) {
          this.set({ state: "offline", waiting: this.ops.length });
          this.retry = setTimeout(() => void this.flush(), this.delay);
          this.delay = Math.min(this.delay * 2, 30_000);
          return;
        }
        this.delay = 1000;
        if (!res.ok) {
          // The server refused (for example a choice it does not find on offer): say so and keep the op,
          // so what the trainee did is not silently dropped.
          const message = ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `the server answered ${res.status}`;
          this.set({ state: "refused", message });
          return;
        }
        this.ops.shift();
        store(this.sessionId, this.ops);
      }
      this.set({ state: "saved" });
    } finally {
      this.sending = false;
    }
  }

  /** Stops retrying (when the page goes away). */
  dispose() {
    clearTimeout(this.retry);
    this.listeners.clear();
  }
}
