"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { COMMENT_MAX_LENGTH } from "../../contracts/limits";
import type { CommentEditRequest, CommentRequest } from "../../contracts/session-requests";
import { requestJson, type JsonResult } from "../api/request-json";
import { Button } from "../ui/button";

/** A comment as the thread shows it: times already written out, and what the viewer may do to it. */
export interface CommentView {
  id: string;
  author: string;
  body: string;
  /** When it was written (ISO), and as shown. */
  createdAt: string;
  createdLabel: string;
  /** When its author last changed it, as shown; null when never. */
  editedLabel: string | null;
  /** Where it was left, when that is not where it is shown (a turn since taken back). */
  where?: string;
  canEdit: boolean;
  canDelete: boolean;
}

/** What a failed request says to the reviewer, keeping what they wrote. */
function failure(r: Extract<JsonResult<unknown>, { ok: false }>, kept: string): string {
  if (r.status === null) return `The server cannot be reached; ${kept}`;
  const issue = r.issues[0];
  return `${r.error.charAt(0).toUpperCase()}${r.error.slice(1)}${issue && !r.error.includes(issue.message) ? ` (${issue.message})` : ""}.`;
}

/** A multi-line text box for a comment, as wide as its column on any screen. */
function CommentBox({ id, label, value, onChange, inputRef }: { id: string; label: ReactNode; value: string; onChange: (v: string) => void; inputRef?: React.Ref<HTMLTextAreaElement> }) {
  return (
    <div className="flex w-full flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        ref={inputRef}
        required
        rows={3}
        maxLength={COMMENT_MAX_LENGTH}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="block w-full min-w-0 resize-y rounded border border-stone-400 px-2 py-1.5 text-base sm:text-sm"
      />
    </div>
  );
}

/** One comment, with Edit and Delete for those who may. */
function CommentItem({ sessionId, comment, what, onDone }: { sessionId: string; comment: CommentView; what: string; onDone: (said: string, deleted: boolean) => void }) {
  const router = useRouter();
  const [mode, setMode] = useState<"read" | "edit" | "confirm-delete">("read");
  const [text, setText] = useState(comment.body);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [edited, setEdited] = useState(false);
  const [gone, setGone] = useState(false);
  // The button focus goes back to once it is on screen again (after an edit, or leaving a form).
  const [refocus, setRefocus] = useState<"edit" | "delete" | undefined>();
  const editRef = useRef<HTMLButtonElement>(null);
  const askDeleteRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const boxId = useId();
  const url = `/api/sessions/${sessionId}/comments/${comment.id}`;

  useEffect(() => {
    if (mode === "edit") textRef.current?.focus();
    if (mode === "confirm-delete") deleteRef.current?.focus();
    if (mode === "read" && refocus) {
      (refocus === "edit" ? editRef : askDeleteRef).current?.focus();
      setRefocus(undefined);
    }
  }, [mode, refocus]);

  // Once the page shows the new text, leave the form and say so.
  useEffect(() => {
    if (refreshing || !edited) return;
    setEdited(false);
    setMode("read");
    setRefocus("edit");
    onDone("Comment saved.", false);
  }, [refreshing, edited, onDone]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const r = await requestJson(url, "commentEditAnswerSchema", { method: "PATCH", body: { body: text } satisfies CommentEditRequest });
    setBusy(false);
    if (r.ok) {
      setEdited(true);
      startRefresh(() => router.refresh());
    } else setError(failure(r, "your changes are still here to save again."));
  };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const r = await requestJson(url, "commentDeleteAnswerSchema", { method: "DELETE" });
    setBusy(false);
    // 404: it is gone already (deleted in another tab, or this request was a retry).
    if (r.ok || r.status === 404) {
      setGone(true);
      onDone("Comment deleted.", true);
      startRefresh(() => router.refresh());
    } else setError(failure(r, "the comment was not deleted."));
  };

  if (gone) return null;
  const waiting = busy || refreshing;
  const context = <span className="sr-only"> comment on {what}</span>;
  return (
    <li className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm">
      <p className="text-stone-700">
        <span className="font-medium text-stone-900">{comment.author}</span>
        {" · "}
        <time dateTime={comment.createdAt}>{comment.createdLabel}</time>
        {comment.editedLabel && <span> · edited {comment.editedLabel}</span>}
        {comment.where && <span> · {comment.where}</span>}
      </p>
      {mode === "edit" ? (
        <form onSubmit={save} className="no-print mt-2 space-y-2" aria-label={`Edit comment on ${what}`}>
          <CommentBox id={boxId} label="Your comment" value={text} onChange={setText} inputRef={textRef} />
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" size="sm" type="submit" aria-disabled={waiting || undefined}>
              {waiting ? "Saving…" : "Save changes"}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setMode("read");
                setText(comment.body);
                setError(undefined);
                setRefocus("edit");
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        // The reviewer's words, as text: line breaks kept, never markup.
        <p className="mt-1 whitespace-pre-line break-words text-stone-900">{comment.body}</p>
      )}
      {mode === "read" && (comment.canEdit || comment.canDelete) && (
        <div className="no-print mt-1 flex gap-4">
          {comment.canEdit && (
            <Button
              variant="quiet"
              className="text-sm"
              ref={editRef}
              onClick={() => {
                setText(comment.body);
                setMode("edit");
              }}
            >
              Edit{context}
            </Button>
          )}
          {comment.canDelete && (
            <Button variant="quiet" className="text-sm" ref={askDeleteRef} onClick={() => setMode("confirm-delete")}>
              Delete{context}
            </Button>
          )}
        </div>
      )}
      {mode === "confirm-delete" && (
        <div role="group" aria-label="Delete this comment?" className="no-print mt-2 flex flex-wrap items-center gap-2 rounded border border-red-200 bg-white px-2 py-2">
          <span>Delete this comment? It cannot be brought back.</span>
          <Button variant="danger" size="sm" onClick={remove} ref={deleteRef} aria-disabled={waiting || undefined}>
            {waiting ? "Deleting…" : "Delete"}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setMode("read");
              setError(undefined);
              setRefocus("delete");
            }}
          >
            Keep it
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-red-800">
          {error}
        </p>
      )}
    </li>
  );
}

/**
 * The comments on one turn (or on the whole session, `turn` null) and, for a reviewer, a
 * "Comment on this turn" button that opens a box to write one. Own comments can be edited and
 * deleted. Every change is saved through the session API and then shown by refreshing the page.
 */
export function CommentThread({
  sessionId,
  turn,
  comments,
  canComment,
  empty,
}: {
  sessionId: string;
  turn: number | null;
  comments: CommentView[];
  canComment: boolean;
  /** Said when there are no comments (nothing when absent). */
  empty?: string;
}) {
  const router = useRouter();
  const what = turn === null ? "the whole session" : `turn ${turn}`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [added, setAdded] = useState(false);
  const [said, setSaid] = useState("");
  // Set when focus should go back to the "Comment on…" button once it is on screen again.
  const [refocus, setRefocus] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const boxId = useId();

  useEffect(() => {
    if (open) boxRef.current?.focus();
    else if (refocus) {
      openRef.current?.focus();
      setRefocus(false);
    }
  }, [open, refocus]);

  useEffect(() => {
    if (refreshing || !added) return;
    setAdded(false);
    setOpen(false);
    setText("");
    setSaid("Comment added.");
    setRefocus(true);
  }, [refreshing, added]);

  const onItemDone = (sentence: string, deleted: boolean) => {
    setSaid(sentence);
    // The deleted comment's buttons are gone: focus what stands for the thread.
    if (deleted) (openRef.current ?? listRef.current)?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || refreshing) return;
    setBusy(true);
    setError(undefined);
    const r = await requestJson(`/api/sessions/${sessionId}/comments`, "commentAnswerSchema", { body: { turn, body: text } satisfies CommentRequest });
    setBusy(false);
    if (r.ok) {
      setAdded(true);
      startRefresh(() => router.refresh());
    } else setError(failure(r, "your comment is still here to send again."));
  };

  const cancel = () => {
    setOpen(false);
    setError(undefined);
    setRefocus(true);
  };

  const waiting = busy || refreshing;
  return (
    <div ref={listRef} tabIndex={-1} className="space-y-2 outline-none">
      {comments.length > 0 ? (
        <ul className="space-y-2" aria-label={`Comments on ${what}`}>
          {comments.map((c) => (
            <CommentItem key={c.id} sessionId={sessionId} comment={c} what={what} onDone={onItemDone} />
          ))}
        </ul>
      ) : (
        empty && <p className="text-sm text-stone-700">{empty}</p>
      )}
      {canComment && (
        <div className="no-print space-y-2">
          {!open && (
            <Button variant="secondary" size="sm" ref={openRef} onClick={() => setOpen(true)}>
              <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className="mr-1.5 inline-block h-4 w-4 align-[-3px]" fill="currentColor">
                <path d="M3 3h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H8l-4 3v-3H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z" />
              </svg>
              {turn === null ? "Comment on the whole session" : "Comment on this turn"}
              {turn !== null && <span className="sr-only"> ({what})</span>}
            </Button>
          )}
          {open && (
            <form onSubmit={submit} aria-label={`Comment on ${what}`} className="space-y-2 rounded border border-stone-300 bg-white p-3">
              <CommentBox id={boxId} label={`Your comment on ${what}`} value={text} onChange={setText} inputRef={boxRef} />
              <p className="text-sm text-stone-600">The trainee sees your comment with your name.</p>
              <div className="flex flex-wrap gap-2">
                <Button variant="primary" size="sm" type="submit" aria-disabled={waiting || undefined}>
                  {waiting ? "Saving…" : "Save comment"}
                </Button>
                <Button variant="secondary" size="sm" onClick={cancel}>
                  Cancel
                </Button>
              </div>
              {error && (
                <p role="alert" className="text-sm text-red-800">
                  {error}
                </p>
              )}
            </form>
          )}
        </div>
      )}
      <p role="status" className="sr-only">
        {said}
      </p>
    </div>
  );
}
