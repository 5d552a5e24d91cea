"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { draftTemplate } from "./draft-template";

/** What a duplicate starts from: a scenario's text and id. */
export interface DuplicateSource {
  id: string;
  title: string;
  text: string;
}

/** The source's text with its `id` line naming the new scenario id. */
export function withScenarioId(text: string, scenarioId: string): string {
  return text.replace(/^id:.*$/m, `id: ${scenarioId}`);
}

/** Makes a draft, from the template or as a copy of a scenario, under the scenario id asked for, and opens it. */
export function NewDraftForm({ from }: { from?: DuplicateSource }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const scenarioId = String(new FormData(e.currentTarget).get("scenarioId") ?? "").trim();
    setBusy(true);
    setError(undefined);
    const text = from ? withScenarioId(from.text, scenarioId) : draftTemplate(scenarioId);
    const r = await requestJson("/api/studio/drafts", "draftAnswerSchema", { body: { scenarioId, text } });
    if (r.ok) {
      router.push(`/studio/drafts/${r.data.draft.id}`);
      return;
    }
    setBusy(false);
    const issue = r.issues.find((i) => i.path === "scenarioId");
    setError(r.status === null ? "The server cannot be reached. Try again." : issue ? `The scenario id ${issue.message}.` : `No draft was made: ${r.error}.`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col items-start gap-2" noValidate aria-label={from ? `Duplicate ${from.title} as a draft` : "New draft"}>
      <Field
        label={from ? `Scenario id of the copy of “${from.title}”` : "Scenario id of the new draft"}
        hint="Lowercase words joined by hyphens, such as first-meeting. It names the scenario once published."
        error={error}
        className="w-full sm:max-w-md"
      >
        <input
          name="scenarioId"
          required
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          defaultValue={from ? `${from.id}-copy` : ""}
          className="w-full font-mono"
        />
      </Field>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Making…" : from ? "Duplicate as a draft" : "New draft"}
      </Button>
    </form>
  );
}
