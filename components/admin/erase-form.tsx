"use client";

import { useState, type FormEvent } from "react";
import { ERASE_MODE_LABELS } from "../../contracts/enum-labels";
import { ERASE_MODES, type EraseMode } from "../../contracts/enums";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/** What each choice does to the person's own sessions, in plain words. */
const MODE_HINTS: Record<EraseMode, string> = {
  delete: "Their practice sessions, the choices in them and the comments on them are deleted.",
  anonymise:
    "Their practice sessions stay, with no name and no owner, so the program's statistics keep counting them. The comments on those sessions are deleted.",
};

/**
 * Erases a person, after their email is typed again to confirm; then goes back to the list of
 * accounts, which says it was done.
 */
export function EraseForm({ personId, name, email }: { personId: string; name: string; email: string }) {
  const [error, setError] = useState<string | undefined>();
  const [confirmError, setConfirmError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const mode = String(form.get("mode") ?? "") as EraseMode;
    const confirmEmail = String(form.get("confirmEmail") ?? "").trim();
    setError(undefined);
    if (confirmEmail.toLowerCase() !== email.toLowerCase()) {
      setConfirmError(`Type ${email} exactly to confirm.`);
      return;
    }
    setConfirmError(undefined);
    setBusy(true);
    const r = await requestJson(`/api/admin/people/${personId}/erase`, "doneAnswerSchema", { body: { mode, confirmEmail } });
    if (r.ok) {
      window.location.assign("/admin?erased=1");
      return;
    }
    setBusy(false);
    setError(r.status === null ? "The server cannot be reached. Nothing was erased; try again." : `Nothing was erased: ${r.error}.`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate aria-label={`Erase ${name}`}>
      {error && (
        <Notice tone="error" role="alert">
          {error}
        </Notice>
      )}
      <fieldset className="space-y-2">
        <legend className="mb-1 font-medium">What happens to {name}&apos;s own practice sessions</legend>
        {ERASE_MODES.map((mode) => (
          <label key={mode} className="flex items-start gap-2">
            <input type="radio" name="mode" value={mode} defaultChecked={mode === "delete"} className="mt-1.5" />
            <span>
              {ERASE_MODE_LABELS[mode]}
              <span className="block text-sm text-stone-600">{MODE_HINTS[mode]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field label={`Type ${name}'s email to confirm`} hint={`It is ${email}.`} error={confirmError}>
        <input name="confirmEmail" type="email" autoComplete="off" required className="w-full sm:max-w-sm" />
      </Field>
      <Button type="submit" variant="danger" disabled={busy}>
        {busy ? "Erasing…" : `Erase ${name}`}
      </Button>
    </form>
  );
}
