import type { ResponseKindId } from "../kinds";
import type { Outcome } from "../types";

/** What import writes where the Twee file lacks something a scenario needs; each use comes with a warning. */
export const PLACEHOLDER = {
  title: "Imported from Twee",
  summary: "Imported from Twee: write a summary.",
  trainee: "Peer specialist",
  counterpart: "Counterpart",
  say: "(no line in the Twee file)",
  kind: "closed-question" as ResponseKindId,
  outcome: "mixed" as Outcome,
};
