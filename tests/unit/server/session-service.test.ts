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
import { appendChoice, endSession, takeBack } from "../../../server/session-service";
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
