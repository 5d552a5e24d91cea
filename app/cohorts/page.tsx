import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "../../components/ui/notice";
import { isAdmin, isStaff } from "../../server/access";
import { listCohorts, type CohortSummary } from "../../server/cohorts";
import { getStore } from "../../server/open-store";
import { accountForPage } from "../../server/page-account";
import { unavailableReason } from "../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cohorts" };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The cohorts a supervisor or trainer follows (every cohort, for an administrator), with their head counts. */
export default async function CohortsPage() {
  const account = await accountForPage("/cohorts");
  const admin = isAdmin(account);
  if (!admin && !isStaff(account)) notFound();
  let cohorts: CohortSummary[];
  try {
    const { db } = await (await getStore()).database();
    cohorts = await listCohorts(db, account);
  } catch (e) {
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Cohorts</h1>
        <Notice tone="error" role="alert">
          The cohorts cannot be listed: the database cannot be used right now ({unavailable}). Try again in a moment.
        </Notice>
      </div>
    );
  }

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Cohorts</h1>
        <p className="mt-1 text-stone-700">
          {admin
            ? "Every cohort: its trainees, what they are assigned, and how far each of them has got."
            : "The cohorts you follow as a supervisor or trainer: their trainees, what they are assigned, and how far each of them has got."}
        </p>
      </div>
      {cohorts.length === 0 ? (
        <Notice tone="plain" as="div">
          {admin ? (
            <p>
              There are no cohorts yet. Make one, and attach its trainees and staff, under <Link href="/admin/cohorts">Administration</Link>.
            </p>
          ) : (
            <p>
              You are not attached to any cohort yet. An administrator attaches supervisors and trainers to the cohorts they follow; once
              you are, the cohort appears here with its trainees.
            </p>
          )}
        </Notice>
      ) : (
        <ul className="space-y-3" aria-label="Cohorts">
          {cohorts.map((c) => (
            <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold">
                <Link href={`/cohorts/${c.id}`} className="text-brand-800 underline-offset-2 hover:underline">
                  {c.name}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-stone-700">
                {count(c.trainees, "trainee", "trainees")} · {count(c.staff, "supervisor or trainer", "supervisors and trainers")} ·{" "}
                {count(c.assignments, "assignment", "assignments")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
