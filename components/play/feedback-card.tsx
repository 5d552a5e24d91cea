import type { ReactNode } from "react";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import type { Choice, Meters } from "../../scenarios/types";

const EFFECT_STYLE = {
  helpful: "border-emerald-300 bg-emerald-50",
  neutral: "border-stone-300 bg-stone-100",
  harmful: "border-amber-300 bg-amber-50",
} as const;
const EFFECT_LABEL = { helpful: "Helps", neutral: "Neutral", harmful: "Hurts" } as const;

export const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "±0" : `−${Math.abs(n)}`);

/** What a choice did: its kind, why that kind helps or hurts, the scenario's feedback, the meter changes; then `children` (the trainee's note). */
export function FeedbackCard({ choice, after, children }: { choice: Choice; after: Meters; children?: ReactNode }) {
  const kind = RESPONSE_KINDS[choice.kind];
  return (
    <div className={`rounded-lg border p-3 text-sm ${EFFECT_STYLE[kind.effect]}`}>
      <p className="font-medium">
        {EFFECT_LABEL[kind.effect]}: {kind.label}
        {choice.reflection ? ` (${choice.reflection} reflection)` : ""}
      </p>
      {choice.feedback && <p className="mt-1">{choice.feedback}</p>}
      <p className="mt-1 text-stone-700">{kind.why}</p>
      <p className="mt-1 text-stone-700">
        Rapport {signed(choice.rapport)} → {after.rapport}; mutuality {signed(choice.mutuality)} → {after.mutuality}
      </p>
      {children}
    </div>
  );
}
