"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/** Adds a reviewer's comment to one turn or to the whole session, then shows it. */
export function CommentForm({ sessionId, turn }: { sessionId: string; turn: number | null }) {
  const router = useRouter();
  const id = useId();
  const [author, setAuthor] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(`/api/sessions/${sessionId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ turn, author, body }),
      });
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `the server answered ${res.status}`);
      setBody("");
      router.refresh();
    } catch (err) {
      setError(err instanceof TypeError ? "The server cannot be reached; your comment is still here to send again." : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const what = turn === null ? "the whole session" : `turn ${turn}`;
  return (
    <form onSubmit={submit} className="no-print mt-2 space-y-2" aria-label={`Comment on ${what}`}>
      <div className="flex flex-wrap gap-2">
        <label className="sr-only" htmlFor={`${id}-author`}>
          Your name
        </label>
        <input
          id={`${id}-author`}
          required
          maxLength={80}
          placeholder="Your name"
          value={author}
          onChange={(e) => setAuthor(e.target.value)}
          className="w-40 rounded border border-stone-400 px-2 py-1 text-sm"
        />
        <label className="sr-only" htmlFor={`${id}-body`}>
          Comment on {what}
        </label>
        <input
          id={`${id}-body`}
          required
          maxLength={4000}
          placeholder={`Comment on ${what}`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          className="min-w-0 flex-1 rounded border border-stone-400 px-2 py-1 text-sm"
        />
        <button type="submit" disabled={busy} className="rounded bg-brand-700 px-3 py-1 text-sm text-white">
          Add comment
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}

/** The reviewed mark. */
export function ReviewedToggle({ sessionId, reviewed }: { sessionId: string; reviewed: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const toggle = async () => {
    setError(undefined);
    try {
      const res = await fetch(`/api/sessions/${sessionId}/review`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reviewed: !reviewed }),
      });
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      router.refresh();
    } catch {
      setError("The mark could not be saved; try again.");
    }
  };
  return (
    <span className="no-print">
      <button type="button" aria-pressed={reviewed} onClick={toggle} className="rounded border border-stone-400 bg-white px-3 py-1 text-sm">
        {reviewed ? "Reviewed ✓" : "Mark as reviewed"}
      </button>
      {error && (
        <span role="alert" className="ml-2 text-sm text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
