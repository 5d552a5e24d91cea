/**
 * The session rules on a real SQLite store: each choice is checked against the choices stored,
 * whatever this process remembers of the session from earlier requests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioHash } from "../../../scenarios/hash";
import { openSqliteStore } from "../../../server/open-store";
import { addComment, appendChoice, endSession, getSessionDetail, getSessionTranscript, markReviewed, takeBack } from "../../../server/session-service";
import type { Store } from "../../../server/store";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

/** Two roads from the first turn, each with its own second choice. */
const forked = fakeScenario({
  id: "forked",
  nodes: {
    one: fakeTurn([fakeChoice({ id: "left", next: "left-two" }), fakeChoice({ id: "right", kind: "judging", next: "right-two" })]),
    "left-two": fakeTurn([fakeChoice({ id: "stay", kind: "validating", next: "well" })]),
    "right-two": fakeTurn([fakeChoice({ id: "go", kind: "dominating", next: "badly" })]),
    well: fakeEnding("connected"),
    badly: fakeEnding("disengaged"),
  },
});

const dir = mkdtempSync(path.join(tmpdir(), "pp-session-service-"));
let store: Store;
let hash: string;
beforeAll(async () => {
  store = await openSqliteStore(path.join(dir, "sessions.sqlite"));
  hash = await scenarioHash(forked);
  await store.ensureScenarioVersion(hash, forked);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const newSession = () => store.createSession({ scenarioId: "forked", scenarioHash: hash, mode: "practice", participant: "Robin", seed: 7 });
const choose = (id: string, seq: number, choiceId: string) => appendChoice(store, id, { seq, choiceId, timeTakenMs: 900 });

describe("appendChoice", () => {
  it("answers with the stored choice and the turns stored so far", async () => {
    const s = await newSession();
    const first = await choose(s.id, 1, "left");
    expect(first).toMatchObject({ repeated: false, turns: 1, choice: { seq: 1, choiceId: "left", timeTakenMs: 900 } });
    expect(await choose(s.id, 1, "left")).toEqual({ ...first, repeated: true });
    expect(await choose(s.id, 2, "stay")).toMatchObject({ repeated: false, turns: 2 });
  });

  it("checks a choice against the stored choices when another process changed them", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    // Another app instance on the same database takes the turn back and goes the other way.
    await store.deleteChoice(s.id, 1, 1);
    await store.insertChoice({ sessionId: s.id, seq: 1, choiceId: "right", timeTakenMs: 500 }, 2);

    await expect(choose(s.id, 2, "stay")).rejects.toThrow(
      expect.objectContaining({ name: "ServiceError", status: 409, message: 'node "right-two": choice "stay" is not on offer at turn 2' }),
    );
    expect(await choose(s.id, 2, "go")).toMatchObject({ repeated: false, turns: 2 });
  });

  it("follows a take-back and a different choice at the same turn", async () => {
    const s = await newSession();
    await choose(s.id, 1, "right");
    expect((await takeBack(store, s.id, 1)).turns).toBe(0);
    await choose(s.id, 1, "left");
    await expect(choose(s.id, 2, "go")).rejects.toThrow(
      expect.objectContaining({ name: "ServiceError", status: 409, message: 'node "left-two": choice "go" is not on offer at turn 2' }),
    );
    await choose(s.id, 2, "stay");
    expect(await endSession(store, s.id, "completed")).toMatchObject({
      status: "completed",
      outcome: "connected",
      finalMeters: { rapport: 70, mutuality: 60 },
    });
  });
});

describe("writes that meet another write", () => {
  /** The store, with `before` run once just before the first write of the given kind: another request landing in between. */
  function interleaved(kind: "insertChoice" | "deleteChoice" | "finishSession", before: () => Promise<unknown>, times = 1): Store {
    let left = times;
    return new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== kind || typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          if (left-- > 0) await before();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  it("decides a choice again on the session as it now is", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    // A take-back of turn 1 lands between reading the session and storing turn 2.
    const racing = interleaved("insertChoice", () => takeBack(store, s.id, 1));
    await expect(appendChoice(racing, s.id, { seq: 2, choiceId: "stay", timeTakenMs: 5 })).rejects.toThrow(
      expect.objectContaining({ status: 409, message: "the next turn is 1, not 2" }),
    );
    expect((await store.loadSession(s.id))?.choices).toEqual([]);
  });

  it("answers a choice that another request stored meanwhile as a repeat", async () => {
    const s = await newSession();
    const racing = interleaved("insertChoice", () => choose(s.id, 1, "left"));
    expect(await appendChoice(racing, s.id, { seq: 1, choiceId: "left", timeTakenMs: 5 })).toMatchObject({ repeated: true, turns: 1 });
  });

  it("does not complete a session whose last turn was taken back meanwhile", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    await choose(s.id, 2, "stay");
    const racing = interleaved("finishSession", () => takeBack(store, s.id, 2));
    await expect(endSession(racing, s.id, "completed")).rejects.toThrow(
      expect.objectContaining({ status: 409, message: "the conversation has not reached an ending yet" }),
    );
    expect(await store.getSession(s.id)).toMatchObject({ status: "active", outcome: null, turns: 1 });
  });

  it("gives up with 409 when the session keeps changing", async () => {
    const s = await newSession();
    // Every attempt meets another write: a choice stored and taken back again, as another device might.
    const racing = interleaved(
      "insertChoice",
      async () => {
        const { revision } = (await store.loadSession(s.id))!;
        await store.insertChoice({ sessionId: s.id, seq: 1, choiceId: "left", timeTakenMs: 1 }, revision);
        await store.deleteChoice(s.id, 1, revision + 1);
      },
      100,
    );
    await expect(appendChoice(racing, s.id, { seq: 1, choiceId: "right", timeTakenMs: 5 })).rejects.toThrow(
      expect.objectContaining({ status: 409, message: "the session kept changing while this request was being decided; load it again and retry" }),
    );
  });
});

describe("comments", () => {
  const NO_SESSION = "00000000-0000-4000-8000-000000000000";

  it("are stored on a turn the session has, or on the whole session", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    expect(await addComment(store, s.id, { turn: 1, author: "Dee", body: "Nice." })).toMatchObject({ sessionId: s.id, turn: 1, author: "Dee", body: "Nice." });
    expect(await addComment(store, s.id, { turn: null, author: "Dee", body: "Overall good." })).toMatchObject({ turn: null });
    expect((await store.listComments(s.id)).map((c) => c.turn)).toEqual([1, null]);
  });

  it("refuse a turn the session does not have with 400, naming how many it has", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    await expect(addComment(store, s.id, { turn: 2, author: "Dee", body: "?" })).rejects.toThrow(
      expect.objectContaining({ name: "ServiceError", status: 400, message: "turn 2 does not exist; the session has 1 turns" }),
    );
    expect(await store.listComments(s.id)).toEqual([]);
  });

  it("refuse a session that does not exist with 404", async () => {
    await expect(addComment(store, NO_SESSION, { turn: null, author: "Dee", body: "?" })).rejects.toThrow(
      expect.objectContaining({ status: 404, message: `no session "${NO_SESSION}"` }),
    );
  });

  it("on a turn later taken back stay in the record", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    await addComment(store, s.id, { turn: 1, author: "Dee", body: "Before the take-back." });
    await takeBack(store, s.id, 1);
    const t = await getSessionTranscript(store, s.id);
    expect(t.turns).toEqual([]);
    expect(t.comments.map((c) => c.body)).toEqual(["Before the take-back."]);
  });
});

describe("the reviewed mark", () => {
  it("is set and cleared", async () => {
    const s = await newSession();
    await markReviewed(store, s.id, true);
    expect((await store.getSession(s.id))?.reviewed).toBe(true);
    await markReviewed(store, s.id, false);
    expect((await store.getSession(s.id))?.reviewed).toBe(false);
  });

  it("refuses a session that does not exist with 404", async () => {
    await expect(markReviewed(store, "00000000-0000-4000-8000-000000000000", true)).rejects.toThrow(
      expect.objectContaining({ name: "ServiceError", status: 404 }),
    );
  });
});

describe("reading a session", () => {
  it("gives the API's detail and the transcript from one replay of the stored choices", async () => {
    const s = await newSession();
    await choose(s.id, 1, "right");
    const detail = await getSessionDetail(store, s.id);
    expect(detail.transcript).toMatchObject({ notice: null, done: false, ending: null, meters: { rapport: 40, mutuality: 45 } });
    expect(detail.transcript.turns).toEqual([
      { turn: 1, nodeId: "one", choiceId: "right", kind: "judging", deltas: { rapport: -10, mutuality: -5 }, before: { rapport: 50, mutuality: 50 }, after: { rapport: 40, mutuality: 45 } },
    ]);
    const t = await getSessionTranscript(store, s.id);
    expect(t.session.finalMeters).toEqual(detail.transcript.meters);
    expect(t.debrief.series).toEqual([
      { turn: 0, rapport: 50, mutuality: 50 },
      { turn: 1, rapport: 40, mutuality: 45 },
    ]);
  });
});
