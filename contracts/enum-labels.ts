/** How each shared value is named to a person, in the session list's filters and wherever else it is shown. */
import type { AssignmentState, AuditAction, EraseMode, Membership, Mode, OutcomeFilter, ReviewFilter, Role, SessionSort, SessionStatus } from "./enums";

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
  startedAt: "Started",
  participant: "Participant",
  scenario: "Scenario",
  turns: "Turns",
  outcome: "Outcome",
  review: "Review",
};

export const REVIEW_FILTER_LABELS: Record<ReviewFilter, string> = {
  needed: "Needs review",
  done: "Reviewed",
};

export const ROLE_LABELS: Record<Role, string> = { trainee: "Trainee", supervisor: "Supervisor", trainer: "Trainer", admin: "Administrator" };

export const MEMBERSHIP_LABELS: Record<Membership, string> = { trainee: "Trainee", staff: "Supervisor or trainer" };

export const ASSIGNMENT_STATE_LABELS: Record<AssignmentState, string> = {
  overdue: "Overdue",
  "in-progress": "In progress",
  open: "Not started",
  done: "Done",
};

export const ERASE_MODE_LABELS: Record<EraseMode, string> = {
  delete: "Delete their sessions",
  anonymise: "Keep their sessions without their name, for statistics",
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "sign-in": "Signed in",
  "sign-in-refused": "Sign-in refused (deactivated)",
  "password-set": "Set a password through a link",
  "account-created": "Account created",
  "link-issued": "Set-password link issued",
  "roles-changed": "Roles changed",
  "account-deactivated": "Account deactivated",
  "account-reactivated": "Account reactivated",
  "account-exported": "Personal data exported",
  "account-erased": "Account erased",
  "cohort-created": "Cohort created",
  "cohort-renamed": "Cohort renamed",
  "cohort-deleted": "Cohort deleted",
  "cohort-member-added": "Added to a cohort",
  "cohort-member-removed": "Removed from a cohort",
  "assignment-created": "Scenario assigned",
  "assignment-removed": "Assignment removed",
  "comment-edited": "Comment edited",
  "comment-deleted": "Comment deleted",
};
