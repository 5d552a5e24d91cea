"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { NewPersonAnswer } from "../../contracts/people-answers";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";
import { OneTimeLink } from "./one-time-link";
import { checkedRoles, RoleCheckboxes } from "./role-checkboxes";

type Problems = Partial<Record<"email" | "name" | "roles" | "cohortId" | "form", string>>;

/** Makes an account with no password, then shows the one-time link with which its owner sets one. */
export function NewPersonForm({ cohorts, linkHours }: { cohorts: { id: string; name: string }[]; linkHours: number }) {
  const router = useRouter();
  const rolesError = useId();
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<NewPersonAnswer | undefined>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const roles = checkedRoles(form);
    if (roles.length === 0) {
      setProblems({ roles: "Choose at least one role." });
      return;
    }
    const cohortId = String(form.get("cohortId") ?? "");
    setBusy(true);
    setProblems({});
    setMade(undefined);
    const r = await requestJson("/api/admin/people", "newPersonAnswerSchema", {
      body: { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), roles, cohortId: cohortId || null },
    });
    setBusy(false);
    if (!r.ok) {
      const byField: Problems = {};
      for (const i of r.issues) {
        const field = i.path.split(".")[0];
        if (field === "email" || field === "name" || field === "roles" || field === "cohortId") byField[field] = `This ${i.message}.`;
      }
      if (r.status === 409 && r.error.startsWith("an account with the email")) byField.email = "An account with this email already exists.";
      setProblems(Object.keys(byField).length ? byField : { form: `The account could not be made: ${r.error}.` });
      return;
    }
    formElement.reset();
    setMade(r.data);
    router.refresh();
  };
  return (
    <div className="space-y-4">
      <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate aria-label="New account">
        {problems.form && (
          <Notice tone="error" role="alert">
            {problems.form}
          </Notice>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Email" hint="They sign in with it." error={problems.email}>
            <input name="email" type="email" autoComplete="off" required className="w-full" />
          </Field>
          <Field label="Name" hint="Shown on their sessions and comments." error={problems.name}>
            <input name="name" autoComplete="off" required maxLength={80} className="w-full" />
          </Field>
        </div>
        <RoleCheckboxes legend="Roles" checked={["trainee"]} error={problems.roles} errorId={rolesError} />
        <Field
          label="Cohort (optional)"
          hint={cohorts.length === 0 ? "There are no cohorts yet." : "As a trainee, or as staff for a supervisor or trainer."}
          error={problems.cohortId}
          className="sm:max-w-sm"
        >
          <select name="cohortId" defaultValue="" className="w-full">
            <option value="">No cohort</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Making the account…" : "Make the account"}
        </Button>
      </form>
      {/* Always there, so that what it says is announced when it changes. */}
      <p role="status" className={made ? undefined : "sr-only"}>
        {made && (
          <>
            The account for <strong>{made.person.name}</strong> ({made.person.email}) is made. It has no password until the link below is used.
          </>
        )}
      </p>
      {made && <OneTimeLink url={made.link.url} expiresAt={made.link.expiresAt} hours={linkHours} name={made.person.name} mailedTo={made.link.mailedTo} />}
    </div>
  );
}
