/** The audit log's entries in words, for the pages that list them. */
import { MEMBERSHIP_LABELS, MODE_LABELS, ROLE_LABELS } from "../../contracts/enum-labels";
import { MEMBERSHIPS, MODES, ROLES, type Membership, type Mode, type Role } from "../../contracts/enums";
import type { AuditAnswer } from "../../contracts/people-answers";

export type AuditEntryView = AuditAnswer["entries"][number];

const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === "string" && (values as readonly string[]).includes(v);
const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function roles(v: unknown): string {
  const list = Array.isArray(v) ? v.filter((r): r is Role => isOneOf(ROLES, r)) : [];
  return list.length === 0 ? "none" : list.map((r) => ROLE_LABELS[r]).join(", ");
}

/** The time of an entry as shown: day and minute, in UTC (the server does not know the reader's zone). */
export function auditTime(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

/**
 * What an entry's detail says, in a sentence or less; empty when the action needs no more words.
 * `cohortNames` names cohorts that entries only give by id; `scenarioTitles` names scenarios.
 */
export function auditDetailWords(
  entry: Pick<AuditEntryView, "action" | "detail">,
  names: { cohorts?: ReadonlyMap<string, string>; scenarios?: ReadonlyMap<string, string> } = {},
): string {
  const d = entry.detail ?? {};
  const cohortId = text(d.cohortId);
  const cohort = text(d.cohort) ?? (cohortId && names.cohorts?.get(cohortId));
  const inCohort = cohort ? `cohort “${cohort}”` : "a cohort since deleted";
  const membership = isOneOf<Membership>(MEMBERSHIPS, d.membership) ? MEMBERSHIP_LABELS[d.membership].toLowerCase() : undefined;
  const scenarioId = text(d.scenarioId);
  const scenario = scenarioId ? `“${names.scenarios?.get(scenarioId) ?? scenarioId}”` : "a scenario";
  switch (entry.action) {
    case "account-created":
      return `With the roles ${roles(d.roles)}${text(d.email) ? `, email ${text(d.email)}` : ""}.`;
    case "roles-changed":
      return `From ${roles(d.from)} to ${roles(d.to)}.`;
    case "cohort-member-added":
      return `To ${inCohort}${membership ? `, as ${membership}` : ""}.`;
    case "cohort-member-removed":
      return `From ${inCohort}${membership ? `, where they were ${membership}` : ""}.`;
    case "cohort-created":
    case "cohort-deleted":
      return cohort ? `Cohort “${cohort}”.` : "";
    case "cohort-renamed":
      return `From “${text(d.from) ?? "?"}” to “${text(d.to) ?? "?"}”.`;
    case "assignment-created": {
      const mode = isOneOf<Mode>(MODES, d.mode) ? ` in ${MODE_LABELS[d.mode].toLowerCase()} mode` : "";
      const due = text(d.dueOn) ? `, due ${text(d.dueOn)}` : ", no due date";
      return `${scenario}${mode} to ${inCohort}${due}.`;
    }
    case "assignment-removed":
      return `${scenario} from ${inCohort}.`;
    case "comment-edited":
    case "comment-deleted": {
      const where = typeof d.turn === "number" ? `On turn ${d.turn} of a session` : "On a whole session";
      const sessionId = text(d.sessionId);
      return `${where} of ${scenario}${sessionId ? ` (${sessionId.slice(0, 8)})` : ""}.`;
    }
    case "account-erased":
      return d.sessions === "anonymise" ? "Their sessions were kept without a name, for statistics." : "Their sessions were deleted.";
    default:
      return "";
  }
}
