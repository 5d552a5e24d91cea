"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

/** Makes a cohort and opens it, to add its members. */
export function NewCohortForm() {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    setBusy(true);
    setError(undefined);
    const r = await requestJson("/api/admin/cohorts", "cohortAnswerSchema", { body: { name } });
    if (r.ok) {
      router.push(`/admin/cohorts/${r.data.cohort.id}`);
      return;
    }
    setBusy(false);
    const issue = r.issues.find((i) => i.path === "name");
    setError(r.status === null ? "The server cannot be reached. Try again." : issue ? `The name ${issue.message}.` : `No cohort was made: ${r.error}.`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-wrap items-end gap-2" noValidate aria-label="New cohort">
      <Field label="Name of the new cohort" error={error} className="min-w-0 flex-1 sm:max-w-sm">
        <input name="name" required maxLength={80} autoComplete="off" className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={busy} className={error ? "mb-7" : undefined}>
        {busy ? "Making…" : "Make the cohort"}
      </Button>
    </form>
  );
}
