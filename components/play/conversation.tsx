"use client";

import { useSelector } from "@xstate/react";
import { useEffect, useId, useRef, type ReactNode, type Ref } from "react";
import type { TurnRecord } from "../../machines/compile-scenario";
import { conversationSnapshot } from "../../machines/conversation-state";
import { acceptsOnceShown, asksRationale, barActionsOf, type PlayLifecycleActor, type PlayLifecycleSnapshot } from "../../machines/play-lifecycle";
import { offeredChoices } from "../../machines/select-view";
import { shuffled } from "../../machines/shuffle";
import type { Choice, Scenario } from "../../scenarios/types";
import { ChoiceNoteField } from "./choice-note";
import { FeedbackCard } from "./feedback-card";
import { PlayBar } from "./play-bar";
import { Portrait } from "./portrait";
import type { SaveStatusProps } from "./save-status";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";

const NO_TURNS: readonly TurnRecord[] = [];
const conversationOf = (s: PlayLifecycleSnapshot) => s.context.session?.conversation;
const sameIds = (a: string, b: string) => a === b;

/** How the trainee came to the conversation: it decides where the focus and the scroll go. */
export type Arrival =
  /** Just started it: the focus goes to the counterpart's first line. */
  | "started"
  /** Opened the page on a session under way (a reload, a link): the page scrolls to the current turn. */
  | "resumed"
  /** Came back from the pause: the focus goes to the counterpart's current line. */
  | "returned";

/** How far the page scrolls so that `el` sits just below the bar, when the bar runs across the top. */
function barOffset(container: HTMLElement | null): number {
  const bar = container?.querySelector<HTMLElement>("[data-play-bar]");
  if (!bar) return 16;
  const box = bar.getBoundingClientRect();
  return box.width > window.innerWidth * 0.8 ? box.height + 12 : 24;
}

/**
 * Scrolls so that `from` starts just below the bar, unless that would leave `target` (where the
 * focus goes) below the screen: then far enough that `target` is in view.
 */
function reveal(container: HTMLElement | null, from: HTMLElement | null, target: HTMLElement | null, behavior: ScrollBehavior) {
  if (!from) return;
  const offset = barOffset(container);
  let top = from.getBoundingClientRect().top + window.scrollY - offset;
  if (target) {
    const bottom = target.getBoundingClientRect().bottom + window.scrollY;
    if (bottom > top + window.innerHeight - 16) top = bottom - window.innerHeight + 16;
  }
  window.scrollTo({ top: Math.max(0, top), behavior });
}

/**
 * The chat: the counterpart's lines, the trainee's choices and, in practice mode, feedback; beside
 * it (above it on a phone) the bar with the progress, the meters, saving, Take back and Pause.
 */
export function Conversation({
  actorRef,
  scenario,
  longest,
  save,
  arrival = "resumed",
  children,
}: {
  actorRef: PlayLifecycleActor;
  scenario: Scenario;
  /** The most turns any play of the scenario takes, when known. */
  longest?: number | "unbounded";
  /** How saving stands, for the bar's indicator. */
  save: SaveStatusProps;
  arrival?: Arrival;
  /** Shown above the conversation (a warning about the browser's storage). */
  children?: ReactNode;
}) {
  const practice = useSelector(actorRef, (s) => s.context.session?.mode === "practice");
  const seed = useSelector(actorRef, (s) => s.context.session?.seed ?? 0);
  const notice = useSelector(actorRef, (s) => s.context.notice);
  const turns = useSelector(actorRef, (s) => conversationOf(s)?.context.turns ?? NO_TURNS);
  const nodeId = useSelector(actorRef, (s) => String(conversationOf(s)?.value ?? ""));
  const done = useSelector(actorRef, (s) => conversationOf(s)?.status === "done");
  const rapport = useSelector(actorRef, (s) => conversationOf(s)?.context.rapport ?? 0);
  const mutuality = useSelector(actorRef, (s) => conversationOf(s)?.context.mutuality ?? 0);
  const canTakeBack = useSelector(actorRef, (s) => barActionsOf(s).takeBack);
  const canPause = useSelector(actorRef, (s) => barActionsOf(s).pause);
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

  const container = useRef<HTMLDivElement>(null);
  const choicesRef = useRef<HTMLDivElement>(null);
  const debriefButton = useRef<HTMLButtonElement>(null);
  const lines = () => container.current?.querySelectorAll<HTMLElement>("[data-counterpart-lines]") ?? [];

  // Arriving: the focus goes to the first line of a conversation just started, or to the current
  // line on coming back from the pause; after a reload the page scrolls to the current turn.
  const arrivedAs = useRef(arrival);
  useEffect(() => {
    const all = lines();
    const current = all[all.length - 1] ?? null;
    if (arrivedAs.current === "started") {
      all[0]?.focus();
      return;
    }
    // After the browser's own scroll restoration, which would otherwise win.
    const frame = requestAnimationFrame(() => {
      const target = choicesRef.current?.querySelector<HTMLElement>("button") ?? debriefButton.current;
      reveal(container.current, current, target, "instant");
      if (arrivedAs.current === "returned") current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  // After a choice (not a take-back), focus goes to the next set of choices, or to the debrief
  // button at the end; the page scrolls to the turn just taken, so its feedback is read first.
  const focusNext = useRef(false);
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    const target = done ? debriefButton.current : (choicesRef.current?.querySelector<HTMLElement>("button") ?? null);
    target?.focus({ preventScroll: true });
    const taken = container.current?.querySelectorAll<HTMLElement>("[data-turn]");
    reveal(container.current, taken?.[taken.length - 1] ?? null, target, "auto");
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
      // Not while a dialog is open over the page.
      if (document.querySelector("dialog[open]")) return;
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
  return (
    <div ref={container} className="lg:grid lg:grid-cols-[minmax(0,1fr)_19rem] lg:items-start lg:gap-8 xl:grid-cols-[minmax(0,1fr)_21rem]">
      <PlayBar
        practice={practice}
        turnsTaken={turns.length}
        done={done}
        longest={longest}
        meters={{ rapport, mutuality }}
        counterpart={name}
        canTakeBack={canTakeBack}
        canPause={canPause}
        onTakeBack={() => actorRef.send({ type: "choice.takeBack" })}
        onPause={() => actorRef.send({ type: "session.pause" })}
        save={save}
        className="lg:col-start-2 lg:row-start-1"
      />
      <div className="mt-4 min-w-0 space-y-5 lg:col-start-1 lg:row-start-1 lg:mt-0">
        {children}
        {notice && (
          <Notice tone="info" role="status">
            {notice}
          </Notice>
        )}

        <ConversationLog
          scenario={scenario}
          turns={turns}
          nodeId={nodeId}
          feedback={practice}
          noteFor={practice ? (i, t) => <TurnNote actorRef={actorRef} seq={i + 1} nodeId={t.nodeId} /> : undefined}
        />

        {done ? (
          <EndingPanel name={name} debriefButton={debriefButton} onDebrief={() => actorRef.send({ type: "session.end" })} />
        ) : (
          <ResponseChoices ref={choicesRef} choices={ordered} onChoose={choose} hint="(press a number key or pick one)" />
        )}
      </div>
    </div>
  );
}

/** The close of the conversation: said as an ending, with the way on to the debrief. */
function EndingPanel({ name, debriefButton, onDebrief }: { name: string; debriefButton: Ref<HTMLButtonElement>; onDebrief: () => void }) {
  return (
    <section aria-labelledby="ending-heading" className="rounded-xl border border-stone-200 bg-white px-5 py-6 text-center shadow-sm" data-ending>
      <div aria-hidden="true" className="mx-auto mb-3 flex max-w-xs items-center gap-3 text-stone-600">
        <span className="h-px flex-1 bg-stone-300" />
        <span className="text-xs uppercase tracking-[0.2em]">The end</span>
        <span className="h-px flex-1 bg-stone-300" />
      </div>
      <h2 id="ending-heading" className="text-lg font-semibold">
        End of the conversation
      </h2>
      <p className="mx-auto mt-1 max-w-prose text-stone-700">
        This is where your conversation with {name} ends: there is nothing more to answer. The debrief shows how it went, turn by turn, and what you
        could try another time.
      </p>
      <Button ref={debriefButton} variant="primary" onClick={onDebrief} className="mt-4">
        Open the debrief
      </Button>
    </section>
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
      <ol className="space-y-5">
        {turns.map((t, i) => {
          const n = scenario.nodes[t.nodeId];
          const choice = n?.type === "turn" ? n.choices.find((c) => c.id === t.choiceId) : undefined;
          return (
            <li key={i} className="space-y-3 scroll-mt-32 lg:scroll-mt-6" data-turn={i + 1}>
              {n?.type === "turn" && <CounterpartLines name={name} lines={n.say} />}
              {choice && (
                <>
                  <TraineeLine text={choice.say} />
                  {feedback && (
                    <FeedbackCard choice={choice} before={t.before} after={t.after}>
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
            <CounterpartLines name={name} lines={current} closing={node?.type === "ending"} />
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
  const can = useSelector(actorRef, (s) => acceptsOnceShown(s, { type: "note.save", seq, note: "x" }));
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
      <Heading id={headingId} className="text-sm font-semibold text-stone-700">
        Your response
        {/* How to choose by keyboard: not on a touch screen or a narrow one, where there are no number keys to press. */}
        {hint && <span className="hidden font-normal text-stone-600 sm:pointer-fine:inline"> {hint}</span>}
      </Heading>
      {choices.map((c, i) => (
        <Button key={c.id} variant="option" onClick={() => onChoose(c.id)} className="flex scroll-mt-32 items-start gap-3 lg:scroll-mt-6">
          <span aria-hidden="true" className="mt-0.5 rounded bg-stone-100 px-1.5 text-sm font-semibold text-stone-700 ring-1 ring-stone-300">
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

function CounterpartLines({ name, lines, closing = false }: { name: string; lines: string[]; closing?: boolean }) {
  return (
    <div className="flex max-w-[92%] items-start gap-2.5 sm:max-w-[85%]">
      <Portrait name={name} size="sm" className="mt-0.5" />
      {/* Focusable from script only: where the focus goes when a conversation starts or resumes. */}
      <div
        tabIndex={-1}
        data-counterpart-lines
        className="min-w-0 scroll-mt-32 space-y-1 rounded-2xl rounded-tl-sm bg-white px-4 py-3 leading-relaxed shadow-sm ring-1 ring-stone-200 lg:scroll-mt-6"
      >
        <p className="text-xs font-semibold text-stone-600">
          {name}
          {closing && <span className="font-normal"> · closing words</span>}
        </p>
        {lines.map((l, i) => {
          // A leading "(stage direction)" reads as action, not speech.
          const m = /^(\([^)]*\))\s*(.*)$/s.exec(l);
          return (
            <p key={i}>
              {m ? (
                <>
                  <span className="italic text-stone-600">{m[1]}</span>
                  {m[2] ? ` ${m[2]}` : ""}
                </>
              ) : (
                l
              )}
            </p>
          );
        })}
      </div>
    </div>
  );
}

function TraineeLine({ text }: { text: string }) {
  return (
    <div className="ml-auto max-w-[92%] rounded-2xl rounded-tr-sm bg-brand-700 px-4 py-3 leading-relaxed text-white sm:max-w-[85%]">
      <p className="text-xs font-semibold text-brand-100">You</p>
      <p>{text}</p>
    </div>
  );
}
