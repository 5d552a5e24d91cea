/**
 * Reading an answer with its contract schema, by the schema's name. The browser loads this module
 * (and zod with it) apart from the page (components/api/request-json.ts), so zod stays out of the
 * pages' first load: a page names the schema it expects instead of importing it.
 */
import "../scenarios/zod-in-browser";
import * as z from "zod/mini";
import * as analyticsAnswers from "./analytics-answers";
import * as peopleAnswers from "./people-answers";
import * as sessionAnswers from "./session-answers";
import * as studioAnswers from "./studio-answers";
import type { ErrorAnswer } from "./session-answers";

const answers = { ...sessionAnswers, ...peopleAnswers, ...studioAnswers, ...analyticsAnswers };

/** The answer schemas of contracts/session-answers.ts, people-answers.ts, studio-answers.ts and analytics-answers.ts, by export name. */
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
