import { describe, expect, it } from "vitest";
import { waitFor } from "xstate";
import { choicesOf, conversationSnapshot } from "../../../machines/conversation-state";
import { NOTE_MAX_LENGTH as SERVER_NOTE_MAX_LENGTH } from "../../../contracts/session-requests";
import {
  acceptsOnceShown,
  asksRationale,
  barActionsOf,
  NOTE_MAX_LENGTH,
  shownStageOf,
  stageOf,
  type PlayLifecycleSnapshot,
} from "../../../machines/play-lifecycle";
import type { TurnNode } from "../../../scenarios/types";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";
import { allOps, fakeSavedSession, fakeServerSession, lifecycleHarness, nothingSaved, pending, startLifecycle } from "../play/lifecycle-harness";

const HASH = "hash-1";
const scenario = fakeScenario();
const input = { scenario, hash: HASH };

const saved = fakeSavedSession;
const onServer = fakeServerSession;

const turnsOf = (s: PlayLifecycleSnapshot) => (s.context.session ? choicesOf(s.context.session.conversation) : []);
const settled = (actor: ReturnType<typeof startLifecycle>) => waitFor(actor, (s) => !["loading", "starting"].includes(stageOf(s)) && !s.matches("resuming"));

/** An actor playing a fresh session in the given mode. */
async function playing(mode: "practice" | "assessment" = "practice", harness = lifecycleHarness()) {
  const actor = startLifecycle(harness, input);
  await settled(actor);
  actor.send({ type: "session.start", mode, participant: "  Robin  " });
  await settled(actor);
  return { actor, harness };
}

describe("play lifecycle: starting", () => {
  it("offers the modes when nothing is saved, with the name this browser last used", async () => {
    const harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, participant: "Sam" }) } });
    const actor = startLifecycle(harness, input);
    expect(stageOf(actor.getSnapshot())).toBe("loading");
    const s = await settled(actor);
    expect(stageOf(s)).toBe("choosing");
    expect(s.context.participant).toBe("Sam");
    expect(s.context.notice).toBeNull();
  });

  it("starts the session on the server, then plays from the scenario's start and keeps it in the browser", async () => {
    const requests: unknown[] = [];
    const harness = lifecycleHarness({
      server: {
        startSession: async (request) => {
          requests.push(request);
          return { id: "session-1", seed: 42, startedAt: "2026-02-02T00:00:00.000Z" };
        },
      },
    });
    const actor = startLifecycle(harness, input);
    await settled(actor);
    actor.send({ type: "session.start", mode: "assessment", participant: "  Robin  " });
    expect(stageOf(actor.getSnapshot())).toBe("starting");
    const s = await settled(actor);
    expect(requests).toEqual([{ scenarioId: scenario.id, mode: "assessment" }]);
    expect(stageOf(s)).toBe("playing");
    expect(s.context.session).toMatchObject({ mode: "assessment", seed: 42, serverId: "session-1", participant: "Robin", finished: false });
    expect(s.context.session?.conversation.value).toBe("one");
    expect(harness.browser.get(scenario.id)).toEqual({
      v: 1,
      scenarioId: scenario.id,
      hash: HASH,
      mode: "assessment",
      seed: 42,
      choices: [],
      startedAt: "2026-02-02T00:00:00.000Z",
      finished: false,
      serverId: "session-1",
      participant: "Robin",
    });
    expect(harness.outboxes.map((o) => o.sessionId)).toEqual(["session-1"]);
  });

  it("does not start without a name", async () => {
    const actor = startLifecycle(lifecycleHarness(), input);
    await settled(actor);
    expect(actor.getSnapshot().can({ type: "session.start", mode: "practice", participant: " " })).toBe(false);
    actor.send({ type: "session.start", mode: "practice", participant: " " });
    expect(stageOf(actor.getSnapshot())).toBe("choosing");
  });

  it("returns to the modes with the server's sentence when the start fails, and clears it on the next try", async () => {
    const harness = lifecycleHarness({
      server: {
        startSession: async () => {
          throw new Error("The server cannot be reached, so the session cannot start. Check the connection and try again.");
        },
      },
    });
    const actor = startLifecycle(harness, input);
    await settled(actor);
    actor.send({ type: "session.start", mode: "practice", participant: "Robin" });
    const s = await settled(actor);
    expect(stageOf(s)).toBe("choosing");
    expect(s.context.startError).toMatch(/^The server cannot be reached/);
    expect(harness.browser.size).toBe(0);
    actor.send({ type: "session.start", mode: "practice", participant: "Robin" });
    expect(actor.getSnapshot().context.startError).toBeNull();
  });
});

describe("play lifecycle: playing", () => {
  it("steps the conversation on a choice on offer, queues it with its turn and time, and keeps it", async () => {
    const { actor, harness } = await playing();
    actor.send({ type: "choice.select", choiceId: "good", timeTakenMs: 1234.4 });
    const s = actor.getSnapshot();
    expect(s.context.session?.conversation.value).toBe("two");
    expect(s.context.session?.conversation.context.rapport).toBe(60);
    expect(allOps(harness.outboxes)).toEqual([{ type: "choice", seq: 1, choiceId: "good", timeTakenMs: 1234 }]);
    expect(harness.browser.get(scenario.id)?.choices).toEqual(["good"]);
  });

  it("ignores a choice the current turn does not offer", async () => {
    const gated = fakeScenario({
      nodes: {
        one: fakeTurn([
          fakeChoice({ id: "open", next: "end" }),
          fakeChoice({ id: "late", when: { rapport: { op: ">=", value: 90 } }, next: "end" }),
        ]),
        end: fakeEnding("connected"),
      },
    });
    const harness = lifecycleHarness();
    const actor = startLifecycle(harness, { scenario: gated, hash: HASH });
    await settled(actor);
    actor.send({ type: "session.start", mode: "practice", participant: "Robin" });
    await settled(actor);
    for (const choiceId of ["late", "nope"]) {
      expect(actor.getSnapshot().can({ type: "choice.select", choiceId })).toBe(false);
      actor.send({ type: "choice.select", choiceId });
    }
    expect(turnsOf(actor.getSnapshot())).toEqual([]);
    expect(allOps(harness.outboxes)).toEqual([]);
  });

  it("takes back the last choice in practice mode: the server is told its turn and the browser keeps the rest", async () => {
    const { actor, harness } = await playing("practice");
    expect(actor.getSnapshot().can({ type: "choice.takeBack" })).toBe(false);
    actor.send({ type: "choice.select", choiceId: "good" });
    actor.send({ type: "choice.select", choiceId: "bad" });
    expect(actor.getSnapshot().can({ type: "choice.takeBack" })).toBe(true);
    actor.send({ type: "choice.takeBack" });
    const s = actor.getSnapshot();
    expect(turnsOf(s)).toEqual(["good"]);
    expect(s.context.session?.conversation.value).toBe("two");
    expect(s.context.session?.conversation.status).toBe("active");
    expect(s.context.notice).toBe("Your last choice was taken back.");
    expect(allOps(harness.outboxes).slice(-1)).toEqual([{ type: "take-back", seq: 2 }]);
    expect(harness.browser.get(scenario.id)?.choices).toEqual(["good"]);
  });

  it("never takes back in assessment mode", async () => {
    const { actor } = await playing("assessment");
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(actor.getSnapshot().can({ type: "choice.takeBack" })).toBe(false);
    actor.send({ type: "choice.takeBack" });
    expect(turnsOf(actor.getSnapshot())).toEqual(["good"]);
  });

  it("pauses while the conversation goes on and resumes at the same place, without the last notice", async () => {
    const { actor } = await playing();
    actor.send({ type: "choice.select", choiceId: "good" });
    actor.send({ type: "choice.select", choiceId: "bad" });
    actor.send({ type: "choice.takeBack" });
    actor.send({ type: "session.pause" });
    expect(stageOf(actor.getSnapshot())).toBe("paused");
    expect(actor.getSnapshot().can({ type: "choice.select", choiceId: "good" })).toBe(false);
    actor.send({ type: "session.resume" });
    const s = actor.getSnapshot();
    expect(stageOf(s)).toBe("playing");
    expect(turnsOf(s)).toEqual(["good"]);
    expect(s.context.notice).toBeNull();
  });

  it("opens the debrief only at an ending, completing the session on the server and in the browser", async () => {
    const { actor, harness } = await playing();
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(actor.getSnapshot().can({ type: "session.end" })).toBe(false);
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(actor.getSnapshot().can({ type: "session.pause" })).toBe(false);
    actor.send({ type: "session.end" });
    const s = actor.getSnapshot();
    expect(stageOf(s)).toBe("ended");
    expect(s.context.session?.finished).toBe(true);
    expect(allOps(harness.outboxes).slice(-1)).toEqual([{ type: "end", status: "completed" }]);
    expect(harness.browser.get(scenario.id)).toMatchObject({ choices: ["good", "good"], finished: true });
  });

  it("abandons an unfinished session on starting over, before its outbox stops, and forgets it", async () => {
    const { actor, harness } = await playing();
    actor.send({ type: "choice.select", choiceId: "good" });
    actor.send({ type: "session.restart" });
    const s = actor.getSnapshot();
    expect(stageOf(s)).toBe("choosing");
    expect(s.context.session).toBeNull();
    expect(s.context.saveState).toBeNull();
    const outboxLines = harness.log.filter((line) => line.startsWith("outbox"));
    expect(outboxLines.slice(-2)).toEqual([`outbox ${JSON.stringify({ type: "end", status: "abandoned" })}`, "outbox stopped"]);
    expect(harness.browser.size).toBe(0);
  });

  it("starts over after the debrief without abandoning what was completed", async () => {
    const { actor, harness } = await playing();
    actor.send({ type: "choice.select", choiceId: "bad" });
    actor.send({ type: "choice.select", choiceId: "bad" });
    actor.send({ type: "session.end" });
    actor.send({ type: "session.restart" });
    expect(stageOf(actor.getSnapshot())).toBe("choosing");
    expect(allOps(harness.outboxes).filter((op) => op.type === "end")).toEqual([{ type: "end", status: "completed" }]);
    expect(harness.browser.size).toBe(0);
  });

  it("keeps what the outbox reports while the session lasts", async () => {
    const { actor, harness } = await playing();
    harness.outboxes[0]!.report({ state: "offline", waiting: 2 });
    expect(actor.getSnapshot().context.saveState).toEqual({ state: "offline", waiting: 2 });
  });

  it("plays on while the sign-in has expired, queueing every choice, and asks the outbox to send again when told", async () => {
    const { actor, harness } = await playing();
    actor.send({ type: "choice.select", choiceId: "good" });
    harness.outboxes[0]!.report({ state: "signed-out", waiting: 1 });
    expect(actor.getSnapshot().context.saveState).toEqual({ state: "signed-out", waiting: 1 });
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(allOps(harness.outboxes).map((op) => op.type)).toEqual(["choice", "choice"]);
    actor.send({ type: "save.retry" });
    expect(harness.outboxes[0]!.retries).toBe(1);
    // At the debrief too, where the end of the session may be what waits.
    actor.send({ type: "session.end" });
    actor.send({ type: "save.retry" });
    expect(stageOf(actor.getSnapshot())).toBe("ended");
    expect(harness.outboxes.map((o) => [o.retries, o.stopped])).toEqual([[2, false]]);
  });

  it("says so when the browser will not keep the session", async () => {
    const { actor } = await playing("practice", lifecycleHarness({ browserRefuses: true }));
    expect(actor.getSnapshot().context.storageRefused).toBe(true);
  });
});

describe("play lifecycle: notes on choices", () => {
  it("keeps a note on a choice, trimmed, queues it behind the choice with the choice's id, and keeps it in the browser", async () => {
    const { actor, harness } = await playing("practice");
    actor.send({ type: "choice.select", choiceId: "good" });
    actor.send({ type: "note.save", seq: 1, note: "  I wanted to hear more.  " });
    expect(actor.getSnapshot().context.session?.notes).toEqual({ 1: { choiceId: "good", text: "I wanted to hear more.", state: "saving" } });
    expect(allOps(harness.outboxes).slice(-2)).toEqual([
      { type: "choice", seq: 1, choiceId: "good", timeTakenMs: 0 },
      { type: "note", seq: 1, choiceId: "good", note: "I wanted to hear more." },
    ]);
    expect(harness.browser.get(scenario.id)?.notes).toEqual({ "1": { choiceId: "good", text: "I wanted to hear more." } });
    // Playing on is never held up by it.
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(turnsOf(actor.getSnapshot())).toEqual(["good", "good"]);
  });

  it("marks the note saved or failed as the outbox reports, ignoring reports about an older text", async () => {
    const { actor } = await playing("practice");
    actor.send({ type: "choice.select", choiceId: "good" });
    actor.send({ type: "note.save", seq: 1, note: "First." });
    actor.send({ type: "note.save", seq: 1, note: "Second." });
    actor.send({ type: "note.result", seq: 1, choiceId: "good", note: "First.", ok: true });
    expect(actor.getSnapshot().context.session?.notes[1]?.state).toBe("saving");
    actor.send({ type: "note.result", seq: 1, choiceId: "good", note: "Second.", ok: false, message: "the server said no" });
    expect(actor.getSnapshot().context.session?.notes[1]).toEqual({ choiceId: "good", text: "Second.", state: "failed", message: "the server said no" });
    actor.send({ type: "note.save", seq: 1, note: "Second." });
    actor.send({ type: "note.result", seq: 1, choiceId: "good", note: "Second.", ok: true });
    expect(actor.getSnapshot().context.session?.notes[1]).toEqual({ choiceId: "good", text: "Second.", state: "saved" });
  });

  it("clears a note with an empty text, and does nothing for an empty note that was never there", async () => {
    const { actor, harness } = await playing("practice");
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(actor.getSnapshot().can({ type: "note.save", seq: 1, note: "   " })).toBe(false);
    actor.send({ type: "note.save", seq: 1, note: "Something." });
    actor.send({ type: "note.save", seq: 1, note: "   " });
    expect(allOps(harness.outboxes).at(-1)).toEqual({ type: "note", seq: 1, choiceId: "good", note: "" });
    expect(actor.getSnapshot().context.session?.notes[1]).toMatchObject({ text: "", state: "saving" });
  });

  it("holds notes to the length the server does (kept apart so the page does not load the request schemas)", () => {
    expect(NOTE_MAX_LENGTH).toBe(SERVER_NOTE_MAX_LENGTH);
  });

  it("takes no note in assessment mode, on a turn not yet played, or over 500 characters", async () => {
    const assessment = await playing("assessment");
    assessment.actor.send({ type: "choice.select", choiceId: "good" });
    expect(assessment.actor.getSnapshot().can({ type: "note.save", seq: 1, note: "Why." })).toBe(false);

    const { actor } = await playing("practice");
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(actor.getSnapshot().can({ type: "note.save", seq: 2, note: "Too soon." })).toBe(false);
    expect(actor.getSnapshot().can({ type: "note.save", seq: 0, note: "Zero." })).toBe(false);
    expect(actor.getSnapshot().can({ type: "note.save", seq: 1, note: "x".repeat(501) })).toBe(false);
    expect(actor.getSnapshot().can({ type: "note.save", seq: 1, note: ` ${"x".repeat(500)} ` })).toBe(true);
  });

  it("lets the note go with its choice when the choice is taken back", async () => {
    const { actor } = await playing("practice");
    actor.send({ type: "choice.select", choiceId: "good" });
    actor.send({ type: "note.save", seq: 1, note: "About good." });
    actor.send({ type: "choice.takeBack" });
    actor.send({ type: "choice.select", choiceId: "bad" });
    expect(actor.getSnapshot().context.session?.notes).toEqual({});
  });

  it("reads notes back with a saved or resumed session, only where the choice is still the one noted", async () => {
    const harness = lifecycleHarness({
      server: {
        readSaved: async () => ({
          ...nothingSaved,
          saved: saved({ choices: ["good", "bad"], notes: { "1": { choiceId: "good", text: "Kept." }, "2": { choiceId: "good", text: "Stale." } } }),
        }),
      },
    });
    const s = await settled(startLifecycle(harness, input));
    expect(s.context.session?.notes).toEqual({ 1: { choiceId: "good", text: "Kept.", state: "saved" } });

    const resumed = lifecycleHarness({
      server: {
        readSaved: async () => ({ ...nothingSaved, resumeId: "session-9" }),
        fetchSession: async () => onServer({ choices: ["good"], notes: { "1": { choiceId: "good", text: "From the server." } } }),
      },
    });
    const r = await settled(startLifecycle(resumed, input));
    expect(r.context.session?.notes).toEqual({ 1: { choiceId: "good", text: "From the server.", state: "saved" } });
  });

  it("asks for a note where the scenario or an assignment asks", () => {
    const asking = fakeScenario({ nodes: { ...scenario.nodes, one: { ...(scenario.nodes.one as TurnNode), askRationale: true } } });
    expect(asksRationale({ scenario: asking, askRationaleOn: [] }, "one")).toBe(true);
    expect(asksRationale({ scenario: asking, askRationaleOn: [] }, "two")).toBe(false);
    expect(asksRationale({ scenario, askRationaleOn: ["two"] }, "two")).toBe(true);
    // An assignment naming a node that is no turn asks nothing.
    expect(asksRationale({ scenario, askRationaleOn: ["well"] }, "well")).toBe(false);
  });
});

describe("play lifecycle: resuming", () => {
  it("resumes this browser's session where it left off, with a notice", async () => {
    const harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, saved: saved({ choices: ["good"] }) }) } });
    const s = await settled(startLifecycle(harness, input));
    expect(stageOf(s)).toBe("playing");
    expect(turnsOf(s)).toEqual(["good"]);
    expect(s.context.notice).toBe("Resumed where you left off, after 1 turn.");
    expect(harness.outboxes.map((o) => o.sessionId)).toEqual(["session-9"]);
  });

  it("says nothing when the saved session had no turns yet", async () => {
    const harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, saved: saved() }) } });
    const s = await settled(startLifecycle(harness, input));
    expect(stageOf(s)).toBe("playing");
    expect(s.context.notice).toBeNull();
  });

  it("opens the debrief again for a saved session that was finished at an ending", async () => {
    const harness = lifecycleHarness({
      server: { readSaved: async () => ({ ...nothingSaved, saved: saved({ choices: ["bad", "bad"], finished: true }) }) },
    });
    const s = await settled(startLifecycle(harness, input));
    expect(stageOf(s)).toBe("ended");
    expect(s.context.session?.conversation.status).toBe("done");
    // The plain state resolves back to the scenario machine's snapshot at its ending.
    const snapshot = conversationSnapshot(scenario, s.context.session!.conversation);
    expect([snapshot.value, snapshot.status, snapshot.context.rapport]).toEqual(["badly", "done", 30]);
  });

  it("sets aside a saved session the scenario no longer replays, and says why", async () => {
    const harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, saved: saved({ choices: ["gone"] }) }) } });
    harness.browser.set(scenario.id, saved({ choices: ["gone"] }));
    const s = await settled(startLifecycle(harness, input));
    expect(stageOf(s)).toBe("choosing");
    expect(s.context.notice).toBe("This scenario has changed since your last session, so that session could not be resumed.");
    expect(harness.browser.size).toBe(0);
  });

  it("passes on why an unreadable saved entry was set aside", async () => {
    const harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, notice: "It could not be read." }) } });
    const s = await settled(startLifecycle(harness, input));
    expect(stageOf(s)).toBe("choosing");
    expect(s.context.notice).toBe("It could not be read.");
  });

  it("resumes a session from the server by its id and keeps it in this browser", async () => {
    const asked: string[] = [];
    const harness = lifecycleHarness({
      server: {
        readSaved: async () => ({ ...nothingSaved, resumeId: "session-9" }),
        fetchSession: async (id) => {
          asked.push(id);
          return onServer({ choices: ["good", "bad"] });
        },
      },
    });
    const s = await settled(startLifecycle(harness, input));
    expect(asked).toEqual(["session-9"]);
    expect(stageOf(s)).toBe("playing");
    expect(turnsOf(s)).toEqual(["good", "bad"]);
    expect(s.context.notice).toBe("Resumed the saved session, after 2 turns.");
    expect(harness.browser.get(scenario.id)).toMatchObject({ serverId: "session-9", choices: ["good", "bad"], participant: "Robin" });
  });

  it("resumes from this browser when the link names the session it already has", async () => {
    const harness = lifecycleHarness({
      server: {
        readSaved: async () => ({ ...nothingSaved, resumeId: "session-9", saved: saved({ choices: ["good"] }) }),
        fetchSession: async () => {
          throw new Error("not asked");
        },
      },
    });
    const s = await settled(startLifecycle(harness, input));
    expect(s.context.notice).toBe("Resumed where you left off, after 1 turn.");
  });

  it.each([
    [{ scenarioHash: "older" }, "it was played on an earlier version of this scenario; its transcript is on the Sessions page"],
    [{ status: "completed" as const }, "it is completed; its transcript is on the Sessions page"],
    [{ replayNotice: "turn 2 is missing" }, "its stored choices no longer replay; its transcript is on the Sessions page"],
    [{ choices: ["nope"] }, "its stored choices no longer replay; its transcript is on the Sessions page"],
  ])("does not resume a server session that cannot go on here (%o)", async (overrides, reason) => {
    const harness = lifecycleHarness({
      server: { readSaved: async () => ({ ...nothingSaved, resumeId: "session-9" }), fetchSession: async () => onServer(overrides) },
    });
    const s = await settled(startLifecycle(harness, input));
    expect(stageOf(s)).toBe("choosing");
    expect(s.context.notice).toBe(`That session cannot be resumed here: ${reason}.`);
    expect(harness.browser.size).toBe(0);
  });

  it("says why a server session could not be loaded", async () => {
    const harness = lifecycleHarness({
      server: {
        readSaved: async () => ({ ...nothingSaved, resumeId: "session-9" }),
        fetchSession: async () => {
          throw new Error("the server answered 404");
        },
      },
    });
    const s = await settled(startLifecycle(harness, input));
    expect(s.context.notice).toBe("That session cannot be resumed here: the server answered 404.");
  });

  it("tells no outbox about a saved session the server never knew", async () => {
    const harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, saved: saved({ serverId: undefined }) }) } });
    const actor = startLifecycle(harness, input);
    await settled(actor);
    actor.send({ type: "choice.select", choiceId: "good" });
    actor.send({ type: "session.restart" });
    expect(harness.outboxes.map((o) => o.ops)).toEqual([[]]);
    expect(harness.outboxes[0]?.sessionId).toBeNull();
  });

  it("keeps the lifecycle's snapshot plain data that can be persisted", async () => {
    const { actor } = await playing();
    actor.send({ type: "choice.select", choiceId: "good" });
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as { context: { session: { conversation: unknown } } };
    expect(persisted.context.session.conversation).toMatchObject({ value: "two", status: "active" });
  });
});

describe("play lifecycle: the session expected from the server, drawn while loading", () => {
  it("draws it as resumed, with the bar it will have, until the browser's own session is adopted", async () => {
    const harness = lifecycleHarness({ server: { readSaved: pending } });
    const actor = startLifecycle(harness, { ...input, expected: saved({ choices: ["good"] }) });
    const s = actor.getSnapshot();
    expect([stageOf(s), shownStageOf(s)]).toEqual(["loading", "playing"]);
    expect(turnsOf(s)).toEqual(["good"]);
    expect(s.context.notice).toBe("Resumed where you left off, after 1 turn.");
    expect(barActionsOf(s)).toEqual({ takeBack: true, pause: true });
    expect(acceptsOnceShown(s, { type: "note.save", seq: 1, note: "x" })).toBe(true);
    expect(acceptsOnceShown(s, { type: "note.save", seq: 2, note: "x" })).toBe(false);
    // Nothing is sent or kept while it is only drawn: a choice waits for the session to be resumed.
    actor.send({ type: "choice.select", choiceId: "good" });
    expect(turnsOf(actor.getSnapshot())).toEqual(["good"]);
    expect(harness.outboxes).toEqual([]);
    expect(harness.log).toEqual([]);
  });

  it("gives way to what the browser keeps, which may be further on", async () => {
    const harness = lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, saved: saved({ choices: ["good", "good"] }) }) } });
    const s = await settled(startLifecycle(harness, { ...input, expected: saved({ choices: ["good"] }) }));
    expect([stageOf(s), shownStageOf(s)]).toEqual(["playing", "playing"]);
    expect(turnsOf(s)).toEqual(["good", "good"]);
    expect(s.context.notice).toBe("Resumed where you left off, after 2 turns.");
  });

  it("draws a completed session at its debrief", () => {
    const harness = lifecycleHarness({ server: { readSaved: pending } });
    const s = startLifecycle(harness, { ...input, expected: saved({ choices: ["bad", "bad"], finished: true }) }).getSnapshot();
    expect([stageOf(s), shownStageOf(s)]).toEqual(["loading", "ended"]);
    // As once resumed at the debrief: nothing to take back or pause.
    expect(barActionsOf(s)).toEqual({ takeBack: false, pause: false });
  });

  it.each([
    ["the browser keeps none", async () => nothingSaved],
    ["the browser's no longer replays", async () => ({ ...nothingSaved, saved: saved({ choices: ["gone"] }) })],
    ["the link names another session", async () => ({ ...nothingSaved, resumeId: "session-2" })],
  ])("is set aside when %s", async (_, readSaved) => {
    const harness = lifecycleHarness({ server: { readSaved, fetchSession: pending } });
    const actor = startLifecycle(harness, { ...input, expected: saved({ choices: ["good"] }) });
    const s = await waitFor(actor, (x) => !x.matches("loading"));
    expect(s.context.session).toBeNull();
    expect(shownStageOf(s)).toBe(stageOf(s));
    expect(s.context.notice).not.toBe("Resumed where you left off, after 1 turn.");
  });

  it("is set aside when reading the browser's storage fails", async () => {
    const harness = lifecycleHarness({
      server: {
        readSaved: async () => {
          throw new Error("storage broke");
        },
      },
    });
    const s = await settled(startLifecycle(harness, { ...input, expected: saved({ choices: ["good"] }) }));
    expect(stageOf(s)).toBe("choosing");
    expect([s.context.session, s.context.notice]).toEqual([null, null]);
  });

  it.each([
    ["another scenario", { scenarioId: "other" }],
    ["another version", { hash: "hash-0" }],
    ["choices that do not replay", { choices: ["gone"] }],
  ])("is not drawn for %s", (_, overrides) => {
    const harness = lifecycleHarness({ server: { readSaved: pending } });
    const s = startLifecycle(harness, { ...input, expected: saved({ choices: ["good"], ...overrides }) }).getSnapshot();
    expect([stageOf(s), shownStageOf(s), s.context.session]).toEqual(["loading", "loading", null]);
  });
});
