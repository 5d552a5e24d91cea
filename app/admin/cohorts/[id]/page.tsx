import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddMemberForm, RemoveMemberButton } from "../../../../components/admin/cohort-members";
import { DeleteCohortButton, RenameCohortForm } from "../../../../components/admin/cohort-settings";
import { Unavailable } from "../../../../components/admin/unavailable";
import { ButtonLink } from "../../../../components/ui/button";
import { MEMBERSHIPS } from "../../../../contracts/enums";
import { PERSON_ID } from "../../../../contracts/people-requests";
import { getCohort } from "../../../../server/cohorts";
import { listPeople } from "../../../../server/people";
import { loadAdminPage } from "../../../../server/require-admin";
import { ServiceError } from "../../../../server/service-error";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cohort" };

/** One cohort, for an administrator: its name, its members and how they belong, adding and removing them, and deleting it. */
export default async function CohortAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!PERSON_ID.test(id)) notFound();
  const page = await loadAdminPage(`/admin/cohorts/${id}`, async (account, db) => {
    try {
      const [cohort, people] = await Promise.all([getCohort(db, account, id), listPeople(db)]);
      return { cohort, people };
    } catch (e) {
      if (e instanceof ServiceError && e.status === 404) notFound();
      throw e;
    }
  });
  if (page.unavailable !== undefined) return <Unavailable reason={page.unavailable} />;
  const { cohort, people } = page.data;
  const members = new Set(cohort.members.map((m) => m.id));
  const candidates = people.filter((p) => p.active && !members.has(p.id)).map((p) => ({ id: p.id, name: p.name, email: p.email, roles: p.roles }));

  return (
    <div className="space-y-5">
      <p>
        <ButtonLink variant="quiet" href="/admin/cohorts">
          ← All cohorts
        </ButtonLink>
      </p>
      <h1 className="text-2xl font-semibold break-words">{cohort.name}</h1>
      <p>
        {cohort.assignments.length === 0
          ? "No scenarios are assigned to this cohort yet."
          : `${cohort.assignments.length} ${cohort.assignments.length === 1 ? "scenario is" : "scenarios are"} assigned to this cohort.`}{" "}
        <ButtonLink variant="quiet" href={`/cohorts/${cohort.id}`}>
          Assign scenarios and follow the trainees&apos; progress on the cohort&apos;s page
        </ButtonLink>
        .
      </p>

      {MEMBERSHIPS.map((m) => {
        const list = cohort.members.filter((x) => x.membership === m);
        const title = m === "trainee" ? "Trainees" : "Supervisors and trainers";
        return (
          <section key={m} aria-labelledby={`members-${m}`} className="space-y-2">
            <h2 id={`members-${m}`} className="text-xl font-semibold">
              {title} ({list.length})
            </h2>
            {list.length === 0 ? (
              <p className="text-stone-700">{m === "trainee" ? "No trainees yet." : "No supervisors or trainers yet."}</p>
            ) : (
              <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
                {list.map((x) => (
                  <li key={x.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                    <span className="min-w-0">
                      <ButtonLink variant="quiet" href={`/admin/people/${x.id}`}>
                        {x.name}
                      </ButtonLink>{" "}
                      <span className="wrap-anywhere text-stone-600">{x.email}</span>
                      {!x.active && <span className="text-stone-600"> · deactivated</span>}
                    </span>
                    <RemoveMemberButton cohortId={cohort.id} userId={x.id} name={x.name} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}

      <section aria-labelledby="add-member" className="space-y-3 rounded border border-stone-200 bg-white p-4">
        <h2 id="add-member" className="text-xl font-semibold">
          Add a member
        </h2>
        <p className="text-sm text-stone-700">
          Trainees need the trainee role, and supervisors and trainers the supervisor or trainer role. Only active accounts that are not in the cohort yet are offered.
        </p>
        <AddMemberForm cohortId={cohort.id} candidates={candidates} />
      </section>

      <section aria-labelledby="settings" className="space-y-3 rounded border border-stone-200 bg-white p-4">
        <h2 id="settings" className="text-xl font-semibold">
          Name and deletion
        </h2>
        <RenameCohortForm cohortId={cohort.id} name={cohort.name} />
        <DeleteCohortButton cohortId={cohort.id} name={cohort.name} />
      </section>
    </div>
  );
}
