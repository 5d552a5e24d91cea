/**
 * The session API's answers (the table in README.md): the route handlers type what they answer
 * by these, and the browser parses what it receives with them (components/api/request-json.ts).
 * zod/mini keeps what the browser downloads for that small (see enums.ts).
 */
import "../scenarios/zod-in-browser";
import * as z from "zod/mini";
import { RESPONSE_KIND_IDS } from "../scenarios/kinds";
import type { Scenario } from "../scenarios/types";
import { modeSchema, outcomeSchema, roleSchema, sessionStatusSchema } from "./enums";

// Offsets are allowed because rows may come from a database that keeps the writer's zone.
const time = z.iso.datetime({ offset: true });
const count = z.int().check(z.minimum(0));
const position = z.int().check(z.minimum(1));
const meters = z.strictObject({ rapport: z.int(), mutuality: z.int() });
const meter = z.int().check(z.minimum(0), z.maximum(100));
const replayedMeters = z.strictObject({ rapport: meter, mutuality: meter });

/** A session as stored. */
export const sessionSchema = z.strictObject({
  id: z.string(),
  scenarioId: z.string(),
  /** SHA-256 of the scenario version's canonical JSON; that version is stored whole. */
  scenarioHash: z.string(),
  mode: modeSchema,
  /** The display name of the account that played it (for sessions stored before accounts, the name the trainee gave). */
  participant: z.string(),
  /** The account that played it; null for sessions stored before accounts existed. */
  userId: z.nullable(z.string()),
  /** Fixes the order choices are shown in. */
  seed: z.int(),
  status: sessionStatusSchema,
  startedAt: time,
  endedAt: z.nullable(time),
  outcome: z.nullable(outcomeSchema),
  /** Meters at the end, computed by the server's replay. */
  finalMeters: z.nullable(meters),
  reviewed: z.boolean(),
  /** Number of choices stored. */
  turns: count,
});

/** A choice as stored. */
export const storedChoiceSchema = z.strictObject({
  sessionId: z.string(),
  /** 1-based position in the session. */
  seq: position,
  choiceId: z.string(),
  /** How long the trainee took to choose. */
  timeTakenMs: count,
  createdAt: time,
  /** The trainee's note on why they chose it (practice mode only), at most 500 characters; null for none. Plain text. */
  note: z.nullable(z.string()),
});

/** A reviewer's comment as stored. */
export const storedCommentSchema = z.strictObject({
  id: z.string(),
  sessionId: z.string(),
  /** 1-based turn the comment is on; null for the whole session. */
  turn: z.nullable(position),
  author: z.string(),
  /** The account that wrote it; null for comments from before accounts, and once that account is erased. */
  authorId: z.nullable(z.string()),
  body: z.string(),
  createdAt: time,
  /** When its author last changed its text; null while it has never been edited. */
  editedAt: z.nullable(time),
});

export type Session = z.output<typeof sessionSchema>;
export type StoredChoice = z.output<typeof storedChoiceSchema>;
export type StoredComment = z.output<typeof storedCommentSchema>;

/**
 * The scenario version a session was played on, in the scenario format's normalized form. It was
 * validated when it was stored and is found by its hash, so only its outline is checked here.
 */
const scenarioVersionSchema = z.custom<Scenario>((v) => {
  const s = v as Partial<Record<keyof Scenario, unknown>> | null;
  return typeof s === "object" && s !== null && s.format === 1 && typeof s.id === "string" && typeof s.nodes === "object" && s.nodes !== null;
}, "must be a scenario version");

/** The server's replay of a session's stored choices, as far as they replay. */
const replayedTranscriptSchema = z.strictObject({
  /** Why the replay stops short of the stored choices, as a sentence; null when it covers them all. */
  notice: z.nullable(z.string()),
  /** Whether the conversation reached an ending. */
  done: z.boolean(),
  ending: z.nullable(
    z.strictObject({
      id: z.string(),
      outcome: outcomeSchema,
      lines: z.array(z.string()),
      debrief: z.optional(z.string()),
    }),
  ),
  meters: replayedMeters,
  turns: z.array(
    z.strictObject({
      /** 1-based. */
      turn: position,
      nodeId: z.string(),
      choiceId: z.string(),
      kind: z.enum(RESPONSE_KIND_IDS),
      deltas: meters,
      before: replayedMeters,
      after: replayedMeters,
    }),
  ),
});

/** `POST /api/sessions` (201). */
export const startAnswerSchema = z.strictObject({ session: sessionSchema });

/** `GET /api/sessions/:id`: the session, its scenario version, choices, comments and the server's replay. */
export const sessionDetailAnswerSchema = z.strictObject({
  session: sessionSchema,
  scenario: scenarioVersionSchema,
  /** Every stored choice, in order. */
  choices: z.array(storedChoiceSchema),
  comments: z.array(storedCommentSchema),
  transcript: replayedTranscriptSchema,
});

/** `POST /api/sessions/:id/choices`: 201 when stored, 200 for a retry of a stored turn (`repeated`). */
export const choiceAnswerSchema = z.strictObject({
  choice: storedChoiceSchema,
  repeated: z.boolean(),
  /** The number of choices stored once this one is. */
  turns: position,
});

/** `POST /api/sessions/:id/choices/:seq/note`: the choice with its note as stored now. */
export const noteAnswerSchema = z.strictObject({ choice: storedChoiceSchema });

/** `POST /api/sessions/:id/take-back`. */
export const takeBackAnswerSchema = z.strictObject({ session: sessionSchema });

/** `POST /api/sessions/:id/end`. */
export const endAnswerSchema = z.strictObject({ session: sessionSchema });

/** `POST /api/sessions/:id/comments` (201). */
export const commentAnswerSchema = z.strictObject({ comment: storedCommentSchema });

/** `PATCH /api/sessions/:id/comments/:commentId`: the comment as stored now. */
export const commentEditAnswerSchema = z.strictObject({ comment: storedCommentSchema });

/** `DELETE /api/sessions/:id/comments/:commentId`: the id of the comment deleted. */
export const commentDeleteAnswerSchema = z.strictObject({ deleted: z.string() });

/** `POST /api/sessions/:id/review`. */
export const reviewAnswerSchema = z.strictObject({ reviewed: z.boolean() });

/** Every refusal and failure: a sentence, and for a body that does not fit its schema, one issue per field. */
/** An account as the app shows it (never its password). */
export const accountSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
});

/** `POST /api/setup`: the first administrator, made. */
export const accountAnswerSchema = z.strictObject({ account: accountSchema });

/** `POST /api/auth/sign-in/email` and `/api/auth/sign-out`: what the app reads of the library's answer is only that it succeeded. */
export const authAnswerSchema = z.looseObject({});

export const errorAnswerSchema = z.strictObject({
  error: z.string().check(z.minLength(1)),
  issues: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
});

export type StartAnswer = z.output<typeof startAnswerSchema>;
export type SessionDetailAnswer = z.output<typeof sessionDetailAnswerSchema>;
export type ChoiceAnswer = z.output<typeof choiceAnswerSchema>;
export type NoteAnswer = z.output<typeof noteAnswerSchema>;
export type TakeBackAnswer = z.output<typeof takeBackAnswerSchema>;
export type EndAnswer = z.output<typeof endAnswerSchema>;
export type CommentAnswer = z.output<typeof commentAnswerSchema>;
export type CommentEditAnswer = z.output<typeof commentEditAnswerSchema>;
export type CommentDeleteAnswer = z.output<typeof commentDeleteAnswerSchema>;
export type ReviewAnswer = z.output<typeof reviewAnswerSchema>;
export type AccountAnswer = z.output<typeof accountAnswerSchema>;
export type ErrorAnswer = z.output<typeof errorAnswerSchema>;
/** One field of a request body that does not fit its schema. */
export type Issue = NonNullable<ErrorAnswer["issues"]>[number];
