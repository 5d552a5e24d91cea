"use client";

import { useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/**
 * Asks for a set-password link by email. The answer is the same whether or not an account has
 * that email, so the form never confirms who has an account.
 */
export function ForgotPasswordForm({ hours }: { hours: number }) {
  const [state, setState] = useState<{ sent: boolean; error?: string; busy: boolean }>({ sent: false, busy: false });
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "").trim();
    if (!email.includes("@")) {
      setState({ sent: false, busy: false, error: "Give the email address your account uses." });
      return;
    }
    setState({ sent: false, busy: true });
    const r = await requestJson("/api/auth/request-password-reset", "authAnswerSchema", { body: { email } });
    if (r.ok) setState({ sent: true, busy: false });
    else if (r.status === 429) setState({ sent: false, busy: false, error: "Too many requests from here. Wait a minute, then try again." });
    else if (r.status === null) setState({ sent: false, busy: false, error: "The server cannot be reached. Check the connection and try again." });
    else setState({ sent: false, busy: false, error: `That did not work (the server answered ${r.status}). Try again in a moment.` });
  };
  if (state.sent) {
    return (
      <Notice tone="info" role="status">
        If an account uses that email, a link to set a new password is on its way. It works once, for {hours} hours.
      </Notice>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="max-w-sm space-y-4" noValidate>
      {state.error && (
        <Notice tone="error" role="alert">
          {state.error}
        </Notice>
      )}
      <Field label="Email">
        <input name="email" type="email" autoComplete="username" required className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={state.busy}>
        {state.busy ? "Sending…" : "Send me a link"}
      </Button>
    </form>
  );
}
