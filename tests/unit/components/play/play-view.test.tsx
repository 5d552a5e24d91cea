// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createActor, waitFor } from "xstate";
import { PlayView } from "../../../../components/play/play-view";
import { stageOf } from "../../../../machines/play-lifecycle";
import type { TurnNode } from "../../../../scenarios/types";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../../fakes";
import { allOps, fakeSavedSession, lifecycleHarness, nothingSaved } from "../../play/lifecycle-harness";

afterEach(cleanup);
// jsdom does not scroll; the page scrolls to the turn just taken.
beforeEach(() => {
  window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;
  document.cookie = "pp-intro-seen=; Path=/play; Max-Age=0";
});

const scenario = fakeScenario();

async function showPlay(
  harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, participant: "Robin" }) } }),
  { played = scenario, askRationaleOn = [] as string[], introSeen = true } = {},
) {
  const actor = createActor(harness.machine, { input: { scenario: played, hash: "h", askRationaleOn, participant: "Robin" } });
  render(<PlayView actorRef={actor} scenario={played} longest={2} introSeen={introSeen} />);
  // Before the browser's storage is read (as the server draws the page), the modes are already on offer.
  expect(screen.getByRole("group", { name: "How do you want to play?" })).toBeEnabled();
  await act(async () => {
    actor.start();
    await waitFor(actor, (s) => stageOf(s) === "choosing");
  });
  return { actor, harness };
}

async function startPractice(actor: Parameters<typeof PlayView>[0]["actorRef"]) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: /^Practice/ }));
    await waitFor(actor, (s) => stageOf(s) === "playing");
  });
}

const choiceButton = (say: string) => screen.getByRole("button", { name: new RegExp(say) });

describe("the play page's view", () => {
  it("says who is playing, and starts as them", async () => {
    const { actor } = await showPlay();
    expect(screen.getByText("Robin")).toBeInTheDocument();
    expect(screen.queryByLabelText("Your name")).toBeNull();
    act(() => fireEvent.click(screen.getByRole("button", { name: /^Assessment/ })));
    expect(stageOf(actor.getSnapshot())).not.toBe("choosing");
  });

  it("disables the modes while the server starts the session, and shows why it failed", async () => {
    let fail: (e: Error) => void = () => {};
    const harness = lifecycleHarness({
      server: {
        readSaved: async () => ({ ...nothingSaved, participant: "Robin" }),
        startSession: () => new Promise((_, reject) => (fail = reject)),
      },
    });
    const { actor } = await showPlay(harness);
    act(() => fireEvent.click(screen.getByRole("button", { name: /^Practice/ })));
    expect(screen.getByRole("group", { name: "How do you want to play?" })).toBeDisabled();
    await act(async () => {
      fail(new Error("The server cannot be reached, so the session cannot start. Check the connection and try again."));
      await waitFor(actor, (s) => stageOf(s) === "choosing");
    });
    expect(screen.getByRole("alert")).toHaveTextContent("The server cannot be reached");
    expect(screen.getByRole("group", { name: "How do you want to play?" })).toBeEnabled();
  });

  it("plays by click and by number key, with meters, feedback and take-back in practice mode", async () => {
    const { actor, harness } = await showPlay();
    await startPractice(actor);
    expect(screen.getByText("Turn 1 of up to 2")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Take back last choice" })).toBeNull();
    act(() => fireEvent.click(choiceButton("Choice good")));
    expect(screen.getByText(/^Turn 2 of up to 2$/)).toBeInTheDocument();
    expect(screen.getByRole("meter", { name: /rapport/i })).toHaveAttribute("aria-valuenow", "60");
    expect(screen.getByRole("log", { name: "Conversation" })).toHaveTextContent("Choice good");
    // Focus moves on to the next choices.
    expect(screen.getByRole("group", { name: /Your response/ }).querySelector("button")).toHaveFocus();

    act(() => fireEvent.click(screen.getByRole("button", { name: "Take back last choice" })));
    expect(screen.getByText(/^Turn 1 of up to 2$/)).toBeInTheDocument();
    expect(screen.getByText("Your last choice was taken back.")).toBeInTheDocument();

    const order = screen.getAllByRole("button").filter((b) => /^\dChoice/.test(b.textContent ?? ""));
    const second = order[1]!.textContent!.replace(/^\d/, "");
    act(() => void fireEvent.keyDown(window, { key: "2" }));
    expect(screen.getByRole("log", { name: "Conversation" })).toHaveTextContent(second);
    expect(allOps(harness.outboxes).map((op) => op.type)).toEqual(["choice", "take-back", "choice"]);
  });

  it("pauses with Resume focused and the choices hidden, and resumes where it was", async () => {
    const { actor } = await showPlay();
    await startPractice(actor);
    act(() => fireEvent.click(choiceButton("Choice good")));
    act(() => fireEvent.click(screen.getByRole("button", { name: "Pause" })));
    expect(screen.getByRole("heading", { name: "Paused" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Resume" })).toHaveFocus();
    expect(screen.queryByRole("group", { name: /Your response/ })).toBeNull();
    act(() => fireEvent.click(screen.getByRole("button", { name: "Resume" })));
    expect(screen.getByText(/^Turn 2 of up to 2$/)).toBeInTheDocument();
  });

  it("shows how saving stands, and warns when the browser will not keep the session", async () => {
    const harness = lifecycleHarness({ browserRefuses: true, server: { readSaved: async () => ({ ...nothingSaved, participant: "Robin" }) } });
    const { actor } = await showPlay(harness);
    await startPractice(actor);
    expect(screen.getByRole("alert")).toHaveTextContent("This browser is not letting the session be saved");
    act(() => harness.outboxes[0]!.report({ state: "offline", waiting: 2 }));
    expect(document.querySelector("[data-save-state]")).toHaveTextContent("Offline: 2 changes are kept in this browser");
  });

  it("says when the sign-in has expired, how many changes are kept, and offers to sign in again back to this page or to try again", async () => {
    const { actor, harness } = await showPlay();
    await startPractice(actor);
    act(() => harness.outboxes[0]!.report({ state: "signed-out", waiting: 2 }));
    const status = document.querySelector("[data-save-state]");
    expect(status).toHaveAttribute("data-save-state", "signed-out");
    expect(screen.getByRole("status")).toHaveTextContent(
      "Your sign-in has expired. 2 changes are kept in this browser and will be sent once you sign in again.",
    );
    const signIn = screen.getByRole("link", { name: "Sign in again" });
    expect(signIn).toHaveAttribute("href", `/sign-in?next=${encodeURIComponent(`/play/${scenario.id}`)}`);
    expect(signIn).not.toHaveAttribute("target");
    act(() => fireEvent.click(screen.getByRole("button", { name: "Try again" })));
    expect(harness.outboxes[0]!.retries).toBe(1);
    // The trainee plays on meanwhile.
    act(() => fireEvent.click(choiceButton("Choice good")));
    expect(screen.getByText(/^Turn 2 of up to 2$/)).toBeInTheDocument();

    act(() => harness.outboxes[0]!.report({ state: "saved" }));
    expect(screen.queryByRole("link", { name: "Sign in again" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("signs in again in a new tab when the browser keeps nothing, so this page and its changes stay", async () => {
    const harness = lifecycleHarness({ browserRefuses: true, server: { readSaved: async () => ({ ...nothingSaved, participant: "Robin" }) } });
    const { actor } = await showPlay(harness);
    await startPractice(actor);
    act(() => harness.outboxes[0]!.report({ state: "signed-out", waiting: 1 }));
    expect(document.querySelector("[data-save-state]")).toHaveTextContent("1 change is kept on this page only");
    expect(screen.getByRole("link", { name: "Sign in again in a new tab" })).toHaveAttribute("target", "_blank");
  });

  it("ends at the debrief in assessment mode, with no meters or take-back on the way", async () => {
    const { actor } = await showPlay();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: /^Assessment/ }));
      await waitFor(actor, (s) => stageOf(s) === "playing");
    });
    act(() => fireEvent.click(choiceButton("Choice bad")));
    expect(screen.queryByRole("meter")).toBeNull();
    expect(screen.queryByRole("button", { name: "Take back last choice" })).toBeNull();
    act(() => fireEvent.click(choiceButton("Choice good")));
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
    const debrief = screen.getByRole("button", { name: "Open the debrief" });
    expect(debrief).toHaveFocus();
    act(() => fireEvent.click(debrief));
    expect(stageOf(actor.getSnapshot())).toBe("ended");
    expect(await screen.findByRole("heading", { name: `Debrief: ${scenario.title}` })).toBeInTheDocument();
    const finalMeters = (_: string, el: Element | null) => el?.tagName === "P" && /^Final meters: rapport 50, mutuality 50, after 2 turns/.test(el.textContent ?? "");
    expect(screen.getByText(finalMeters)).toBeInTheDocument();
    act(() => fireEvent.click(screen.getByRole("button", { name: "Play again" })));
    expect(screen.getByRole("button", { name: /^Practice/ })).toBeInTheDocument();
  });

  describe("notes on choices", () => {
    const WHY = "Why did you choose this? (optional)";

    it("offers a folded note under each choice's feedback in practice mode, saves it through the outbox and says when it is saved", async () => {
      const { actor, harness } = await showPlay();
      await startPractice(actor);
      act(() => fireEvent.click(choiceButton("Choice good")));
      const open = screen.getByRole("button", { name: WHY });
      expect(open).toHaveAttribute("aria-expanded", "false");
      act(() => fireEvent.click(open));
      const field = screen.getByRole("textbox", { name: WHY });
      expect(field).toHaveFocus();
      expect(screen.getByRole("button", { name: "Save note" })).toBeDisabled();
      // Number keys type into the note rather than choose.
      act(() => void fireEvent.keyDown(field, { key: "2" }));
      expect(screen.getByText(/^Turn 2 of up to 2$/)).toBeInTheDocument();
      act(() => fireEvent.change(field, { target: { value: "  <b>She</b> sounded rushed.  " } }));
      act(() => fireEvent.click(screen.getByRole("button", { name: "Save note" })));
      expect(allOps(harness.outboxes).at(-1)).toEqual({ type: "note", seq: 1, choiceId: "good", note: "<b>She</b> sounded rushed." });
      expect(screen.getByText("Saving the note…")).toHaveAttribute("role", "status");
      act(() => actor.send({ type: "note.result", seq: 1, choiceId: "good", note: "<b>She</b> sounded rushed.", ok: true }));
      expect(screen.getByText("Note saved.")).toBeInTheDocument();
      // Text, never markup.
      expect(field).toHaveValue("  <b>She</b> sounded rushed.  ");
      expect(document.querySelector("b")).toBeNull();
    });

    it("saves with Ctrl+Enter, says when the server refused the note and keeps its text to save again", async () => {
      const { actor, harness } = await showPlay();
      await startPractice(actor);
      act(() => fireEvent.click(choiceButton("Choice good")));
      act(() => fireEvent.click(screen.getByRole("button", { name: WHY })));
      const field = screen.getByRole("textbox", { name: WHY });
      act(() => fireEvent.change(field, { target: { value: "Because." } }));
      act(() => void fireEvent.keyDown(field, { key: "Enter", ctrlKey: true }));
      expect(allOps(harness.outboxes).at(-1)).toMatchObject({ type: "note", note: "Because." });
      act(() => actor.send({ type: "note.result", seq: 1, choiceId: "good", note: "Because.", ok: false, message: "the server said no" }));
      expect(screen.getByRole("alert")).toHaveTextContent("Not saved: the server said no. Your text is still here");
      expect(field).toHaveValue("Because.");
      expect(screen.getByRole("button", { name: "Save note" })).toBeEnabled();
    });

    it("says a note waits in the browser while saving cannot go on", async () => {
      const { actor, harness } = await showPlay();
      await startPractice(actor);
      act(() => fireEvent.click(choiceButton("Choice good")));
      act(() => fireEvent.click(screen.getByRole("button", { name: WHY })));
      act(() => fireEvent.change(screen.getByRole("textbox", { name: WHY }), { target: { value: "Offline thought." } }));
      act(() => fireEvent.click(screen.getByRole("button", { name: "Save note" })));
      act(() => harness.outboxes[0]!.report({ state: "offline", waiting: 1 }));
      expect(screen.getByText("Kept in this browser; it is sent once saving can go on.")).toBeInTheDocument();
    });

    it("opens the note where the scenario or the assignment asks, saying the trainer asks, and lets the trainee go on without one", async () => {
      const one = scenario.nodes.one as TurnNode;
      const asking = fakeScenario({ nodes: { ...scenario.nodes, one: { ...one, askRationale: true } } });
      const { actor } = await showPlay(undefined, { played: asking, askRationaleOn: ["two"] });
      await startPractice(actor);
      act(() => fireEvent.click(choiceButton("Choice good")));
      expect(screen.getByText("Your trainer asks for a note on this turn. It is optional: you can go on without one.")).toBeInTheDocument();
      expect(screen.getByRole("textbox", { name: WHY })).toHaveAccessibleDescription(/Your trainer asks for a note on this turn/);
      // Focus still goes on to the next choices, and they still choose.
      expect(screen.getByRole("group", { name: /Your response/ }).querySelector("button")).toHaveFocus();
      act(() => fireEvent.click(choiceButton("Choice good")));
      expect(screen.getAllByRole("textbox", { name: WHY })).toHaveLength(2);
      expect(screen.getByRole("button", { name: "Open the debrief" })).toBeInTheDocument();
    });

    it("offers no note in assessment mode, even where the scenario asks", async () => {
      const one = scenario.nodes.one as TurnNode;
      const asking = fakeScenario({ nodes: { ...scenario.nodes, one: { ...one, askRationale: true } } });
      const { actor } = await showPlay(undefined, { played: asking, askRationaleOn: ["one", "two"] });
      await act(async () => {
        fireEvent.click(screen.getByRole("button", { name: /^Assessment/ }));
        await waitFor(actor, (s) => stageOf(s) === "playing");
      });
      act(() => fireEvent.click(choiceButton("Choice good")));
      expect(screen.queryByRole("button", { name: WHY })).toBeNull();
      expect(screen.queryByRole("textbox")).toBeNull();
      expect(screen.queryByText(/trainer asks/)).toBeNull();
    });
  });

  it("asks before starting over, and starts over to the modes only when the trainee says so", async () => {
    const { actor, harness } = await showPlay();
    await startPractice(actor);
    act(() => fireEvent.click(choiceButton("Choice good")));
    act(() => fireEvent.click(screen.getByRole("button", { name: "Start over" })));
    const dialog = screen.getByRole("alertdialog", { name: "Start over?" });
    expect(dialog).toHaveTextContent("The 1 turn you have played so far will be set aside");
    // The safe way out has the focus, so a stray Enter does not throw the session away.
    expect(screen.getByRole("button", { name: "Keep playing" })).toHaveFocus();
    act(() => fireEvent.click(screen.getByRole("button", { name: "Keep playing" })));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(stageOf(actor.getSnapshot())).toBe("playing");
    expect(allOps(harness.outboxes).map((op) => op.type)).toEqual(["choice"]);

    act(() => fireEvent.click(screen.getByRole("button", { name: "Start over" })));
    act(() => fireEvent.click(screen.getByRole("button", { name: "Yes, start over" })));
    expect(screen.getByRole("button", { name: /^Practice/ })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "How do you want to play?" })).toHaveFocus();
    expect(allOps(harness.outboxes).at(-1)).toEqual({ type: "end", status: "abandoned" });
  });

  it("says it is loading, not the modes, when a cookie says this browser keeps a session", () => {
    const harness = lifecycleHarness();
    const actor = createActor(harness.machine, { input: { scenario, hash: "h", participant: "Robin" } });
    render(<PlayView actorRef={actor} scenario={scenario} savedHint />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading your session…");
    expect(screen.queryByRole("group", { name: "How do you want to play?" })).toBeNull();
  });

  it("draws the session the server expects, with its bar and note link, before the storage is read, and keeps it once resumed", async () => {
    let found: (f: typeof nothingSaved) => void = () => {};
    const harness = lifecycleHarness({ server: { readSaved: () => new Promise((resolve) => (found = resolve)) } });
    const expected = fakeSavedSession({ scenarioId: scenario.id, hash: "h", choices: ["good"] });
    const actor = createActor(harness.machine, { input: { scenario, hash: "h", participant: "Robin", expected } });
    render(<PlayView actorRef={actor} scenario={scenario} savedHint introSeen />);
    const drawn = () => ({
      status: screen.queryByText("Loading your session…"),
      notice: screen.getByText("Resumed where you left off, after 1 turn.").textContent,
      turns: screen.getByRole("log", { name: "Conversation" }).querySelectorAll("li[data-turn]").length,
      choices: screen.getAllByRole("group", { name: /Your response/ }).length,
      takeBack: screen.getByRole("button", { name: "Take back last choice" }).textContent,
      pause: screen.getByRole("button", { name: "Pause" }).textContent,
      note: screen.getByRole("button", { name: /Why did you choose this/ }).textContent,
    });
    const before = drawn();
    expect(before.status).toBeNull();
    expect(before.turns).toBe(1);
    act(() => void actor.start());
    expect(stageOf(actor.getSnapshot())).toBe("loading");
    await act(async () => {
      found({ ...nothingSaved, saved: expected });
      await waitFor(actor, (s) => stageOf(s) === "playing");
    });
    expect(drawn()).toEqual(before);
  });

  it("keeps a click on a mode that lands while the saved session is still looked for, and starts it then", async () => {
    let found: (f: typeof nothingSaved) => void = () => {};
    const harness = lifecycleHarness({ server: { readSaved: () => new Promise((resolve) => (found = resolve)) } });
    const actor = createActor(harness.machine, { input: { scenario, hash: "h", participant: "Robin" } });
    render(<PlayView actorRef={actor} scenario={scenario} introSeen />);
    act(() => void actor.start());
    expect(stageOf(actor.getSnapshot())).toBe("loading");
    act(() => fireEvent.click(screen.getByRole("button", { name: /^Assessment/ })));
    expect(screen.getByRole("group", { name: "How do you want to play?" })).toBeDisabled();
    expect(screen.getByText("Starting your session…")).toBeInTheDocument();
    await act(async () => {
      found({ ...nothingSaved, participant: "Robin" });
      await waitFor(actor, (s) => stageOf(s) === "playing");
    });
    expect(actor.getSnapshot().context.session?.mode).toBe("assessment");
  });

  it("shows how this works before the first session, remembers its dismissal, and keeps it one click away", async () => {
    // The cookie is kept for the play pages.
    window.history.replaceState(null, "", "/play/fake");
    const { actor } = await showPlay(undefined, { introSeen: false });
    const card = screen.getByRole("region", { name: "How this works" });
    expect(card).toHaveTextContent(`Rapport: How much ${scenario.roles.counterpart.name} trusts you and feels heard by you.`);
    expect(card).toHaveTextContent("Mutuality: How much the relationship is two-way, with power shared between you.");
    expect(card).toHaveTextContent("Practice: feedback after every response");
    // The twelve kinds, each with its line.
    expect(card.querySelectorAll("dl dt")).toHaveLength(2 + 12);
    expect(card).toHaveTextContent("Listening toReflects content or feeling back.");
    expect(screen.queryByRole("button", { name: "How this works" })).toBeNull();
    act(() => fireEvent.click(screen.getByRole("button", { name: "Got it" })));
    expect(screen.queryByRole("region", { name: "How this works" })).toBeNull();
    expect(document.cookie).toContain("pp-intro-seen=1");

    act(() => fireEvent.click(screen.getByRole("button", { name: "How this works" })));
    const dialog = screen.getByRole("dialog", { name: "How this works" });
    expect(dialog).toHaveTextContent("Twelve kinds of response");
    act(() => fireEvent.click(screen.getByRole("button", { name: "Close" })));
    expect(screen.queryByRole("dialog")).toBeNull();
    await startPractice(actor);
    expect(screen.getByRole("button", { name: "How this works" })).toBeInTheDocument();
  });

  it("puts the focus on the counterpart's first line when a session starts", async () => {
    const { actor } = await showPlay();
    await startPractice(actor);
    expect(document.activeElement).toHaveTextContent("A line.");
    expect(document.activeElement?.closest("[role=log]")).not.toBeNull();
  });

  it("shows the meters with what each means, on focus, and Escape hides it", async () => {
    const { actor } = await showPlay();
    await startPractice(actor);
    const rapport = screen.getByRole("meter", { name: "Rapport" });
    expect(rapport).toHaveAccessibleDescription(`How much ${scenario.roles.counterpart.name} trusts you and feels heard by you.`);
    const tip = document.getElementById(rapport.getAttribute("aria-describedby")!)!;
    expect(tip).toHaveClass("hidden");
    act(() => rapport.focus());
    expect(tip).not.toHaveClass("hidden");
    act(() => void fireEvent.keyDown(rapport, { key: "Escape" }));
    expect(tip).toHaveClass("hidden");
    expect(screen.getByRole("meter", { name: "Mutuality" })).toHaveAccessibleDescription(/two-way/);
  });

  it("keeps saving quiet while all is well and says loudly when changes wait", async () => {
    const { actor, harness } = await showPlay();
    await startPractice(actor);
    act(() => harness.outboxes[0]!.report({ state: "saved" }));
    const status = document.querySelector("[data-save-state]")!;
    expect(status).toHaveTextContent("All changes saved");
    expect(status).not.toHaveClass("border");
    act(() => harness.outboxes[0]!.report({ state: "offline", waiting: 1 }));
    expect(status).toHaveClass("border");
    expect(status).toHaveTextContent("Offline: 1 change is kept in this browser");
  });

  it("ends the conversation as an ending: the closing words, then a closing panel leading to the debrief", async () => {
    const { actor } = await showPlay();
    await startPractice(actor);
    act(() => fireEvent.click(choiceButton("Choice good")));
    act(() => fireEvent.click(choiceButton("Choice good")));
    expect(screen.getByRole("log", { name: "Conversation" })).toHaveTextContent(`${scenario.roles.counterpart.name} · closing wordsThanks.`);
    const panel = screen.getByRole("region", { name: "End of the conversation" });
    expect(panel).toHaveTextContent("there is nothing more to answer");
    expect(screen.getByText("Ended after 2 turns")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open the debrief" })).toHaveFocus();
    expect(screen.queryByRole("group", { name: /Your response/ })).toBeNull();
  });

  it("says when a meter stopped at 100", async () => {
    const capped = fakeScenario({
      meters: { rapport: 95, mutuality: 50 },
      nodes: {
        one: fakeTurn([fakeChoice({ id: "good", kind: "listening-to", next: "well" })]),
        well: fakeEnding("connected", ["Thanks."]),
      },
    });
    const { actor } = await showPlay(undefined, { played: capped });
    await startPractice(actor);
    act(() => fireEvent.click(choiceButton("Choice good")));
    expect(screen.getByRole("log", { name: "Conversation" })).toHaveTextContent(
      "Rapport stopped at 100: the meters run from 0 to 100 and go no further.",
    );
    expect(screen.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuetext", "100 of 100, as high as it goes");
  });
});
