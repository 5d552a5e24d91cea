/**
 * The analytics filters (`?cohort=&mode=&from=&to=&version=`), checked field by field. The API
 * refuses a value that does not check with 400 and one sentence per problem (each as
 * server/session-query.ts words it for the session list, which ignores such a filter instead); a
 * page can show the same sentences beside its form (`checkAnalyticsQuery`).
 */
import { z } from "zod";
import { MODES, type Mode } from "../../contracts/enums";
import { PERSON_ID } from "../../contracts/people-requests";
import { ServiceError } from "../service-error";

/** The filters a scenario's analytics take; absent ones do not filter. */
export interface AnalyticsFilterInput {
  /** A cohort id: only its trainees' sessions. */
  cohort?: string;
  mode?: Mode;
  /** Started on or after this day (YYYY-MM-DD, UTC). */
  from?: string;
  /** Started before this day (YYYY-MM-DD, UTC). */
  to?: string;
  /** A version hash: only sessions played on it. */
  version?: string;
}

/** A calendar date as `<input type=date>` sends it: YYYY-MM-DD with a four-digit year, a day that exists. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "is not a date (YYYY-MM-DD)")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a date that exists");

/** Each parameter: its label on the form, and its check. */
const FIELDS = {
  cohort: { label: "Cohort", schema: z.string().regex(PERSON_ID, "is not a cohort id") },
  mode: { label: "Mode", schema: z.enum(MODES, { error: `is not a mode (${MODES.join(", ")})` }) },
  from: { label: "Started from", schema: calendarDate },
  to: { label: "Started before", schema: calendarDate },
  version: { label: "Version", schema: z.string().regex(/^[0-9a-f]{64}$/, "is not a version (64 lowercase hexadecimal digits)") },
} as const;

type Field = keyof typeof FIELDS;
export const ANALYTICS_QUERY_FIELDS = Object.keys(FIELDS) as Field[];

const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Search params as a route (URLSearchParams) or a page (a record) has them. */
export type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

function valuesOf(search: SearchInput, name: string): string[] {
  if (search instanceof URLSearchParams) return search.getAll(name);
  const v = search[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * The filters in the query, and one sentence for each parameter that does not check (named by its
 * label); empty values (as an empty form sends them) count as absent, other parameters are ignored.
 */
export function checkAnalyticsQuery(search: SearchInput): { filters: AnalyticsFilterInput; problems: string[] } {
  const filters: AnalyticsFilterInput = {};
  const problems: string[] = [];
  for (const name of ANALYTICS_QUERY_FIELDS) {
    const given = valuesOf(search, name).filter((v) => v.trim() !== "");
    if (given.length === 0) continue;
    const { label, schema } = FIELDS[name];
    if (given.length > 1) {
      problems.push(`"${name}" (${label}) was given ${given.length} times; give it once`);
      continue;
    }
    const raw = given[0]!;
    const r = (schema as z.ZodType<string>).safeParse(raw);
    if (r.success) (filters as Record<Field, string>)[name] = r.data;
    else problems.push(`${label}: ${quote(raw)} ${r.error.issues[0]?.message ?? "is not valid"}`);
  }
  if (filters.from !== undefined && filters.to !== undefined && filters.from >= filters.to) {
    problems.push(`Started from (${filters.from}) must be a day before Started before (${filters.to})`);
  }
  return { filters, problems };
}

/** The filters in the query; refuses (400) a query with any value that does not check, naming each. */
export function analyticsFiltersOrThrow(search: SearchInput): AnalyticsFilterInput {
  const { filters, problems } = checkAnalyticsQuery(search);
  if (problems.length > 0) throw new ServiceError(400, `the analytics filters are not valid: ${problems.join("; ")}`);
  return filters;
}

/** Filters handed to the server functions directly, checked by the same rules (400 when one does not check). */
export function checkedFilters(input: AnalyticsFilterInput): AnalyticsFilterInput {
  const search: Record<string, string> = {};
  for (const name of ANALYTICS_QUERY_FIELDS) {
    const v = input[name];
    if (v !== undefined) search[name] = v;
  }
  return analyticsFiltersOrThrow(search);
}
