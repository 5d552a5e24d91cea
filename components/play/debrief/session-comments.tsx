"use client";
/** The comments reviewers wrote on the session, for its trainee: in the summary, and each turn's under that turn. */
import type { StoredComment } from "../../../contracts/session-answers";
import { Button } from "../../ui/button";
import { Notice } from "../../ui/notice";
import type { RecordState } from "./session-record";

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
};

/** One comment: who wrote it and when, then what they wrote (plain text, its line breaks kept). */
export function CommentItem({ comment, children }: { comment: StoredComment; children?: React.ReactNode }) {
  return (
    <li className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm">
      <p className="text-stone-700">
        <span className="font-semibold text-stone-900">{comment.author}</span> · <time dateTime={comment.createdAt}>{when(comment.createdAt)}</time>
        {children}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words">{comment.body}</p>
    </li>
  );
}

/** Whole-session comments first, then by turn; oldest first within each. */
export function orderedComments(comments: readonly StoredComment[]): StoredComment[] {
  return [...comments].sort((a, b) => (a.turn ?? 0) - (b.turn ?? 0) || a.createdAt.localeCompare(b.createdAt));
}

export function SessionComments({
  record,
  onRetry,
  onShowTurn,
}: {
  record: RecordState;
  onRetry: () => void;
  /** Opens the transcript at a turn (0-based). */
  onShowTurn: (index: number) => void;
}) {
  if (record.state === "none") return null;
  const sessionPage = record.state === "ready" ? `/sessions/${encodeURIComponent(record.record.id)}` : null;
  return (
    <section aria-labelledby="debrief-comments-heading" className="space-y-2">
      <h3 id="debrief-comments-heading" className="text-lg font-semibold">
        Comments on your session
        {record.state === "ready" && record.record.reviewed && (
          <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 align-middle text-sm font-medium text-emerald-900">Reviewed</span>
        )}
      </h3>
      {record.state === "loading" && (
        <p role="status" className="text-sm text-stone-700">
          Loading comments…
        </p>
      )}
      {record.state === "failed" && (
        <Notice tone="error" as="div" role="alert" className="space-y-2">
          <p>The comments could not be loaded: {record.message}.</p>
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        </Notice>
      )}
      {record.state === "ready" &&
        (record.record.comments.length === 0 ? (
          <p className="text-sm text-stone-700">
            No comments yet. When a supervisor comments on this session, you will find it here and on{" "}
            <a href={sessionPage!} className="text-brand-700 underline">
              the session's page
            </a>
            .
          </p>
        ) : (
          <ul className="space-y-2">
            {orderedComments(record.record.comments).map((c) => (
              <CommentItem key={c.id} comment={c}>
                {" · "}
                {c.turn === null ? (
                  "on the whole session"
                ) : (
                  <button type="button" className="text-brand-700 underline" onClick={() => onShowTurn(c.turn! - 1)}>
                    on turn {c.turn}
                  </button>
                )}
              </CommentItem>
            ))}
          </ul>
        ))}
    </section>
  );
}
