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
import { addComment, appendChoice, endSession, expectedSession, getSessionDetail, getSessionTranscript, markReviewed, noteChoice, takeBack } from "../../../server/session-service";
import type { Account } from "../../../server/accounts";
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

/** A trainee who plays the sessions below, another who may not see them, and an administrator who reviews them. */
const robin: Account = { id: "robin-account", email: "robin@example.org", name: "Robin", roles: ["trainee"] };
const kit: Account = { id: "kit-account", email: "kit@example.org", name: "Kit", roles: ["trainee", "supervisor"] };
const dee: Account = { id: "dee-account", email: "dee@example.org", name: "Dee", roles: ["admin"] };

const newSession = () => store.createSession({ scenarioId: "forked", scenarioHash: hash, mode: "practice", participant: "Robin", seed: 7, userId: robin.id });
const choose = (id: string, seq: number, choiceId: string) => appendChoice(store, robin, id, { seq, choiceId, timeTakenMs: 900 });

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
    expect((await takeBack(store, robin, s.id, 1)).turns).toBe(0);
    await choose(s.id, 1, "left");
    await expect(choose(s.id, 2, "go")).rejects.toThrow(
      expect.objectContaining({ name: "ServiceError", status: 409, message: 'node "left-two": choice "go" is not on offer at turn 2' }),
    );
    await choose(s.id, 2, "stay");
    expect(await endSession(store, robin, s.id, "completed")).toMatchObject({
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
    const racing = interleaved("insertChoice", () => takeBack(store, robin, s.id, 1));
    await expect(appendChoice(racing, robin, s.id, { seq: 2, choiceId: "stay", timeTakenMs: 5 })).rejects.toThrow(
      expect.objectContaining({ status: 409, message: "the next turn is 1, not 2" }),
    );
    expect((await store.loadSession(s.id))?.choices).toEqual([]);
  });

  it("answers a choice that another request stored meanwhile as a repeat", async () => {
    const s = await newSession();
    const racing = interleaved("insertChoice", () => choose(s.id, 1, "left"));
    expect(await appendChoice(racing, robin, s.id, { seq: 1, choiceId: "left", timeTakenMs: 5 })).toMatchObject({ repeated: true, turns: 1 });
  });

  it("does not complete a session whose last turn was taken back meanwhile", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    await choose(s.id, 2, "stay");
    const racing = interleaved("finishSession", () => takeBack(store, robin, s.id, 2));
    await expect(endSession(racing, robin, s.id, "completed")).rejects.toThrow(
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
    await expect(appendChoice(racing, robin, s.id, { seq: 1, choiceId: "right", timeTakenMs: 5 })).rejects.toThrow(
      expect.objectContaining({ status: 409, message: "the session kept changing while this request was being decided; load it again and retry" }),
    );
  });
});

describe("comments", () => {
  const NO_SESSION = "00000000-0000-4000-8000-000000000000";

  it("are stored on a turn the session has, or on the whole session", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    expect(await addComment(store, dee, s.id, { turn: 1, body: "Nice." })).toMatchObject({ sessionId: s.id, turn: 1, body: "Nice." });
    expect(await addComment(store, dee, s.id, { turn: null, body: "Overall good." })).toMatchObject({ turn: null });
    expect((await store.listComments(s.id)).map((c) => c.turn)).toEqual([1, null]);
  });

  it("refuse a turn the session does not have with 400, naming how many it has", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    await expect(addComment(store, dee, s.id, { turn: 2, body: "?" })).rejects.toThrow(
      expect.objectContaining({ name: "ServiceError", status: 400, message: "turn 2 does not exist; the session has 1 turns" }),
    );
    expect(await store.listComments(s.id)).toEqual([]);
  });

  it("refuse a session that does not exist with 404", async () => {
    await expect(addComment(store, dee, NO_SESSION, { turn: null, body: "?" })).rejects.toThrow(
      expect.objectContaining({ status: 404, message: `no session "${NO_SESSION}"` }),
    );
  });

  it("on a turn later taken back stay in the record", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    await addComment(store, dee, s.id, { turn: 1, body: "Before the take-back." });
    await takeBack(store, robin, s.id, 1);
    const t = await getSessionTranscript(store, robin, s.id);
    expect(t.turns).toEqual([]);
    expect(t.comments.map((c) => c.body)).toEqual(["Before the take-back."]);
  });
});

describe("the reviewed mark", () => {
  it("is set and cleared", async () => {
    const s = await newSession();
    await markReviewed(store, dee, s.id, true);
    expect((await store.getSession(s.id))?.reviewed).toBe(true);
    await markReviewed(store, dee, s.id, false);
    expect((await store.getSession(s.id))?.reviewed).toBe(false);
  });

  it("refuses a session that does not exist with 404", async () => {
    await expect(markReviewed(store, dee, "00000000-0000-4000-8000-000000000000", true)).rejects.toThrow(
      expect.objectContaining({ name: "ServiceError", status: 404 }),
    );
  });
});

describe("reading a session", () => {
  it("gives the API's detail and the transcript from one replay of the stored choices", async () => {
    const s = await newSession();
    await choose(s.id, 1, "right");
    const detail = await getSessionDetail(store, robin, s.id);
    expect(detail.transcript).toMatchObject({ notice: null, done: false, ending: null, meters: { rapport: 40, mutuality: 45 } });
    expect(detail.transcript.turns).toEqual([
      { turn: 1, nodeId: "one", choiceId: "right", kind: "judging", deltas: { rapport: -10, mutuality: -5 }, before: { rapport: 50, mutuality: 50 }, after: { rapport: 40, mutuality: 45 } },
    ]);
    const t = await getSessionTranscript(store, robin, s.id);
    expect(t.session.finalMeters).toEqual(detail.transcript.meters);
    expect(t.debrief.series).toEqual([
      { turn: 0, rapport: 50, mutuality: 50 },
      { turn: 1, rapport: 40, mutuality: 45 },
    ]);
  });
});

describe("who may do what with a session", () => {
  it("lets its owner read and play it, and an administrator read and review it", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    expect((await getSessionDetail(store, robin, s.id)).choices).toHaveLength(1);
    expect((await getSessionDetail(store, dee, s.id)).choices).toHaveLength(1);
    await expect(addComment(store, dee, s.id, { turn: 1, body: "Good opening." })).resolves.toMatchObject({ author: "Dee" });
    await expect(markReviewed(store, dee, s.id, true)).resolves.toBeUndefined();
  });

  it("answers anyone else as if the session did not exist (404), for reading, playing and reviewing alike", async () => {
    const s = await newSession();
    const missing = expect.objectContaining({ status: 404, message: `no session "${s.id}"` });
    await expect(getSessionDetail(store, kit, s.id)).rejects.toThrow(missing);
    await expect(getSessionTranscript(store, kit, s.id)).rejects.toThrow(missing);
    await expect(appendChoice(store, kit, s.id, { seq: 1, choiceId: "left", timeTakenMs: 1 })).rejects.toThrow(missing);
    await expect(takeBack(store, kit, s.id, 1)).rejects.toThrow(missing);
    await expect(endSession(store, kit, s.id, "abandoned")).rejects.toThrow(missing);
    await expect(addComment(store, kit, s.id, { turn: null, body: "?" })).rejects.toThrow(missing);
    await expect(markReviewed(store, kit, s.id, true)).rejects.toThrow(missing);
    expect(await store.getSession(s.id)).toMatchObject({ status: "active", turns: 0, reviewed: false });
  });

  it("refuses with 403 an administrator's choice or abandoning in someone else's session, and the owner's own comment", async () => {
    const s = await newSession();
    const refused = expect.objectContaining({ status: 403 });
    await expect(appendChoice(store, dee, s.id, { seq: 1, choiceId: "left", timeTakenMs: 1 })).rejects.toThrow(refused);
    await expect(endSession(store, dee, s.id, "abandoned")).rejects.toThrow(refused);
    await expect(addComment(store, robin, s.id, { turn: null, body: "Me on me." })).rejects.toThrow(refused);
    await expect(markReviewed(store, robin, s.id, true)).rejects.toThrow(refused);
    expect(await store.getSession(s.id)).toMatchObject({ status: "active", turns: 0, reviewed: false });
  });

  it("shows a session stored before accounts existed to administrators only", async () => {
    const old = await store.createSession({ scenarioId: "forked", scenarioHash: hash, mode: "practice", participant: "Then", seed: 1, userId: null });
    await expect(getSessionDetail(store, robin, old.id)).rejects.toThrow(expect.objectContaining({ status: 404 }));
    expect((await getSessionDetail(store, dee, old.id)).session.participant).toBe("Then");
  });
});

describe("the session the play page draws first (expectedSession)", () => {
  it("gives the owner's session under way as the browser keeps it, with its notes, and a completed one as finished", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    await noteChoice(store, robin, s.id, 1, { note: "I wanted to hear more." });
    expect(await expectedSession(store, robin, "forked", hash, s.id)).toEqual({
      v: 1,
      scenarioId: "forked",
      hash,
      mode: "practice",
      seed: 7,
      choices: ["left"],
      startedAt: s.startedAt,
      finished: false,
      serverId: s.id,
      participant: "Robin",
      notes: { "1": { choiceId: "left", text: "I wanted to hear more." } },
    });
    await choose(s.id, 2, "stay");
    await endSession(store, robin, s.id, "completed");
    expect(await expectedSession(store, robin, "forked", hash, s.id)).toMatchObject({ choices: ["left", "stay"], finished: true });
  });

  it("gives nothing for another account's session (even a reviewer's), another scenario or version, an abandoned session, or an id that is none", async () => {
    const s = await newSession();
    await choose(s.id, 1, "left");
    expect(await expectedSession(store, kit, "forked", hash, s.id)).toBeUndefined();
    expect(await expectedSession(store, dee, "forked", hash, s.id)).toBeUndefined();
    expect(await expectedSession(store, robin, "other", hash, s.id)).toBeUndefined();
    expect(await expectedSession(store, robin, "forked", "0".repeat(64), s.id)).toBeUndefined();
    expect(await expectedSession(store, robin, "forked", hash, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await expectedSession(store, robin, "forked", hash, "../../etc/passwd")).toBeUndefined();
    await endSession(store, robin, s.id, "abandoned");
    expect(await expectedSession(store, robin, "forked", hash, s.id)).toBeUndefined();
  });
});
