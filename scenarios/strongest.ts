/** Which choice of a turn is the strongest: the debrief's "strongest option" and the checker's `best-tie`. */
import { strengthRank } from "./kinds";
import type { Choice } from "./types";

/** A choice's combined meter gain. */
export const strengthOf = (c: Pick<Choice, "rapport" | "mutuality">) => c.rapport + c.mutuality;

/**
 * The strongest of some choices: the one marked `best: true`, else the largest rapport plus
 * mutuality, ties decided by the kind order (`STRENGTH_ORDER`: a complex reflection first), then
 * by file order.
 */
export function strongestOf<C extends Choice>(choices: readonly C[]): C | undefined {
  const marked = choices.find((c) => c.best);
  if (marked) return marked;
  let best: C | undefined;
  for (const c of choices) {
    if (!best) best = c;
    else {
      const d = strengthOf(c) - strengthOf(best);
      if (d > 0 || (d === 0 && strengthRank(c) < strengthRank(best))) best = c;
    }
  }
  return best;
}
