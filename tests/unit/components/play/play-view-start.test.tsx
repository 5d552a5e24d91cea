// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createActor, waitFor } from "xstate";
import { PlayView } from "../../../../components/play/play-view";
import { stageOf } from "../../../../machines/play-lifecycle";
import { fakeSavedSession, lifecycleHarness, nothingSaved } from "../../play/lifecycle-harness";
import { fakeScenario } from "../../../fakes";

// The page address as Next.js gives it: the mode form sent `?start=assessment`.
vi.mock("next/navigation", () => ({ useSearchParams: () => new URLSearchParams(window.location.search) }));

afterEach(cleanup);

const scenario = fakeScenario();

function open(harness: ReturnType<typeof lifecycleHarness>) {
  window.history.replaceState(null, "", "/play/fake?mode=assessment&start=assessment");
  const actor = createActor(harness.machine, { input: { scenario, hash: "hash-1", participant: "Robin" } });
  render(<PlayView actorRef={actor} scenario={scenario} introSeen />);
  return actor;
}

describe("the mode form sent before the page's script ran", () => {
  it("starts the mode it names once the page can, and drops it from the address", async () => {
    const actor = open(lifecycleHarness({ server: { readSaved: async () => ({ ...nothingSaved, participant: "Robin" }) } }));
    // Drawn by the server: the modes, waiting, with a word on what is happening.
    expect(screen.getByRole("group", { name: "How do you want to play?" })).toBeDisabled();
    expect(screen.getByText("Starting your session…")).toBeInTheDocument();
    await act(async () => {
      actor.start();
      await waitFor(actor, (s) => stageOf(s) === "playing");
    });
    expect(actor.getSnapshot().context.session?.mode).toBe("assessment");
    // Only `start` goes: the assignment's mode stays in the address.
    expect(window.location.search).toBe("?mode=assessment");
  });

  it("resumes a session this browser keeps rather than starting another", async () => {
    const harness = lifecycleHarness({
      server: { readSaved: async () => ({ ...nothingSaved, saved: fakeSavedSession({ mode: "practice", choices: ["good"] }), participant: "Robin" }) },
    });
    const actor = open(harness);
    await act(async () => {
      actor.start();
      await waitFor(actor, (s) => stageOf(s) === "playing");
    });
    expect(actor.getSnapshot().context.session?.mode).toBe("practice");
    expect(harness.outboxes.map((o) => o.sessionId)).toEqual(["session-9"]);
    expect(window.location.search).toBe("?mode=assessment");
  });
});
