import { describe, expect, it } from "vitest";
import { fetchSession, opRequest, startSession, type Send } from "../../../components/play/session-api";

/** Answers every request with one response and records what was asked. */
function answering(status: number, body: unknown) {
  const asked: { url: string; init?: RequestInit }[] = [];
  const send: Send = async (url, init) => {
    asked.push({ url, init });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  };
  return { asked, send };
}

const unreachable: Send = async () => {
  throw new TypeError("Failed to fetch");
};

const detail = {
  session: {
    id: "s-1",
    scenarioId: "active-listening",
    scenarioHash: "abc",
    mode: "practice",
    participant: "Robin",
    seed: 5,
    status: "active",
    startedAt: "2026-01-01T00:00:00.000Z",
    endedAt: null,
  },
  choices: [{ seq: 1, choiceId: "reflect", timeTakenMs: 900 }],
  transcript: { notice: null, done: false },
};

describe("session API client", () => {
  it("starts a session with a JSON POST and gives its id, seed and start", async () => {
    const { asked, send } = answering(201, { session: { id: "s-1", seed: 5, startedAt: "2026-01-01T00:00:00.000Z", mode: "practice" } });
    const started = await startSession({ scenarioId: "active-listening", mode: "practice", participant: "Robin" }, send);
    expect(started).toEqual({ id: "s-1", seed: 5, startedAt: "2026-01-01T00:00:00.000Z" });
    expect(asked[0]?.url).toBe("/api/sessions");
    expect(asked[0]?.init?.method).toBe("POST");
    expect(JSON.parse(String(asked[0]?.init?.body))).toEqual({ scenarioId: "active-listening", mode: "practice", participant: "Robin" });
  });

  it("says why a start failed: no connection, the server's reason, or an answer it could not read", async () => {
    const request = { scenarioId: "x", mode: "practice" as const, participant: "Robin" };
    await expect(startSession(request, unreachable)).rejects.toThrow(
      "The server cannot be reached, so the session cannot start. Check the connection and try again.",
    );
    await expect(startSession(request, answering(409, { error: 'scenario "x" has errors and cannot be played' }).send)).rejects.toThrow(
      'The session could not start: scenario "x" has errors and cannot be played.',
    );
    await expect(startSession(request, answering(502, "<html>bad gateway</html>").send)).rejects.toThrow(
      "The session could not start: the server answered 502.",
    );
    await expect(startSession(request, answering(201, { session: { id: 3 } }).send)).rejects.toThrow(
      "The session could not start: the server's answer was not understood.",
    );
  });

  it("loads a session to resume, with its choice ids and the server's replay notice", async () => {
    const { asked, send } = answering(200, detail);
    expect(await fetchSession("s-1", send)).toEqual({
      id: "s-1",
      mode: "practice",
      seed: 5,
      startedAt: "2026-01-01T00:00:00.000Z",
      participant: "Robin",
      status: "active",
      scenarioHash: "abc",
      choices: ["reflect"],
      replayNotice: null,
    });
    expect(asked[0]?.url).toBe("/api/sessions/s-1");
  });

  it("gives the reason a session could not be loaded as a clause", async () => {
    await expect(fetchSession("s-1", answering(404, { error: "no session s-1" }).send)).rejects.toThrow(/^no session s-1$/);
    await expect(fetchSession("s-1", answering(503, "").send)).rejects.toThrow(/^the server answered 503$/);
    await expect(fetchSession("s-1", answering(200, { ...detail, session: { ...detail.session, mode: "exam" } }).send)).rejects.toThrow(
      /^the server's answer was not understood$/,
    );
  });

  it("tells the server about each operation at its own address", () => {
    expect(opRequest("s-1", { type: "choice", seq: 2, choiceId: "ask", timeTakenMs: 1500 })).toMatchObject({ url: "/api/sessions/s-1/choices" });
    expect(JSON.parse(String(opRequest("s-1", { type: "choice", seq: 2, choiceId: "ask", timeTakenMs: 1500 }).init.body))).toEqual({
      seq: 2,
      choiceId: "ask",
      timeTakenMs: 1500,
    });
    expect(opRequest("s-1", { type: "take-back", seq: 2 }).url).toBe("/api/sessions/s-1/take-back");
    expect(JSON.parse(String(opRequest("s-1", { type: "end", status: "abandoned" }).init.body))).toEqual({ status: "abandoned" });
  });
});
