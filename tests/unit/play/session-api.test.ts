import { describe, expect, it } from "vitest";
import { fetchSession, sendOp, startSession } from "../../../components/play/session-api";
import type { Session, SessionDetailAnswer } from "../../../contracts/session-answers";
import { fakeScenario } from "../../fakes";

/** Answers every request with one response and records what was asked. */
function answering(status: number, body: unknown) {
  const asked: { url: string; init?: RequestInit }[] = [];
  const send: typeof fetch = async (input, init) => {
    asked.push({ url: String(input), init });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  };
  return { asked, send };
}

const unreachable: typeof fetch = async () => {
  throw new TypeError("Failed to fetch");
};

const session: Session = {
  id: "4b4c9f1e-0000-4000-8000-000000000001",
  scenarioId: "fake",
  scenarioHash: "abc",
  mode: "practice",
  participant: "Robin",
  userId: "robin-account",
  seed: 5,
  status: "active",
  startedAt: "2026-01-01T00:00:00.000Z",
  endedAt: null,
  outcome: null,
  finalMeters: null,
  reviewed: false,
  turns: 1,
};

const detail: SessionDetailAnswer = {
  session,
  scenario: fakeScenario(),
  choices: [{ sessionId: session.id, seq: 1, choiceId: "good", timeTakenMs: 900, createdAt: "2026-01-01T00:00:01.000Z", note: null }],
  comments: [],
  transcript: { notice: null, done: false, ending: null, meters: { rapport: 60, mutuality: 55 }, turns: [] },
};

describe("session API client", () => {
  it("starts a session with a JSON POST and gives its id, seed and start", async () => {
    const { asked, send } = answering(201, { session });
    const started = await startSession({ scenarioId: "fake", mode: "practice" }, send);
    expect(started).toEqual({ id: session.id, seed: 5, startedAt: "2026-01-01T00:00:00.000Z" });
    expect(asked[0]?.url).toBe("/api/sessions");
    expect(asked[0]?.init?.method).toBe("POST");
    expect(JSON.parse(String(asked[0]?.init?.body))).toEqual({ scenarioId: "fake", mode: "practice" });
  });

  it("says why a start failed: no connection, the server's reason, or an answer it could not read", async () => {
    const request = { scenarioId: "x", mode: "practice" as const };
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
      "The session could not start: the server's answer (201) was not what was expected.",
    );
  });

  it("loads a session to resume, with its choice ids and the server's replay notice", async () => {
    const { asked, send } = answering(200, detail);
    expect(await fetchSession(session.id, send)).toEqual({
      id: session.id,
      mode: "practice",
      seed: 5,
      startedAt: "2026-01-01T00:00:00.000Z",
      participant: "Robin",
      status: "active",
      scenarioHash: "abc",
      choices: ["good"],
      notes: {},
      replayNotice: null,
    });
    expect(asked[0]?.url).toBe(`/api/sessions/${session.id}`);
  });

  it("gives the reason a session could not be loaded as a clause", async () => {
    await expect(fetchSession("s-1", answering(404, { error: "no session s-1" }).send)).rejects.toThrow(/^no session s-1$/);
    await expect(fetchSession("s-1", answering(503, "").send)).rejects.toThrow(/^the server answered 503$/);
    await expect(fetchSession("s-1", unreachable)).rejects.toThrow(/^the server cannot be reached$/);
  });

  it("tells the server about each operation at its own address", async () => {
    const { asked, send } = answering(200, {});
    await sendOp("s-1", { type: "choice", seq: 2, choiceId: "ask", timeTakenMs: 1500 }, send);
    await sendOp("s-1", { type: "take-back", seq: 2 }, send);
    await sendOp("s-1", { type: "end", status: "abandoned" }, send);
    await sendOp("s-1", { type: "note", seq: 2, choiceId: "ask", note: "To hear her out first." }, send);
    expect(asked.map((a) => [a.url, a.init?.method, JSON.parse(String(a.init?.body))])).toEqual([
      ["/api/sessions/s-1/choices", "POST", { seq: 2, choiceId: "ask", timeTakenMs: 1500 }],
      ["/api/sessions/s-1/take-back", "POST", { seq: 2 }],
      ["/api/sessions/s-1/end", "POST", { status: "abandoned" }],
      ["/api/sessions/s-1/choices/2/note", "POST", { note: "To hear her out first.", choiceId: "ask" }],
    ]);
  });

  it("gives a resumed session's notes by turn, with the choice each is on", async () => {
    const noted = { ...detail, choices: [{ ...detail.choices[0]!, note: "Wanted to slow down." }] };
    expect((await fetchSession(session.id, answering(200, noted).send)).notes).toEqual({ "1": { choiceId: "good", text: "Wanted to slow down." } });
  });
});
