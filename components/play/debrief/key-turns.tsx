"use client";
/** The two or three turns that mattered most (machines/debrief.ts `keyTurns`), each with a way to practise it again. */
import type { KeyTurn } from "../../../machines/debrief";
import { RESPONSE_KINDS } from "../../../scenarios/kinds";
import { Button } from "../../ui/button";
import { EFFECT_STYLE, EFFECT_WORD, reasonText, turnLabel } from "./labels";
import type { PracticeStart } from "./practice-replay";

/** What opens a practice: where it begins, and the button that asked, to give the focus back to. */
export type OpenPractice = (start: PracticeStart, trigger: string) => void;

export function KeyTurns({
  turns,
  onPractice,
  onShowTurn,
  className = "",
}: {
  turns: readonly KeyTurn[];
  onPractice: OpenPractice;
  onShowTurn: (index: number) => void;
  /** For layout only. */
  className?: string;
}) {
  return (
    <section aria-labelledby="debrief-key-turns-heading" className={`space-y-2 ${className}`}>
      <h3 id="debrief-key-turns-heading" className="text-lg font-semibold">
        The turns that mattered most
      </h3>
      {turns.length === 0 ? (
        <p className="text-sm text-stone-700">No turn stood out: the meters did not move and the strongest option was chosen every time.</p>
      ) : (
        <ol className="grid gap-3 @4xl:grid-cols-3">
          {turns.map((k) => {
            const n = k.turn.index + 1;
            const effect = RESPONSE_KINDS[k.turn.kind].effect;
            return (
              <li key={k.turn.index} className={`flex flex-col gap-1.5 rounded-lg border-l-4 bg-white p-3 shadow-sm ring-1 ring-stone-200 ${EFFECT_STYLE[effect].split(" ")[0]}`}>
                <p className="font-semibold">
                  Turn {n}: {turnLabel(k.turn)} <span className="font-normal text-stone-700">({EFFECT_WORD[effect]})</span>
                </p>
                <p className="text-sm">
                  <span className="text-stone-700">You said:</span> “{k.turn.choice.say}”
                </p>
                <ul className="flex flex-wrap gap-1.5 text-xs" aria-label={`Why turn ${n} mattered`}>
                  {k.reasons.map((r) => (
                    <li
                      key={r.type}
                      className={`rounded px-1.5 py-0.5 ${r.type === "harmful" ? "bg-amber-100 text-amber-950" : r.type === "missed" ? "bg-sky-100 text-sky-950" : "bg-stone-100 text-stone-800"}`}
                    >
                      {reasonText(r)}
                    </li>
                  ))}
                </ul>
                <div className="mt-auto flex flex-wrap gap-2 pt-1">
                  {k.missed && (
                    <Button
                      variant="primary"
                      size="sm"
                      data-practice-trigger={`key-${n}-strongest`}
                      onClick={() => onPractice({ index: k.turn.index, first: k.missed!.id }, `key-${n}-strongest`)}
                      aria-label={`Try the strongest option at turn ${n}`}
                    >
                      Try the strongest option
                    </Button>
                  )}
                  <Button
                    variant={k.missed ? "secondary" : "primary"}
                    size="sm"
                    data-practice-trigger={`key-${n}`}
                    onClick={() => onPractice({ index: k.turn.index }, `key-${n}`)}
                    aria-label={`Try another option from here (turn ${n})`}
                  >
                    Try another option from here
                  </Button>
                  <Button variant="quiet" size="sm" className="text-sm" onClick={() => onShowTurn(k.turn.index)}>
                    Read turn {n} in the transcript
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
