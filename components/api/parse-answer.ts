/**
 * Reading an answer with its contract schema. zod is kept out of the pages' first load this way:
 * request-json.ts loads this module on its own, and the pages name the schema they expect.
 */
import * as z from "zod/mini";
import * as answers from "../../contracts/session-answers";
import type { ErrorAnswer } from "../../contracts/session-answers";

/** The answer schemas of contracts/session-answers.ts, by export name. */
export type Answers = typeof answers;
export type AnswerName = { [K in keyof Answers]: Answers[K] extends z.core.$ZodType ? K : never }[keyof Answers];
export type AnswerOf<N extends AnswerName> = z.output<Answers[N]>;

/** The answer as the named contract says, or undefined when it says otherwise. */
export function parseAnswer<N extends AnswerName>(name: N, data: unknown): AnswerOf<N> | undefined {
  const r = z.safeParse(answers[name] as z.core.$ZodType, data);
  return r.success ? (r.data as AnswerOf<N>) : undefined;
}

/** A refusal as the error contract says, or undefined for anything else (a proxy's page, a body cut short). */
export function parseRefusal(data: unknown): ErrorAnswer | undefined {
  const r = z.safeParse(answers.errorAnswerSchema, data);
  return r.success ? r.data : undefined;
}
