/**
 * The session API's request bodies (the table in README.md): the route handlers read every body
 * with one of these, so a body is refused field by field before any rule about sessions runs.
 */
import "../scenarios/zod-in-browser";
import { z } from "zod";
import { KEBAB_CASE } from "../scenarios/schema";
import { endStatusSchema, modeSchema } from "./enums";
import { COMMENT_MAX_LENGTH } from "./limits";
import { optionalText, text } from "./text";

/** Session ids are UUIDs: anything else names no session, and is refused without touching storage. */
export const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A session never gets near this many turns; the bound keeps numbers sane all the way to the database. */
const turnNumber = z.int().min(1).max(10_000);

/** `POST /api/sessions`: starts a session on the scenario's current version. */
export const startRequestSchema = z.strictObject({
  scenarioId: z.string().max(64).regex(KEBAB_CASE, "must be a scenario id"),
  mode: modeSchema,
});

/** `POST /api/sessions/:id/choices`: the choice at turn `seq`; the client never sends scores. */
export const choiceRequestSchema = z.strictObject({
  seq: turnNumber,
  choiceId: z
    .string()
    .max(64, "must be at most 64 characters")
    .regex(KEBAB_CASE, "must be a choice id: kebab-case, or the choice's position (1, 2, …)"),
  timeTakenMs: z.int().min(0).max(24 * 60 * 60 * 1000),
});

/** `POST /api/sessions/:id/take-back`: takes back turn `seq`, the last one. */
export const takeBackRequestSchema = z.strictObject({ seq: turnNumber });

/** `POST /api/sessions/:id/end`: completes (at an ending) or abandons. */
export const endRequestSchema = z.strictObject({ status: endStatusSchema });

export { COMMENT_MAX_LENGTH };

/** `POST /api/sessions/:id/comments`: a reviewer's comment on a turn, or on the whole session (`turn: null`). */
export const commentRequestSchema = z.strictObject({
  turn: turnNumber.nullable(),
  body: text(COMMENT_MAX_LENGTH, { multiline: true }),
});

/** `PATCH /api/sessions/:id/comments/:commentId`: the comment's new text, by its author. */
export const commentEditRequestSchema = z.strictObject({
  body: text(COMMENT_MAX_LENGTH, { multiline: true }),
});

/** The most characters a trainee's note on a choice may have, once trimmed. */
export const NOTE_MAX_LENGTH = 500;

/**
 * `POST /api/sessions/:id/choices/:seq/note`: the trainee's note on why they made the choice at
 * turn `seq` (practice mode). Trimmed; empty clears it (null). `choiceId`, when given, is the
 * choice the note is about: a note is not put on another choice made at that turn after a take-back.
 */
export const noteRequestSchema = z.strictObject({
  note: optionalText(NOTE_MAX_LENGTH, { multiline: true }),
  choiceId: z
    .string()
    .max(64, "must be at most 64 characters")
    .regex(KEBAB_CASE, "must be a choice id")
    .optional(),
});

/** `POST /api/sessions/:id/review`: the reviewed mark. */
export const reviewRequestSchema = z.strictObject({ reviewed: z.boolean() });

export type StartRequest = z.output<typeof startRequestSchema>;
export type ChoiceRequest = z.output<typeof choiceRequestSchema>;
export type TakeBackRequest = z.output<typeof takeBackRequestSchema>;
export type EndRequest = z.output<typeof endRequestSchema>;
export type CommentRequest = z.output<typeof commentRequestSchema>;
export type CommentEditRequest = z.output<typeof commentEditRequestSchema>;
export type NoteRequest = z.output<typeof noteRequestSchema>;
export type ReviewRequest = z.output<typeof reviewRequestSchema>;
