/**
 * The values every part of the program shares: modes, session statuses, outcomes, sort keys.
 * Each is spelled here once, as a zod enum with its TypeScript type beside it; the route
 * handlers, the store, the pages and the client all take them from here.
 *
 * Written with zod/mini, as are the answers the browser parses: the browser loads zod/mini and
 * these schemas apart from the page (components/api/request-json.ts), and full zod would be
 * several times that download. Mini schemas nest inside full zod ones.
 */
import "../scenarios/zod-in-browser";
import * as z from "zod/mini";
import { OUTCOMES, type Outcome } from "../scenarios/types";
import { MODES } from "./modes";

export { MODES };
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

/** Where a session stands. */
export const SESSION_STATUSES = ["active", "completed", "abandoned"] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** How a session can be ended: completed at an ending, or abandoned at any point. */
export const END_STATUSES = ["completed", "abandoned"] as const satisfies readonly SessionStatus[];
export const endStatusSchema = z.enum(END_STATUSES);
export type EndStatus = z.infer<typeof endStatusSchema>;

/** How a conversation ended (defined with the scenario format, repeated here as an enum). */
export const outcomeSchema = z.enum(OUTCOMES);
export { OUTCOMES, type Outcome };

/** What the session list can be filtered by for the outcome: an outcome, or none reached yet. */
export const OUTCOME_FILTERS: readonly (Outcome | "none")[] = [...OUTCOMES, "none"];
export const outcomeFilterSchema = z.enum(OUTCOME_FILTERS);
export type OutcomeFilter = z.infer<typeof outcomeFilterSchema>;

/** What the session list can be sorted by (`scenario` sorts by the title of the version played). */
export const SESSION_SORTS = ["startedAt", "participant", "scenario", "turns", "outcome", "review"] as const;
export const sessionSortSchema = z.enum(SESSION_SORTS);
export type SessionSort = z.infer<typeof sessionSortSchema>;

/** The session list's review filter: ended sessions not yet marked reviewed (but those abandoned after 0 or 1 turns), or those marked. */
export const REVIEW_FILTERS = ["needed", "done"] as const;
export const reviewFilterSchema = z.enum(REVIEW_FILTERS);
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;

export const SORT_ORDERS = ["asc", "desc"] as const;
export const sortOrderSchema = z.enum(SORT_ORDERS);
export type SortOrder = z.infer<typeof sortOrderSchema>;

/** The formats a session is exported in. */
export const EXPORT_FORMATS = ["markdown", "json", "xapi"] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** What an account may do; one account may hold several. */
export const ROLES = ["trainee", "supervisor", "trainer", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** How a person belongs to a cohort: as one of its trainees, or as its staff (a supervisor or trainer). */
export const MEMBERSHIPS = ["trainee", "staff"] as const;
export const membershipSchema = z.enum(MEMBERSHIPS);
export type Membership = z.infer<typeof membershipSchema>;

/**
 * Where a trainee stands on an assignment: done (a session of it, in its mode, completed since it
 * was assigned), overdue (its due day has passed without that), in progress (such a session is
 * unfinished), or open (not started).
 */
export const ASSIGNMENT_STATES = ["overdue", "in-progress", "open", "done"] as const;
export const assignmentStateSchema = z.enum(ASSIGNMENT_STATES);
export type AssignmentState = z.infer<typeof assignmentStateSchema>;

/** What erasing an account does with its practice sessions: delete them, or keep them without a name for the statistics. */
export const ERASE_MODES = ["delete", "anonymise"] as const;
export const eraseModeSchema = z.enum(ERASE_MODES);
export type EraseMode = z.infer<typeof eraseModeSchema>;

/** What the audit log records. */
export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-in-refused",
  "password-set",
  "account-created",
  "link-issued",
  "roles-changed",
  "account-deactivated",
  "account-reactivated",
  "account-exported",
  "account-erased",
  "cohort-created",
  "cohort-renamed",
  "cohort-deleted",
  "cohort-member-added",
  "cohort-member-removed",
  "assignment-created",
  "assignment-removed",
  "comment-edited",
  "comment-deleted",
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;
