/**
 * Rows as the drivers return them, checked and mapped into the store's types. node-postgres
 * returns bigint and count(*) as strings, SQLite returns 0/1 for booleans: both are normalized here.
 */
import { z } from "zod";
import { modeSchema, outcomeSchema, sessionStatusSchema } from "../../contracts/enums";
import type { ChoiceRow, CommentRow, SessionRow } from "../store";

const int = z.coerce.number().int();
const nullableInt = z.union([z.null(), int]);

const sessionRecord = z.object({
  id: z.string(),
  scenario_id: z.string(),
  scenario_hash: z.string(),
  mode: modeSchema,
  participant: z.string(),
  user_id: z.string().nullable().default(null),
  seed: int,
  status: sessionStatusSchema,
  started_at: z.string(),
  ended_at: z.string().nullable(),
  outcome: z.nullable(outcomeSchema),
  final_rapport: nullableInt,
  final_mutuality: nullableInt,
  reviewed: z.union([z.literal(0), z.literal(1), z.literal("0"), z.literal("1"), z.boolean()]),
  turns: int,
});

const choiceRecord = z.object({
  session_id: z.string(),
  seq: int,
  choice_id: z.string(),
  time_taken_ms: int,
  created_at: z.string(),
  note: z.string().nullable(),
});

const commentRecord = z.object({
  id: z.string(),
  session_id: z.string(),
  turn: nullableInt,
  author: z.string(),
  author_id: z.string().nullable().default(null),
  body: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullable().default(null),
});

function check<T>(schema: z.ZodType<T>, table: string, row: unknown): T {
  const r = schema.safeParse(row);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new Error(`[server] ${table}: unexpected row (${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"})`);
}

export function toSessionRow(row: unknown): SessionRow {
  const r = check(sessionRecord, "sessions", row);
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    scenarioHash: r.scenario_hash,
    mode: r.mode,
    participant: r.participant,
    userId: r.user_id,
    seed: r.seed,
    status: r.status,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    finalMeters:
      r.final_rapport === null || r.final_mutuality === null ? null : { rapport: r.final_rapport, mutuality: r.final_mutuality },
    reviewed: r.reviewed === 1 || r.reviewed === "1" || r.reviewed === true,
    turns: r.turns,
  };
}

export function toChoiceRow(row: unknown): ChoiceRow {
  const r = check(choiceRecord, "choices", row);
  return {
    sessionId: r.session_id,
    seq: r.seq,
    choiceId: r.choice_id,
    timeTakenMs: r.time_taken_ms,
    createdAt: r.created_at,
    note: r.note,
  };
}

export function toCommentRow(row: unknown): CommentRow {
  const r = check(commentRecord, "comments", row);
  return {
    id: r.id,
    sessionId: r.session_id,
    turn: r.turn,
    author: r.author,
    authorId: r.author_id,
    body: r.body,
    createdAt: r.created_at,
    editedAt: r.edited_at,
  };
}
