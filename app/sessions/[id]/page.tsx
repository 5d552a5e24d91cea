import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CommentForm, ReviewedToggle } from "../../../components/review/comment-form";
import { MeterChart } from "../../../components/play/meter-chart";
import { signed } from "../../../components/play/feedback-card";
import { buttonClass, ButtonLink } from "../../../components/ui/button";
import { Notice } from "../../../components/ui/notice";
import type { ExportedComment, SessionTranscript } from "../../../contracts/session-export";
import { SESSION_ID } from "../../../contracts/session-requests";
import { formatTimeTaken } from "../../../server/exports/to-markdown";
import { mayReview } from "../../../server/access";
import { getStore } from "../../../server/open-store";
import { accountForPage } from "../../../server/page-account";
import { ServiceError } from "../../../server/service-error";
import { getSessionTranscript } from "../../../server/session-service";
import { unavailableReason } from "../../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Session transcript" };

function Comments({ comments }: { comments: ExportedComment[] }) {
  if (comments.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm">
      {comments.map((c) => (
        <li key={c.id} className="rounded bg-sky-50 px-2 py-1">
          <span className="font-medium">{c.author}</span> <span className="text-stone-600">({c.createdAt.slice(0, 16).replace("T", " ")})</span>: {c.body}
        </li>
      ))}
    </ul>
  );
}

/** Shown instead of the transcript when the session cannot be read at all; the reason is a sentence. */
function Unreadable({ reason }: { reason: string }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">This session cannot be shown</h1>
      <p>{reason.charAt(0).toUpperCase() + reason.slice(1)}.</p>
      <ButtonLink variant="quiet" href="/sessions">
        All sessions
      </ButtonLink>
    </div>
  );
}

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!SESSION_ID.test(id)) notFound();
  let t: SessionTranscript;
  // The comment forms and the reviewed mark are for those who may review it; its trainee reads the comments.
  let reviewer: boolean;
  // Whoever may read the session may read its player's progress (their own, a cohort's trainee, anyone for an administrator).
  let playerId: string | null = null;
  try {
    const store = await getStore();
    const account = await accountForPage(`/sessions/${id}`);
    t = await getSessionTranscript(store, account, id);
    const session = await store.getSession(id);
    reviewer = session !== undefined && (await mayReview((await store.database()).db, account, session));
    playerId = session?.userId ?? null;
  } catch (e) {
    if (e instanceof ServiceError && e.status === 404) notFound();
    if (e instanceof ServiceError) return <Unreadable reason={e.message} />;
    const unavailable = unavailableReason(e);
    if (unavailable !== undefined) return <Unreadable reason={`the database cannot be used right now (${unavailable}); try again later`} />;
    throw e;
  }
  const m = t.debrief.reflections;

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">
          {t.scenario.title}:{" "}
          {playerId ? (
            <Link href={`/people/${encodeURIComponent(playerId)}`} className="text-brand-800 underline decoration-1 underline-offset-4">
              {t.session.participant}
            </Link>
          ) : (
            t.session.participant
          )}
        </h1>
        <p className="text-sm text-stone-700">
          {t.session.mode} mode · started {t.session.startedAt.slice(0, 16).replace("T", " ")} · {t.session.status}
          {t.session.outcome ? ` · outcome ${t.session.outcome}` : ""} · final rapport {t.session.finalMeters.rapport}, mutuality{" "}
          {t.session.finalMeters.mutuality} · version {t.scenario.versionHash.slice(0, 12)}
        </p>
        <div className="no-print flex flex-wrap items-center gap-3 text-sm">
          {reviewer ? (
            <ReviewedToggle sessionId={id} reviewed={t.session.reviewed} />
          ) : (
            <span className="font-medium">{t.session.reviewed ? "Reviewed by a supervisor" : "Not reviewed yet"}</span>
          )}
          <a href={`/api/sessions/${id}/export?format=markdown`} className={buttonClass("quiet")}>
            Markdown
          </a>
          <a href={`/api/sessions/${id}/export?format=json`} className={buttonClass("quiet")}>
            JSON
          </a>
          <a href={`/api/sessions/${id}/export?format=xapi`} className={buttonClass("quiet")}>
            xAPI statements
          </a>
          <span className="text-stone-600">Print the page for a clean document.</span>
          <ButtonLink variant="quiet" href="/sessions">
            All sessions
          </ButtonLink>
        </div>
        {t.notice && (
          <Notice as="div" tone="warning" role="note" aria-labelledby="notice-heading">
            <h2 id="notice-heading" className="font-semibold">
              This transcript is incomplete
            </h2>
            <p>{t.notice}</p>
          </Notice>
        )}
      </header>

      <section aria-labelledby="chart-heading" className="space-y-2">
        <h2 id="chart-heading" className="text-xl font-semibold">
          Meters over the conversation
        </h2>
        <MeterChart series={t.debrief.series} />
        <p className="text-sm">
          Reflections to questions: {m.ratio === null ? "no questions" : `${m.ratio.toFixed(1)} : 1`} (MITI fair 1 : 1, good 2 : 1) ·
          complex reflections: {m.percentComplex === null ? "none tagged" : `${m.percentComplex}%`} (fair 40%, good 50%).{" "}
          {t.debrief.thresholds.note}
        </p>
      </section>

      <section aria-labelledby="turns-heading" className="space-y-3">
        <h2 id="turns-heading" className="text-xl font-semibold">
          Turns
        </h2>
        {t.turns.length === 0 && <p>No choices yet.</p>}
        <ol className="space-y-4">
          {t.turns.map((turn) => (
            <li key={turn.number} className="break-inside-avoid space-y-1 rounded border border-stone-200 bg-white p-3">
              <h3 className="font-medium">Turn {turn.number}</h3>
              <p className="text-stone-700">
                {t.scenario.counterpart}: {turn.lines.join(" ")}
              </p>
              <p>You: {turn.choice.text}</p>
              {turn.note !== null && (
                // The trainee's own words, as text: line breaks kept, never markup.
                <p className="border-l-4 border-brand-600 pl-2 whitespace-pre-line text-stone-800">
                  <span className="font-medium">Why:</span> {turn.note}
                </p>
              )}
              <p className="text-sm">
                {turn.kind.label} ({turn.kind.effect}) · rapport {signed(turn.deltas.rapport)} → {turn.after.rapport}, mutuality{" "}
                {signed(turn.deltas.mutuality)} → {turn.after.mutuality} · took {formatTimeTaken(turn.timeTakenMs)}
              </p>
              {turn.feedback && <p className="text-sm text-stone-700">{turn.feedback}</p>}
              <Comments comments={turn.comments} />
              {reviewer && <CommentForm sessionId={id} turn={turn.number} />}
            </li>
          ))}
        </ol>
        {t.ending && (
          <p className="rounded border border-stone-200 bg-white p-3">
            Ending ({t.ending.outcome}): {t.ending.lines.join(" ")} {t.ending.debrief ?? ""}
          </p>
        )}
      </section>

      <section aria-labelledby="session-comments" className="space-y-2">
        <h2 id="session-comments" className="text-xl font-semibold">
          Comments on the whole session
        </h2>
        <Comments comments={t.comments} />
        {reviewer ? (
          <CommentForm sessionId={id} turn={null} />
        ) : (
          t.comments.length === 0 && <p className="text-stone-700">No comments on the whole session yet.</p>
        )}
      </section>
    </article>
  );
}
