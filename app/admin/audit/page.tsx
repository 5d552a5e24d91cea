import type { Metadata } from "next";
import Link from "next/link";
import { AuditList } from "../../../components/admin/audit-list";
import { Unavailable } from "../../../components/admin/unavailable";
import { Button, ButtonLink } from "../../../components/ui/button";
import { Field } from "../../../components/ui/field";
import { Notice } from "../../../components/ui/notice";
import { auditQuerySchema } from "../../../contracts/people-requests";
import { AUDIT_PAGE_SIZE, listAudit } from "../../../server/audit";
import { listCohorts } from "../../../server/cohorts";
import { listPeople } from "../../../server/people";
import { loadAdminPage } from "../../../server/require-admin";
import { loadLibrary } from "../../../server/scenario-library";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

type Params = Record<string, string | string[] | undefined>;

/** The page and person asked for; what does not fit is left out and named. */
function readQuery(params: Params): { page: number; person?: string; ignored: string[] } {
  const ignored: string[] = [];
  const one = (key: string) => {
    const v = params[key];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const page = auditQuerySchema.shape.page.safeParse(one("page"));
  if (!page.success) ignored.push(`page: ${page.error.issues[0]?.message ?? "not a page"}; showing the first page`);
  const person = auditQuerySchema.shape.person.safeParse(one("person"));
  if (!person.success) ignored.push(`person: ${person.error.issues[0]?.message ?? "not an account"}; showing everyone`);
  return { page: page.success ? page.data : 1, person: person.success ? person.data : undefined, ignored };
}

/** The audit log, newest first, a page at a time, for everyone or one person. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const query = readQuery(await searchParams);
  const page = await loadAdminPage("/admin/audit", async (account, db) => {
    const [log, people, cohorts, library] = await Promise.all([
      listAudit(db, { page: query.page, personId: query.person }),
      listPeople(db),
      listCohorts(db, account),
      loadLibrary(),
    ]);
    return { log, people, cohorts, library };
  });
  const link = (n: number) => `/admin/audit?${new URLSearchParams({ ...(query.person && { person: query.person }), page: String(n) }).toString()}`;

  return (
    <div className="space-y-5">
      <p>
        <ButtonLink variant="quiet" href="/admin">
          ← Administration
        </ButtonLink>
      </p>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="text-stone-700">
        Sign-ins, refused sign-ins, passwords set through a link, and every change to accounts, roles, cohorts and assignments, with exports and erasures.
        Times are in UTC.
      </p>
      {page.unavailable !== undefined ? (
        <Unavailable reason={page.unavailable} />
      ) : (
        (() => {
          const { log, people, cohorts, library } = page.data;
          const pages = Math.max(1, Math.ceil(log.total / AUDIT_PAGE_SIZE));
          const known = people.some((p) => p.id === query.person);
          const names = {
            cohorts: new Map(cohorts.map((c) => [c.id, c.name])),
            scenarios: new Map(library.flatMap((e) => (e.ok ? [[e.id, e.scenario.title] as const] : []))),
          };
          return (
            <>
              <form method="get" className="flex flex-wrap items-end gap-2 rounded border border-stone-200 bg-white p-3" aria-label="Filter the audit log">
                <Field label="Person" size="sm" className="min-w-0 flex-1 sm:max-w-sm">
                  <select name="person" defaultValue={query.person ?? ""} className="w-full">
                    <option value="">Everyone</option>
                    {query.person && !known && <option value={query.person}>An erased account</option>}
                    {people.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({p.email})
                      </option>
                    ))}
                  </select>
                </Field>
                <Button type="submit" variant="primary" size="sm">
                  Show
                </Button>
                {query.person && (
                  <ButtonLink variant="secondary" size="sm" href="/admin/audit">
                    Everyone
                  </ButtonLink>
                )}
              </form>
              {query.ignored.length > 0 && (
                <Notice tone="warning" as="div">
                  <p className="font-medium">Part of the address was ignored:</p>
                  <ul className="list-disc pl-5">
                    {query.ignored.map((i) => (
                      <li key={i}>{i}</li>
                    ))}
                  </ul>
                </Notice>
              )}
              <p role="status">
                {log.total === 0
                  ? "Nothing is recorded yet."
                  : query.page > pages
                    ? `There are ${log.total} entries; page ${query.page} is past the last page (${pages}).`
                    : `${log.total} ${log.total === 1 ? "entry" : "entries"}, page ${query.page} of ${pages}.`}
              </p>
              {log.entries.length > 0 && <AuditList entries={log.entries} linked={new Set(people.map((p) => p.id))} names={names} />}
              {(query.page > 1 || query.page < pages) && (
                <nav aria-label="Pages" className="flex gap-4">
                  {query.page > 1 && <Link href={link(Math.min(query.page - 1, pages))} className="text-brand-700 underline">Newer entries</Link>}
                  {query.page < pages && <Link href={link(query.page + 1)} className="text-brand-700 underline">Older entries</Link>}
                </nav>
              )}
            </>
          );
        })()
      )}
    </div>
  );
}
