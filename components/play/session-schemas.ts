/**
 * What the play page reads from outside, checked: its own entries in browser storage and the
 * session API's answers. Only ever imported with `import()`, when something is read, so that
 * zod is not part of the page's first load; the API schemas are local until the shared API
 * contracts exist, and switching to those is a change here alone.
 */
import { z } from "zod";
import { endStatusSchema, modeSchema, sessionStatusSchema } from "../../contracts/enums";
import type { SavedSession, SessionOp } from "../../machines/play-lifecycle";

/** A session as this browser keeps it (format 1). */
export const savedSessionSchema = z.object({
  v: z.literal(1),
  scenarioId: z.string(),
  hash: z.string(),
  mode: modeSchema,
  seed: z.number(),
  choices: z.array(z.string()),
  startedAt: z.string(),
  finished: z.boolean(),
  serverId: z.string().optional(),
  participant: z.string().optional(),
}) satisfies z.ZodType<SavedSession>;

/** The operations an outbox keeps waiting in this browser. */
export const outboxQueueSchema = z.array(
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("choice"), seq: z.number(), choiceId: z.string(), timeTakenMs: z.number() }),
    z.object({ type: z.literal("take-back"), seq: z.number() }),
    z.object({ type: z.literal("end"), status: endStatusSchema }),
  ]),
) satisfies z.ZodType<SessionOp[]>;

/** Any refusal from the session API. */
export const refusalAnswer = z.object({ error: z.string() });

/** `POST /api/sessions`. */
export const startedAnswer = z.object({
  session: z.object({ id: z.string(), seed: z.number(), startedAt: z.string() }),
});

/** `GET /api/sessions/:id`, the parts needed to resume. */
export const sessionAnswer = z.object({
  session: z.object({
    id: z.string(),
    mode: modeSchema,
    seed: z.number(),
    startedAt: z.string(),
    participant: z.string(),
    status: sessionStatusSchema,
    scenarioHash: z.string(),
  }),
  choices: z.array(z.object({ choiceId: z.string() })),
  transcript: z.object({ notice: z.string().nullable() }).optional(),
});
