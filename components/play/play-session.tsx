"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { compileScenario, type ScenarioSnapshot } from "../../machines/compile-scenario";
import { replay as replayChoices, replaySnapshot, ReplayError } from "../../machines/replay";
import type { Scenario } from "../../scenarios/types";
import { Conversation } from "./conversation";
import { clearSession, loadSession, newSeed, saveSession, type Mode, type StoredSession } from "./stored-session";

// The debrief is only needed at the end, so it is not part of the page's first load.
const DebriefView = dynamic(() => import("./debrief-view"), {
  loading: () => <p role="status">Preparing the debrief…</p>,
});

type Phase =
  | { name: "loading" }
  | { name: "setup"; notice?: string }
  | { name: "playing"; session: StoredSession; initial: ScenarioSnapshot; generation: number; notice?: string }
  | { name: "paused"; session: StoredSession; initial: ScenarioSnapshot; generation: number }
  | { name: "debrief"; session: StoredSession };

/** One trainee's session with a scenario: choosing a mode, the conversation, pausing, the debrief. */
export function PlaySession({ scenario, hash }: { scenario: Scenario; hash: string }) {
  const machine = useMemo(() => compileScenario(scenario), [scenario]);
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [saveFailed, setSaveFailed] = useState(false);
  const choicesRef = useRef<string[]>([]);

  const persist = useCallback((s: StoredSession) => setSaveFailed(!saveSession(s)), []);

  // Resume whatever this browser has for the scenario, if it still replays.
  useEffect(() => {
    const stored = loadSession(scenario.id);
    if (!stored) return setPhase({ name: "setup" });
    try {
      const initial = replaySnapshot(machine, stored.choices);
      choicesRef.current = stored.choices;
      const session = { ...stored, hash };
      if (stored.finished && initial.status === "done") return setPhase({ name: "debrief", session });
      setPhase({
        name: "playing",
        session,
        initial,
        generation: 0,
        notice: stored.choices.length > 0 ? `Resumed where you left off, after ${stored.choices.length} turns.` : undefined,
      });
    } catch (e) {
      if (!(e instanceof ReplayError)) throw e;
      clearSession(scenario.id);
      setPhase({
        name: "setup",
        notice: "This scenario has changed since your last session, so that session could not be resumed.",
      });
    }
  }, [scenario.id, machine, hash]);

  const start = (mode: Mode) => {
    const session: StoredSession = {
      v: 1,
      scenarioId: scenario.id,
      hash,
      mode,
      seed: newSeed(),
      choices: [],
      startedAt: new Date().toISOString(),
      finished: false,
    };
    choicesRef.current = [];
    persist(session);
    setPhase({ name: "playing", session, initial: replaySnapshot(machine, []), generation: 0 });
  };

  const session = phase.name === "playing" || phase.name === "paused" || phase.name === "debrief" ? phase.session : null;

  const onChoices = useCallback(
    (choices: string[]) => {
      if (!session) return;
      choicesRef.current = choices;
      persist({ ...session, choices });
    },
    [session, persist],
  );

  const restart = () => {
    clearSession(scenario.id);
    choicesRef.current = [];
    setPhase({ name: "setup" });
  };

  if (phase.name === "loading") {
    return <p role="status">Loading your session…</p>;
  }

  if (phase.name === "setup") {
    return <ModeChooser scenario={scenario} onStart={start} notice={phase.notice} />;
  }

  if (phase.name === "debrief") {
    return (
      <DebriefView
        scenario={scenario}
        replay={replayChoices(scenario, phase.session.choices, machine)}
        onPlayAgain={restart}
      />
    );
  }

  if (phase.name === "paused") {
    return (
      <div className="space-y-4 rounded-lg border border-stone-200 bg-white p-6" role="region" aria-labelledby="paused-heading">
        <h2 id="paused-heading" className="text-xl font-semibold">
          Paused
        </h2>
        <p>Take the time you need. Nothing counts against you while paused, and your place is saved in this browser.</p>
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            autoFocus
            onClick={() => setPhase({ ...phase, name: "playing" })}
            className="rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800"
          >
            Resume
          </button>
          <Link href="/" className="rounded border border-stone-300 px-4 py-2 hover:bg-stone-100">
            Leave for now
          </Link>
        </div>
      </div>
    );
  }

  const current = phase.session;
  return (
    <>
      {saveFailed && (
        <p role="alert" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          This browser is not letting the session be saved, so a reload would lose it. You can still play on.
        </p>
      )}
      <Conversation
        key={phase.generation}
        scenario={scenario}
        machine={machine}
        initial={phase.initial}
        mode={current.mode}
        seed={current.seed}
        notice={phase.notice}
        onChoices={onChoices}
        onPause={() => {
          const initial = replaySnapshot(machine, choicesRef.current);
          const s = { ...current, choices: choicesRef.current };
          setPhase({ name: "paused", session: s, initial, generation: phase.generation + 1 });
        }}
        onTakeBack={() => {
          const choices = choicesRef.current.slice(0, -1);
          choicesRef.current = choices;
          const s = { ...current, choices };
          persist(s);
          setPhase({
            name: "playing",
            session: s,
            initial: replaySnapshot(machine, choices),
            generation: phase.generation + 1,
            notice: "Your last choice was taken back.",
          });
        }}
        onDebrief={() => {
          const s = { ...current, choices: choicesRef.current, finished: true };
          persist(s);
          setPhase({ name: "debrief", session: s });
        }}
        onRestart={restart}
      />
    </>
  );
}

function ModeChooser({
  scenario,
  onStart,
  notice,
}: {
  scenario: Scenario;
  onStart: (mode: Mode) => void;
  notice?: string;
}) {
  const c = scenario.roles.counterpart;
  return (
    <div className="space-y-5">
      {notice && (
        <p role="status" className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm">
          {notice}
        </p>
      )}
      <p>
        You are the <strong>{scenario.roles.trainee.toLowerCase()}</strong>. You will be talking with{" "}
        <strong>{c.name}</strong>
        {c.description ? `: ${c.description}` : "."}
      </p>
      {scenario.contentNote && (
        <aside aria-label="Content note" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="font-semibold">Content note</p>
          <p>{scenario.contentNote}</p>
          <p className="mt-1 text-sm">You can pause or leave at any point, with no penalty.</p>
        </aside>
      )}
      <fieldset className="space-y-3">
        <legend className="mb-2 text-lg font-semibold">How do you want to play?</legend>
        <button
          type="button"
          onClick={() => onStart("practice")}
          className="block w-full rounded-lg border border-stone-300 bg-white p-4 text-left hover:border-brand-600 hover:bg-brand-50"
        >
          <span className="block font-semibold">Practice</span>
          <span className="block text-sm text-stone-700">
            Feedback after every choice, the meters visible, and you can take back your last choice.
          </span>
        </button>
        <button
          type="button"
          onClick={() => onStart("assessment")}
          className="block w-full rounded-lg border border-stone-300 bg-white p-4 text-left hover:border-brand-600 hover:bg-brand-50"
        >
          <span className="block font-semibold">Assessment</span>
          <span className="block text-sm text-stone-700">
            No feedback, meters or take-backs until the debrief at the end.
          </span>
        </button>
      </fieldset>
    </div>
  );
}
