"use client";

import { useSelector } from "@xstate/react";
import { useEffect, useId, useRef, type ReactNode, type Ref } from "react";
import type { TurnRecord } from "../../machines/compile-scenario";
import { conversationSnapshot } from "../../machines/conversation-state";
import { asksRationale, type PlayLifecycleActor, type PlayLifecycleSnapshot } from "../../machines/play-lifecycle";
import { offeredChoices } from "../../machines/select-view";
import { shuffled } from "../../machines/shuffle";
import type { Choice, Scenario } from "../../scenarios/types";
import { ChoiceNoteField } from "./choice-note";
import { FeedbackCard } from "./feedback-card";
import { MeterBars } from "./meter-bars";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";

const NO_TURNS: readonly TurnRecord[] = [];
const conversationOf = (s: PlayLifecycleSnapshot) => s.context.session?.conversation;
const sameIds = (a: string, b: string) => a === b;

/** The chat: the counterpart's lines, the trainee's choices and, in practice mode, feedback and meters. */
export function Conversation({ actorRef, scenario }: { actorRef: PlayLifecycleActor; scenario: Scenario }) {
  const practice = useSelector(actorRef, (s) => s.context.session?.mode === "practice");
  const seed = useSelector(actorRef, (s) => s.context.session?.seed ?? 0);
  const notice = useSelector(actorRef, (s) => s.context.notice);
  const turns = useSelector(actorRef, (s) => conversationOf(s)?.context.turns ?? NO_TURNS);
  const nodeId = useSelector(actorRef, (s) => String(conversationOf(s)?.value ?? ""));
  const done = useSelector(actorRef, (s) => conversationOf(s)?.status === "done");
  const rapport = useSelector(actorRef, (s) => conversationOf(s)?.context.rapport ?? 0);
  const mutuality = useSelector(actorRef, (s) => conversationOf(s)?.context.mutuality ?? 0);
  const canTakeBack = useSelector(actorRef, (s) => s.can({ type: "choice.takeBack" }));
  const canPause = useSelector(actorRef, (s) => s.can({ type: "session.pause" }));
  const offeredKey = useSelector(
    actorRef,
    (s) => {
      const conversation = conversationOf(s);
      return conversation ? offeredChoices(scenario, conversationSnapshot(scenario, conversation)).map((c) => c.id).join("\n") : "";
    },
    sameIds,
  );
  const node = scenario.nodes[nodeId];
  const offered = node?.type === "turn" ? node.choices.filter((c) => offeredKey.split("\n").includes(c.id)) : [];
  const ordered = shuffled(offered, seed, nodeId);

  const choicesRef = useRef<HTMLDivElement>(null);
  const debriefButton = useRef<HTMLButtonElement>(null);
  // After a choice (not a take-back), focus goes to the next set of choices, or to the debrief button at the end.
  const focusNext = useRef(false);
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    if (done) debriefButton.current?.focus();
    else choicesRef.current?.querySelector("button")?.focus();
  }, [turns.length, done]);

  // When the current choices appeared: the time a choice took is measured from here.
  const shownAt = useRef(Date.now());
  useEffect(() => {
    shownAt.current = Date.now();
  }, [turns.length]);

  const choose = (choiceId: string) => {
    const event = { type: "choice.select", choiceId, timeTakenMs: Date.now() - shownAt.current } as const;
    if (!actorRef.getSnapshot().can(event)) return;
    focusNext.current = true;
    actorRef.send(event);
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

  return (
    <div className="space-y-4">
      {notice && (
        <Notice tone="info" role="status">
          {notice}
        </Notice>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-stone-700">
          {practice ? "Practice mode" : "Assessment mode"} · turn {turns.length + (done ? 0 : 1)}
        </p>
        <div className="flex gap-2">
          {canTakeBack && (
            <Button variant="secondary" size="sm" onClick={() => actorRef.send({ type: "choice.takeBack" })}>
              Take back last choice
            </Button>
          )}
          {canPause && (
            <Button variant="secondary" size="sm" onClick={() => actorRef.send({ type: "session.pause" })}>
              Pause
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={() => actorRef.send({ type: "session.restart" })}>
            Start over
          </Button>
        </div>
      </div>

      {practice && <MeterBars meters={{ rapport, mutuality }} />}

      <ConversationLog
        scenario={scenario}
        turns={turns}
        nodeId={nodeId}
        feedback={practice}
        noteFor={practice ? (i, t) => <TurnNote actorRef={actorRef} seq={i + 1} nodeId={t.nodeId} /> : undefined}
      />

      {done ? (
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <p className="font-medium">The conversation has ended.</p>
          <Button ref={debriefButton} variant="primary" onClick={() => actorRef.send({ type: "session.end" })} className="mt-3">
            Open the debrief
          </Button>
        </div>
      ) : (
        <ResponseChoices ref={choicesRef} choices={ordered} onChoose={choose} hint="(press a number key or pick one)" />
      )}
    </div>
  );
}

/**
 * The conversation so far: each turn's lines and the trainee's choice (with its feedback card when
 * `feedback`), then the current node's lines.
 */
export function ConversationLog({
  scenario,
  turns,
  nodeId,
  feedback,
  noteFor,
}: {
  scenario: Scenario;
  turns: readonly TurnRecord[];
  /** The node the conversation is at: its lines come last. */
  nodeId: string;
  feedback: boolean;
  /** Shown in a turn's feedback card, under the feedback: the trainee's note on that choice. */
  noteFor?: (index: number, turn: TurnRecord) => ReactNode;
}) {
  const name = scenario.roles.counterpart.name;
  const node = scenario.nodes[nodeId];
  const current = node && node.type !== "branch" ? node.say : [];
  return (
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
                  {feedback && (
                    <FeedbackCard choice={choice} after={t.after}>
                      {noteFor?.(i, t)}
                    </FeedbackCard>
                  )}
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
  );
}

/**
 * The note field of one turn, reading its own slice of the lifecycle: shown only where a note can
 * be saved (practice mode, a session the server knows), open where the scenario or an assignment asks.
 */
function TurnNote({ actorRef, seq, nodeId }: { actorRef: PlayLifecycleActor; seq: number; nodeId: string }) {
  const can = useSelector(actorRef, (s) => s.can({ type: "note.save", seq, note: "x" }));
  const note = useSelector(actorRef, (s) => s.context.session?.notes[seq]);
  const asked = useSelector(actorRef, (s) => asksRationale(s.context, nodeId));
  const held = useSelector(actorRef, (s) => s.context.saveState?.state === "offline" || s.context.saveState?.state === "signed-out");
  if (!can && !note) return null;
  return <ChoiceNoteField asked={asked} note={note} held={held} onSave={(text) => actorRef.send({ type: "note.save", seq, note: text })} />;
}

/** The choices on offer, numbered in the order given, under the "Your response" heading. */
export function ResponseChoices({
  choices,
  onChoose,
  hint,
  headingLevel = 2,
  note,
  ref,
}: {
  choices: readonly Choice[];
  onChoose: (choiceId: string) => void;
  /** Said after the heading, such as how to choose by keyboard. */
  hint?: string;
  headingLevel?: 2 | 3;
  /** Shown under a choice's text, for authors. */
  note?: (choice: Choice) => ReactNode;
  ref?: Ref<HTMLDivElement>;
}) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div ref={ref} role="group" aria-labelledby={headingId} className="space-y-2">
      <Heading id={headingId} className="text-sm font-medium text-stone-700">
        Your response{hint && <span className="font-normal"> {hint}</span>}
      </Heading>
      {choices.map((c, i) => (
        <Button key={c.id} variant="option" onClick={() => onChoose(c.id)} className="flex items-start gap-3">
          <span aria-hidden="true" className="mt-0.5 rounded bg-stone-200 px-1.5 text-sm font-semibold">
            {i + 1}
          </span>
          <span>
            {c.say}
            {note && <span className="mt-1 block text-xs text-stone-600">{note(c)}</span>}
          </span>
        </Button>
      ))}
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
