// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionOp } from "../../../contracts/browser-storage";
import type { SaveState } from "../../../machines/play-lifecycle";
import { Outbox, type OutboxStorage } from "../../../components/play/session-outbox";

const SESSION = "4b4c9f1e-0000-4000-8000-000000000001";
const QUEUE_KEY = `peer-practice:outbox:${SESSION}`;
const choice = (seq: number, choiceId = `c${seq}`): SessionOp => ({ type: "choice", seq, choiceId, timeTakenMs: 10 * seq });

type Answer = number | "offline" | { status: number; body: unknown };

/**
 * The session API as the outbox sees it: records every request and answers from a script
 * (200 once the script runs out). `hold()` keeps the next answer back until released.
 */
class ScriptedServer {
  readonly requests: { url: string; body: unknown }[] = [];
  private script: Answer[] = [];
  private held: (() => void) | null = null;
  private holdNext = false;

  answer(...answers: Answer[]) {
    this.script.push(...answers);
  }

  hold() {
    this.holdNext = true;
  }

  release() {
    const release = this.held;
    this.held = null;
    release?.();
  }

  readonly send = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    this.requests.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    if (this.holdNext) {
      this.holdNext = false;
      await new Promise<void>((resolve) => (this.held = resolve));
    }
    const next = this.script.shift() ?? 200;
    if (next === "offline") throw new TypeError("Failed to fetch");
    const { status, body } = typeof next === "number" ? { status: next, body: {} } : next;
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };

  get ops() {
    return this.requests.map((r) => `${r.url.split("/").pop()} ${JSON.stringify(r.body)}`);
  }
}

let server: ScriptedServer;
let outbox: Outbox | undefined;
let states: SaveState[];

async function open(storage: OutboxStorage | null = window.localStorage) {
  outbox = await Outbox.open(SESSION, { send: server.send, storage, network: window, page: window });
  states = [];
  outbox.subscribe((s) => states.push(s));
  return outbox;
}

/** Lets every pending request and answer run, without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const stored = () => JSON.parse(window.localStorage.getItem(QUEUE_KEY) ?? "null") as unknown;

// The outbox loads its schemas on demand; loaded once here, later imports resolve without I/O,
// so the fake clock's microtask flushes see them through.
beforeAll(() => Promise.all([import("../../../contracts/browser-storage"), import("../../../contracts/parse-answer")]));

beforeEach(() => {
  vi.useFakeTimers();
  window.localStorage.clear();
  server = new ScriptedServer();
});

afterEach(() => {
  outbox?.dispose();
  vi.useRealTimers();
});

describe("Outbox", () => {
  it("sends operations one at a time, in order, and reports saving until the server has them all", async () => {
    const box = await open();
    server.hold();
    box.push(choice(1));
    box.push(choice(2));
    box.push({ type: "end", status: "completed" });
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(box.state.state).toBe("saving");
    expect(stored()).toHaveLength(3);
    server.release();
    await settle();
    expect(server.ops).toEqual([
      `choices ${JSON.stringify({ seq: 1, choiceId: "c1", timeTakenMs: 10 })}`,
      `choices ${JSON.stringify({ seq: 2, choiceId: "c2", timeTakenMs: 20 })}`,
      `end ${JSON.stringify({ status: "completed" })}`,
    ]);
    expect(server.requests[0]?.url).toBe(`/api/sessions/${SESSION}/choices`);
    expect(states.at(-1)).toEqual({ state: "saved" });
  });

  it("keeps what waits in the browser until the server has it", async () => {
    const box = await open();
    server.hold();
    box.push(choice(1));
    expect(stored()).toEqual([choice(1)]);
    server.release();
    await settle();
    expect(stored()).toBeNull();
  });

  it("retries after a network failure with a doubling delay, up to 30 s, saying how many changes wait", async () => {
    const box = await open();
    server.answer(...Array<Answer>(8).fill("offline"));
    box.push(choice(1));
    box.push(choice(2));
    await settle();
    expect(box.state).toEqual({ state: "offline", waiting: 2 });
    const delays = [1000, 2000, 4000, 8000, 16000, 30000, 30000];
    for (const [i, delay] of delays.entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(server.requests, `attempt ${i + 2} not before ${delay} ms`).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(server.requests, `attempt ${i + 2} after ${delay} ms`).toHaveLength(i + 2);
    }
    expect(box.state).toEqual({ state: "offline", waiting: 2 });
    // The next retry, still 30 s on, finds the server: both changes go, in order.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.requests.map((r) => r.body)).toEqual([...Array(9).fill({ seq: 1, choiceId: "c1", timeTakenMs: 10 }), { seq: 2, choiceId: "c2", timeTakenMs: 20 }]);
    expect(box.state).toEqual({ state: "saved" });
  });

  it("treats a 503 as offline, and after the server answers starts again from a 1 s delay", async () => {
    const box = await open();
    server.answer(503, 503);
    box.push(choice(1));
    await settle();
    expect(box.state).toEqual({ state: "offline", waiting: 1 });
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(box.state).toEqual({ state: "saved" });
    server.answer(503);
    box.push(choice(2));
    await settle();
    const before = server.requests.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.requests).toHaveLength(before + 1);
    expect(box.state).toEqual({ state: "saved" });
  });

  it("sends at once when the connection returns, without waiting for the retry", async () => {
    const box = await open();
    server.answer("offline");
    box.push(choice(1));
    await settle();
    expect(box.state.state).toBe("offline");
    window.dispatchEvent(new Event("online"));
    await settle();
    expect(server.requests).toHaveLength(2);
    expect(box.state).toEqual({ state: "saved" });
  });

  it("stops at a refusal, says the server's reason and keeps that change and the ones after it", async () => {
    const box = await open();
    server.hold();
    server.answer({ status: 409, body: { error: 'choice "c1" is not on offer at turn 1' } });
    box.push(choice(1));
    box.push(choice(2));
    server.release();
    await settle();
    expect(box.state).toEqual({ state: "refused", message: 'choice "c1" is not on offer at turn 1' });
    expect(server.requests).toHaveLength(1);
    expect(stored()).toEqual([choice(1), choice(2)]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(1);
  });

  it("keeps every change in memory and storage when the sign-in has expired, says so, and sets no retry timer", async () => {
    const box = await open();
    server.answer(401, 401);
    box.push(choice(1));
    await settle();
    expect(box.state).toEqual({ state: "signed-out", waiting: 1 });
    // The trainee plays on: each change tries once more, is refused again and joins the queue.
    box.push(choice(2));
    await settle();
    expect(box.state).toEqual({ state: "signed-out", waiting: 2 });
    expect(stored()).toEqual([choice(1), choice(2)]);
    expect(server.requests).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.requests).toHaveLength(2);
    expect(box.state).toEqual({ state: "signed-out", waiting: 2 });
  });

  it("sends what waited, in order and once each, when the trainee comes back to the page signed in again", async () => {
    const box = await open();
    server.answer(401);
    box.push(choice(1));
    box.push(choice(2));
    await settle();
    expect(box.state).toEqual({ state: "signed-out", waiting: 2 });
    window.dispatchEvent(new Event("focus"));
    await settle();
    expect(box.state).toEqual({ state: "saved" });
    expect(stored()).toBeNull();
    expect(server.requests.map((r) => (r.body as { seq: number }).seq)).toEqual([1, 1, 2]);
  });

  it("tries again when the page becomes visible, but not when it is hidden", async () => {
    const box = await open();
    server.answer(401);
    box.push(choice(1));
    await settle();
    const visibility = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    await settle();
    expect(server.requests).toHaveLength(1);
    visibility.mockReturnValue("visible");
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    await settle();
    expect(server.requests).toHaveLength(2);
    expect(box.state).toEqual({ state: "saved" });
  });

  it("stays signed out when tried again before signing in, and sends on a later try", async () => {
    const box = await open();
    server.answer(401, 401);
    box.push(choice(1));
    await settle();
    await box.flush();
    expect(box.state).toEqual({ state: "signed-out", waiting: 1 });
    await box.flush();
    expect(box.state).toEqual({ state: "saved" });
    expect(server.requests).toHaveLength(3);
  });

  it("does not send on focus while saved or offline: those have their own triggers", async () => {
    const box = await open();
    server.answer("offline");
    box.push(choice(1));
    await settle();
    window.dispatchEvent(new Event("focus"));
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(box.state).toEqual({ state: "offline", waiting: 1 });
  });

  it("a page opened after signing in again sends the queue an expired sign-in left in storage", async () => {
    const first = await open();
    server.answer(401, 401, 401);
    for (const op of [choice(1), { type: "take-back", seq: 1 } as const, choice(1, "other"), choice(2)]) {
      first.push(op);
      await settle();
    }
    // The choice taken back had not gone, so it is dropped rather than sent.
    expect(first.state).toEqual({ state: "signed-out", waiting: 2 });
    first.dispose();

    const second = await open();
    expect(second.state).toEqual({ state: "saving", waiting: 2 });
    await second.flush();
    expect(server.ops.slice(-2)).toEqual([
      `choices ${JSON.stringify({ seq: 1, choiceId: "other", timeTakenMs: 10 })}`,
      `choices ${JSON.stringify({ seq: 2, choiceId: "c2", timeTakenMs: 20 })}`,
    ]);
    expect(second.state).toEqual({ state: "saved" });
    expect(stored()).toBeNull();
  });

  it("shows another account's refusal after a sign-in, keeping the changes rather than dropping them", async () => {
    const box = await open();
    server.answer(401, { status: 404, body: { error: `no session "${SESSION}"` } });
    box.push(choice(1));
    await settle();
    window.dispatchEvent(new Event("focus"));
    await settle();
    expect(box.state).toEqual({ state: "refused", message: `no session "${SESSION}"` });
    expect(stored()).toEqual([choice(1)]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(2);
  });

  it("names the status of a refusal that gives no reason", async () => {
    const box = await open();
    server.answer({ status: 404, body: "not json at all" });
    box.push(choice(1));
    await settle();
    expect(box.state).toEqual({ state: "refused", message: "the server answered 404" });
  });

  it("drops a choice still waiting when it is taken back, so the server hears of neither", async () => {
    const box = await open();
    server.answer("offline");
    box.push(choice(1));
    await settle();
    box.push({ type: "take-back", seq: 1 });
    await settle();
    expect(box.state).toEqual({ state: "saved" });
    expect(stored()).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(1);
  });

  it("sends a take-back after its choice when the choice is already on its way", async () => {
    const box = await open();
    server.hold();
    box.push(choice(1));
    await settle();
    box.push({ type: "take-back", seq: 1 });
    server.release();
    await settle();
    expect(server.ops).toEqual([`choices ${JSON.stringify({ seq: 1, choiceId: "c1", timeTakenMs: 10 })}`, `take-back ${JSON.stringify({ seq: 1 })}`]);
  });

  it("sends what an earlier page left waiting before anything new", async () => {
    window.localStorage.setItem(QUEUE_KEY, JSON.stringify([choice(1), choice(2)]));
    const box = await open();
    expect(box.state).toEqual({ state: "saving", waiting: 2 });
    box.push(choice(3));
    await settle();
    expect(server.requests.map((r) => (r.body as { seq: number }).seq)).toEqual([1, 2, 3]);
  });

  it.each([
    ["not JSON", "{"],
    ["an operation missing its fields", JSON.stringify([{ type: "choice", seq: 1 }])],
    ["something that is no list", JSON.stringify({ type: "end", status: "completed" })],
    ["an unknown operation", JSON.stringify([{ type: "undo", seq: 1 }])],
  ])("drops a stored queue that is %s", async (_, raw) => {
    window.localStorage.setItem(QUEUE_KEY, raw);
    const box = await open();
    expect(box.state).toEqual({ state: "saved" });
    await box.flush();
    expect(server.requests).toEqual([]);
  });

  it("still sends when the browser will not store the queue", async () => {
    const refusing: OutboxStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => {},
    };
    const box = await open(refusing);
    box.push(choice(1));
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(box.state).toEqual({ state: "saved" });
  });

  describe("notes on choices", () => {
    const note = (seq: number, text: string, choiceId = `c${seq}`): SessionOp => ({ type: "note", seq, choiceId, note: text });

    it("sends a note behind its choice, to the choice's own address, and reports that the server has it", async () => {
      const box = await open();
      const results: unknown[] = [];
      box.onNote((r) => results.push(r));
      box.push(choice(1));
      box.push(note(1, "To slow down."));
      await settle();
      expect(server.requests.map((r) => [r.url, r.body])).toEqual([
        [`/api/sessions/${SESSION}/choices`, { seq: 1, choiceId: "c1", timeTakenMs: 10 }],
        [`/api/sessions/${SESSION}/choices/1/note`, { note: "To slow down.", choiceId: "c1" }],
      ]);
      expect(results).toEqual([{ type: "note", seq: 1, choiceId: "c1", note: "To slow down.", ok: true }]);
      expect(box.state).toEqual({ state: "saved" });
    });

    it("keeps a note offline and in storage, and sends it once the connection returns", async () => {
      const box = await open();
      server.answer("offline");
      box.push(note(1, "Kept."));
      await settle();
      expect(box.state).toEqual({ state: "offline", waiting: 1 });
      expect(stored()).toEqual([note(1, "Kept.")]);
      window.dispatchEvent(new Event("online"));
      await settle();
      expect(stored()).toBeNull();
      expect(server.requests).toHaveLength(2);
    });

    it("lets a note the server refuses go with its reason, and sends what comes after it", async () => {
      const box = await open();
      const results: unknown[] = [];
      box.onNote((r) => results.push(r));
      server.answer({ status: 400, body: { error: "the request body is not valid: note must be at most 500 characters" } });
      box.push(note(1, "x"));
      box.push(choice(2));
      await settle();
      expect(results).toEqual([
        { type: "note", seq: 1, choiceId: "c1", note: "x", ok: false, message: "the request body is not valid: note must be at most 500 characters" },
      ]);
      expect(server.ops.at(-1)).toBe(`choices ${JSON.stringify({ seq: 2, choiceId: "c2", timeTakenMs: 20 })}`);
      expect(box.state).toEqual({ state: "saved" });
      expect(stored()).toBeNull();
    });

    it("sends only the newest of several notes on a turn still waiting, but never pulls back the one on its way", async () => {
      const box = await open();
      server.hold();
      box.push(note(1, "first"));
      await settle();
      box.push(note(1, "second"));
      box.push(note(1, "third"));
      box.push(note(2, "other turn"));
      server.release();
      await settle();
      expect(server.requests.map((r) => (r.body as { note: string }).note)).toEqual(["first", "third", "other turn"]);
    });

    it("drops a waiting note when its choice is taken back", async () => {
      const box = await open();
      server.answer("offline");
      box.push(choice(1));
      box.push(note(1, "About c1."));
      await settle();
      box.push({ type: "take-back", seq: 1 });
      await settle();
      expect(stored()).toBeNull();
      expect(box.state).toEqual({ state: "saved" });
    });
  });

  it("stops listening for the trainee's return once disposed", async () => {
    const box = await open();
    server.answer(401);
    box.push(choice(1));
    await settle();
    box.dispose();
    window.dispatchEvent(new Event("focus"));
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(stored()).toEqual([choice(1)]);
  });

  it("stops retrying and listening for the connection once disposed", async () => {
    const box = await open();
    server.answer("offline");
    box.push(choice(1));
    await settle();
    box.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    window.dispatchEvent(new Event("online"));
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(stored()).toEqual([choice(1)]);
  });
});
