import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActiveToggle } from "../../../../components/admin/active-toggle";
import { AuditList } from "../../../../components/admin/audit-list";
import { EraseForm } from "../../../../components/admin/erase-form";
import { NewLinkButton } from "../../../../components/admin/new-link-button";
import { PersonStatus } from "../../../../components/admin/person-status";
import { RolesForm } from "../../../../components/admin/roles-form";
import { Unavailable } from "../../../../components/admin/unavailable";
import { buttonClass, ButtonLink } from "../../../../components/ui/button";
import { MEMBERSHIP_LABELS } from "../../../../contracts/enum-labels";
import { PERSON_ID } from "../../../../contracts/people-requests";
import { listAudit } from "../../../../server/audit";
import { LINK_HOURS } from "../../../../server/auth";
import { getPerson, listPeople } from "../../../../server/people";
import { loadAdminPage } from "../../../../server/require-admin";
import { ServiceError } from "../../../../server/service-error";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account" };

/** How many of the person's latest audit entries the page shows. */
const RECENT = 10;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded border border-stone-200 bg-white p-4">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One account, for an administrator: roles, cohorts, a new set-password link, deactivation, export and erasure, and its latest audit entries. */
export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!PERSON_ID.test(id)) notFound();
  const page = await loadAdminPage(`/admin/people/${id}`, async (account, db) => {
    let person;
    try {
      person = await getPerson(db, id);
    } catch (e) {
      if (e instanceof ServiceError && e.status === 404) notFound();
      throw e;
    }
    const [{ entries, total }, people] = await Promise.all([listAudit(db, { personId: id }), listPeople(db)]);
    return { account, person, entries: entries.slice(0, RECENT), total, existing: new Set(people.map((p) => p.id)) };
  });
  if (page.unavailable !== undefined) return <Unavailable reason={page.unavailable} />;
  const { account, person, entries, total, existing } = page.data;
  const self = person.id === account.id;

  return (
    <div className="space-y-5">
      <p>
        <ButtonLink variant="quiet" href="/admin">
          ← All accounts
        </ButtonLink>
      </p>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold break-words">{person.name}</h1>
        <p className="flex flex-wrap items-center gap-x-2 wrap-anywhere">
          {person.email} <PersonStatus active={person.active} passwordSet={person.passwordSet} />
        </p>
        {self && <p className="text-sm text-stone-700">This is your own account.</p>}
      </div>

      <Section id="roles" title="Roles">
        <RolesForm personId={person.id} roles={person.roles} />
      </Section>

      <Section id="cohorts" title="Cohorts">
        {person.cohorts.length === 0 ? (
          <p>Not in any cohort.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5">
            {person.cohorts.map((c) => (
              <li key={c.id}>
                <ButtonLink variant="quiet" href={`/admin/cohorts/${c.id}`}>
                  {c.name}
                </ButtonLink>{" "}
                <span className="text-stone-600">({MEMBERSHIP_LABELS[c.membership].toLowerCase()})</span>
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm text-stone-700">
          People are added to a cohort, or taken out, on the cohort&apos;s page (
          <ButtonLink variant="quiet" href="/admin/cohorts">
            Cohorts
          </ButtonLink>
          ).
        </p>
      </Section>

      <Section id="link" title="Set-password link">
        <p>
          {person.passwordSet
            ? `For a forgotten password: a new link lets ${person.name} choose a new password. Their current password keeps working until they use it.`
            : `${person.name} has not set a password yet. If the first link was lost or has expired, make a new one.`}{" "}
          A link works once, for {LINK_HOURS} hours. Setting a password with it signs the account out everywhere.
        </p>
        {person.active ? (
          <NewLinkButton personId={person.id} name={person.name} linkHours={LINK_HOURS} />
        ) : (
          <p className="text-sm text-stone-700">The account is deactivated: reactivate it before making a link.</p>
        )}
      </Section>

      <Section id="access" title={person.active ? "Deactivate" : "Reactivate"}>
        {person.active ? (
          <p>
            A deactivated account can no longer sign in, and every device where it is signed in is signed out at once. Nothing is deleted: its sessions and
            transcripts stay for its supervisors, and it can be reactivated at any time.
          </p>
        ) : (
          <p>This account is deactivated: it cannot sign in. Its sessions and transcripts are kept. Reactivated, it can sign in again.</p>
        )}
        {self ? (
          <p className="text-sm text-stone-700">You cannot deactivate your own account.</p>
        ) : (
          <ActiveToggle personId={person.id} name={person.name} active={person.active} />
        )}
      </Section>

      <Section id="export" title="Personal data">
        <p>Everything stored about {person.name}, in one JSON file: the account, cohorts, practice sessions with their choices and comments, the comments they wrote, and the audit log&apos;s entries about them.</p>
        <a href={`/api/admin/people/${person.id}/export`} download className={buttonClass("secondary", "md", "inline-block")}>
          Export personal data (JSON)
        </a>
      </Section>

      <Section id="erase" title="Erase">
        <p>Erasing cannot be undone. Whichever you choose below:</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>the account goes, with its password, sign-ins, roles and cohort places;</li>
          <li>comments {person.name} wrote on other people&apos;s sessions stay for those people, under the name &ldquo;Erased account&rdquo;;</li>
          <li>their name is taken out of the audit log (the entries stay, under &ldquo;Erased account&rdquo;).</li>
        </ul>
        <p>To stop someone signing in without erasing anything, deactivate the account instead.</p>
        {self ? (
          <p className="text-sm text-stone-700">You cannot erase your own account.</p>
        ) : (
          <EraseForm personId={person.id} name={person.name} email={person.email} />
        )}
      </Section>

      <section aria-labelledby="activity" className="space-y-3">
        <h2 id="activity" className="text-xl font-semibold">
          Recent activity
        </h2>
        {entries.length === 0 ? (
          <p>Nothing recorded yet.</p>
        ) : (
          <>
            <AuditList entries={entries} linked={existing} names={{}} />
            {total > entries.length && (
              <ButtonLink variant="quiet" href={`/admin/audit?person=${person.id}`}>
                All {total} entries about {person.name}
              </ButtonLink>
            )}
          </>
        )}
      </section>
    </div>
  );
}
