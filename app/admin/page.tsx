import type { Metadata } from "next";
import { NewPersonForm } from "../../components/admin/new-person-form";
import { mailConfigured } from "../../server/mail";
import { PersonStatus } from "../../components/admin/person-status";
import { Unavailable } from "../../components/admin/unavailable";
import { ButtonLink } from "../../components/ui/button";
import { Notice } from "../../components/ui/notice";
import { MEMBERSHIP_LABELS, ROLE_LABELS } from "../../contracts/enum-labels";
import { LINK_HOURS } from "../../server/auth";
import { listCohorts } from "../../server/cohorts";
import { listPeople, type Person } from "../../server/people";
import { loadAdminPage } from "../../server/require-admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Administration" };

const roleList = (p: Person) => p.roles.map((r) => ROLE_LABELS[r]).join(", ");

function CohortLinks({ person }: { person: Person }) {
  if (person.cohorts.length === 0) return <span className="text-stone-600">None</span>;
  return (
    <>
      {person.cohorts.map((c, i) => (
        <span key={c.id}>
          {i > 0 && ", "}
          <ButtonLink variant="quiet" href={`/admin/cohorts/${c.id}`}>{c.name}</ButtonLink>
          <span className="text-stone-600"> ({MEMBERSHIP_LABELS[c.membership].toLowerCase()})</span>
        </span>
      ))}
    </>
  );
}

/** The people of the program: every account, a form to make one, and the ways to cohorts and the audit log. */
export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await loadAdminPage("/admin", async (account, db) => ({
    people: await listPeople(db),
    cohorts: await listCohorts(db, account),
  }));
  const { erased } = await searchParams;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Administration</h1>
      {erased === "1" && (
        <Notice tone="info" role="status">
          The account was erased.
        </Notice>
      )}
      <nav aria-label="Administration" className="flex flex-wrap gap-2">
        <ButtonLink variant="secondary" href="/admin/cohorts">
          Cohorts
        </ButtonLink>
        <ButtonLink variant="secondary" href="/admin/audit">
          Audit log
        </ButtonLink>
      </nav>
      {page.unavailable !== undefined ? (
        <Unavailable reason={page.unavailable} />
      ) : (
        <>
          <section aria-labelledby="new-account" className="space-y-3 rounded border border-stone-200 bg-white p-4">
            <h2 id="new-account" className="text-xl font-semibold">
              New account
            </h2>
            <p className="text-sm text-stone-700">
              The account is made without a password. You get a link to give to the person, with which they set their own password
              {mailConfigured() ? "; it is also mailed to them." : "; no email is sent."}
            </p>
            <NewPersonForm cohorts={page.data.cohorts.map((c) => ({ id: c.id, name: c.name }))} linkHours={LINK_HOURS} />
          </section>

          <section aria-labelledby="people" className="space-y-3">
            <h2 id="people" className="text-xl font-semibold">
              People
            </h2>
            <p>{page.data.people.length === 1 ? "1 account." : `${page.data.people.length} accounts.`}</p>
            {/* A table where there is room for it; on a phone, one card per person. */}
            <table className="hidden w-full text-left text-sm md:table">
              <caption className="sr-only">Accounts</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="py-1 pr-2">Name</th>
                  <th scope="col" className="pr-2">Email</th>
                  <th scope="col" className="pr-2">Roles</th>
                  <th scope="col" className="pr-2">Cohorts</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {page.data.people.map((p) => (
                  <tr key={p.id} className="border-b border-stone-200 align-top">
                    <td className="py-1.5 pr-2">
                      <ButtonLink variant="quiet" href={`/admin/people/${p.id}`}>{p.name}</ButtonLink>
                    </td>
                    <td className="pr-2 py-1.5 wrap-anywhere">{p.email}</td>
                    <td className="pr-2 py-1.5">{roleList(p)}</td>
                    <td className="pr-2 py-1.5">
                      <CohortLinks person={p} />
                    </td>
                    <td className="py-1.5">
                      <PersonStatus active={p.active} passwordSet={p.passwordSet} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white md:hidden">
              {page.data.people.map((p) => (
                <li key={p.id} className="space-y-1 px-3 py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-x-2">
                    <ButtonLink variant="quiet" href={`/admin/people/${p.id}`} className="text-base font-medium">
                      {p.name}
                    </ButtonLink>
                    <PersonStatus active={p.active} passwordSet={p.passwordSet} />
                  </div>
                  <p className="wrap-anywhere text-stone-700">{p.email}</p>
                  <p>
                    <span className="text-stone-600">Roles:</span> {roleList(p)}
                  </p>
                  <p>
                    <span className="text-stone-600">Cohorts:</span> <CohortLinks person={p} />
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
