/**
 * What the play page keeps in the browser's storage: the session being played, so a reload or a
 * later visit resumes it, and the outbox's queue of what the server has not acknowledged yet
 * (choices, take-backs, the end, and notes on choices).
 * Both are read back with these schemas, so an entry that is damaged or was written by another
 * version of the page is set aside instead of trusted. The browser loads this module apart from
 * the page, as it does parse-answer.ts, so zod stays out of the page's first load.
 */
import "../scenarios/zod-in-browser";
import * as z from "zod/mini";
import { endStatusSchema, modeSchema } from "./enums";

/** A session as this browser keeps it (format 1, the `v` field). */
export const savedSessionSchema = z.object({
  v: z.literal(1),
  scenarioId: z.string(),
  /** The scenario version the session was played on. */
  hash: z.string(),
  mode: modeSchema,
  /** Fixes the order the choices are shown in for this session. */
  seed: z.number(),
  /** The choice ids made so far, in order. */
  choices: z.array(z.string()),
  startedAt: z.string(),
  /** Set once the debrief was opened. */
  finished: z.boolean(),
  /** The session's id on the server, where every choice is saved. */
  serverId: z.optional(z.string()),
  /** The name the trainee gave. */
  participant: z.optional(z.string()),
  /** The trainee's notes on their choices (practice mode), by turn (1-based, as text): the choice it is on and the note. */
  notes: z.optional(z.record(z.string(), z.object({ choiceId: z.string(), text: z.string() }))),
});

/** One thing the trainee did, as the server is told it: the body of a choice, a take-back or an end. */
export const sessionOpSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("choice"), seq: z.number(), choiceId: z.string(), timeTakenMs: z.number() }),
  z.object({ type: z.literal("take-back"), seq: z.number() }),
  z.object({ type: z.literal("end"), status: endStatusSchema }),
  /** The trainee's note on the choice at turn `seq` (which must still be `choiceId`); "" clears it. */
  z.object({ type: z.literal("note"), seq: z.number(), choiceId: z.string(), note: z.string() }),
]);

/** The operations an outbox keeps waiting, in the order they are to be sent. */
export const outboxQueueSchema = z.array(sessionOpSchema);

export type SavedSession = z.output<typeof savedSessionSchema>;
export type SessionOp = z.output<typeof sessionOpSchema>;
