import type { Metadata } from "next";
import Link from "next/link";
import { Button, ButtonLink } from "../../components/ui/button";
import { Field } from "../../components/ui/field";
import { Notice } from "../../components/ui/notice";
import { MODE_LABELS, OUTCOME_FILTER_LABELS, SESSION_SORT_LABELS, SESSION_STATUS_LABELS } from "../../contracts/enum-labels";
import { MODES, OUTCOME_FILTERS, SESSION_SORTS, SESSION_STATUSES } from "../../contracts/enums";
import { isAdmin, isStaff, visibleSessions } from "../../server/access";
import { listCohorts, type CohortSummary } from "../../server/cohorts";
import { getStore } from "../../server/open-store";
import { accountForPage } from "../../server/page-account";
import { checkSessionQuery, PAGE_SIZE } from "../../server/session-query";
import type { Store } from "../../server/store";
import { unavailableReason } from "../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

type Params = Record<string, string | string[] | undefined>;

/** The analytics of the scenario listed, with the filters the two pages share (cohort, mode, dates). */
function analyticsOfListed(q: { scenarioId?: string | undefined; cohortId?: string | undefined; mode?: string | undefined; from?: string | undefined; to?: string | undefined }): string {
  const params = new URLSearchParams();
  for (const [name, value] of [["cohort", q.cohortId], ["mode", q.mode], ["from", q.from], ["to", q.to]] as const) if (value) params.set(name, value);
  const query = params.toString();
  return `/analytics/${encodeURIComponent(q.scenarioId ?? "")}${query ? `?${query}` : ""}`;
}

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { query: q, params, problems } = checkSessionQuery(await searchParams);
  let listed: Awaited<ReturnType<Store["listSessions"]>>;
  let unavailable: string | undefined;
  // Supervisors, trainers and administrators can narrow the list to one cohort's trainees.
  let cohorts: CohortSummary[] = [];
  // Supervisors, trainers and administrators also reach a scenario's analytics from here.
  let staff = false;
  try {
    // Inside the try: a database that cannot be used is said on the page, even while telling who is signed in.
    const account = await accountForPage("/sessions");
    const store = await getStore();
    listed = await store.listSessions({ ...q, ...visibleSessions(account) });
    staff = isStaff(account) || isAdmin(account);
    if (staff) cohorts = await listCohorts((await store.database()).db, account);
  } catch (e) {
    unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    listed = { rows: [], total: 0 };
  }
  const { rows, total } = listed;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (page: number) => `/sessions?${new URLSearchParams({ ...params, page: String(page) }).toString()}`;

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <form className="grid grid-cols-2 gap-3 rounded border border-stone-200 bg-white p-3 text-sm sm:grid-cols-4" method="get">
        <Field label="Scenario id" size="sm">
          <input name="scenario" defaultValue={q.scenarioId} />
        </Field>
        <Field label="Participant" size="sm">
          <input name="participant" defaultValue={q.participant} />
        </Field>
        {cohorts.length > 0 && (
          <Field label="Cohort" size="sm" className="min-w-0">
            <select name="cohort" defaultValue={q.cohortId ?? ""} className="w-full min-w-0">
              <option value="">Any</option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Outcome" size="sm">
          <select name="outcome" defaultValue={q.outcome ?? ""}>
            <option value="">Any</option>
            {OUTCOME_FILTERS.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_FILTER_LABELS[o]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Mode" size="sm">
          <select name="mode" defaultValue={q.mode ?? ""}>
            <option value="">Any</option>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Status" size="sm">
          <select name="status" defaultValue={q.status ?? ""}>
            <option value="">Any</option>
            {SESSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {SESSION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Started from" size="sm">
          <input type="date" name="from" defaultValue={q.from} />
        </Field>
        <Field label="Started before" size="sm">
          <input type="date" name="to" defaultValue={q.to} />
        </Field>
        <Field label="Sort by" size="sm">
          <select name="sort" defaultValue={q.sort}>
            {SESSION_SORTS.map((k) => (
              <option key={k} value={k}>
                {SESSION_SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <div className="col-span-2 flex gap-2 sm:col-span-4">
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
        <p role="status">{total === 0 ? "No sessions match." : `${total} ${total === 1 ? "session" : "sessions"}, page ${q.page} of ${pages}.`}</p>
      )}
      {staff && q.scenarioId && (
        <p className="text-sm">
          <Link href={analyticsOfListed(q)} className="text-brand-700 underline">
            Analytics of {q.scenarioId}
          </Link>{" "}
          with the cohort, mode and dates chosen here
        </p>
      )}
      {rows.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Sessions</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-1 pr-2">Started</th>
                <th scope="col" className="pr-2">Participant</th>
                <th scope="col" className="pr-2">Scenario</th>
                <th scope="col" className="pr-2">Mode</th>
                <th scope="col" className="pr-2">Turns</th>
                <th scope="col" className="pr-2">Outcome</th>
                <th scope="col">Review</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className="border-b border-stone-200">
                  <td className="py-1 pr-2">
                    <ButtonLink variant="quiet" href={`/sessions/${s.id}`}>
                      {s.startedAt.slice(0, 16).replace("T", " ")}
                    </ButtonLink>
                  </td>
                  <td className="pr-2">
                    {/* Every session listed is one whose player's progress the viewer may read (their own, their cohort's, or any for an administrator). */}
                    {s.userId ? (
                      <Link href={`/people/${encodeURIComponent(s.userId)}`} className="text-brand-700 underline">
                        {s.participant}
                        <span className="sr-only"> (progress)</span>
                      </Link>
                    ) : (
                      s.participant
                    )}
                  </td>
                  <td className="pr-2">
                    {/* For staff, the scenario leads to its analytics. */}
                    {staff ? (
                      <Link href={`/analytics/${encodeURIComponent(s.scenarioId)}`} className="text-brand-700 underline">
                        <span className="sr-only">Analytics of </span>
                        {s.scenarioId}
                      </Link>
                    ) : (
                      s.scenarioId
                    )}
                  </td>
                  <td className="pr-2">{s.mode}</td>
                  <td className="pr-2">{s.turns}</td>
                  <td className="pr-2">
                    {s.status === "active" ? (
                      <ButtonLink variant="quiet" href={`/play/${s.scenarioId}?session=${s.id}`}>
                        Unfinished: resume
                      </ButtonLink>
                    ) : (
                      (s.outcome ?? s.status)
                    )}
                  </td>
                  <td>{s.reviewed ? "Reviewed" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex gap-3">
          {q.page > 1 && <Link href={link(q.page - 1)}>Previous page</Link>}
          {q.page < pages && <Link href={link(q.page + 1)}>Next page</Link>}
        </nav>
      )}
    </div>
  );
}
