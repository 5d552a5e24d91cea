/**
 * The /sessions page's query string, checked field by field: a filter that does not check is
 * ignored and said so in a sentence, so one bad value never hides the list or widens it silently.
 */
import { z } from "zod";
import { MODES, OUTCOME_FILTERS, REVIEW_FILTERS, SESSION_SORTS, SESSION_STATUSES, SORT_ORDERS } from "../contracts/enums";
import { PERSON_ID } from "../contracts/people-requests";
import { text } from "../contracts/text";
import type { SessionQuery } from "./store";

export const PAGE_SIZE = 20;
/** Pages past this are refused: at 20 a page that is 200,000 sessions deep. */
export const MAX_PAGE = 10_000;

/** A calendar date as `<input type=date>` sends it: YYYY-MM-DD with a four-digit year, a day that exists. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "is not a date (YYYY-MM-DD)")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a date that exists");

const oneOf = <T extends string>(values: readonly T[], what: string) =>
  z.enum(values, { error: `is not ${what} (${values.join(", ")})` });

/** The value of `short` that lists the sessions abandoned after 0 or 1 turns, which are hidden otherwise. */
export const SHOW_SHORT = "show";

/** Each parameter: its label on the form, its check, and what happens when it fails. */
const FIELDS = {
  // Part of a scenario's title or id.
  scenario: { label: "Scenario", schema: text(80) },
  participant: { label: "Participant", schema: text(80) },
  cohort: { label: "Cohort", schema: z.string().regex(PERSON_ID, "is not a cohort id") },
  outcome: { label: "Outcome", schema: oneOf(OUTCOME_FILTERS, "an outcome") },
  mode: { label: "Mode", schema: oneOf(MODES, "a mode") },
  status: { label: "Status", schema: oneOf(SESSION_STATUSES, "a status") },
  review: { label: "Review", schema: oneOf(REVIEW_FILTERS, "a review state") },
  short: { label: "Abandoned after 0–1 turns", schema: z.literal(SHOW_SHORT, { error: `is not "${SHOW_SHORT}"` }) },
  from: { label: "Started from", schema: calendarDate },
  to: { label: "Started before", schema: calendarDate },
  // "scenarioId" is what the scenario column's sort was called before it sorted by title.
  sort: { label: "Sort by", schema: z.string().transform((v) => (v === "scenarioId" ? "scenario" : v)).pipe(oneOf(SESSION_SORTS, "a sort key")) },
  order: { label: "Order", schema: oneOf(SORT_ORDERS, "an order") },
  page: {
    label: "Page",
    schema: z
      .string()
      .regex(/^\d+$/, "is not a page number")
      .transform(Number)
      .pipe(z.number().min(1, "is not a page number").max(MAX_PAGE, `is past the last page there can be (${MAX_PAGE})`)),
  },
} as const;

type Field = keyof typeof FIELDS;
type Values = { [K in Field]?: z.output<(typeof FIELDS)[K]["schema"]> };

export interface CheckedSessionQuery {
  /** The query for the store: defaults for what was missing or ignored. */
  query: SessionQuery & Required<Pick<SessionQuery, "sort" | "order" | "page" | "pageSize">>;
  /** The accepted parameters as they were given, for links that keep them. */
  params: Partial<Record<Field, string>>;
  /** One sentence per ignored parameter. */
  problems: string[];
}

const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Checks the page's search params; empty fields (as an empty form sends them) count as absent. */
export function checkSessionQuery(search: Record<string, string | string[] | undefined>): CheckedSessionQuery {
  const values: Values = {};
  const params: Partial<Record<Field, string>> = {};
  const problems: string[] = [];
  for (const [name, { label, schema }] of Object.entries(FIELDS) as [Field, (typeof FIELDS)[Field]][]) {
    const raw = search[name];
    if (raw === undefined || (typeof raw === "string" && raw.trim() === "")) continue;
    const consequence = name === "page" ? "the first page is shown" : `the filter "${label}" was ignored`;
    if (Array.isArray(raw)) {
      problems.push(`"${name}" was given ${raw.length} times; ${consequence}`);
      continue;
    }
    const r = (schema as z.ZodType).safeParse(raw);
    if (r.success) {
      (values as Record<Field, unknown>)[name] = r.data;
      params[name] = raw;
    } else {
      problems.push(`${quote(raw)} ${r.error.issues[0]?.message ?? "is not valid"}; ${consequence}`);
    }
  }
  return {
    query: {
      scenarioSearch: values.scenario,
      participant: values.participant,
      cohortId: values.cohort,
      outcome: values.outcome,
      mode: values.mode,
      status: values.status,
      review: values.review,
      hideShortAbandoned: values.short !== SHOW_SHORT,
      from: values.from,
      to: values.to,
      sort: values.sort ?? "startedAt",
      order: values.order ?? "desc",
      page: values.page ?? 1,
      pageSize: PAGE_SIZE,
    },
    params,
    problems,
  };
}
