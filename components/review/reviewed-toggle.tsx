"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ReviewRequest } from "../../contracts/session-requests";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";

/**
 * The reviewed mark and the button that sets or clears it. The button stays the same element
 * when the mark changes, so focus stays on it; the mark beside it says where the session stands.
 */
export function ReviewedToggle({ sessionId, reviewed }: { sessionId: string; reviewed: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const waiting = busy || refreshing;
  const toggle = async () => {
    if (waiting) return;
    setError(undefined);
    setBusy(true);
    const r = await requestJson(`/api/sessions/${sessionId}/review`, "reviewAnswerSchema", {
      body: { reviewed: !reviewed } satisfies ReviewRequest,
    });
    setBusy(false);
    if (r.ok) startRefresh(() => router.refresh());
    else setError(r.status === null ? "The server cannot be reached; the mark was not saved." : `The mark was not saved: ${r.error}.`);
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant={reviewed ? "secondary" : "primary"} size="sm" className="no-print" onClick={toggle} aria-disabled={waiting || undefined}>
        {reviewed ? "Mark as not reviewed" : "Mark as reviewed"}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
