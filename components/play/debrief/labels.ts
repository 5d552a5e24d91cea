/** Words the debrief's parts share: how a turn is named and what made it count. */
import type { KeyTurnReason } from "../../../machines/debrief";
import type { TranscriptTurn } from "../../../machines/replay";
import { RESPONSE_KINDS, type KindEffect } from "../../../scenarios/kinds";
import type { Outcome } from "../../../scenarios/types";
import { signed } from "../feedback-card";

/** What a kind's effect is called beside a turn, as the feedback during play calls it. */
export const EFFECT_WORD: Record<KindEffect, string> = { helpful: "helps", neutral: "neutral", harmful: "hurts" };

export const EFFECT_STYLE: Record<KindEffect, string> = {
  helpful: "border-emerald-300 bg-emerald-50",
  neutral: "border-stone-300 bg-stone-100",
  harmful: "border-amber-300 bg-amber-50",
};

export const OUTCOME_TEXT: Record<Outcome, { label: string; style: string }> = {
  connected: { label: "Connected", style: "border-emerald-300 bg-emerald-50" },
  mixed: { label: "Mixed", style: "border-amber-300 bg-amber-50" },
  disengaged: { label: "Disengaged", style: "border-rose-300 bg-rose-50" },
};

/** A turn's short label: the kind of response chosen, with a complex or simple reflection named. */
export function turnLabel(turn: Pick<TranscriptTurn, "choice">): string {
  const kind = RESPONSE_KINDS[turn.choice.kind];
  return turn.choice.reflection ? `${kind.label} (${turn.choice.reflection} reflection)` : kind.label;
}

/** The id of a turn's heading in the full transcript, to link to. */
export const turnAnchor = (index: number) => `debrief-turn-${index + 1}`;

/** Why a turn mattered, in a few words. */
export function reasonText(reason: KeyTurnReason): string {
  switch (reason.type) {
    case "harmful":
      return "A harmful response";
    case "missed":
      return reason.gain > 0 ? `Missed the strongest option (${signed(reason.gain)} more)` : "Missed the strongest option";
    case "swing":
      return `Rapport ${signed(reason.rapport)}, mutuality ${signed(reason.mutuality)}`;
  }
}

/** "1 turn", "3 turns". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
