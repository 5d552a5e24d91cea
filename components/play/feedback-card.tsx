import type { ReactNode } from "react";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import type { Choice, MeterName, Meters } from "../../scenarios/types";
import { METER_MAX, METER_MIN } from "./meanings";

const EFFECT_STYLE = {
  helpful: "border-emerald-500 bg-emerald-50/70",
  neutral: "border-stone-400 bg-stone-100/70",
  harmful: "border-amber-500 bg-amber-50/80",
} as const;
const EFFECT_LABEL = { helpful: "Helps", neutral: "Neutral", harmful: "Hurts" } as const;

export const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "±0" : `−${Math.abs(n)}`);

/**
 * The meters a choice would have moved past 100 or below 0, and where each stopped: known only
 * when the meters before the choice are.
 */
export function clampedMeters(choice: Choice, before: Meters | undefined, after: Meters): { meter: MeterName; at: number }[] {
  if (!before) return [];
  return (["rapport", "mutuality"] as const)
    .filter((m) => before[m] + choice[m] !== after[m] && (after[m] === METER_MAX || after[m] === METER_MIN))
    .map((m) => ({ meter: m, at: after[m] }));
}

const METER_WORD = { rapport: "Rapport", mutuality: "Mutuality" } as const;

/**
 * What a choice did: its kind, the scenario's feedback, why that kind helps or hurts, the meter
 * changes (and, given the meters `before`, a word where a meter stopped at 100 or 0); then
 * `children` (the trainee's note).
 */
export function FeedbackCard({ choice, after, before, children }: { choice: Choice; after: Meters; before?: Meters; children?: ReactNode }) {
  const kind = RESPONSE_KINDS[choice.kind];
  const clamped = clampedMeters(choice, before, after);
  return (
    <div className={`rounded-lg border-l-4 px-4 py-3 text-sm leading-relaxed ${EFFECT_STYLE[kind.effect]}`}>
      <p className="font-semibold">
        {EFFECT_LABEL[kind.effect]}: {kind.label}
        {choice.reflection ? ` (${choice.reflection} reflection)` : ""}
      </p>
      {choice.feedback && <p className="mt-1 text-stone-900">{choice.feedback}</p>}
      <p className="mt-1 text-stone-700">{kind.why}</p>
      <p className="mt-2 text-xs text-stone-700 tabular-nums">
        Rapport {signed(choice.rapport)} → {after.rapport}; mutuality {signed(choice.mutuality)} → {after.mutuality}
      </p>
      {clamped.length > 0 && (
        <p className="mt-1 text-xs text-stone-700">
          {clamped.map((c, i) => `${i === 0 ? METER_WORD[c.meter] : c.meter} stopped at ${c.at}`).join("; ")}: the meters run from {METER_MIN} to{" "}
          {METER_MAX} and go no further.
        </p>
      )}
      {children}
    </div>
  );
}
