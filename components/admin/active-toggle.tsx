"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";

/** Deactivates an active account or reactivates a deactivated one. */
export function ActiveToggle({ personId, name, active }: { personId: string; name: string; active: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    const r = await requestJson(`/api/admin/people/${personId}/active`, "personAnswerSchema", { body: { active: !active } });
    setBusy(false);
    if (r.ok) router.refresh();
    else setError(r.status === null ? "The server cannot be reached. Try again." : `Nothing was changed: ${r.error}.`);
  };
  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => void toggle()} disabled={busy}>
        {active ? `Deactivate ${name}` : `Reactivate ${name}`}
      </Button>
      {error && (
        <Notice tone="error" role="alert">
          {error}
        </Notice>
      )}
    </div>
  );
}
