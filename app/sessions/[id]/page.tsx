import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MeterChart } from "../../../components/play/meter-chart";
import type { CommentView } from "../../../components/review/comment-thread";
import { CommentThread } from "../../../components/review/comment-thread";
import { plural, utcMinute } from "../../../components/review/format";
import { PrintButton } from "../../../components/review/print-button";
import { ReviewedToggle } from "../../../components/review/reviewed-toggle";
import { TurnCard, WarningIcon } from "../../../components/review/turn-card";
import { buttonClass, ButtonLink } from "../../../components/ui/button";
import { Notice } from "../../../components/ui/notice";
import { MODE_LABELS } from "../../../contracts/enum-labels";
import type { ExportedComment, SessionTranscript } from "../../../contracts/session-export";
import { SESSION_ID } from "../../../contracts/session-requests";
import { INDICATORS_NOTE } from "../../../machines/debrief";
import { RESPONSE_KINDS } from "../../../scenarios/kinds";
import { isAdmin, isStaff, mayReview } from "../../../server/access";
import type { Account } from "../../../server/accounts";
import { formatTimeTaken } from "../../../server/exports/to-markdown";
import { getStore } from "../../../server/open-store";
import { accountForPage } from "../../../server/page-account";
import { ServiceError } from "../../../server/service-error";
import { commentRightsOf, getSessionTranscript } from "../../../server/session-service";
import { SHORT_ABANDONED_TURNS, type CommentRow } from "../../../server/store";
import { unavailableReason } from "../../../server/store-errors";
import { takeBacksOf } from "./take-backs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Session transcript" };

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

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One figure of the summary: a label over its value. */
function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold tracking-wide text-stone-600 uppercase">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!SESSION_ID.test(id)) notFound();
  let t: SessionTranscript;
  let account: Account;
  // The comment boxes and the reviewed mark are for those who may review it; its trainee reads the comments.
  let reviewer: boolean;
  // Whoever may read the session may read its player's progress (their own, a cohort's trainee, anyone for an administrator).
  let playerId: string | null = null;
  let takeBacks: number | undefined;
  let rows: CommentRow[];
  try {
    const store = await getStore();
    account = await accountForPage(`/sessions/${id}`);
    t = await getSessionTranscript(store, account, id);
    const [loaded, stored] = await Promise.all([store.loadSession(id), store.listComments(id)]);
    rows = stored;
    reviewer = loaded !== undefined && (await mayReview((await store.database()).db, account, loaded.session));
    playerId = loaded?.session.userId ?? null;
    if (loaded) takeBacks = takeBacksOf(loaded.revision, loaded.choices.length, loaded.session.status);
  } catch (e) {
    if (e instanceof ServiceError && e.status === 404) notFound();
    if (e instanceof ServiceError) return <Unreadable reason={e.message} />;
    const unavailable = unavailableReason(e);
    if (unavailable !== undefined) return <Unreadable reason={`the database cannot be used right now (${unavailable}); try again later`} />;
    throw e;
  }

  const byId = new Map(rows.map((r) => [r.id, r]));
  const view = (c: ExportedComment, where?: string): CommentView => {
    const row = byId.get(c.id);
    const rights = commentRightsOf(account, reviewer, { authorId: row?.authorId ?? null });
    return {
      id: c.id,
      author: c.author,
      body: c.body,
      createdAt: c.createdAt,
      createdLabel: utcMinute(c.createdAt),
      editedLabel: row?.editedAt ? utcMinute(row.editedAt) : null,
      ...(where !== undefined && { where }),
      canEdit: rights.edit,
      canDelete: rights.delete,
    };
  };

  const s = t.session;
  const d = t.debrief;
  const m = d.reflections;
  const n = t.turns.length;
  const harmful = t.turns.filter((turn) => turn.kind.effect === "harmful").length;
  const staff = isStaff(account) || isAdmin(account);
  const reviewState = s.reviewed
    ? "Reviewed"
    : s.status === "active"
      ? "Not finished yet"
      : s.status === "abandoned" && n <= SHORT_ABANDONED_TURNS
        ? "Nothing to review"
        : reviewer
          ? "Needs review"
          : "Not reviewed yet";
  const ratio =
    m.ratio === null
      ? m.reflections > 0
        ? `reflections and no questions (${m.ratioBand})`
        : "no reflections or questions"
      : `${Number(m.ratio.toFixed(2))} : 1 (${m.ratioBand}; MITI fair ${d.thresholds.reflectionToQuestion.fair} : 1, good ${d.thresholds.reflectionToQuestion.good} : 1)`;
  const complex =
    m.percentComplex === null
      ? "no reflections"
      : `${m.percentComplex}% of ${m.reflections} (${m.percentComplexBand}; MITI fair ${d.thresholds.percentComplex.fair}%, good ${d.thresholds.percentComplex.good}%)`;

  return (
    <article className="transcript space-y-8">
      <header className="space-y-4">
        <p className="no-print flex flex-wrap gap-x-4 text-sm">
          <Link href="/sessions" className="text-brand-700 underline">
            <span aria-hidden="true">← </span>All sessions
          </Link>
          {staff && (
            <Link href={`/analytics/${encodeURIComponent(t.scenario.id)}`} className="text-brand-700 underline">
              Analytics of this scenario
            </Link>
          )}
        </p>
        <div>
          <p className="text-sm text-stone-700">Session transcript</p>
          <h1 className="text-2xl font-semibold text-balance">{t.scenario.title}</h1>
        </div>

        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-4">
          <Fact label="Trainee">
            {playerId ? (
              <Link href={`/people/${encodeURIComponent(playerId)}`} className="text-brand-800 underline">
                {s.participant}
                <span className="sr-only"> (progress)</span>
              </Link>
            ) : (
              s.participant
            )}
          </Fact>
          <Fact label="Mode">{MODE_LABELS[s.mode]}</Fact>
          <Fact label="Started">
            <time dateTime={s.startedAt}>{utcMinute(s.startedAt)}</time>
          </Fact>
          <Fact label="Ended">{s.endedAt ? <time dateTime={s.endedAt}>{utcMinute(s.endedAt)}</time> : "Not yet"}</Fact>
          <Fact label="Outcome">
            {t.ending ? capitalize(t.ending.outcome) : s.status === "abandoned" ? "Abandoned, no ending" : s.status === "active" ? "Unfinished" : "No ending"}
          </Fact>
          <Fact label="Turns">
            {n}
            {harmful > 0 && (
              <span className="ml-2 inline-flex items-center gap-1 font-medium text-red-900">
                <WarningIcon className="h-3.5 w-3.5" />
                {plural(harmful, "harmful response")}
              </span>
            )}
          </Fact>
          <Fact label="Final meters">
            Rapport {s.finalMeters.rapport} · mutuality {s.finalMeters.mutuality}
          </Fact>
          <Fact label="Review">{reviewState}</Fact>
          {s.mode === "practice" && takeBacks !== undefined && (
            <Fact label="Taken back">
              {takeBacks === 0 ? "No choice taken back" : `A choice taken back ${takeBacks === 1 ? "once" : `${takeBacks} times`}`}
            </Fact>
          )}
        </dl>

        <div className="no-print flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          {reviewer && <ReviewedToggle sessionId={id} reviewed={s.reviewed} />}
          <PrintButton />
          <span className="flex flex-wrap items-center gap-x-3">
            <span className="text-stone-700">Export:</span>
            <a href={`/api/sessions/${id}/export?format=markdown`} className={buttonClass("quiet")}>
              Markdown
            </a>
            <a href={`/api/sessions/${id}/export?format=json`} className={buttonClass("quiet")}>
              JSON
            </a>
            <a href={`/api/sessions/${id}/export?format=xapi`} className={buttonClass("quiet")}>
              xAPI statements
            </a>
          </span>
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

      <section aria-labelledby="outcome-heading" className="review-section space-y-2">
        <h2 id="outcome-heading" className="text-xl font-semibold">
          Outcome
        </h2>
        <p>
          {t.ending ? <strong>{capitalize(t.ending.outcome)}</strong> : <strong>No ending reached</strong>}
          {t.ending ? "" : ` (${s.status === "active" ? "unfinished" : s.status})`} after {plural(n, "turn")}. Rapport {s.startMeters.rapport} →{" "}
          {s.finalMeters.rapport}, mutuality {s.startMeters.mutuality} → {s.finalMeters.mutuality}.
        </p>
        {t.ending && t.ending.lines.length > 0 && (
          <div className="border-l-4 border-stone-300 pl-3 text-stone-800">
            <p className="text-xs font-semibold tracking-wide text-stone-600 uppercase">{t.scenario.counterpart}</p>
            {t.ending.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        )}
        {t.ending?.debrief && <p className="whitespace-pre-line">{t.ending.debrief}</p>}
      </section>

      <section aria-labelledby="chart-heading" className="review-section space-y-3">
        <h2 id="chart-heading" className="text-xl font-semibold">
          Meters and metrics
        </h2>
        <MeterChart series={d.series} />
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>Reflection-to-question ratio: {ratio}</li>
          <li>Complex reflections: {complex}</li>
          <li>
            Reflections: {m.reflections} ({m.simple} simple, {m.complex} complex); questions: {m.questions}
          </li>
          <li>
            Helpful choices: {d.helpful}; harmful choices: {d.harmful}
          </li>
        </ul>
        <p className="text-sm text-stone-700">
          {INDICATORS_NOTE} {d.thresholds.note}
        </p>
      </section>

      {d.kindMix.length > 0 && (
        <section aria-labelledby="kinds-heading" className="review-section space-y-2">
          <h2 id="kinds-heading" className="text-xl font-semibold">
            Response kinds
          </h2>
          <ul className="space-y-2 text-sm">
            {d.kindMix.map((k) => (
              <li key={k.kind} className="rounded border border-stone-200 bg-white px-3 py-2">
                <p>
                  <span className="font-medium">{k.label}</span> · {k.effect} · {plural(k.count, "time")}
                  {k.effect === "harmful" && (
                    <span className="ml-2 inline-flex items-center gap-1 font-medium text-red-900">
                      <WarningIcon className="h-3.5 w-3.5" />
                      harmful
                    </span>
                  )}
                </p>
                <p className="text-stone-700">{RESPONSE_KINDS[k.kind].why}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="turns-heading" className="review-section space-y-3">
        <h2 id="turns-heading" className="text-xl font-semibold">
          Turns
        </h2>
        {n === 0 && <p>No choices yet.</p>}
        <ol className="space-y-4">
          {t.turns.map((turn) => (
            <TurnCard
              key={turn.number}
              sessionId={id}
              turn={turn}
              counterpart={t.scenario.counterpart}
              participant={s.participant}
              timeTaken={formatTimeTaken(turn.timeTakenMs)}
              comments={turn.comments.map((c) => view(c))}
              canComment={reviewer}
            />
          ))}
        </ol>
      </section>

      <section aria-labelledby="session-comments" className="review-section space-y-2">
        <h2 id="session-comments" className="text-xl font-semibold">
          Comments on the whole session
        </h2>
        <CommentThread
          sessionId={id}
          turn={null}
          // A comment left on a turn that was taken back keeps its turn number visible.
          comments={t.comments.map((c) => view(c, c.turn !== null ? `on turn ${c.turn}, since taken back` : undefined))}
          canComment={reviewer}
          empty="No comments on the whole session yet."
        />
      </section>

      <footer className="border-t border-stone-200 pt-3 text-sm text-stone-700">
        <p>
          The trainee plays {t.scenario.trainee}; the counterpart is {t.scenario.counterpart}. Scenario <code>{t.scenario.id}</code>, version{" "}
          <code>{t.scenario.versionHash.slice(0, 12)}</code>; session <code>{s.id}</code>. Times are in UTC.
        </p>
      </footer>
    </article>
  );
}
