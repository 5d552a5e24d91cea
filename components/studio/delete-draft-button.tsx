"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";

/** Deletes a draft after asking; what was published from it stays published. */
export function DeleteDraftButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const remove = async () => {
    setBusy(true);
    const r = await requestJson(`/api/studio/drafts/${id}`, "doneAnswerSchema", { method: "DELETE" });
    setBusy(false);
    if (r.ok) {
      setAsking(false);
      router.refresh();
    } else setError(r.status === null ? "The server cannot be reached. Try again." : `Not deleted: ${r.error}.`);
  };
  if (!asking)
    return (
      <Button variant="quiet" size="sm" onClick={() => setAsking(true)} aria-label={`Delete the draft ${name}`}>
        Delete
      </Button>
    );
  return (
    <span role="group" aria-label={`Delete the draft ${name}?`} className="inline-flex flex-wrap items-center gap-2">
      <span className="text-sm">Delete this draft? Published versions stay.</span>
      <Button variant="danger" size="sm" disabled={busy} onClick={() => void remove()} autoFocus>
        {busy ? "Deleting…" : "Delete the draft"}
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setAsking(false)}>
        Keep it
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
