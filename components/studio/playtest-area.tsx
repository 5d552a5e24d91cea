"use client";
/**
 * The draft page's playtest column: the playtest, and under it the analysis, which can be folded
 * away (folded, it is not computed). "Play the best path" and "Play the worst path" play in the
 * playtest above.
 */
import { useCallback, useId, useState } from "react";
import type { Scenario } from "../../scenarios/types";
import { PlaytestPanel, type PlaytestPath } from "./playtest-panel";
import { StatsPanel } from "./stats-panel";

export interface PlaytestAreaProps {
  /** A parsed scenario with no errors (keep its identity between renders). */
  scenario: Scenario;
  /** Called with the node the playtest's conversation moved to. */
  onNodeChange?: (nodeId: string) => void;
  /** Passed on to `PlaytestPanel`: the node its "Start at a node" form offers first. */
  startNodeId?: string;
  /** Whether the analysis starts unfolded (it does unless told otherwise). */
  statsOpen?: boolean;
  className?: string;
}

export function PlaytestArea({ scenario, onNodeChange, startNodeId, statsOpen = true, className = "" }: PlaytestAreaProps) {
  const [play, setPlay] = useState<PlaytestPath | undefined>(undefined);
  const [open, setOpen] = useState(statsOpen);
  const headingId = useId();
  const regionId = useId();
  const onPlayPath = useCallback((choices: string[]) => setPlay((p) => ({ choices, key: (p?.key ?? 0) + 1 })), []);
  return (
    <div className={`min-w-0 space-y-6 ${className}`}>
      <PlaytestPanel scenario={scenario} onNodeChange={onNodeChange} play={play} {...(startNodeId !== undefined && { startNodeId })} />
      <section aria-labelledby={headingId} className="space-y-3 border-t border-stone-200 pt-4">
        <h2 id={headingId} className="text-lg font-semibold">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={regionId}
            onClick={() => setOpen((o) => !o)}
            className="flex w-full items-center justify-between gap-2 text-left"
          >
            Analysis
            <span aria-hidden="true" className="text-sm font-normal text-stone-600">
              {open ? "Hide ▴" : "Show ▾"}
            </span>
          </button>
        </h2>
        <div id={regionId} hidden={!open}>
          {open && <StatsPanel scenario={scenario} onPlayPath={onPlayPath} heading={false} />}
        </div>
      </section>
    </div>
  );
}
