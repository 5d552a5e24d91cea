"use client";

import { useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

type Problems = Partial<Record<"email" | "name" | "password" | "form", string>>;

/** The first administrator's account, on a new installation; signs them in once it is made. */
export function FirstAdminForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
    if (body.password !== String(form.get("repeat") ?? "")) {
      setProblems({ password: "The two passwords are not the same." });
      return;
    }
    setBusy(true);
    setProblems({});
    const made = await requestJson("/api/setup", "accountAnswerSchema", { body });
    if (!made.ok) {
      setBusy(false);
      const byField: Problems = {};
      for (const i of made.issues) if (i.path === "email" || i.path === "name" || i.path === "password") byField[i.path] = `This ${i.message}.`;
      setProblems(Object.keys(byField).length ? byField : { form: `The account could not be made: ${made.error}.` });
      return;
    }
    const signedIn = await requestJson("/api/auth/sign-in/email", "authAnswerSchema", { body: { email: body.email, password: body.password } });
    window.location.assign(signedIn.ok ? "/" : "/sign-in");
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="max-w-sm space-y-4" noValidate>
      {problems.form && (
        <Notice tone="error" role="alert">
          {problems.form}
        </Notice>
      )}
      <Field label="Your name" hint="Shown to the people you train and supervise." error={problems.name}>
        <input name="name" autoComplete="name" required maxLength={80} className="w-full" />
      </Field>
      <Field label="Email" hint="You sign in with it." error={problems.email}>
        <input name="email" type="email" autoComplete="username" required className="w-full" />
      </Field>
      <Field label="Password" hint={`At least ${minPasswordLength} characters.`} error={problems.password}>
        <input name="password" type="password" autoComplete="new-password" required minLength={minPasswordLength} className="w-full" />
      </Field>
      <Field label="Password again">
        <input name="repeat" type="password" autoComplete="new-password" required className="w-full" />
      </Field>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Making the account…" : "Make the administrator account"}
      </Button>
    </form>
  );
}
