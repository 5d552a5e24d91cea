import type { Metadata } from "next";
import Link from "next/link";
import { SessionList, sortWords, type ListedSessionView } from "../../components/review/session-list";
import { Button, ButtonLink } from "../../components/ui/button";
import { Field } from "../../components/ui/field";
import { FilterSelect, labelled } from "../../components/ui/filter-select";
import { Notice } from "../../components/ui/notice";
import { MODE_LABELS, OUTCOME_FILTER_LABELS, REVIEW_FILTER_LABELS, SESSION_SORT_LABELS, SESSION_STATUS_LABELS } from "../../contracts/enum-labels";
import { MODES, OUTCOME_FILTERS, REVIEW_FILTERS, SESSION_SORTS, SESSION_STATUSES, type SessionSort, type SortOrder } from "../../contracts/enums";
import { isAdmin, isStaff, visibleSessions } from "../../server/access";
import { listCohorts, type CohortSummary } from "../../server/cohorts";
import { getStore } from "../../server/open-store";
import { accountForPage } from "../../server/page-account";
import { checkSessionQuery, PAGE_SIZE, SHOW_SHORT } from "../../server/session-query";
import { SHORT_ABANDONED_TURNS, type ListedSession } from "../../server/store";
import { unavailableReason } from "../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

type Params = Record<string, string | string[] | undefined>;

/** The order a column sorts in when its heading is first chosen: the newest and the longest first, the rest A to Z. */
const FIRST_ORDER: Record<SessionSort, SortOrder> = {
  startedAt: "desc",
  participant: "asc",
  scenario: "asc",
  turns: "desc",
  outcome: "asc",
  review: "asc",
};

/** The analytics of a scenario, with the filters the two pages share (cohort, mode, dates). */
function analyticsOf(scenarioId: string, q: { cohortId?: string | undefined; mode?: string | undefined; from?: string | undefined; to?: string | undefined }): string {
  const params = new URLSearchParams();
  for (const [name, value] of [["cohort", q.cohortId], ["mode", q.mode], ["from", q.from], ["to", q.to]] as const) if (value) params.set(name, value);
  const query = params.toString();
  return `/analytics/${encodeURIComponent(scenarioId)}${query ? `?${query}` : ""}`;
}

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { query: q, params, problems } = checkSessionQuery(await searchParams);
  let listed: Awaited<ReturnType<typeof listSessions>>;
  let unavailable: string | undefined;
  // Supervisors, trainers and administrators can narrow the list to one cohort's trainees.
  let cohorts: CohortSummary[] = [];
  // Supervisors, trainers and administrators also reach a scenario's analytics from here.
  let staff = false;
  let accountId = "";
  async function listSessions() {
    // Inside the try: a database that cannot be used is said on the page, even while telling who is signed in.
    const account = await accountForPage("/sessions");
    accountId = account.id;
    const store = await getStore();
    staff = isStaff(account) || isAdmin(account);
    if (staff) cohorts = await listCohorts((await store.database()).db, account);
    return store.listSessions({ ...q, ...visibleSessions(account) });
  }
  try {
    listed = await listSessions();
  } catch (e) {
    unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    listed = { rows: [], total: 0, hidden: 0 };
  }
  const { rows, total, hidden } = listed;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const withParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...params, ...changes })) if (value !== undefined) next.set(name, value);
    const query = next.toString();
    return `/sessions${query ? `?${query}` : ""}`;
  };
  const pageLink = (page: number) => withParams({ page: String(page) });
  // A heading sorts by its column from the first page; the current column's heading reverses the order.
  const sortHref = (key: SessionSort) =>
    withParams({ sort: key, order: q.sort === key ? (q.order === "asc" ? "desc" : "asc") : FIRST_ORDER[key], page: undefined });
  const showingShort = params.short === SHOW_SHORT;
  const advanced = [q.cohortId, q.mode, q.status, q.from, q.to].some((v) => v !== undefined);
  // One scenario in the list: its analytics are a link away (for staff).
  const oneScenario = rows.length > 0 && rows.every((r) => r.scenarioId === rows[0]!.scenarioId) && total === rows.length ? rows[0] : undefined;
  const view = (s: ListedSession): ListedSessionView => ({
    id: s.id,
    scenarioId: s.scenarioId,
    scenarioTitle: s.scenarioTitle,
    participant: s.participant,
    userId: s.userId,
    startedAt: s.startedAt,
    mode: s.mode,
    turns: s.turns,
    status: s.status,
    outcome: s.outcome,
    reviewed: s.reviewed,
    canResume: s.status === "active" && s.userId !== null && s.userId === accountId,
    short: s.status === "abandoned" && s.turns <= SHORT_ABANDONED_TURNS,
  });

  return (
    <div className="space-y-5" data-wide>
      <h1 className="text-2xl font-semibold">Sessions</h1>
      {/* Keyed by the query: a heading's link or "Show them" changes the page without reloading it, and the fields must show the new query. */}
      <form key={JSON.stringify(params)} className="space-y-3 rounded-lg border border-stone-200 bg-white p-3 text-sm" method="get" aria-label="Find sessions">
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Field label="Scenario (title or id)" size="sm" className="col-span-2 min-w-0 sm:col-span-1">
            <input name="scenario" defaultValue={params.scenario} className="w-full min-w-0" />
          </Field>
          <Field label="Participant" size="sm" className="col-span-2 min-w-0 sm:col-span-1">
            <input name="participant" defaultValue={q.participant} className="w-full min-w-0" />
          </Field>
          <FilterSelect label="Review" name="review" value={q.review} options={labelled(REVIEW_FILTERS, REVIEW_FILTER_LABELS)} />
          <FilterSelect label="Outcome" name="outcome" value={q.outcome} options={labelled(OUTCOME_FILTERS, OUTCOME_FILTER_LABELS)} />
        </div>
        <details open={advanced} className="group rounded border border-stone-200 px-3 py-2">
          <summary className="cursor-pointer font-medium text-stone-800">More filters and order</summary>
          <div className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-4">
            {cohorts.length > 0 && (
              <FilterSelect label="Cohort" name="cohort" value={q.cohortId} options={cohorts.map((c) => ({ value: c.id, label: c.name }))} />
            )}
            <FilterSelect label="Mode" name="mode" value={q.mode} options={labelled(MODES, MODE_LABELS)} />
            <FilterSelect label="Status" name="status" value={q.status} options={labelled(SESSION_STATUSES, SESSION_STATUS_LABELS)} />
            <Field label="Started from" size="sm" className="min-w-0">
              <input type="date" name="from" defaultValue={q.from} className="w-full min-w-0" />
            </Field>
            <Field label="Started before" size="sm" className="min-w-0">
              <input type="date" name="to" defaultValue={q.to} className="w-full min-w-0" />
            </Field>
            <Field label="Sort by" size="sm" className="min-w-0">
              <select name="sort" defaultValue={q.sort} className="w-full min-w-0">
                {SESSION_SORTS.map((k) => (
                  <option key={k} value={k}>
                    {SESSION_SORT_LABELS[k]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Order" size="sm" className="min-w-0">
              <select name="order" defaultValue={q.order} className="w-full min-w-0">
                <option value="asc">Ascending (A to Z, oldest, fewest)</option>
                <option value="desc">Descending (Z to A, newest, most)</option>
              </select>
            </Field>
          </div>
        </details>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="short" value={SHOW_SHORT} defaultChecked={showingShort} className="mt-0.5 h-4 w-4 shrink-0" />
          <span>Include sessions abandoned after 0 or 1 turns</span>
        </label>
        <div className="flex gap-2">
          <Button variant="primary" size="sm" type="submit">
            Show
          </Button>
          <ButtonLink variant="secondary" size="sm" href="/sessions">
            Clear
          </ButtonLink>
        </div>
      </form>
      {problems.length > 0 && (
        <Notice as="section" tone="warning" aria-labelledby="ignored-heading">
          <h2 id="ignored-heading" className="font-medium">
            {problems.length === 1 ? "One value was ignored" : `${problems.length} values were ignored`}
          </h2>
          <ul className="mt-1 list-disc space-y-1 pl-5 break-words">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}

      {unavailable !== undefined ? (
        <Notice tone="error" role="alert">
          The sessions cannot be listed: the database cannot be used right now ({unavailable}). Try again in a moment.
        </Notice>
      ) : (
        <div className="space-y-1">
          <p role="status">{total === 0 ? "No sessions match." : `${total} ${total === 1 ? "session" : "sessions"}, page ${q.page} of ${pages}.`}</p>
          {hidden > 0 && (
            <p className="text-sm text-stone-700">
              {hidden === 1 ? "1 session abandoned after 0 or 1 turns is not listed." : `${hidden} sessions abandoned after 0 or 1 turns are not listed.`}{" "}
              <Link href={withParams({ short: SHOW_SHORT, page: undefined })} className="text-brand-700 underline">
                Show {hidden === 1 ? "it" : "them"}
              </Link>
            </p>
          )}
          {showingShort && (
            <p className="text-sm text-stone-700">
              Sessions abandoned after 0 or 1 turns are listed.{" "}
              <Link href={withParams({ short: undefined, page: undefined })} className="text-brand-700 underline">
                Hide them
              </Link>
            </p>
          )}
          {total > 0 && <p className="text-sm text-stone-700 sm:hidden">Sorted by {sortWords(SESSION_SORT_LABELS, q.sort, q.order)}.</p>}
        </div>
      )}
      {staff && oneScenario && (
        <p className="text-sm">
          <Link href={analyticsOf(oneScenario.scenarioId, q)} className="text-brand-700 underline">
            Analytics of {oneScenario.scenarioTitle}
          </Link>{" "}
          with the cohort, mode and dates chosen here
        </p>
      )}
      {rows.length > 0 && <SessionList rows={rows.map(view)} state={{ sort: q.sort, order: q.order, href: sortHref }} labels={SESSION_SORT_LABELS} />}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex gap-3">
          {q.page > 1 && <Link href={pageLink(q.page - 1)}>Previous page</Link>}
          {q.page < pages && <Link href={pageLink(q.page + 1)}>Next page</Link>}
        </nav>
      )}
    </div>
  );
}
