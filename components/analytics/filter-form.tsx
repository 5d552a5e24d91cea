import type { AnalyticsFilters, AnalyticsVersion } from "../../contracts/analytics-answers";
import { MODE_LABELS } from "../../contracts/enum-labels";
import { MODES } from "../../contracts/enums";
import { Button, ButtonLink } from "../ui/button";
import { Field } from "../ui/field";
import { FilterSelect, labelled } from "../ui/filter-select";

export interface FilterFormProps {
  /** Where the form sends its query: the analytics page itself. */
  action: string;
  filters: AnalyticsFilters;
  /** The cohorts the viewer may narrow to. */
  cohorts: readonly { id: string; name: string }[];
  /** What "no cohort chosen" counts: "All your cohorts" for staff, "Every cohort" for an administrator. */
  allCohorts: string;
  versions: readonly AnalyticsVersion[];
}

/** "3f9a1c2b7d0e · Talking about the weekend (current) · 12 sessions" */
export function versionText(v: AnalyticsVersion): string {
  return `${v.hash.slice(0, 12)} · ${v.title}${v.current ? " (current)" : ""} · ${v.sessions} ${v.sessions === 1 ? "session" : "sessions"}`;
}

/**
 * The filters of a scenario's analytics as a plain GET form: it works without JavaScript, and the
 * address it makes can be bookmarked, shared and printed from.
 */
export function FilterForm({ action, filters, cohorts, allCohorts, versions }: FilterFormProps) {
  return (
    <form method="get" action={action} aria-label="Filters" className="no-print grid grid-cols-2 gap-3 rounded border border-stone-200 bg-white p-3 text-sm sm:grid-cols-3 lg:grid-cols-5">
      <FilterSelect label="Cohort" name="cohort" value={filters.cohort?.id} any={allCohorts} options={cohorts.map((c) => ({ value: c.id, label: c.name }))} />
      <FilterSelect label="Mode" name="mode" value={filters.mode ?? undefined} options={labelled(MODES, MODE_LABELS)} />
      <Field label="Started from" size="sm" className="min-w-0">
        <input type="date" name="from" defaultValue={filters.from ?? ""} className="w-full min-w-0" />
      </Field>
      <Field label="Started before" size="sm" className="min-w-0">
        <input type="date" name="to" defaultValue={filters.to ?? ""} className="w-full min-w-0" />
      </Field>
      <Field label="Version" size="sm" className="col-span-2 min-w-0 sm:col-span-1">
        <select name="version" defaultValue={filters.version ?? ""} className="w-full min-w-0">
          <option value="">Every version</option>
          {versions.map((v) => (
            <option key={v.hash} value={v.hash}>
              {versionText(v)}
            </option>
          ))}
        </select>
      </Field>
      <div className="col-span-2 flex gap-2 sm:col-span-3 lg:col-span-5">
        <Button variant="primary" size="sm" type="submit">
          Show
        </Button>
        <ButtonLink variant="secondary" size="sm" href={action}>
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
