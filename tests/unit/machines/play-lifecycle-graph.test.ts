/**
 * Model-based test of the play lifecycle: `xstate/graph` walks the machine (the conversation of
 * a small scenario included, since its state is in the lifecycle's context) with events built
 * from the scenario's choices and from what the browser and the server can answer; every path is
 * then played through a running actor whose effects are recorded, and invariants are checked
 * after every step.
 */
import { describe, expect, it } from "vitest";
import { getShortestPaths } from "xstate/graph";
import { choicesOf } from "../../../machines/conversation-state";
import {
  playLifecycle,
  stageOf,
  type PlayLifecycleEvent,
  type PlayLifecycleSnapshot,
  type SavedFind,
} from "../../../machines/play-lifecycle";
import type { SavedSession, SessionOp } from "../../../contracts/browser-storage";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";
import { allOps, fakeSavedSession, fakeServerSession, lifecycleHarness, nothingSaved, pending, startLifecycle } from "../play/lifecycle-harness";

const HASH = "hash-1";
/** Two turns; the second offers "deep" only after the first went well. */
const scenario = fakeScenario({
  nodes: {
    one: fakeTurn([fakeChoice({ id: "good", kind: "listening-to", next: "two" }), fakeChoice({ id: "bad", kind: "judging", next: "two" })]),
    two: fakeTurn([
      fakeChoice({ id: "deep", kind: "sharing-with", when: { rapport: { op: ">=", value: 60 } }, next: "well" }),
      fakeChoice({ id: "bad", kind: "dominating", next: "badly" }),
    ]),
    well: fakeEnding("connected"),
    badly: fakeEnding("disengaged"),
  },
});
const input = { scenario, hash: HASH };
const CHOICE_IDS = ["good", "bad", "deep"];
const TIME_TAKEN = 500;

const saved = (overrides: Partial<SavedSession>) => fakeSavedSession({ serverId: "local-session", seed: 1, ...overrides });
const onServer = fakeServerSession({ id: "linked-session", mode: "assessment", seed: 2 });

/** What the page can find on opening: nothing, a saved session at some point, one that no longer replays, a link. */
const FINDS: SavedFind[] = [
  nothingSaved,
  { ...nothingSaved, saved: saved({ choices: ["good"] }) },
  { ...nothingSaved, saved: saved({ mode: "assessment", serverId: undefined }) },
  { ...nothingSaved, saved: saved({ choices: ["bad", "bad"], finished: true }) },
  { ...nothingSaved, saved: saved({ choices: ["removed"] }), notice: null },
  { ...nothingSaved, resumeId: "linked-session" },
  { ...nothingSaved, resumeId: "local-session", saved: saved({ choices: ["good"] }) },
];

// The graph's events include the invoked actors' answers, which the machine's own event type leaves out.
type WalkEvent = PlayLifecycleEvent | { type: `xstate.${"done" | "error"}.actor.${string}`; output?: unknown; error?: unknown };

function eventsFor(state: PlayLifecycleSnapshot): WalkEvent[] {
  switch (stageOf(state)) {
    case "loading":
      if (state.matches("resuming")) {
        return [
          { type: "xstate.done.actor.fetchSession", output: onServer },
          { type: "xstate.done.actor.fetchSession", output: { ...onServer, status: "abandoned" } },
          { type: "xstate.error.actor.fetchSession", error: new Error("the server answered 503") },
        ];
      }
      return FINDS.map((output) => ({ type: "xstate.done.actor.readSaved", output }));
    case "choosing":
      return [
        { type: "session.start", mode: "practice", participant: "Robin" },
        { type: "session.start", mode: "assessment", participant: "Robin" },
        { type: "session.start", mode: "practice", participant: "" },
      ];
    case "starting":
      return [
        { type: "xstate.done.actor.startSession", output: { id: "new-session", seed: 3, startedAt: "2026-01-02T00:00:00.000Z" } },
        { type: "xstate.error.actor.startSession", error: new Error("The session could not start: no.") },
      ];
    case "playing":
      return [
        ...CHOICE_IDS.map((choiceId): WalkEvent => ({ type: "choice.select", choiceId, timeTakenMs: TIME_TAKEN })),
        { type: "choice.takeBack" },
        { type: "session.pause" },
        { type: "session.end" },
        { type: "session.restart" },
        { type: "save.changed", state: { state: "offline", waiting: 1 } },
        { type: "save.changed", state: { state: "signed-out", waiting: 1 } },
        { type: "save.retry" },
        { type: "storage.result", saved: false },
      ];
    case "paused":
      return [{ type: "session.resume" }, { type: "session.restart" }];
    case "ended":
      return [{ type: "session.restart" }];
    default:
      return [];
  }
}

const turnsOf = (s: PlayLifecycleSnapshot) => (s.context.session ? choicesOf(s.context.session.conversation) : []);

/** A state as the walk tells states apart: where the lifecycle is and what the session holds. */
function keyOf(s: PlayLifecycleSnapshot): string {
  const session = s.context.session;
  return JSON.stringify({
    value: s.value,
    pending: s.context.pending?.mode,
    session: session && { mode: session.mode, turns: choicesOf(session.conversation), finished: session.finished, server: session.serverId ?? null },
  });
}

/** The operations the server must be told for one step, from what the step did to the session. */
function impliedOps(before: PlayLifecycleSnapshot, event: WalkEvent, after: PlayLifecycleSnapshot): SessionOp[] {
  if (!before.context.session?.serverId) return [];
  const [was, now] = [turnsOf(before), turnsOf(after)];
  if (event.type === "choice.select" && now.length === was.length + 1) {
    return [{ type: "choice", seq: now.length, choiceId: event.choiceId, timeTakenMs: TIME_TAKEN }];
  }
  if (event.type === "choice.takeBack" && now.length === was.length - 1) return [{ type: "take-back", seq: was.length }];
  if (event.type === "session.end" && stageOf(after) === "ended" && stageOf(before) === "playing") return [{ type: "end", status: "completed" }];
  if (event.type === "session.restart" && ["playing", "paused"].includes(stageOf(before))) return [{ type: "end", status: "abandoned" }];
  return [];
}

// The shortest path to every state the walk tells apart, each followed by every event that state
// can be sent: every transition of the graph is taken once, on the shortest way to it.
const shortest = getShortestPaths(playLifecycle, {
  input,
  events: eventsFor as (s: PlayLifecycleSnapshot) => PlayLifecycleEvent[],
  serializeState: keyOf,
});
const paths = shortest.flatMap((path) =>
  eventsFor(path.state).map((event) => ({ ...path, steps: [...path.steps, { event, state: undefined as PlayLifecycleSnapshot | undefined }] })),
);

describe("play lifecycle, walked", () => {
  it("reaches every screen", () => {
    const stages = new Set(shortest.map((p) => stageOf(p.state)));
    expect([...stages].sort()).toEqual(["choosing", "ended", "loading", "paused", "playing", "starting"]);
    expect(shortest.some((p) => p.state.matches("resuming"))).toBe(true);
    expect(shortest.some((p) => turnsOf(p.state).includes("deep"))).toBe(true);
  });

  it(`keeps its invariants along every transition (${shortest.length} states, ${paths.length} paths)`, () => {
    for (const path of paths) {
      const harness = lifecycleHarness({ server: { readSaved: pending, startSession: pending, fetchSession: pending } });
      const actor = startLifecycle(harness, input);
      const expectedOps: SessionOp[] = [];
      let before = actor.getSnapshot();
      const where = () => `after ${path.steps.map((s) => s.event.type).join(" → ")}`;
      for (const step of path.steps) {
        const event = step.event as WalkEvent;
        if ((event.type as string) === "xstate.init") continue;
        // What the page finds saved is what this browser holds.
        if (event.type === "xstate.done.actor.readSaved") {
          const found = (event as { output: SavedFind }).output.saved;
          if (found) harness.browser.set(scenario.id, found);
        }
        actor.send(event as PlayLifecycleEvent);
        const s = actor.getSnapshot();
        expectedOps.push(...impliedOps(before, event, s));

        // The running actor is where the model says it is.
        if (step.state) expect(keyOf(s), where()).toBe(keyOf(step.state));

        // The browser keeps exactly the session's choices while there is one, and nothing after starting over.
        const kept = harness.browser.get(scenario.id);
        if (s.context.session) {
          expect(kept?.choices, where()).toEqual(turnsOf(s));
          expect(kept?.finished, where()).toBe(s.context.session.finished);
          expect(kept?.mode, where()).toBe(s.context.session.mode);
          expect(kept?.serverId, where()).toBe(s.context.session.serverId);
        }
        if (event.type === "session.restart") expect(kept, where()).toBeUndefined();

        // The gates the view uses.
        const stage = stageOf(s);
        const conversation = s.context.session?.conversation;
        expect(s.can({ type: "choice.takeBack" }), where()).toBe(
          stage === "playing" && s.context.session?.mode === "practice" && turnsOf(s).length > 0,
        );
        expect(s.can({ type: "session.pause" }), where()).toBe(stage === "playing" && conversation?.status === "active");
        expect(s.can({ type: "session.end" }), where()).toBe(stage === "playing" && conversation?.status === "done");
        expect(s.can({ type: "session.resume" }), where()).toBe(stage === "paused");
        for (const choiceId of CHOICE_IDS) {
          if (s.can({ type: "choice.select", choiceId })) expect(stage, where()).toBe("playing");
        }

        // The server is told exactly what the path did, in order, by an outbox that is still open.
        expect(allOps(harness.outboxes), where()).toEqual(expectedOps);
        const open = harness.outboxes.filter((o) => !o.stopped);
        expect(open.length, where()).toBe(["playing", "paused", "ended"].includes(stage) ? 1 : 0);
        if (open[0]) expect(open[0].sessionId, where()).toBe(s.context.session?.serverId ?? null);

        before = s;
      }
      actor.stop();
    }
  });
});
