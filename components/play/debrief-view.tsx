"use client";

import { useEffect, useRef } from "react";
import { debriefOf, INDICATORS_NOTE, strongestAlternative } from "../../machines/debrief";
import type { Replay } from "../../machines/replay";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import type { Outcome, Scenario } from "../../scenarios/types";
import { Button, buttonClass } from "../ui/button";
import { FeedbackCard, signed } from "./feedback-card";
import { MeterChart } from "./meter-chart";
import { MITI_NOTE, ReflectionMetricsTable } from "./reflection-metrics-table";

const OUTCOME_TEXT: Record<Outcome, { label: string; style: string }> = {
  connected: { label: "Connected", style: "border-emerald-300 bg-emerald-50" },
  mixed: { label: "Mixed", style: "border-amber-300 bg-amber-50" },
  disengaged: { label: "Disengaged", style: "border-rose-300 bg-rose-50" },
};

/** The debrief: outcome, meters over time, the mix of kinds, reflection metrics and every turn. */
export default function DebriefView({
  scenario,
  replay,
  onPlayAgain,
}: {
  scenario: Scenario;
  replay: Replay;
  onPlayAgain: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const d = debriefOf(replay);
  const ending = replay.ending;
  const m = d.metrics;
  const outcome = ending ? OUTCOME_TEXT[ending.outcome] : undefined;

  return (
    <article className="space-y-8" aria-labelledby="debrief-heading">
      <header className="space-y-3">
        <h2 id="debrief-heading" ref={heading} tabIndex={-1} className="text-2xl font-semibold">
          Debrief: {scenario.title}
        </h2>
        {ending && outcome && (
          <div className={`rounded-lg border p-4 ${outcome.style}`}>
            <p className="text-lg font-semibold">Outcome: {outcome.label}</p>
            {ending.lines.map((l, i) => (
              <p key={i} className="italic">
                {scenario.roles.counterpart.name}: {l}
              </p>
            ))}
            {ending.debrief && <p className="mt-2">{ending.debrief}</p>}
          </div>
        )}
        <p>
          Final meters: rapport <strong>{replay.meters.rapport}</strong>, mutuality{" "}
          <strong>{replay.meters.mutuality}</strong>, after {replay.turns.length} turns ({d.helpful} helpful,{" "}
          {d.harmful} harmful responses).
        </p>
      </header>

      <section aria-labelledby="chart-heading" className="space-y-2">
        <h3 id="chart-heading" className="text-xl font-semibold">
          Meters over the conversation
        </h3>
        <MeterChart series={d.series} />
      </section>

      <section aria-labelledby="mix-heading" className="space-y-2">
        <h3 id="mix-heading" className="text-xl font-semibold">
          Your mix of responses
        </h3>
        <ul className="space-y-1">
          {d.mix.map(({ kind, count }) => {
            const k = RESPONSE_KINDS[kind];
            return (
              <li key={kind} className="flex items-center gap-2">
                <span className="w-36 shrink-0">{k.label}</span>
                <span
                  aria-hidden="true"
                  className={`h-3 rounded ${k.effect === "helpful" ? "bg-emerald-600" : k.effect === "harmful" ? "bg-amber-600" : "bg-stone-500"}`}
                  style={{ width: `${count * 1.5}rem` }}
                />
                <span>
                  {count} <span className="sr-only">({k.effect})</span>
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="metrics-heading" className="space-y-2">
        <h3 id="metrics-heading" className="text-xl font-semibold">
          Reflection metrics
        </h3>
        <p className="text-sm font-medium">{INDICATORS_NOTE}</p>
        <ReflectionMetricsTable metrics={m} who="You" />
        <p className="text-sm text-stone-700">{MITI_NOTE}</p>
      </section>

      <section aria-labelledby="turns-heading" className="space-y-3">
        <h3 id="turns-heading" className="text-xl font-semibold">
          Turn by turn
        </h3>
        <ol className="space-y-4">
          {replay.turns.map((t) => {
            const alt = strongestAlternative(t);
            return (
              <li key={t.index} className="space-y-2 rounded-lg border border-stone-200 bg-white p-3">
                <h4 className="font-medium">Turn {t.index + 1}</h4>
                <p className="text-stone-700">
                  {scenario.roles.counterpart.name}: {t.lines.join(" ")}
                </p>
                <p>You: {t.choice.say}</p>
                <FeedbackCard choice={t.choice} after={t.after} />
                <p className="text-sm">
                  {alt ? (
                    <>
                      Strongest option on offer: “{alt.say}” ({RESPONSE_KINDS[alt.kind].label}, rapport{" "}
                      {signed(alt.rapport)}, mutuality {signed(alt.mutuality)})
                    </>
                  ) : (
                    "This was the strongest option on offer."
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      </section>

      <div className="flex flex-wrap gap-3">
        <Button variant="primary" onClick={onPlayAgain}>
          Play again
        </Button>
        <a href="/" className={buttonClass("secondary")}>
          Back to the library
        </a>
      </div>
    </article>
  );
}
