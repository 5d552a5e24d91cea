"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { debriefOf, INDICATORS_NOTE, keyTurns } from "../../machines/debrief";
import type { Replay } from "../../machines/replay";
import type { Scenario } from "../../scenarios/types";
import { Button, buttonClass } from "../ui/button";
import { FullTranscript } from "./debrief/full-transcript";
import { KeyTurns } from "./debrief/key-turns";
import { OUTCOME_TEXT, plural, turnAnchor } from "./debrief/labels";
import { PracticeReplay, type PracticeStart } from "./debrief/practice-replay";
import { SessionComments } from "./debrief/session-comments";
import { savedServerId, useSessionRecord } from "./debrief/session-record";
import { useEndingsFound } from "./debrief/use-endings-found";
import { MeterChart } from "./meter-chart";
import { MITI_NOTE, ReflectionMetricsTable } from "./reflection-metrics-table";

/**
 * The debrief: a summary that fits about a screen (outcome and ending, endings found, the meters
 * and their chart, the turns that mattered most, reflection metrics, reviewers' comments), the
 * full transcript folded under it, and practice replays from any turn, played in place.
 *
 * `sessionId` is the session's id on the server, for its comments and the endings found across
 * the trainee's sessions; without it the debrief looks for the session this browser keeps with
 * these choices. `seed` orders a practice replay's choices as the session ordered them.
 */
export default function DebriefView({
  scenario,
  replay,
  onPlayAgain,
  sessionId,
  seed,
  reachableEndings,
}: {
  scenario: Scenario;
  replay: Replay;
  onPlayAgain: () => void;
  sessionId?: string;
  seed?: number;
  /** The endings some play can reach, when the server worked them out; otherwise worked out here. */
  reachableEndings?: readonly string[];
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const d = useMemo(() => debriefOf(replay), [replay]);
  const mattered = useMemo(() => keyTurns(replay.turns), [replay]);
  const ending = replay.ending;
  const outcome = ending ? OUTCOME_TEXT[ending.outcome] : undefined;

  // The server session: as the page says, or as this browser keeps it (read after mounting).
  const [foundId, setFoundId] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!sessionId) setFoundId(savedServerId(scenario.id, replay.turns.map((t) => t.choice.id)));
  }, [sessionId, scenario.id, replay]);
  const { record, retry } = useSessionRecord(sessionId ?? foundId);
  const endings = useEndingsFound(scenario, ending?.id, record, reachableEndings);

  // The full transcript, folded until asked for; a link to a turn unfolds it and moves there.
  const [open, setOpen] = useState(false);
  const [goTo, setGoTo] = useState<{ index: number; asked: number } | null>(null);
  useEffect(() => {
    if (!goTo || !open) return;
    const target = document.getElementById(turnAnchor(goTo.index));
    target?.focus();
    target?.scrollIntoView?.({ block: "start" });
  }, [goTo, open]);
  const showTurn = useCallback((index: number) => {
    setOpen(true);
    setGoTo((g) => ({ index, asked: (g?.asked ?? 0) + 1 }));
  }, []);

  // A practice replay shows in place of the debrief; closing it gives the focus back to the button that opened it.
  const [practice, setPractice] = useState<{ start: PracticeStart; trigger: string; key: number } | null>(null);
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (practice || !returnTo.current) return;
    const trigger = document.querySelector<HTMLElement>(`[data-practice-trigger="${returnTo.current}"]`);
    returnTo.current = null;
    trigger?.focus();
  }, [practice]);
  const openPractice = useCallback((start: PracticeStart, trigger: string) => setPractice((p) => ({ start, trigger, key: (p?.key ?? 0) + 1 })), []);
  const closePractice = () => {
    returnTo.current = practice?.trigger ?? null;
    setPractice(null);
  };

  const ready = record.state === "ready" ? record.record : null;

  return (
    // Wide like the analytics pages (the layout widens the page for `data-wide`): the summary's
    // parts sit side by side where there is room. A practice replay keeps the play page's width.
    <article className="@container space-y-6" aria-labelledby={practice ? undefined : "debrief-heading"} data-wide={practice ? undefined : ""}>
      {practice && (
        <div className="mx-auto max-w-3xl">
          <PracticeReplay key={practice.key} scenario={scenario} turns={replay.turns} start={practice.start} seed={seed} onClose={closePractice} />
        </div>
      )}
      <div hidden={practice !== null} className="space-y-6">
        <h2 id="debrief-heading" ref={heading} tabIndex={-1} className="text-2xl font-semibold">
          Debrief: {scenario.title}
        </h2>

        {/*
          One column on a phone: outcome, chart, the turns that mattered, metrics. Two columns from
          42rem: outcome beside the chart. Three from 56rem: the metrics join them in the first row,
          the turns that mattered fill the second, side by side.
        */}
        <div className="grid gap-6 @2xl:grid-cols-2 @4xl:grid-cols-3">
          <section aria-label="Outcome" className="space-y-3">
            {ending && outcome && (
              <div className={`space-y-1 rounded-lg border p-4 ${outcome.style}`}>
                <p className="text-lg font-semibold">Outcome: {outcome.label}</p>
                {ending.lines.map((l, i) => (
                  <p key={i} className="italic">
                    {scenario.roles.counterpart.name}: {l}
                  </p>
                ))}
                {ending.debrief && <p className="pt-1">{ending.debrief}</p>}
              </div>
            )}
            <p>
              Final meters: rapport <strong>{replay.meters.rapport}</strong>, mutuality <strong>{replay.meters.mutuality}</strong>, after{" "}
              {plural(replay.turns.length, "turn")} ({d.helpful} helpful, {d.harmful} harmful {d.harmful === 1 ? "response" : "responses"}).
            </p>
            {endings && (
              <p data-testid="endings-found">
                <strong>
                  Endings found: {endings.found} of {endings.total}
                </strong>{" "}
                <span className="text-sm text-stone-700">
                  {endings.fromServer
                    ? "Different endings you have reached in your sessions of this scenario."
                    : "Different endings reached in this session."}
                  {endings.checking && " Checking your other sessions…"}
                </span>
              </p>
            )}
          </section>

          <section aria-labelledby="chart-heading" className="space-y-2">
            <h3 id="chart-heading" className="text-lg font-semibold">
              Meters over the conversation
            </h3>
            <MeterChart series={d.series} />
          </section>

          <KeyTurns turns={mattered} onPractice={openPractice} onShowTurn={showTurn} className="@2xl:col-span-2 @4xl:order-last @4xl:col-span-3" />

          <section aria-labelledby="metrics-heading" className="space-y-2 @2xl:col-span-2 @4xl:col-span-1">
            <h3 id="metrics-heading" className="text-lg font-semibold">
              Reflection metrics
            </h3>
            <p className="text-sm font-medium">{INDICATORS_NOTE}</p>
            <ReflectionMetricsTable metrics={d.metrics} who="You" />
            <p className="text-sm text-stone-700">{MITI_NOTE}</p>
          </section>
        </div>

        <SessionComments record={record} onRetry={retry} onShowTurn={showTurn} />

        <div className="flex flex-wrap items-center gap-3">
          <Button variant="primary" onClick={onPlayAgain}>
            Play again
          </Button>
          <a href="/" className={buttonClass("secondary")}>
            Back to the library
          </a>
          {ready && (
            <a href={`/sessions/${encodeURIComponent(ready.id)}`} className={buttonClass("quiet")}>
              This session's page (print, export)
            </a>
          )}
        </div>

        <FullTranscript scenario={scenario} replay={replay} open={open} onToggle={() => setOpen((o) => !o)} record={ready} onPractice={openPractice} />
      </div>
    </article>
  );
}
