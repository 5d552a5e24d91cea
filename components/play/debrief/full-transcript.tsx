"use client";
/**
 * The whole session under the summary, folded away until asked for: what each kind of response
 * chosen does (once per kind), then every turn under a heading of its own, with its feedback,
 * the strongest option when another was chosen, the trainee's note, the reviewers' comments on
 * it, and a way to practise from it.
 */
import { useId } from "react";
import { kindMix, strongestAlternative } from "../../../machines/debrief";
import type { Replay } from "../../../machines/replay";
import { RESPONSE_KINDS } from "../../../scenarios/kinds";
import type { Scenario } from "../../../scenarios/types";
import { Button } from "../../ui/button";
import { signed } from "../feedback-card";
import type { OpenPractice } from "./key-turns";
import { EFFECT_STYLE, EFFECT_WORD, plural, turnAnchor, turnLabel } from "./labels";
import { CommentItem, orderedComments } from "./session-comments";
import type { SessionRecord } from "./session-record";

export function FullTranscript({
  scenario,
  replay,
  open,
  onToggle,
  record,
  onPractice,
}: {
  scenario: Scenario;
  replay: Replay;
  open: boolean;
  onToggle: () => void;
  /** The server's record of the session, for its comments and notes; null while there is none. */
  record: SessionRecord | null;
  onPractice: OpenPractice;
}) {
  const regionId = useId();
  const name = scenario.roles.counterpart.name;
  const mix = kindMix(replay.turns);
  const comments = orderedComments(record?.comments ?? []);
  return (
    <section aria-labelledby="debrief-transcript-heading" className="space-y-3 border-t border-stone-200 pt-4">
      <h3 id="debrief-transcript-heading" className="text-lg font-semibold">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={regionId}
          onClick={onToggle}
          className="inline-flex items-baseline gap-3 rounded py-1 text-left hover:text-brand-800"
        >
          <span>
            Full transcript <span className="font-normal text-stone-700">({plural(replay.turns.length, "turn")})</span>
          </span>
          <span aria-hidden="true" className="text-sm font-normal text-stone-700">
            {open ? "Hide ▴" : "Show ▾"}
          </span>
        </button>
      </h3>
      <div id={regionId} hidden={!open} className="max-w-4xl space-y-5">
        <section aria-labelledby="debrief-kinds-heading" className="space-y-2">
          <h4 id="debrief-kinds-heading" className="font-semibold">
            The kinds of response you chose
          </h4>
          <dl className="space-y-2 text-sm">
            {mix.map(({ kind, count }) => {
              const k = RESPONSE_KINDS[kind];
              return (
                <div key={kind} className={`rounded-lg border p-2 ${EFFECT_STYLE[k.effect]}`}>
                  <dt className="font-medium">
                    {k.label} <span className="font-normal text-stone-700">({EFFECT_WORD[k.effect]}; chosen {count === 1 ? "once" : `${count} times`})</span>
                  </dt>
                  <dd className="text-stone-800">{k.why}</dd>
                </div>
              );
            })}
          </dl>
        </section>

        <ol className="space-y-4">
          {replay.turns.map((t) => {
            const n = t.index + 1;
            const alt = strongestAlternative(t);
            const kind = RESPONSE_KINDS[t.kind];
            const note = record?.notes[n];
            const onTurn = comments.filter((c) => c.turn === n);
            return (
              <li key={t.index} className="space-y-2 rounded-lg border border-stone-200 bg-white p-3">
                <h4 id={turnAnchor(t.index)} tabIndex={-1} className="scroll-mt-4 font-semibold">
                  Turn {n}: {turnLabel(t)} <span className="font-normal text-stone-700">({EFFECT_WORD[kind.effect]})</span>
                </h4>
                <p>
                  <span className="font-medium text-stone-700">{name}:</span> {t.lines.join(" ")}
                </p>
                <p>
                  <span className="font-medium text-brand-800">You:</span> {t.choice.say}
                </p>
                <div className={`space-y-1 rounded-lg border p-2 text-sm ${EFFECT_STYLE[kind.effect]}`}>
                  {t.choice.feedback && <p>{t.choice.feedback}</p>}
                  <p className="text-stone-700">
                    Rapport {signed(t.choice.rapport)} → {t.after.rapport}; mutuality {signed(t.choice.mutuality)} → {t.after.mutuality}
                  </p>
                </div>
                {note && (
                  <p className="text-sm">
                    <span className="font-medium">Your note:</span> <span className="whitespace-pre-wrap">{note}</span>
                  </p>
                )}
                <p className="text-sm">
                  {alt ? (
                    <>
                      <span className="font-medium">Strongest option on offer:</span> “{alt.say}” ({RESPONSE_KINDS[alt.kind].label}, rapport {signed(alt.rapport)},
                      mutuality {signed(alt.mutuality)})
                    </>
                  ) : (
                    "This was the strongest option on offer."
                  )}
                </p>
                {onTurn.length > 0 && (
                  <ul className="space-y-2" aria-label={`Comments on turn ${n}`}>
                    {onTurn.map((c) => (
                      <CommentItem key={c.id} comment={c} />
                    ))}
                  </ul>
                )}
                <div className="flex flex-wrap gap-2">
                  {alt && (
                    <Button
                      variant="secondary"
                      size="sm"
                      data-practice-trigger={`turn-${n}-strongest`}
                      onClick={() => onPractice({ index: t.index, first: alt.id }, `turn-${n}-strongest`)}
                      aria-label={`Try the strongest option at turn ${n}`}
                    >
                      Try the strongest option
                    </Button>
                  )}
                  <Button variant="secondary" size="sm" data-practice-trigger={`turn-${n}`} onClick={() => onPractice({ index: t.index }, `turn-${n}`)}
                    aria-label={`Try another option from here (turn ${n})`}
                  >
                    Try another option from here
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
