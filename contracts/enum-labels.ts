/** How each shared value is named to a person, in the session list's filters and wherever else it is shown. */
import type { Mode, OutcomeFilter, SessionSort, SessionStatus } from "./enums";

export const MODE_LABELS: Record<Mode, string> = { practice: "Practice", assessment: "Assessment" };

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  active: "Unfinished",
  completed: "Completed",
  abandoned: "Abandoned",
};

export const OUTCOME_FILTER_LABELS: Record<OutcomeFilter, string> = {
  connected: "Connected",
  mixed: "Mixed",
  disengaged: "Disengaged",
  none: "No ending yet",
};

export const SESSION_SORT_LABELS: Record<SessionSort, string> = {
  startedAt: "Start time",
  participant: "Participant",
  scenarioId: "Scenario",
  outcome: "Outcome",
};
