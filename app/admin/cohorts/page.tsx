import type { Metadata } from "next";
import { NewCohortForm } from "../../../components/admin/new-cohort-form";
import { Unavailable } from "../../../components/admin/unavailable";
import { ButtonLink } from "../../../components/ui/button";
import { listCohorts } from "../../../server/cohorts";
import { loadAdminPage } from "../../../server/require-admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cohorts" };

/** Every cohort with its head counts, and a form to make one. */
export default async function CohortsAdminPage() {
  const page = await loadAdminPage("/admin/cohorts", (account, db) => listCohorts(db, account));
  return (
    <div className="space-y-5">
      <p>
        <ButtonLink variant="quiet" href="/admin">
          ← Administration
        </ButtonLink>
      </p>
      <h1 className="text-2xl font-semibold">Cohorts</h1>
      <p className="text-stone-700">
        A cohort groups trainees with the supervisors and trainers who review their sessions and assign them scenarios.
      </p>
      {page.unavailable !== undefined ? (
        <Unavailable reason={page.unavailable} />
      ) : (
        <>
          <section aria-labelledby="new-cohort" className="space-y-3 rounded border border-stone-200 bg-white p-4">
            <h2 id="new-cohort" className="text-xl font-semibold">
              New cohort
            </h2>
            <NewCohortForm />
          </section>
          <section aria-labelledby="all-cohorts" className="space-y-3">
            <h2 id="all-cohorts" className="text-xl font-semibold">
              All cohorts
            </h2>
            {page.data.length === 0 ? (
              <p>No cohorts yet. Make the first one above, then add its trainees and staff.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Cohorts</caption>
                <thead>
                  <tr className="border-b border-stone-300">
                    <th scope="col" className="py-1 pr-2">Name</th>
                    <th scope="col" className="pr-2 text-right">Trainees</th>
                    <th scope="col" className="pr-2 text-right">Staff</th>
                    <th scope="col" className="text-right">Assignments</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((c) => (
                    <tr key={c.id} className="border-b border-stone-200">
                      <td className="py-1.5 pr-2 break-words">
                        <ButtonLink variant="quiet" href={`/admin/cohorts/${c.id}`}>
                          {c.name}
                        </ButtonLink>
                      </td>
                      <td className="pr-2 text-right tabular-nums">{c.trainees}</td>
                      <td className="pr-2 text-right tabular-nums">{c.staff}</td>
                      <td className="text-right tabular-nums">{c.assignments}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
