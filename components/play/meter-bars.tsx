import type { Meters } from "../../scenarios/types";

const METER_COLORS = { rapport: "bg-brand-600", mutuality: "bg-indigo-600" } as const;

/** Rapport and mutuality as meters a screen reader announces, with bars for the eye. */
export function MeterBars({ meters }: { meters: Meters }) {
  return (
    <div className="grid grid-cols-2 gap-3" aria-label="Meters" role="group">
      {(["rapport", "mutuality"] as const).map((m) => (
        <div key={m}>
          <div className="flex justify-between text-sm">
            <span id={`meter-${m}`} className="capitalize">
              {m}
            </span>
            <span aria-hidden="true">{meters[m]}</span>
          </div>
          <div
            role="meter"
            aria-labelledby={`meter-${m}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={meters[m]}
            className="mt-1 h-2.5 overflow-hidden rounded-full bg-stone-200"
          >
            <div className={`h-full ${METER_COLORS[m]} transition-[width]`} style={{ width: `${meters[m]}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}
