// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import DebriefView from "../../../../components/play/debrief-view";
import { replay } from "../../../../machines/replay";
import { RESPONSE_KINDS } from "../../../../scenarios/kinds";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../../fakes";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

/** Five turns (as in tests/unit/machines/debrief.test.ts), the last ending mixed or connected. */
const scenario = fakeScenario({
  start: "t1",
  nodes: {
    t1: fakeTurn(
      [
        fakeChoice({ id: "a", say: "It sounds like a long week.", kind: "listening-to", rapport: 10, mutuality: 5, next: "t2" }),
        fakeChoice({ id: "b", say: "You should rest more.", kind: "advising", rapport: -10, mutuality: -5, next: "t2" }),
      ],
      ["It's been a week."],
    ),
    t2: fakeTurn([
      fakeChoice({ id: "c", say: "Did you sleep?", kind: "closed-question", rapport: 0, mutuality: 0, next: "t3" }),
      fakeChoice({ id: "d", say: "That makes sense.", kind: "validating", rapport: 10, mutuality: 5, next: "t3" }),
    ]),
    t3: fakeTurn([
      fakeChoice({ id: "e", say: "What was hardest?", kind: "open-question", rapport: 5, mutuality: 5, next: "t4" }),
      fakeChoice({ id: "f", say: "Part of you wants to stop.", kind: "listening-to", reflection: "complex", rapport: 10, mutuality: 10, next: "t4" }),
    ]),
    t4: fakeTurn([
      fakeChoice({ id: "g", say: "That's just an excuse.", kind: "judging", rapport: -5, mutuality: -5, feedback: "Judging shuts the door.", next: "t5" }),
      fakeChoice({ id: "h", say: "Want to sort it out together?", kind: "doing-with", rapport: 5, mutuality: 10, next: "t5" }),
    ]),
    t5: fakeTurn([
      fakeChoice({ id: "i", say: "Thanks for telling me.", kind: "validating", rapport: 5, mutuality: 0, next: "end" }),
      fakeChoice({ id: "j", say: "I'm glad you came.", kind: "validating", rapport: 0, mutuality: 0, next: "well" }),
    ]),
    end: fakeEnding("mixed", ["See you."]),
    well: fakeEnding("connected", ["Thanks."]),
  },
});
const played = replay(scenario, ["a", "c", "e", "g", "i"]);

function show(props: { sessionId?: string; reachableEndings?: string[] } = {}) {
  const onPlayAgain = vi.fn();
  render(<DebriefView scenario={scenario} replay={played} onPlayAgain={onPlayAgain} {...props} />);
  return { onPlayAgain };
}

const transcriptToggle = () => screen.getByRole("button", { name: /^Full transcript/ });

describe("the debrief", () => {
  it("takes the reachable endings the server worked out, without working them out again", async () => {
    // Three endings given (one of them hypothetical), where working them out here would give two.
    show({ reachableEndings: ["end", "well", "elsewhere"] });
    expect(await screen.findByTestId("endings-found")).toHaveTextContent("Endings found: 1 of 3");
  });

  it("opens as a summary: outcome, meters, the turns that mattered, metrics; the transcript folded", async () => {
    show();
    expect(screen.getByRole("heading", { name: `Debrief: ${scenario.title}` })).toHaveFocus();
    expect(screen.getByText("Outcome: Mixed")).toBeInTheDocument();
    expect(screen.getByText(/^Final meters: rapport/)).toHaveTextContent("Final meters: rapport 65, mutuality 55, after 5 turns (3 helpful, 1 harmful response).");
    // Harmful turn 4, then the missed options of turns 3 and 2, shown in turn order.
    const key = screen.getByRole("region", { name: "The turns that mattered most" });
    const picked = within(key).getAllByRole("listitem").filter((li) => li.parentElement?.tagName === "OL");
    expect(picked.map((li) => li.querySelector("p")?.textContent)).toEqual([
      "Turn 2: Closed question (neutral)",
      "Turn 3: Open question (helps)",
      "Turn 4: Judging (hurts)",
    ]);
    expect(within(key).getByRole("list", { name: "Why turn 4 mattered" })).toHaveTextContent(/A harmful response.*Missed the strongest option \(\+25 more\).*Rapport −5, mutuality −5/);
    expect(screen.getByRole("heading", { name: "Reflection metrics" })).toBeInTheDocument();
    // Without a server session, endings are counted from this one: 1 of the 2 a play reaches.
    expect(await screen.findByTestId("endings-found")).toHaveTextContent("Endings found: 1 of 2 Different endings reached in this session.");
    // No server session: no comments section.
    expect(screen.queryByRole("region", { name: /Comments on your session/ })).toBeNull();

    expect(transcriptToggle()).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("heading", { name: /^Turn 1:/ })).toBeNull();
  });

  it("unfolds the transcript: a heading per turn, each kind explained once, the strongest option when another was chosen", () => {
    show();
    act(() => fireEvent.click(transcriptToggle()));
    expect(transcriptToggle()).toHaveAttribute("aria-expanded", "true");
    const transcript = screen.getByRole("region", { name: /^Full transcript/ });
    expect(within(transcript).getAllByRole("heading", { level: 4 }).map((h) => h.textContent)).toEqual([
      "The kinds of response you chose",
      "Turn 1: Listening to (helps)",
      "Turn 2: Closed question (neutral)",
      "Turn 3: Open question (helps)",
      "Turn 4: Judging (hurts)",
      "Turn 5: Validating (helps)",
    ]);
    // Validating was chosen once; its explanation is there once, not under each turn.
    expect(within(transcript).getAllByText(RESPONSE_KINDS.validating.why)).toHaveLength(1);
    expect(within(transcript).getByText(/Validating/, { selector: "dt" })).toHaveTextContent("Validating (helps; chosen once)");
    expect(transcript).toHaveTextContent("Strongest option on offer: “Want to sort it out together?” (Doing with, rapport +5, mutuality +10)");
    expect(transcript).toHaveTextContent("Judging shuts the door.");
    // Turn 1 was the strongest option there.
    expect(transcript).toHaveTextContent("This was the strongest option on offer.");
    act(() => fireEvent.click(transcriptToggle()));
    expect(screen.queryByRole("heading", { name: /^Turn 1:/ })).toBeNull();
  });

  it("goes to a turn of the transcript from the summary, unfolding it", () => {
    show();
    act(() => fireEvent.click(screen.getByRole("button", { name: "Read turn 3 in the transcript" })));
    expect(screen.getByRole("heading", { name: "Turn 3: Open question (helps)" })).toHaveFocus();
  });

  it("practises from a turn in place, with the meters the trainee had there, and comes back to the button that opened it", () => {
    show();
    const trigger = screen.getByRole("button", { name: "Try another option from here (turn 4)" });
    act(() => fireEvent.click(trigger));
    expect(screen.getByRole("heading", { name: "Practice from turn 4" })).toHaveFocus();
    expect(screen.queryByRole("heading", { name: /^Debrief:/ })).toBeNull();
    // Before turn 4 the meters were 65 and 60.
    expect(screen.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuenow", "65");
    expect(screen.getByRole("meter", { name: "Mutuality" })).toHaveAttribute("aria-valuenow", "60");
    act(() => fireEvent.click(screen.getByRole("button", { name: /Want to sort it out together\?/ })));
    const log = screen.getByRole("log", { name: "Conversation" });
    expect(log).toHaveTextContent("Helps: Doing with");
    expect(screen.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuenow", "70");
    expect(screen.getByRole("group", { name: /Your response/ }).querySelector("button")).toHaveFocus();
    act(() => fireEvent.click(screen.getByRole("button", { name: "Take back" })));
    expect(screen.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuenow", "65");
    // Number keys choose in the order shown, as during play.
    const shown = within(screen.getByRole("group", { name: /Your response/ })).getAllByRole("button");
    const second = shown[1]!.textContent!.replace(/^\d/, "");
    act(() => void fireEvent.keyDown(window, { key: "2" }));
    expect(screen.getByRole("log", { name: "Conversation" })).toHaveTextContent(second);
    act(() => fireEvent.click(screen.getByRole("button", { name: "Take back" })));

    act(() => fireEvent.click(screen.getAllByRole("button", { name: "Back to the debrief" })[0]!));
    expect(screen.getByRole("heading", { name: `Debrief: ${scenario.title}` })).toBeVisible();
    expect(screen.getByRole("button", { name: "Try another option from here (turn 4)" })).toHaveFocus();
    // The session is as it was.
    expect(screen.getByText(/^Final meters:/)).toHaveTextContent("rapport 65, mutuality 55");
  });

  it("plays the strongest option first, and says when a practice ends", () => {
    show();
    act(() => fireEvent.click(screen.getByRole("button", { name: "Try the strongest option at turn 4" })));
    expect(screen.getByRole("log", { name: "Conversation" })).toHaveTextContent("Want to sort it out together?");
    act(() => fireEvent.click(screen.getByRole("button", { name: /I'm glad you came\./ })));
    expect(screen.getByText("This practice ended: Connected")).toBeInTheDocument();
    act(() => fireEvent.click(screen.getAllByRole("button", { name: "Start again from turn 4" }).at(-1)!));
    expect(screen.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuenow", "65");
    expect(screen.queryByText("This practice ended: Connected")).toBeNull();
  });
});

describe("the debrief of a session the server has", () => {
  const session = {
    id: "s-1",
    scenarioId: scenario.id,
    scenarioHash: "v1",
    mode: "assessment",
    participant: "Kit",
    userId: "u-kit",
    seed: 7,
    status: "completed",
    startedAt: "2025-05-01T10:00:00.000Z",
    endedAt: "2025-05-01T10:10:00.000Z",
    outcome: "mixed",
    finalMeters: { rapport: 65, mutuality: 55 },
    reviewed: true,
    turns: 5,
  };
  const comment = (id: string, turn: number | null, body: string) => ({ id, sessionId: "s-1", turn, authorId: "u-sam", author: "Sam Rivera", body, createdAt: "2025-05-02T09:00:00.000Z", editedAt: null });
  const detail = {
    session,
    scenario,
    choices: played.turns.map((t) => ({
      sessionId: "s-1",
      seq: t.index + 1,
      choiceId: t.choice.id,
      timeTakenMs: 1000,
      createdAt: "2025-05-01T10:01:00.000Z",
      note: t.index === 3 ? "I was tired." : null,
    })),
    comments: [comment("c2", 4, "Notice the judgement here."), comment("c1", null, "A steady session overall.")],
    transcript: { notice: null, done: true, ending: { id: "end", outcome: "mixed", lines: ["See you."] }, meters: { rapport: 65, mutuality: 55 }, turns: [] },
  };
  const metrics = { reflections: 1, simple: 1, complex: 0, questions: 2, ratio: 0.5, ratioBand: "below fair", percentComplex: 0, percentComplexBand: "below fair" };
  const pastSession = (id: string, version: string, outcome: string | null) => ({
    id,
    scenarioId: scenario.id,
    title: scenario.title,
    version,
    mode: "practice",
    status: outcome ? "completed" : "abandoned",
    startedAt: "2025-04-01T10:00:00.000Z",
    endedAt: "2025-04-01T10:10:00.000Z",
    outcome,
    turns: 5,
    finalMeters: { rapport: 70, mutuality: 60 },
    kindMix: [{ kind: "validating", count: 5 }],
    reflections: metrics,
    damage: null,
  });
  const progress = (sessions: unknown[]) => ({
    person: { id: "u-kit", name: "Kit", active: true },
    sessions,
    assignments: [],
    assignmentCounts: { done: 0, open: 0, overdue: 0, "in-progress": 0 },
    comments: [],
    thresholds: { reflectionToQuestion: { fair: 1, good: 2 }, percentComplex: { fair: 40, good: 50 } },
    computedAt: "2025-05-02T09:00:00.000Z",
  });

  function serve(answers: Record<string, unknown>) {
    const asked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        asked.push(url);
        const body = answers[url];
        return body === undefined
          ? new Response(JSON.stringify({ error: "no such thing" }), { status: 404, headers: { "content-type": "application/json" } })
          : new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      }),
    );
    return asked;
  }

  it("shows the reviewers' comments in the summary and under their turn, and the trainee's notes", async () => {
    serve({ "/api/sessions/s-1": detail, "/api/people/u-kit/progress": progress([]) });
    show({ sessionId: "s-1" });
    const section = await screen.findByRole("region", { name: /Comments on your session/ });
    await waitFor(() => expect(within(section).getAllByRole("listitem")).toHaveLength(2));
    // The whole session's comment first, then turn 4's.
    expect(within(section).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Sam Rivera · .* · on the whole sessionA steady session overall\.$/),
      expect.stringMatching(/^Sam Rivera · .* · on turn 4Notice the judgement here\.$/),
    ]);
    expect(section).toHaveTextContent("Reviewed");
    act(() => fireEvent.click(within(section).getByRole("button", { name: "on turn 4" })));
    expect(screen.getByRole("heading", { name: "Turn 4: Judging (hurts)" })).toHaveFocus();
    expect(screen.getByRole("list", { name: "Comments on turn 4" })).toHaveTextContent("Notice the judgement here.");
    expect(screen.getByRole("region", { name: /^Full transcript/ })).toHaveTextContent("Your note: I was tired.");
    expect(screen.getByRole("link", { name: "This session's page (print, export)" })).toHaveAttribute("href", "/sessions/s-1");
  });

  it("says when there are no comments yet, and offers to try again when they cannot be loaded", async () => {
    serve({ "/api/sessions/s-1": { ...detail, comments: [], session: { ...session, reviewed: false } } });
    show({ sessionId: "s-1" });
    expect(await screen.findByText(/^No comments yet\./)).toBeInTheDocument();
    cleanup();
    serve({});
    show({ sessionId: "s-1" });
    expect(await screen.findByRole("alert")).toHaveTextContent("The comments could not be loaded: no such thing.");
    serve({ "/api/sessions/s-1": detail, "/api/people/u-kit/progress": progress([]) });
    act(() => fireEvent.click(screen.getByRole("button", { name: "Try again" })));
    expect(await screen.findByText("A steady session overall.")).toBeInTheDocument();
  });

  it("counts the endings of the trainee's other sessions, reading only those whose outcome does not tell", async () => {
    const asked = serve({
      "/api/sessions/s-1": detail,
      // Connected on this version: only "well" is connected, so it is told. The one abandoned reached nothing.
      "/api/people/u-kit/progress": progress([pastSession("s-0", "v1", "connected"), pastSession("s-x", "v1", null), pastSession("s-1", "v1", "mixed")]),
    });
    show({ sessionId: "s-1" });
    await waitFor(() => expect(screen.getByTestId("endings-found")).toHaveTextContent("Endings found: 2 of 2 Different endings you have reached in your sessions of this scenario."));
    expect(asked).toEqual(["/api/sessions/s-1", "/api/people/u-kit/progress"]);
  });

  it("reads a session of another version for the ending it reached", async () => {
    const asked = serve({
      "/api/sessions/s-1": detail,
      "/api/people/u-kit/progress": progress([pastSession("s-0", "v0", "connected")]),
      "/api/sessions/s-0": { ...detail, session: { ...session, id: "s-0", scenarioHash: "v0" }, transcript: { ...detail.transcript, ending: { id: "well", outcome: "connected", lines: [] } } },
    });
    show({ sessionId: "s-1" });
    await waitFor(() => expect(screen.getByTestId("endings-found")).toHaveTextContent("Endings found: 2 of 2"));
    expect(asked).toContain("/api/sessions/s-0");
  });

  it("finds the session this browser keeps with these choices when the page does not say", async () => {
    window.localStorage.setItem(
      `peer-practice:session:u-kit:${scenario.id}`,
      JSON.stringify({ v: 1, scenarioId: scenario.id, serverId: "s-1", finished: true, choices: ["a", "c", "e", "g", "i"] }),
    );
    serve({ "/api/sessions/s-1": detail, "/api/people/u-kit/progress": progress([]) });
    show();
    expect(await screen.findByText("A steady session overall.")).toBeInTheDocument();
  });
});
