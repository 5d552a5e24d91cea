"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { compileScenario, type ScenarioSnapshot } from "../../machines/compile-scenario";
import { replay as replayChoices, replaySnapshot, ReplayError } from "../../machines/replay";
import type { Scenario } from "../../scenarios/types";
import { Conversation } from "./conversation";
import { Outbox, type SaveState } from "./session-outbox";
import {
  clearSession,
  loadParticipant,
  loadSession,
  saveParticipant,
  saveSession,
  type Mode,
  type StoredSession,
} from "./stored-session";

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

  // Resume a session from the server (?session=<id>, from any device), else whatever this browser
  // has for the scenario, if it still replays.
  useEffect(() => {
    const fromServer = new URLSearchParams(window.location.search).get("session");
    if (fromServer && loadSession(scenario.id)?.serverId !== fromServer) {
      void (async () => {
        try {
          const res = await fetch(`/api/sessions/${encodeURIComponent(fromServer)}`);
          const body = (await res.json()) as {
            session?: { id: string; mode: Mode; seed: number; startedAt: string; participant: string; status: string; scenarioHash: string };
            choices?: { choiceId: string }[];
            transcript?: { notice: string | null };
            error?: string;
          };
          if (!res.ok || !body.session) throw new Error(body.error ?? `the server answered ${res.status}`);
          if (body.session.scenarioHash !== hash) throw new Error("it was played on an earlier version of this scenario; its transcript is on the Sessions page");
          if (body.session.status !== "active") throw new Error(`it is ${body.session.status}; its transcript is on the Sessions page`);
          if (body.transcript?.notice) throw new Error("its stored choices no longer replay; its transcript is on the Sessions page");
          const choices = (body.choices ?? []).map((c) => c.choiceId);
          const session: StoredSession = {
            v: 1,
            scenarioId: scenario.id,
            hash,
            mode: body.session.mode,
            seed: body.session.seed,
            choices,
            startedAt: body.session.startedAt,
            finished: false,
            serverId: body.session.id,
            participant: body.session.participant,
          };
          persist(session);
          choicesRef.current = choices;
          setPhase({
            name: "playing",
            session,
            initial: replaySnapshot(machine, choices),
            generation: 0,
            notice: `Resumed the saved session, after ${choices.length} turns.`,
          });
        } catch (e) {
          setPhase({ name: "setup", notice: `That session cannot be resumed here: ${(e as Error).message}.` });
        }
      })();
      return;
    }
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
  }, [scenario.id, machine, hash, persist]);

  const [startError, setStartError] = useState<string | undefined>();
  const start = async (mode: Mode, participant: string) => {
    setStartError(undefined);
    let res: Response;
    try {
      res = await fetch("/api/sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenarioId: scenario.id, mode, participant }),
      });
    } catch {
      setStartError("The server cannot be reached, so the session cannot start. Check the connection and try again.");
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { session?: { id: string; seed: number; startedAt: string }; error?: string };
    if (!res.ok || !body.session) {
      setStartError(`The session could not start: ${body.error ?? `the server answered ${res.status}`}.`);
      return;
    }
    saveParticipant(participant);
    const session: StoredSession = {
      v: 1,
      scenarioId: scenario.id,
      hash,
      mode,
      seed: body.session.seed,
      choices: [],
      startedAt: body.session.startedAt,
      finished: false,
      serverId: body.session.id,
      participant,
    };
    choicesRef.current = [];
    persist(session);
    setPhase({ name: "playing", session, initial: replaySnapshot(machine, []), generation: 0 });
  };

  const session = phase.name === "playing" || phase.name === "paused" || phase.name === "debrief" ? phase.session : null;

  // Everything the trainee does also goes to the server, through an outbox that survives going offline.
  const serverId = session?.serverId;
  const outbox = useMemo(() => (serverId ? new Outbox(serverId) : null), [serverId]);
  const [saveState, setSaveState] = useState<SaveState>({ state: "saved" });
  useEffect(() => {
    if (!outbox) return;
    const unsubscribe = outbox.subscribe(setSaveState);
    const online = () => void outbox.flush();
    window.addEventListener("online", online);
    void outbox.flush();
    return () => {
      unsubscribe();
      window.removeEventListener("online", online);
      outbox.dispose();
    };
  }, [outbox]);

  const onChoices = useCallback(
    (choices: string[]) => {
      if (!session) return;
      choicesRef.current = choices;
      persist({ ...session, choices });
    },
    [session, persist],
  );

  const restart = () => {
    if (session && !session.finished) outbox?.push({ type: "end", status: "abandoned" });
    clearSession(scenario.id);
    choicesRef.current = [];
    setPhase({ name: "setup" });
  };

  if (phase.name === "loading") {
    return <p role="status">Loading your session…</p>;
  }

  if (phase.name === "setup") {
    return <ModeChooser scenario={scenario} onStart={start} notice={phase.notice} error={startError} />;
  }

  if (phase.name === "debrief") {
    return (
      <>
        {outbox && <SaveStatus state={saveState} />}
        <DebriefView
        scenario={scenario}
        replay={replayChoices(scenario, phase.session.choices, machine)}
        onPlayAgain={restart}
        />
      </>
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
      {outbox && <SaveStatus state={saveState} />}
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
        onChosen={(seq, choiceId, timeTakenMs) => outbox?.push({ type: "choice", seq, choiceId, timeTakenMs })}
        onPause={() => {
          const initial = replaySnapshot(machine, choicesRef.current);
          const s = { ...current, choices: choicesRef.current };
          setPhase({ name: "paused", session: s, initial, generation: phase.generation + 1 });
        }}
        onTakeBack={() => {
          outbox?.push({ type: "take-back", seq: choicesRef.current.length });
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
          outbox?.push({ type: "end", status: "completed" });
          const s = { ...current, choices: choicesRef.current, finished: true };
          persist(s);
          setPhase({ name: "debrief", session: s });
        }}
        onRestart={restart}
      />
    </>
  );
}

/** Whether the server has everything, announced politely to screen readers. */
function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.state === "saved"
      ? "All changes saved"
      : state.state === "saving"
        ? "Saving…"
        : state.state === "offline"
          ? `Offline: ${state.waiting} ${state.waiting === 1 ? "change is" : "changes are"} kept in this browser and will be sent when the connection returns`
          : `The server did not accept a change: ${state.message}`;
  const style =
    state.state === "offline" ? "border-amber-300 bg-amber-50" : state.state === "refused" ? "border-red-300 bg-red-50" : "border-stone-200 bg-white";
  return (
    <p role="status" className={`mb-3 rounded border px-3 py-1.5 text-sm ${style}`} data-save-state={state.state}>
      {text}
    </p>
  );
}

function ModeChooser({
  scenario,
  onStart,
  notice,
  error,
}: {
  scenario: Scenario;
  onStart: (mode: Mode, participant: string) => void | Promise<void>;
  notice?: string;
  error?: string;
}) {
  const c = scenario.roles.counterpart;
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setName(loadParticipant()), []);
  const begin = async (mode: Mode) => {
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Give the name your supervisor knows you by, so they can find your session.");
      document.getElementById("participant")?.focus();
      return;
    }
    setBusy(true);
    await onStart(mode, trimmed);
    setBusy(false);
  };
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
      <div className="space-y-1">
        <label htmlFor="participant" className="block font-medium">
          Your name
        </label>
        <input
          id="participant"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(undefined);
          }}
          maxLength={80}
          autoComplete="name"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "participant-error" : "participant-hint"}
          className="w-full max-w-sm rounded border border-stone-400 px-3 py-2"
        />
        {nameError ? (
          <p id="participant-error" className="text-sm text-red-800">
            {nameError}
          </p>
        ) : (
          <p id="participant-hint" className="text-sm text-stone-600">
            Sessions are saved under this name so a supervisor can review them.
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm">
          {error}
        </p>
      )}
      <fieldset className="space-y-3" disabled={busy}>
        <legend className="mb-2 text-lg font-semibold">How do you want to play?</legend>
        <button
          type="button"
          onClick={() => void begin("practice")}
          className="block w-full rounded-lg border border-stone-300 bg-white p-4 text-left hover:border-brand-600 hover:bg-brand-50"
        >
          <span className="block font-semibold">Practice</span>
          <span className="block text-sm text-stone-700">
            Feedback after every choice, the meters visible, and you can take back your last choice.
          </span>
        </button>
        <button
          type="button"
          onClick={() => void begin("assessment")}
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
