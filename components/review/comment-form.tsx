"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import type { CommentRequest, ReviewRequest } from "../../contracts/session-requests";
import { requestJson } from "../api/request-json";

/** Adds a reviewer's comment to one turn or to the whole session, then shows it. */
export function CommentForm({ sessionId, turn }: { sessionId: string; turn: number | null }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const r = await requestJson(`/api/sessions/${sessionId}/comments`, "commentAnswerSchema", {
      body: { turn, body } satisfies CommentRequest,
    });
    setBusy(false);
    if (r.ok) {
      setBody("");
      router.refresh();
    } else {
      setError(r.status === null ? "The server cannot be reached; your comment is still here to send again." : r.error);
    }
  };
  const what = turn === null ? "the whole session" : `turn ${turn}`;
  return (
    <form onSubmit={submit} className="no-print mt-2 space-y-2" aria-label={`Comment on ${what}`}>
      <div className="flex flex-wrap gap-2">
        <Field label={`Comment on ${what}`} hideLabel size="sm" className="min-w-0 flex-1">
          <input
            required
            maxLength={4000}
            placeholder={`Comment on ${what}`}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </Field>
        <Button variant="primary" size="sm" type="submit" disabled={busy}>
          Add comment
        </Button>
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
    const r = await requestJson(`/api/sessions/${sessionId}/review`, "reviewAnswerSchema", {
      body: { reviewed: !reviewed } satisfies ReviewRequest,
    });
    if (r.ok) router.refresh();
    else setError("The mark could not be saved; try again.");
  };
  return (
    <span className="no-print">
      <Button variant="secondary" size="sm" aria-pressed={reviewed} onClick={toggle}>
        {reviewed ? "Reviewed ✓" : "Mark as reviewed"}
      </Button>
      {error && (
        <span role="alert" className="ml-2 text-sm text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
