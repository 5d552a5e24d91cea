import { ASSIGNMENT_STATE_LABELS } from "../../contracts/enum-labels";
import type { AssignmentState } from "../../contracts/enums";

const LOOK: Record<AssignmentState, string> = {
  overdue: "border-red-300 bg-red-50 text-red-900",
  "in-progress": "border-amber-300 bg-amber-50 text-amber-900",
  open: "border-stone-300 bg-white text-stone-800",
  done: "border-brand-600 bg-brand-50 text-brand-800",
};

/** Where a trainee stands on an assignment, as a small labelled pill; the words carry it, not the colour. */
export function StateBadge({ state }: { state: AssignmentState }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${LOOK[state]}`}>
      {ASSIGNMENT_STATE_LABELS[state]}
    </span>
  );
}
