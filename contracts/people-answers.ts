/**
 * The answers of the people, cohort and assignment API (administrators' and staff's requests).
 * Route handlers type what they answer by these; the browser parses them by name
 * (components/api/request-json.ts).
 */
import "../scenarios/zod-in-browser";
import * as z from "zod/mini";
import { auditActionSchema, membershipSchema, modeSchema, roleSchema } from "./enums";

const time = z.iso.datetime({ offset: true });
const count = z.int().check(z.minimum(0));

export const personSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  passwordSet: z.boolean(),
  cohorts: z.array(z.strictObject({ id: z.string(), name: z.string(), membership: membershipSchema })),
});

/** A one-time link that sets a password, to hand over. */
export const setPasswordLinkSchema = z.strictObject({
  url: z.string(),
  expiresAt: time,
  /** The address it was also mailed to, when the server sends mail. */
  mailedTo: z.nullable(z.string()),
});

export const cohortSummarySchema = z.strictObject({ id: z.string(), name: z.string(), trainees: count, staff: count, assignments: count });

export const assignmentSchema = z.strictObject({
  id: z.string(),
  cohortId: z.string(),
  cohortName: z.string(),
  scenarioId: z.string(),
  mode: modeSchema,
  dueOn: z.nullable(z.string()),
  createdAt: time,
  /** The turns (node ids, in the scenario's order) on which trainees are asked for a note on why they chose; empty for none. */
  rationaleNodes: z.array(z.string()),
});

/** Who did something recorded in the audit log, or whom it was done to, by the name they had then ("Erased account" once erased). */
export const auditPartySchema = z.strictObject({ id: z.string(), name: z.string() });

/** One entry of the audit log. */
export const auditEntrySchema = z.strictObject({
  id: z.string(),
  at: time,
  action: auditActionSchema,
  actor: z.nullable(auditPartySchema),
  subject: z.nullable(auditPartySchema),
  /** What changed, as the action records it: roles from and to, the cohort, the scenario, mode and due date… */
  detail: z.nullable(z.record(z.string(), z.unknown())),
});

/** `POST /api/admin/people/<id>/roles` and `/active`. */
export const personAnswerSchema = z.strictObject({ person: personSchema });
/** `POST /api/admin/people`: the account made, and the link that sets its password. */
export const newPersonAnswerSchema = z.strictObject({ person: personSchema, link: setPasswordLinkSchema });
/** `POST /api/admin/people/<id>/link`. */
export const linkAnswerSchema = z.strictObject({ link: setPasswordLinkSchema });
/** `POST /api/admin/cohorts`. */
export const cohortAnswerSchema = z.strictObject({ cohort: cohortSummarySchema });
/** `POST /api/assignments`. */
export const assignmentAnswerSchema = z.strictObject({ assignment: assignmentSchema });
/** `GET /api/admin/audit`: one page of entries, newest first, and how many there are in all. */
export const auditAnswerSchema = z.strictObject({ entries: z.array(auditEntrySchema), total: count });
/** A change that has nothing to answer but that it was made (rename, membership, removal, erasure). */
export const doneAnswerSchema = z.strictObject({ done: z.literal(true) });

export type PersonAnswer = z.output<typeof personAnswerSchema>;
export type NewPersonAnswer = z.output<typeof newPersonAnswerSchema>;
export type LinkAnswer = z.output<typeof linkAnswerSchema>;
export type CohortAnswer = z.output<typeof cohortAnswerSchema>;
export type AssignmentAnswer = z.output<typeof assignmentAnswerSchema>;
export type AuditAnswer = z.output<typeof auditAnswerSchema>;
export type DoneAnswer = z.output<typeof doneAnswerSchema>;
