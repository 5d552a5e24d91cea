"use client";

import { useState } from "react";
import type { LinkAnswer } from "../../contracts/people-answers";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { OneTimeLink } from "./one-time-link";

/** Issues a new one-time set-password link for the account and shows it to copy. */
export function NewLinkButton({ personId, name, linkHours }: { personId: string; name: string; linkHours: number }) {
  const [link, setLink] = useState<LinkAnswer["link"] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    setError(undefined);
    const r = await requestJson(`/api/admin/people/${personId}/link`, "linkAnswerSchema", { method: "POST", body: {} });
    setBusy(false);
    if (r.ok) setLink(r.data.link);
    else setError(r.status === null ? "The server cannot be reached. Try again." : `No link was made: ${r.error}.`);
  };
  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => void issue()} disabled={busy}>
        {busy ? "Making a link…" : link ? "Another new set-password link" : "New set-password link"}
      </Button>
      {error && (
        <Notice tone="error" role="alert">
          {error}
        </Notice>
      )}
      {link && <OneTimeLink url={link.url} expiresAt={link.expiresAt} hours={linkHours} name={name} mailedTo={link.mailedTo} />}
    </div>
  );
}
