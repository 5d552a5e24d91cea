"use client";
/**
 * A practice replay from one turn of the debriefed session: the conversation at that turn, with
 * the meters and flags the trainee had there, played on with the play page's own conversation,
 * choices, feedback and meters (machines/playtest.ts drives it, as it drives the studio's
 * playtest). Nothing of it is saved or sent: the session and its debrief stay as they were.
 */
import { useEffect, useId, useRef, useState } from "react";
import { practiceFrom } from "../../../machines/debrief";
import { playtestChoose, playtestTakeBack, playtestView, type Playtest } from "../../../machines/playtest";
import type { TranscriptTurn } from "../../../machines/replay";
import { shuffled } from "../../../machines/shuffle";
import type { Scenario } from "../../../scenarios/types";
import { Button } from "../../ui/button";
import { Notice } from "../../ui/notice";
import { ConversationLog, ResponseChoices } from "../conversation";
import { MeterBars } from "../meter-bars";
import { OUTCOME_TEXT } from "./labels";

export interface PracticeStart {
  /** The turn to begin at, 0-based. */
  index: number;
  /** A choice to make at once there, such as the strongest option. */
  first?: string;
}

export function PracticeReplay({
  scenario,
  turns,
  start,
  seed = 0,
  onClose,
}: {
  scenario: Scenario;
  /** The session's turns. */
  turns: readonly TranscriptTurn[];
  start: PracticeStart;
  /** Orders the choices as the session did. */
  seed?: number;
  onClose: () => void;
}) {
  const [run, setRun] = useState<{ playtest: Playtest | null; notice: string | null }>(() => begin(scenario, turns, start));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const choicesRef = useRef<HTMLDivElement>(null);
  const endingRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const turnNumber = start.index + 1;

  useEffect(() => headingRef.current?.focus(), []);

  // After a choice, focus goes to the next choices or, at an ending, to what it says.
  const focusNext = useRef(false);
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    (choicesRef.current?.querySelector("button") ?? endingRef.current)?.focus();
  });

  // Number keys choose, in the order shown, as during play.
  const chooseByKey = useRef<(n: number) => boolean>(() => false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && chooseByKey.current(n)) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const { playtest, notice } = run;
  if (!playtest) {
    chooseByKey.current = () => false;
    return (
      <section aria-labelledby={headingId} className="space-y-3">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
          Practice from turn {turnNumber}
        </h2>
        <Notice tone="error" role="alert">
          {notice}
        </Notice>
        <Button variant="primary" onClick={onClose}>
          Back to the debrief
        </Button>
      </section>
    );
  }

  const view = playtestView(scenario, playtest);
  const ordered = shuffled(view.offered, seed, view.nodeId);
  const choose = (choiceId: string) => {
    const r = playtestChoose(scenario, playtest, choiceId);
    focusNext.current = r.ok;
    setRun(r.ok ? { playtest: r.playtest, notice: null } : { playtest, notice: r.message });
  };
  chooseByKey.current = (n) => {
    const c = view.ending ? undefined : ordered[n - 1];
    if (c) choose(c.id);
    return c !== undefined;
  };
  const again = () => {
    focusNext.current = true;
    setRun(begin(scenario, turns, { index: start.index }));
  };
  const takeBack = () => {
    if (!view.canTakeBack) return;
    setRun({ playtest: playtestTakeBack(playtest), notice: "Your last practice choice was taken back." });
  };
  const outcome = view.ending ? OUTCOME_TEXT[view.ending.outcome] : undefined;

  return (
    <section aria-labelledby={headingId} className="space-y-4 [&_:is(a,button,[tabindex])]:scroll-mt-44">
      <div className="space-y-1">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
          Practice from turn {turnNumber}
        </h2>
        <p className="text-sm text-stone-700">
          Try another option from here, with feedback after every choice. This practice is not saved: your session, its outcome and its
          debrief stay as they were.
        </p>
      </div>

      <div role="group" aria-label="Practice meters and controls" className="sticky top-0 z-10 space-y-3 rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
        <MeterBars meters={view.meters} />
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" size="sm" onClick={onClose}>
            Back to the debrief
          </Button>
          <Button variant="secondary" size="sm" onClick={again}>
            Start again from turn {turnNumber}
          </Button>
          {view.canTakeBack && (
            <Button variant="secondary" size="sm" onClick={takeBack}>
              Take back
            </Button>
          )}
        </div>
      </div>

      <div role="status" aria-live="polite">
        {notice && <Notice tone="info">{notice}</Notice>}
      </div>

      <ConversationLog scenario={scenario} turns={view.turns} nodeId={view.nodeId} feedback />

      {view.ending && outcome ? (
        <div ref={endingRef} tabIndex={-1} className={`space-y-2 rounded-lg border p-4 ${outcome.style}`}>
          <p className="font-semibold">This practice ended: {outcome.label}</p>
          {view.ending.debrief && <p>{view.ending.debrief}</p>}
          <p className="text-sm text-stone-700">A practice ending; your session's own outcome is unchanged.</p>
          <div className="flex flex-wrap gap-2 pt-1">
            <Button variant="primary" onClick={onClose}>
              Back to the debrief
            </Button>
            <Button variant="secondary" onClick={again}>
              Start again from turn {turnNumber}
            </Button>
          </div>
        </div>
      ) : (
        <ResponseChoices ref={choicesRef} choices={ordered} onChoose={choose} headingLevel={3} />
      )}
    </section>
  );
}

function begin(scenario: Scenario, turns: readonly TranscriptTurn[], start: PracticeStart): { playtest: Playtest | null; notice: string | null } {
  try {
    const r = practiceFrom(scenario, turns, start.index, start.first);
    if (r.ok) return { playtest: r.playtest, notice: null };
    return { playtest: null, notice: `This practice could not begin: ${r.problems.map((p) => p.message).join("; ")}.` };
  } catch (e) {
    return { playtest: null, notice: `This practice could not begin: ${e instanceof Error ? e.message : String(e)}.` };
  }
}
