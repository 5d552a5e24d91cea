"use client";

import { useId, useState } from "react";
import type { MeterName } from "../../scenarios/types";
import { METER_LABELS, METER_MAX, METER_MIN } from "./meanings";
import { BarFill } from "../ui/bar-fill";

const TONES: Record<MeterName, string> = { rapport: "fill-brand-600", mutuality: "fill-indigo-600" };

/** How a meter's value is read out: the value, and a word at either end, where it stops. */
export function meterValueText(value: number): string {
  if (value >= METER_MAX) return `${value} of ${METER_MAX}, as high as it goes`;
  if (value <= METER_MIN) return `${value} of ${METER_MAX}, as low as it goes`;
  return `${value} of ${METER_MAX}`;
}

/**
 * One meter with its one-line meaning, shown as a tooltip while the pointer is over it or it has
 * the keyboard focus (Escape hides it), and read by screen readers as the meter's description.
 * At 100 or 0 the figure says it stops there.
 */
export function MeaningMeter({
  meter,
  value,
  meaning,
  align = "start",
}: {
  meter: MeterName;
  value: number;
  meaning: string;
  /** Which edge the tooltip lines up with, so it stays on screen. */
  align?: "start" | "end";
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const clamped = Math.min(METER_MAX, Math.max(METER_MIN, value));
  const edge = value >= METER_MAX ? "max" : value <= METER_MIN ? "min" : null;
  return (
    <div className="relative" onMouseEnter={() => setShown(true)} onMouseLeave={() => setShown(false)}>
      <div
        role="meter"
        tabIndex={0}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-meaning`}
        aria-valuemin={METER_MIN}
        aria-valuemax={METER_MAX}
        aria-valuenow={value}
        aria-valuetext={meterValueText(value)}
        onFocus={() => setShown(true)}
        onBlur={() => setShown(false)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setShown(false);
        }}
        className="cursor-help rounded"
        data-meter={meter}
      >
        <div className="flex items-baseline justify-between gap-2 text-xs">
          <span id={`${id}-label`} className="font-medium text-stone-700 underline decoration-stone-400 decoration-dotted underline-offset-2">
            {METER_LABELS[meter]}
          </span>
          <span aria-hidden="true" className="tabular-nums font-semibold text-stone-900">
            {value}
            {edge && <span className="ml-1 rounded bg-stone-200 px-1 text-[0.65rem] font-medium uppercase tracking-wide text-stone-700">{edge}</span>}
          </span>
        </div>
        <div className="mt-1 h-2 overflow-hidden rounded-full bg-stone-200">
          <BarFill percent={clamped} round={4} className={`${TONES[meter]} motion-safe:transition-[width] motion-safe:duration-500`} />
        </div>
      </div>
      <p
        id={`${id}-meaning`}
        role="tooltip"
        className={
          shown
            ? `absolute top-full z-30 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-lg bg-stone-900 px-3 py-2 text-xs leading-snug text-white shadow-lg ${align === "end" ? "right-0" : "left-0"}`
            : "hidden"
        }
      >
        {meaning}
        {edge && <span className="mt-1 block text-stone-300">It stops at {edge === "max" ? METER_MAX : METER_MIN}: responses cannot move it further {edge === "max" ? "up" : "down"}.</span>}
      </p>
    </div>
  );
}
