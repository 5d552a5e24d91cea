"use client";

import { useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/** Why a sign-in failed, in a sentence; one answer for an unknown email and a wrong password, so neither is confirmed. */
function signInProblem(status: number | null): string {
  if (status === null) return "The server cannot be reached. Check the connection and try again.";
  if (status === 401) return "That email and password do not match an account.";
  // Only once the password checked out: the account exists, but may no longer sign in.
  if (status === 403) return "This account has been deactivated. Ask your program's administrator.";
  if (status === 429) return "Too many sign-in attempts from here. Wait a minute, then try again.";
  if (status === 400) return "Give an email address and a password.";
  return `Signing in did not work (the server answered ${status}). Try again in a moment.`;
}

/** Signs in with email and password, then goes to `next` (a path on this site) or the library. */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    const r = await requestJson("/api/auth/sign-in/email", "authAnswerSchema", {
      body: { email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? "") },
    });
    if (r.ok) {
      window.location.assign(next);
      return;
    }
    setBusy(false);
    setError(signInProblem(r.status));
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="max-w-sm space-y-4" noValidate>
      {error && (
        <Notice tone="error" role="alert">
          {error}
        </Notice>
      )}
      <Field label="Email">
        <input name="email" type="email" autoComplete="username" required className="w-full" />
      </Field>
      <Field label="Password">
        <input name="password" type="password" autoComplete="current-password" required className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
