import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { progressCsvHref } from "../../../components/analytics/analytics-links";
import { CsvLink } from "../../../components/analytics/csv-link";
import { Section } from "../../../components/analytics/section";
import { ProgressAssignments, ProgressComments, ProgressSessionsTable, ProgressTrends } from "../../../components/people/progress-sections";
import { Notice } from "../../../components/ui/notice";
import type { PersonProgress } from "../../../contracts/analytics-answers";
import { PERSON_ID } from "../../../contracts/people-requests";
import { personProgress } from "../../../server/analytics/person-progress";
import { accountForPage } from "../../../server/page-account";
import { ServiceError } from "../../../server/service-error";
import { unavailableReason } from "../../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Progress" };

/**
 * One person's progress, for themselves, the supervisors and trainers of a cohort they train in,
 * and administrators (anyone else gets the not-found page, so the id is not confirmed): every
 * session over time, with trends of final meters, responses and reflection metrics; assignments
 * done and open; and the comments written on their sessions.
 */
export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!PERSON_ID.test(id)) notFound();
  const account = await accountForPage(`/people/${id}`);
  let p: PersonProgress;
  try {
    p = await personProgress(account, id);
  } catch (e) {
    if (e instanceof ServiceError && e.status === 404) notFound();
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Progress</h1>
        <Notice tone="error" role="alert">
          This progress cannot be shown: the database cannot be used right now ({unavailable}). Try again in a moment.
        </Notice>
      </div>
    );
  }
  const own = p.person.id === account.id;
  const completed = p.sessions.filter((s) => s.status === "completed").length;
  const c = p.assignmentCounts;
  const titles = new Map(p.sessions.map((s) => [s.id, s.title]));
  return (
    <div data-wide className="mx-auto max-w-6xl space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold break-words">
          {own ? "My progress" : `Progress of ${p.person.name}`}
          {!p.person.active && <span className="text-base font-normal text-stone-600"> (deactivated)</span>}
        </h1>
        <p>
          <strong>{p.sessions.length}</strong> {p.sessions.length === 1 ? "session" : "sessions"}, {completed} completed · assignments: <strong>{c.done}</strong> done,{" "}
          <strong>{c.open + c["in-progress"]}</strong> open{c["in-progress"] > 0 ? ` (${c["in-progress"]} in progress)` : ""}, <strong>{c.overdue}</strong> overdue
        </p>
      </div>

      <Section
        id="trends"
        title="Over time"
        intro={<p>Each point is a completed session, oldest on the left. Unfinished and abandoned sessions are in the table below but not on the charts.</p>}
      >
        <ProgressTrends progress={p} />
      </Section>

      <Section id="sessions" title="Sessions" actions={<CsvLink href={progressCsvHref(p.person.id, "sessions")} what="the sessions" />}>
        <ProgressSessionsTable sessions={p.sessions} />
      </Section>

      <Section id="assignments" title="Assignments" intro={<p>Most pressing first: overdue, in progress, not started, then done.</p>}>
        <ProgressAssignments assignments={p.assignments} />
      </Section>

      <Section id="comments" title={own ? "Comments from supervisors" : "Comments on these sessions"}>
        <ProgressComments comments={p.comments} titles={titles} />
      </Section>
    </div>
  );
}
