"use client";

import type { Meters } from "../../scenarios/types";
import { MeaningMeter } from "./meaning-meter";
import { meterMeaning } from "./meanings";
import { SaveStatus, type SaveStatusProps } from "./save-status";
import { plural, progressMeaning, progressText } from "./words";

/** The bar's buttons: the secondary look, a little tighter, so both fit beside the progress on a phone. */
const BAR_BUTTON =
  "whitespace-nowrap rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm hover:bg-stone-100 lg:px-3";

export interface PlayBarProps {
  practice: boolean;
  /** Choices made so far. */
  turnsTaken: number;
  /** The conversation has reached an ending. */
  done: boolean;
  /** The most turns any play of the scenario takes, when known. */
  longest: number | "unbounded" | undefined;
  meters: Meters;
  /** The counterpart's name, for what rapport means. */
  counterpart: string;
  canTakeBack: boolean;
  canPause: boolean;
  onTakeBack: () => void;
  onPause: () => void;
  /** How saving stands, for the save indicator. */
  save: SaveStatusProps;
  /** For layout only. */
  className?: string;
}

/**
 * What a trainee keeps in view while playing: where the conversation is, the meters (practice
 * mode), whether everything is saved, and Take back and Pause. A bar across the top that stays
 * there on a phone; a panel beside the conversation that stays in view on a wide screen.
 */
export function PlayBar({
  practice,
  turnsTaken,
  done,
  longest,
  meters,
  counterpart,
  canTakeBack,
  canPause,
  onTakeBack,
  onPause,
  save,
  className,
}: PlayBarProps) {
  const meaning = done ? null : progressMeaning(longest);
  // A grid: on a phone, the progress with the save indicator under it, Take back and Pause beside
  // them, the meters below; on a wide screen, one column. A save problem takes a row of its own.
  return (
    <section
      aria-label="Your progress"
      data-play-bar
      className={[
        "sticky top-0 z-20 -mx-4 border-b border-stone-200 bg-white px-4 py-2 shadow-sm",
        "lg:top-6 lg:mx-0 lg:rounded-xl lg:border lg:p-5 lg:shadow-none",
        className,
      ]
        .filter(Boolean)
        .join(" ")}
    >
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 lg:grid-cols-1 lg:gap-y-4">
        <div className="col-start-1 row-start-1 min-w-0">
          <p className="hidden text-xs font-semibold uppercase tracking-wide text-stone-600 lg:block">{practice ? "Practice" : "Assessment"}</p>
          <p className="text-sm font-semibold text-stone-900 lg:text-base" data-progress>
            {done ? `Ended after ${plural(turnsTaken, "turn")}` : progressText(turnsTaken + 1, longest)}
          </p>
          {meaning && <p className="mt-0.5 hidden text-xs leading-snug text-stone-600 lg:block">{meaning}</p>}
        </div>
        <SaveStatus
          {...save}
          className="col-start-1 row-start-2 -mt-1.5 lg:row-start-3 lg:mt-0"
          loudClassName="col-span-2 col-start-1 row-start-4 lg:col-span-1 lg:row-start-3"
        />
        {practice && (
          <div role="group" aria-label="Meters" className="col-span-2 col-start-1 row-start-3 grid grid-cols-2 gap-x-4 gap-y-3 lg:col-span-1 lg:row-start-2 lg:grid-cols-1">
            <MeaningMeter meter="rapport" value={meters.rapport} meaning={meterMeaning("rapport", counterpart)} />
            <MeaningMeter meter="mutuality" value={meters.mutuality} meaning={meterMeaning("mutuality")} align="end" />
          </div>
        )}
        {(canTakeBack || canPause) && (
          <div className="col-start-2 row-span-2 row-start-1 flex gap-2 lg:col-start-1 lg:row-span-1 lg:row-start-4">
            {canTakeBack && (
              <button type="button" aria-label="Take back last choice" onClick={onTakeBack} className={BAR_BUTTON}>
                <span aria-hidden="true">↶ </span>Take back<span className="hidden sm:inline"> last choice</span>
              </button>
            )}
            {canPause && (
              <button type="button" onClick={onPause} className={BAR_BUTTON}>
                Pause
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
