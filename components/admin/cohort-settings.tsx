"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/** Renames a cohort. */
export function RenameCohortForm({ cohortId, name }: { cohortId: string; name: string }) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const wanted = String(new FormData(e.currentTarget).get("name") ?? "");
    setBusy(true);
    setResult(undefined);
    const r = await requestJson(`/api/admin/cohorts/${cohortId}`, "doneAnswerSchema", { body: { name: wanted } });
    setBusy(false);
    if (r.ok) {
      setResult({ ok: true, text: "The cohort is renamed." });
      router.refresh();
      return;
    }
    const issue = r.issues.find((i) => i.path === "name");
    setResult({ ok: false, text: r.status === null ? "The server cannot be reached. Try again." : issue ? `The name ${issue.message}.` : `Not renamed: ${r.error}.` });
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2" noValidate aria-label="Rename the cohort">
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Name" className="min-w-0 flex-1 sm:max-w-sm">
          <input name="name" required maxLength={80} defaultValue={name} autoComplete="off" className="w-full" />
        </Field>
        <Button type="submit" variant="secondary" disabled={busy}>
          {busy ? "Renaming…" : "Rename"}
        </Button>
      </div>
      {result && (
        <p role={result.ok ? "status" : "alert"} className={`text-sm ${result.ok ? "" : "text-red-800"}`}>
          {result.text}
        </p>
      )}
    </form>
  );
}

/** Deletes a cohort, after a second click that says what goes with it. */
export function DeleteCohortButton({ cohortId, name }: { cohortId: string; name: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    const r = await requestJson(`/api/admin/cohorts/${cohortId}`, "doneAnswerSchema", { method: "DELETE" });
    if (r.ok) {
      router.push("/admin/cohorts");
      router.refresh();
      return;
    }
    setBusy(false);
    setError(r.status === null ? "The server cannot be reached. Try again." : `Not deleted: ${r.error}.`);
  };
  if (!asking) {
    return (
      <Button variant="secondary" onClick={() => setAsking(true)}>
        Delete this cohort…
      </Button>
    );
  }
  return (
    <Notice as="div" tone="warning" role="alert" className="space-y-3">
      <p>
        Delete <strong>{name}</strong>? Its member list and assignments are deleted. The sessions its trainees played stay theirs, and their accounts are
        not touched.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={() => void remove()} disabled={busy}>
          {busy ? "Deleting…" : `Yes, delete ${name}`}
        </Button>
        {/* Focus lands on the way back, not on the deletion: Enter pressed by habit deletes nothing. */}
        <Button variant="secondary" onClick={() => setAsking(false)} disabled={busy} autoFocus>
          Cancel
        </Button>
      </div>
      {error && <p className="text-red-800">{error}</p>}
    </Notice>
  );
}
