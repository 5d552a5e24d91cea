/**
 * The bodies of an administrator's requests about people and cohorts, and of assigning scenarios.
 * Every field is checked here; the server never trusts who a request says it is from.
 */
import "../scenarios/zod-in-browser";
import { z } from "zod";
import { emailSchema, displayNameSchema } from "./account-requests";
import { eraseModeSchema, membershipSchema, modeSchema, roleSchema } from "./enums";
import { KEBAB_CASE } from "../scenarios/schema";
import { text } from "./text";

/** Account and cohort ids: the library's (32 letters and digits) or the app's (UUIDs); nothing else is looked up. */
export const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const personIdSchema = z.string().regex(PERSON_ID, "must be an account id");
export const cohortIdSchema = z.string().regex(PERSON_ID, "must be a cohort id");

const rolesSchema = z
  .array(roleSchema)
  .min(1, "must name at least one role")
  .max(4)
  .transform((roles) => [...new Set(roles)]);

/** `POST /api/admin/people`: a new account, with no password yet; the answer carries the link that sets one. */
export const newPersonRequestSchema = z.strictObject({
  email: emailSchema,
  name: displayNameSchema,
  roles: rolesSchema,
  /** A cohort to put them in straight away (as a trainee, or as staff for a supervisor or trainer). */
  cohortId: z.nullable(cohortIdSchema).default(null),
});
export type NewPersonRequest = z.output<typeof newPersonRequestSchema>;

/** `POST /api/admin/people/<id>/roles`. */
export const rolesRequestSchema = z.strictObject({ roles: rolesSchema });

/** `POST /api/admin/people/<id>/active`: deactivate (false) or reactivate (true). */
export const activeRequestSchema = z.strictObject({ active: z.boolean() });

/** `POST /api/admin/people/<id>/erase`: the email typed again to confirm, and what happens to their sessions. */
export const eraseRequestSchema = z.strictObject({ mode: eraseModeSchema, confirmEmail: emailSchema });
export type EraseRequest = z.output<typeof eraseRequestSchema>;

/** `POST /api/admin/cohorts` and `POST /api/admin/cohorts/<id>` (rename). */
export const cohortRequestSchema = z.strictObject({ name: text(80) });

/** `POST /api/admin/cohorts/<id>/members`: add someone (or change how they belong). */
export const memberRequestSchema = z.strictObject({ userId: personIdSchema, membership: membershipSchema });

/** `GET /api/admin/audit?page=N&person=<id>`: a page of the audit log (from 1), only the entries by or about one account when `person` is given. */
export const auditQuerySchema = z.strictObject({
  page: z.coerce.number<string>({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be 1 or more").max(100_000, "must be at most 100000").default(1),
  person: z.optional(personIdSchema),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** A due date: a calendar day. */
export const dueOnSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "must be a real date");

/** The most turns an assignment can ask for a note on (a scenario has far fewer). */
export const MAX_RATIONALE_NODES = 200;

/** `POST /api/assignments`. */
export const assignmentRequestSchema = z.strictObject({
  cohortId: cohortIdSchema,
  scenarioId: z.string().min(1).max(200),
  mode: modeSchema,
  dueOn: z.nullable(dueOnSchema).default(null),
  /**
   * The scenario's turns (node ids) on which trainees are asked for a note on why they chose
   * their response; practice mode only. Absent or empty: none.
   */
  rationaleNodes: z
    .array(z.string().max(64, "must be at most 64 characters").regex(KEBAB_CASE, "must be a node id"))
    .max(MAX_RATIONALE_NODES, `must list at most ${MAX_RATIONALE_NODES} turns`)
    .optional(),
});
export type AssignmentRequest = z.output<typeof assignmentRequestSchema>;
