"use client";

import { useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/** Why a password change failed, in a sentence. */
function changeProblem(status: number | null, minPasswordLength: number): string {
  if (status === null) return "The server cannot be reached. Check the connection and try again.";
  if (status === 400) return `The current password is not right, or the new one is shorter than ${minPasswordLength} characters.`;
  if (status === 401) return "You are signed out. Sign in again, then change your password.";
  return `The password could not be changed (the server answered ${status}). Try again in a moment.`;
}

/** Changes the signed-in account's password, signing it out everywhere else. */
export function ChangePasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const newPassword = String(form.get("new") ?? "");
    if (newPassword !== String(form.get("repeat") ?? "")) {
      setResult({ ok: false, text: "The two new passwords are not the same." });
      return;
    }
    if (newPassword.length < minPasswordLength) {
      setResult({ ok: false, text: `The new password must be at least ${minPasswordLength} characters.` });
      return;
    }
    setBusy(true);
    setResult(undefined);
    const r = await requestJson("/api/auth/change-password", "authAnswerSchema", {
      body: { currentPassword: String(form.get("current") ?? ""), newPassword, revokeOtherSessions: true },
    });
    setBusy(false);
    if (r.ok) formElement.reset();
    setResult(r.ok ? { ok: true, text: "Your password is changed. Other devices signed in as you are signed out." } : { ok: false, text: changeProblem(r.status, minPasswordLength) });
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="max-w-sm space-y-4" noValidate>
      {result && (
        <Notice tone={result.ok ? "info" : "error"} role={result.ok ? "status" : "alert"}>
          {result.text}
        </Notice>
      )}
      <Field label="Current password">
        <input name="current" type="password" autoComplete="current-password" required className="w-full" />
      </Field>
      <Field label="New password" hint={`At least ${minPasswordLength} characters.`}>
        <input name="new" type="password" autoComplete="new-password" required minLength={minPasswordLength} className="w-full" />
      </Field>
      <Field label="New password again">
        <input name="repeat" type="password" autoComplete="new-password" required className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
