import { useId } from "react";
import { BarFill } from "./bar-fill";

/** The colour of a meter's bar; each meter of a page keeps its own, as in the charts. */
export type MeterTone = "brand" | "indigo";

const TONES: Record<MeterTone, string> = { brand: "fill-brand-600", indigo: "fill-indigo-600" };

/** A labelled bar that a screen reader announces as a meter with its value. */
export function Meter({ label, value, min = 0, max = 100, tone }: { label: string; value: number; min?: number; max?: number; tone: MeterTone }) {
  const id = useId();
  const percent = ((Math.min(max, Math.max(min, value)) - min) / (max - min)) * 100;
  return (
    <div>
      <div className="flex justify-between text-sm">
        <span id={id}>{label}</span>
        {/* The meter itself carries the value for screen readers; this figure is for the eye. */}
        <span aria-hidden="true">{value}</span>
      </div>
      <div
        role="meter"
        aria-labelledby={id}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={value}
        className="mt-1 h-2.5 overflow-hidden rounded-full bg-stone-200"
      >
        <BarFill percent={percent} className={`${TONES[tone]} transition-[width]`} />
      </div>
    </div>
  );
}
