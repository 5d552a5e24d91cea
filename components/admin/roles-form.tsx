"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { Role } from "../../contracts/enums";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { checkedRoles, RoleCheckboxes } from "./role-checkboxes";

/** Changes an account's roles; a refusal (such as taking the role from the only active administrator) is said above the boxes. */
export function RolesForm({ personId, roles }: { personId: string; roles: Role[] }) {
  const router = useRouter();
  const errorId = useId();
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const wanted = checkedRoles(new FormData(e.currentTarget));
    if (wanted.length === 0) {
      setResult({ ok: false, text: "Choose at least one role." });
      return;
    }
    setBusy(true);
    setResult(undefined);
    const r = await requestJson(`/api/admin/people/${personId}/roles`, "personAnswerSchema", { body: { roles: wanted } });
    setBusy(false);
    if (r.ok) {
      setResult({ ok: true, text: "The roles are saved." });
      router.refresh();
    } else {
      setResult({ ok: false, text: r.status === null ? "The server cannot be reached. Try again." : `The roles were not changed: ${r.error}.` });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Roles">
      {result && (
        <Notice tone={result.ok ? "info" : "error"} role={result.ok ? "status" : "alert"} id={result.ok ? undefined : errorId}>
          {result.text}
        </Notice>
      )}
      <RoleCheckboxes legend="Roles this account holds" checked={roles} errorId={errorId} />
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? "Saving…" : "Save roles"}
      </Button>
    </form>
  );
}
