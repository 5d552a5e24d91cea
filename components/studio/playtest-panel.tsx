"use client";
/**
 * The studio's playtest: the draft played with the play page's own conversation, feedback and
 * meters, driven by the compiled machine (machines/playtest.ts). The author can begin at the
 * start or at any node with meters and flags of their choosing, take choices back and restart.
 * Nothing is saved and nothing is sent to the server.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import {
  playtestAt,
  playtestChoices,
  playtestChoose,
  playtestFromStart,
  playtestReplay,
  playtestRestart,
  playtestTakeBack,
  playtestView,
  scenarioFlags,
  type Playtest,
  type PlaytestProblem,
  type PlaytestSetup,
} from "../../machines/playtest";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import { METER_VALUES } from "../../scenarios/step";
import type { Choice, Scenario } from "../../scenarios/types";
import { ConversationLog, ResponseChoices } from "../play/conversation";
import { MeterBars } from "../play/meter-bars";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";
import { NODE_TYPE_LABELS, OUTCOME_LABELS } from "./graph-model";

/** A path to play from the start; a new `key` plays it again, even the same choices. */
export interface PlaytestPath {
  choices: readonly string[];
  key: number;
}

export interface PlaytestPanelProps {
  /** A parsed scenario with no errors; when it changes, the play so far is replayed on it as far as it still goes. */
  scenario: Scenario;
  /** The node the "Start at a node" form offers first (such as the one selected in the graph); the scenario's start otherwise. */
  startNodeId?: string;
  /** Called with the node the conversation is at after the author moved it: a choice, a take-back, a start or a path played. */
  onNodeChange?: (nodeId: string) => void;
  /** Plays these choices from the start, such as the best path from the stats. */
  play?: PlaytestPath;
}

/** The play, the scenario it is a play of, and what the author was last told about it. */
interface Run {
  scenario: Scenario;
  playtest: Playtest;
  notice: { tone: "info" | "warning"; text: string } | null;
}

/** The start form's fields as typed, so a half-typed number stays as it is. */
interface SetupForm {
  nodeId: string;
  rapport: string;
  mutuality: string;
  flags: string[];
}

const formOf = (scenario: Scenario, nodeId?: string): SetupForm => ({
  nodeId: nodeId && Object.hasOwn(scenario.nodes, nodeId) ? nodeId : scenario.start,
  rapport: String(scenario.meters.rapport),
  mutuality: String(scenario.meters.mutuality),
  flags: [],
});

const GROUP_LABELS = { turn: "Turns", branch: "Branches", ending: "Endings" } as const;

const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function describeSetup(setup: PlaytestSetup): string {
  const flags = setup.flags.length ? `flags ${setup.flags.join(", ")}` : "no flags";
  return `rapport ${setup.rapport}, mutuality ${setup.mutuality}, ${flags}`;
}

/** What a choice is, for the author: its id, kind and where it leads. */
const choiceNote = (c: Choice) => `${c.id} · ${RESPONSE_KINDS[c.kind].label} · → ${c.next}`;

export function PlaytestPanel({ scenario, startNodeId, onNodeChange, play }: PlaytestPanelProps) {
  const [run, setRun] = useState<Run>(() => ({ scenario, playtest: playtestFromStart(scenario), notice: null }));

  // A changed draft: the play so far, replayed on it as far as it goes, before anything is shown.
  let current = run;
  if (run.scenario !== scenario) {
    const { playtest, stopped } = playtestReplay(scenario, run.playtest.origin, playtestChoices(run.playtest));
    current = {
      scenario,
      playtest,
      notice: stopped ? { tone: "warning", text: `The draft changed, so the play was replayed as far as it goes. ${stopped.message}` } : run.notice,
    };
    setRun(current);
  }
  const { playtest, notice } = current;
  const view = playtestView(scenario, playtest);

  const panel = useRef<HTMLElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const choices = useRef<HTMLDivElement>(null);
  const endingBox = useRef<HTMLDivElement>(null);
  // Where focus goes once the new state is shown: the next choices (or the ending), or the status.
  const focusNext = useRef<"choices" | "status" | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === "choices") (choices.current?.querySelector("button") ?? endingBox.current)?.focus();
    else if (target === "status") {
      // The panel from its top: the status, the controls and the transcript's beginning.
      panel.current?.scrollIntoView?.({ block: "start" });
      status.current?.focus({ preventScroll: true });
    }
  });

  const show = (next: Playtest, text: Run["notice"] = null, focus: "choices" | "status" | null = "choices") => {
    focusNext.current = focus;
    setRun({ scenario, playtest: next, notice: text });
    const now = next.states[next.states.length - 1]!;
    onNodeChange?.(now.value);
  };

  const choose = (choiceId: string) => {
    const r = playtestChoose(scenario, playtest, choiceId);
    if (r.ok) show(r.playtest);
    else setRun({ ...current, notice: { tone: "warning", text: r.message } });
  };

  const restart = () => {
    const r = playtestRestart(scenario, playtest);
    if (r.ok) show(r.playtest, null, null);
    else show(playtestFromStart(scenario), { tone: "warning", text: `The play began at the start instead: ${r.problems.map((p) => p.message).join("; ")}.` }, null);
  };

  const takeBack = () => {
    if (!view.canTakeBack) return;
    show(playtestTakeBack(playtest), { tone: "info", text: "The last choice was taken back." }, null);
  };

  // The start form re-renders only when its own props change (a draft can have a thousand nodes),
  // so it gets a callback that keeps its identity and reaches the latest `show` through a ref.
  const showRef = useRef(show);
  showRef.current = show;
  const startAt = useCallback(
    (setup: PlaytestSetup): PlaytestProblem[] => {
      const r = playtestAt(scenario, setup);
      if (r.ok) showRef.current(r.playtest, null);
      return r.ok ? [] : r.problems;
    },
    [scenario],
  );

  // A path handed in (the stats' best or worst play): played from the start, once per key.
  const playedKey = useRef<number | null>(null);
  useEffect(() => {
    if (!play || playedKey.current === play.key) return;
    playedKey.current = play.key;
    const { playtest: played, stopped } = playtestReplay(scenario, { at: "start" }, play.choices);
    const turns = plural(playtestChoices(played).length, "choice");
    show(
      played,
      stopped
        ? { tone: "warning", text: `The path stopped after ${turns}: ${stopped.message}` }
        : { tone: "info", text: `Played a path of ${turns} from the start.` },
      "status",
    );
    // Only a new key plays a path; the other values are read as they are when it comes.
  }, [play?.key]);

  const headingId = useId();
  const origin = playtest.origin;
  const turnNumber = view.turns.length + (view.status === "done" ? 0 : 1);

  return (
    <section
      ref={panel}
      aria-labelledby={headingId}
      // Whatever takes focus scrolls clear of the status box stuck at the top.
      className="space-y-4 [&_:is(a,button,input,select,summary,[tabindex])]:scroll-mt-36"
    >
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          Playtest
        </h2>
        <p className="text-sm text-stone-700">Play the draft as a trainee would, with feedback and meters. Nothing is saved.</p>
      </div>

      <div
        ref={status}
        tabIndex={-1}
        role="group"
        aria-label="Where the play is"
        className="sticky top-0 z-10 space-y-2 rounded-lg border border-stone-200 bg-white px-3 py-2 shadow-sm"
      >
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-sm">
          <dt className="text-stone-700">Node</dt>
          <dd className="break-words">
            <code className="font-mono">{view.nodeId}</code> ({NODE_TYPE_LABELS[view.nodeType].toLowerCase()})
          </dd>
          <dt className="text-stone-700">Status</dt>
          <dd>
            {view.ending ? (
              <>
                Ended at <code className="font-mono">{view.ending.id}</code>: {OUTCOME_LABELS[view.ending.outcome].toLowerCase()}, after {plural(view.turns.length, "choice")}
              </>
            ) : (
              <>Active, turn {turnNumber}</>
            )}
          </dd>
          <dt className="text-stone-700">Flags</dt>
          <dd className="break-words">{view.flags.length ? view.flags.join(", ") : "none set"}</dd>
        </dl>
        <MeterBars meters={view.meters} />
      </div>

      <div className="space-y-1">
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={restart}>
            Restart
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={takeBack}
            // Kept focusable when there is nothing to take back, so focus stays put after the last one.
            aria-disabled={!view.canTakeBack}
            className={view.canTakeBack ? undefined : "cursor-not-allowed opacity-60"}
          >
            Take back
          </Button>
          {origin.at !== "start" && (
            <Button variant="secondary" size="sm" onClick={() => show(playtestFromStart(scenario), null, null)}>
              Start from the start
            </Button>
          )}
        </div>
        <p className="text-sm text-stone-700">
          {origin.at === "start" ? (
            "This play began at the scenario's start."
          ) : (
            <>
              This play began at <code className="font-mono">{origin.setup.nodeId}</code> with {describeSetup(origin.setup)}.
            </>
          )}
        </p>
      </div>

      <div role="status" aria-live="polite">
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      </div>

      <StartForm scenario={scenario} startNodeId={startNodeId} onStart={startAt} />

      <ConversationLog scenario={scenario} turns={view.turns} nodeId={view.nodeId} feedback />

      {view.ending ? (
        <div ref={endingBox} tabIndex={-1} className="rounded-lg border border-stone-200 bg-white p-4">
          <p className="font-medium">
            The conversation ended at <code className="font-mono">{view.ending.id}</code>: {OUTCOME_LABELS[view.ending.outcome].toLowerCase()}.
          </p>
          {view.ending.debrief && <p className="mt-2 text-sm text-stone-700">Debrief: {view.ending.debrief}</p>}
        </div>
      ) : (
        <div className="space-y-2">
          <ResponseChoices ref={choices} choices={view.offered} onChoose={choose} headingLevel={3} note={choiceNote} />
          {view.offered.length === 0 && (
            <Notice tone="warning">No choice is on offer here with these meters and flags, so the conversation cannot go on.</Notice>
          )}
          {view.hidden.length > 0 && (
            <div className="text-sm text-stone-700">
              <p>Not on offer here:</p>
              <ul className="list-disc pl-5">
                {view.hidden.map(({ choice, when }) => (
                  <li key={choice.id}>
                    <code className="font-mono">{choice.id}</code>, only when {when}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The form that starts a play at any node with meters and flags. `onStart` starts it and answers
 * the problems that stop it (none when it started).
 */
const StartForm = memo(function StartForm({
  scenario,
  startNodeId,
  onStart,
}: {
  scenario: Scenario;
  startNodeId: string | undefined;
  onStart: (setup: PlaytestSetup) => PlaytestProblem[];
}) {
  const [form, setForm] = useState<SetupForm>(() => formOf(scenario, startNodeId));
  const [problems, setProblems] = useState<PlaytestProblem[]>([]);
  const formId = useId();

  // The form follows the node the page points it at, such as the one selected in the graph.
  const [formFor, setFormFor] = useState(startNodeId);
  if (formFor !== startNodeId) {
    setFormFor(startNodeId);
    if (startNodeId && Object.hasOwn(scenario.nodes, startNodeId)) setForm((f) => ({ ...f, nodeId: startNodeId }));
  }

  const flags = useMemo(() => scenarioFlags(scenario), [scenario]);
  const nodeGroups = useMemo(
    () => (["turn", "branch", "ending"] as const).map((type) => ({ type, ids: Object.keys(scenario.nodes).filter((n) => scenario.nodes[n]!.type === type) })),
    [scenario],
  );
  const formNodeId = Object.hasOwn(scenario.nodes, form.nodeId) ? form.nodeId : scenario.start;
  const [lo, hi] = METER_VALUES;
  const formProblem = (field: PlaytestProblem["field"]) => problems.filter((p) => p.field === field).map((p) => p.message).join(" ") || undefined;
  const flagsProblem = formProblem("flags");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblems(onStart({ nodeId: formNodeId, rapport: numberOf(form.rapport), mutuality: numberOf(form.mutuality), flags: form.flags }));
  };

  return (
    <details className="rounded-lg border border-stone-200 bg-white p-3">
      <summary className="cursor-pointer text-sm font-medium">Start at a node, with meters and flags</summary>
      <form onSubmit={submit} noValidate className="mt-3 space-y-3">
        <Field label="Node" size="sm" error={formProblem("nodeId")}>
          <select value={formNodeId} onChange={(e) => setForm({ ...form, nodeId: e.target.value })} className="w-full bg-white">
            {nodeGroups.map(({ type, ids }) =>
              ids.length === 0 ? null : (
                <optgroup key={type} label={GROUP_LABELS[type]}>
                  {ids.map((id) => (
                    <option key={id} value={id}>
                      {id}
                      {id === scenario.start ? " (start)" : ""}
                    </option>
                  ))}
                </optgroup>
              ),
            )}
          </select>
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Rapport" size="sm" hint={`${lo} to ${hi}`} error={formProblem("rapport")}>
            <input type="number" inputMode="numeric" min={lo} max={hi} step={1} value={form.rapport} onChange={(e) => setForm({ ...form, rapport: e.target.value })} />
          </Field>
          <Field label="Mutuality" size="sm" hint={`${lo} to ${hi}`} error={formProblem("mutuality")}>
            <input type="number" inputMode="numeric" min={lo} max={hi} step={1} value={form.mutuality} onChange={(e) => setForm({ ...form, mutuality: e.target.value })} />
          </Field>
        </div>
        <fieldset aria-describedby={flagsProblem ? `${formId}-flags-error` : undefined}>
          <legend className="text-sm">Flags already set</legend>
          {flags.length === 0 ? (
            <p className="text-sm text-stone-600">This scenario uses no flags.</p>
          ) : (
            <ul className="mt-1 space-y-1">
              {flags.map((f) => (
                <li key={f}>
                  <label className="flex items-center gap-2 py-0.5 text-sm">
                    <input
                      type="checkbox"
                      checked={form.flags.includes(f)}
                      onChange={(e) => setForm({ ...form, flags: e.target.checked ? [...form.flags, f] : form.flags.filter((x) => x !== f) })}
                    />
                    <span className="break-all font-mono">{f}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {flagsProblem && (
            <p id={`${formId}-flags-error`} className="text-sm text-red-800">
              {flagsProblem}
            </p>
          )}
        </fieldset>
        <Button type="submit" variant="primary" size="sm">
          Start here
        </Button>
      </form>
    </details>
  );
});
