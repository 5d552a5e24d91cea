"use client";

import { useActorRef, useSelector } from "@xstate/react";
import { useEffect, useRef, useState } from "react";
import type { ScenarioMachine, ScenarioSnapshot } from "../../machines/compile-scenario";
import { offeredChoices } from "../../machines/select-view";
import { shuffled } from "../../machines/shuffle";
import type { Scenario } from "../../scenarios/types";
import { FeedbackCard } from "./feedback-card";
import { MeterBars } from "./meter-bars";
import type { Mode } from "./stored-session";

interface Props {
  scenario: Scenario;
  machine: ScenarioMachine;
  /** Where the conversation resumes (after a reload or a take-back). */
  initial: ScenarioSnapshot;
  mode: Mode;
  seed: number;
  /** Called with every choice id made so far after each change. */
  onChoices: (choiceIds: string[]) => void;
  /** Called as a choice is made, with its 1-based turn and how long the trainee took. */
  onChosen?: (seq: number, choiceId: string, timeTakenMs: number) => void;
  onTakeBack: () => void;
  onDebrief: () => void;
  onPause: () => void;
  onRestart: () => void;
  /** Shown once above the conversation, such as "Resumed where you left off". */
  notice?: string;
}

const sameIds = (a: string, b: string) => a === b;

/** The chat: the counterpart's lines, the trainee's choices and, in practice mode, feedback and meters. */
export function Conversation(props: Props) {
  const { scenario, machine, mode, seed } = props;
  const practice = mode === "practice";
  const actorRef = useActorRef(machine, { snapshot: machine.getPersistedSnapshot(props.initial) as never });
  const turns = useSelector(actorRef, (s) => s.context.turns);
  const nodeId = useSelector(actorRef, (s) => String(s.value));
  const done = useSelector(actorRef, (s) => s.status === "done");
  const rapport = useSelector(actorRef, (s) => s.context.rapport);
  const mutuality = useSelector(actorRef, (s) => s.context.mutuality);
  const offeredKey = useSelector(
    actorRef,
    (s) => offeredChoices(scenario, s).map((c) => c.id).join("\n"),
    sameIds,
  );
  const node = scenario.nodes[nodeId];
  const offered = node?.type === "turn" ? node.choices.filter((c) => offeredKey.split("\n").includes(c.id)) : [];
  const ordered = shuffled(offered, seed, nodeId);

  const { onChoices } = props;
  useEffect(() => {
    const sub = actorRef.subscribe((s) => onChoices(s.context.turns.map((t) => t.choiceId)));
    return () => sub.unsubscribe();
  }, [actorRef, onChoices]);

  const choicesRef = useRef<HTMLDivElement>(null);
  const debriefButton = useRef<HTMLButtonElement>(null);
  const [moved, setMoved] = useState(false);
  // After a choice, focus goes to the next set of choices, or to the debrief button at the end.
  useEffect(() => {
    if (!moved) return;
    if (done) debriefButton.current?.focus();
    else choicesRef.current?.querySelector("button")?.focus();
  }, [turns.length, done, moved]);

  // When the current choices appeared: the time a choice took is measured from here.
  const shownAt = useRef(Date.now());
  useEffect(() => {
    shownAt.current = Date.now();
  }, [turns.length]);
  const onChosenRef = useRef(props.onChosen);
  onChosenRef.current = props.onChosen;

  const choose = (choiceId: string) => {
    const snapshot = actorRef.getSnapshot();
    if (!snapshot.can({ type: "choice.select", choiceId })) return;
    setMoved(true);
    onChosenRef.current?.(snapshot.context.turns.length + 1, choiceId, Date.now() - shownAt.current);
    actorRef.send({ type: "choice.select", choiceId });
  };
  const chooseRef = useRef(choose);
  chooseRef.current = choose;

  // Number keys choose, in the order shown.
  const orderedRef = useRef(ordered);
  orderedRef.current = ordered;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      const n = Number(e.key);
      if (!Number.isInteger(n) || n < 1) return;
      const c = orderedRef.current[n - 1];
      if (c && actorRef.getSnapshot().can({ type: "choice.select", choiceId: c.id })) {
        e.preventDefault();
        chooseRef.current(c.id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [actorRef]);

  const name = scenario.roles.counterpart.name;
  const current = node && node.type !== "branch" ? node.say : [];

  return (
    <div className="space-y-4">
      {props.notice && (
        <p role="status" className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm">
          {props.notice}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-stone-700">
          {practice ? "Practice mode" : "Assessment mode"} · turn {turns.length + (done ? 0 : 1)}
        </p>
        <div className="flex gap-2">
          {practice && turns.length > 0 && (
            <button
              type="button"
              onClick={props.onTakeBack}
              className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
            >
              Take back last choice
            </button>
          )}
          {!done && (
            <button
              type="button"
              onClick={props.onPause}
              className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
            >
              Pause
            </button>
          )}
          <button
            type="button"
            onClick={props.onRestart}
            className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
          >
            Start over
          </button>
        </div>
      </div>

      {practice && <MeterBars meters={{ rapport, mutuality }} />}

      <div role="log" aria-live="polite" aria-label="Conversation">
      <ol className="space-y-3">
        {turns.map((t, i) => {
          const n = scenario.nodes[t.nodeId];
          const choice = n?.type === "turn" ? n.choices.find((c) => c.id === t.choiceId) : undefined;
          return (
            <li key={i} className="space-y-2">
              {n?.type === "turn" && <CounterpartLines name={name} lines={n.say} />}
              {choice && (
                <>
                  <TraineeLine text={choice.say} />
                  {practice && <FeedbackCard choice={choice} after={t.after} />}
                </>
              )}
            </li>
          );
        })}
        {current.length > 0 && (
          <li key={`now-${turns.length}`}>
            <CounterpartLines name={name} lines={current} />
          </li>
        )}
      </ol>
      </div>

      {done ? (
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <p className="font-medium">The conversation has ended.</p>
          <button
            ref={debriefButton}
            type="button"
            onClick={props.onDebrief}
            className="mt-3 rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800"
          >
            Open the debrief
          </button>
        </div>
      ) : (
        <div ref={choicesRef} role="group" aria-labelledby="choices-heading" className="space-y-2">
          <h2 id="choices-heading" className="text-sm font-medium text-stone-700">
            Your response <span className="font-normal">(press a number key or pick one)</span>
          </h2>
          {ordered.map((c, i) => (
            <button
              key={c.id}
              type="button"
              onClick={() => choose(c.id)}
              className="flex w-full items-start gap-3 rounded-lg border border-stone-300 bg-white p-3 text-left hover:border-brand-600 hover:bg-brand-50"
            >
              <span aria-hidden="true" className="mt-0.5 rounded bg-stone-200 px-1.5 text-sm font-semibold">
                {i + 1}
              </span>
              <span>{c.say}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function CounterpartLines({ name, lines }: { name: string; lines: string[] }) {
  return (
    <div className="max-w-[85%] rounded-2xl rounded-tl-sm bg-white p-3 shadow-sm ring-1 ring-stone-200">
      <p className="text-xs font-semibold text-stone-600">{name}</p>
      {lines.map((l, i) => {
        // A leading "(stage direction)" reads as action, not speech.
        const m = /^(\([^)]*\))\s*(.*)$/s.exec(l);
        return (
          <p key={i}>
            {m ? (
              <>
                <span className="italic text-stone-700">{m[1]}</span>
                {m[2] ? ` ${m[2]}` : ""}
              </>
            ) : (
              l
            )}
          </p>
        );
      })}
    </div>
  );
}

function TraineeLine({ text }: { text: string }) {
  return (
    <div className="ml-auto max-w-[85%] rounded-2xl rounded-tr-sm bg-brand-700 p-3 text-white">
      <p className="text-xs font-semibold text-brand-100">You</p>
      <p>{text}</p>
    </div>
  );
}
