"use client";

import { useEffect, useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/** The token of a set-password link, from the address's fragment (`#token=…`), which the browser never sends to a server. */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token ? token : undefined;
}

/** Why setting the password failed, in a sentence. */
function failure(status: number | null): string {
  if (status === null) return "The server cannot be reached. Check the connection and try again; the link still works.";
  // The password's length is checked here first, so a refusal is about the link.
  if (status === 400) return "This link has expired or was already used. Ask your administrator for a new link.";
  if (status === 429) return "Too many attempts from here. Wait a minute, then try again.";
  return `The password could not be set (the server answered ${status}). Try again in a moment.`;
}

/**
 * Sets the password of the account a one-time link was made for. The token is read from the
 * address and then taken out of it, so it is neither left on screen nor kept in the history;
 * on success the person is sent to sign in.
 */
export function SetPasswordForm({ minPasswordLength, maxPasswordLength }: { minPasswordLength: number; maxPasswordLength: number }) {
  const [token, setToken] = useState<string | undefined>();
  const [read, setRead] = useState(false);
  const [problem, setProblem] = useState<{ text: string; field?: "password" | "repeat" } | undefined>();
  const [linkDead, setLinkDead] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const found = tokenFromHash(window.location.hash);
    if (found) {
      setToken(found);
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
    setRead(true);
  }, []);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!token) return;
    const form = new FormData(e.currentTarget);
    const newPassword = String(form.get("password") ?? "");
    if (newPassword.length < minPasswordLength) {
      setProblem({ text: `The password must be at least ${minPasswordLength} characters.`, field: "password" });
      return;
    }
    if (newPassword.length > maxPasswordLength) {
      setProblem({ text: `The password must be at most ${maxPasswordLength} characters.`, field: "password" });
      return;
    }
    if (newPassword !== String(form.get("repeat") ?? "")) {
      setProblem({ text: "The two passwords are not the same.", field: "repeat" });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    const r = await requestJson("/api/auth/reset-password", "authAnswerSchema", { body: { newPassword, token } });
    if (r.ok) {
      window.location.assign("/sign-in?password=set");
      return;
    }
    setBusy(false);
    if (r.status === 400) setLinkDead(true);
    setProblem({ text: failure(r.status) });
  };

  if (!read) return <p>Reading the link…</p>;
  if (!token) {
    return (
      <Notice tone="warning" role="alert">
        This page needs the whole link you were given (it ends with <code>#token=</code> and a code). Open that link again; if you no longer have it, ask
        your administrator for a new link.
      </Notice>
    );
  }
  if (linkDead) {
    return (
      <Notice tone="error" role="alert">
        {problem?.text}
      </Notice>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="max-w-sm space-y-4" noValidate>
      {problem && !problem.field && (
        <Notice tone="error" role="alert">
          {problem.text}
        </Notice>
      )}
      <Field label="New password" hint={`At least ${minPasswordLength} characters.`} error={problem?.field === "password" ? problem.text : undefined}>
        <input name="password" type="password" autoComplete="new-password" required minLength={minPasswordLength} className="w-full" />
      </Field>
      <Field label="New password again" error={problem?.field === "repeat" ? problem.text : undefined}>
        <input name="repeat" type="password" autoComplete="new-password" required className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Setting…" : "Set my password"}
      </Button>
    </form>
  );
}
