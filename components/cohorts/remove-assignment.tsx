"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";

/**
 * Removes an assignment after asking once; the sessions played for it stay. `headingId` names the
 * heading (with tabIndex -1) that takes the focus once it is gone.
 */
export function RemoveAssignment({ id, what, headingId }: { id: string; what: string; headingId: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  // Focus follows the question: onto it when asked, back to Remove when kept.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) removeRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    // An empty JSON body: every request that changes something says it is JSON.
    const r = await requestJson(`/api/assignments/${id}`, "doneAnswerSchema", { method: "DELETE", body: {} });
    setBusy(false);
    if (r.ok) {
      // This control goes with the assignment: focus moves to the list's heading rather than being lost.
      document.getElementById(headingId)?.focus();
      router.refresh();
      return;
    }
    setError(r.status === null ? "The server cannot be reached; try again." : `It could not be removed: ${r.error}.`);
  };

  if (!asking) {
    return (
      <Button ref={removeRef} variant="secondary" size="sm" onClick={() => setAsking(true)}>
        Remove<span className="sr-only"> {what}</span>
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Remove ${what}?`} className="flex flex-wrap items-center gap-2 text-sm">
      <span>Remove it? Sessions already played stay.</span>
      <Button ref={confirmRef} variant="primary" size="sm" disabled={busy} onClick={() => void remove()}>
        Yes, remove
      </Button>
      <Button variant="secondary" size="sm" disabled={busy} onClick={() => setAsking(false)}>
        Keep it
      </Button>
      {error && (
        <p role="alert" className="w-full text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
