"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { MODE_LABELS } from "../../contracts/enum-labels";
import { MODES, type Mode } from "../../contracts/enums";
import type { AssignmentRequest } from "../../contracts/people-requests";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/** What each mode means for the trainee, in one line. */
const MODE_MEANING: Record<Mode, string> = {
  practice: "feedback after every choice, the meters shown, and the last choice can be taken back",
  assessment: "no feedback, meters or take-backs until the debrief at the end",
};

type FieldName = "scenarioId" | "mode" | "dueOn";

/** Assigns a scenario of the library to the cohort, in a mode, optionally by a date. */
export function AssignForm({ cohortId, scenarios }: { cohortId: string; scenarios: { id: string; title: string }[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [issues, setIssues] = useState<Partial<Record<FieldName, string>>>({});

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const scenarioId = String(form.get("scenarioId") ?? "");
    if (scenarioId === "") {
      setIssues({ scenarioId: "Choose the scenario to assign." });
      setResult(undefined);
      return;
    }
    const mode = (form.get("mode") === "assessment" ? "assessment" : "practice") satisfies Mode;
    const dueOn = String(form.get("dueOn") ?? "") || null;
    setBusy(true);
    setResult(undefined);
    setIssues({});
    const r = await requestJson("/api/assignments", "assignmentAnswerSchema", {
      body: { cohortId, scenarioId, mode, dueOn } satisfies AssignmentRequest,
    });
    setBusy(false);
    if (r.ok) {
      formElement.reset();
      const title = scenarios.find((s) => s.id === scenarioId)?.title ?? scenarioId;
      setResult({ ok: true, text: `Assigned “${title}” in ${mode} mode.` });
      router.refresh();
      return;
    }
    const byField: Partial<Record<FieldName, string>> = {};
    for (const issue of r.issues) if (issue.path === "scenarioId" || issue.path === "mode" || issue.path === "dueOn") byField[issue.path] = `This ${issue.message}.`;
    setIssues(byField);
    setResult({
      ok: false,
      text:
        r.status === null
          ? "The server cannot be reached. Check the connection and try again."
          : r.status === 401
            ? "You are signed out. Sign in again, then assign the scenario."
            : `The scenario could not be assigned: ${r.error}.`,
    });
  };

  if (scenarios.length === 0) {
    return <Notice tone="plain">The library has no scenario that can be played, so there is nothing to assign yet.</Notice>;
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="assign-heading" noValidate>
      {result && (
        <Notice tone={result.ok ? "info" : "error"} role={result.ok ? "status" : "alert"}>
          {result.text}
        </Notice>
      )}
      <Field label="Scenario" error={issues.scenarioId}>
        <select name="scenarioId" defaultValue="" className="w-full max-w-full">
          <option value="" disabled>
            Choose a scenario
          </option>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="space-y-2">
        <legend className="mb-1">Mode</legend>
        {MODES.map((m) => (
          <label key={m} className="flex items-start gap-2">
            <input type="radio" name="mode" value={m} defaultChecked={m === "practice"} className="mt-1" />
            <span>
              <span className="font-medium">{MODE_LABELS[m]}</span>
              <span className="text-stone-700">: {MODE_MEANING[m]}.</span>
            </span>
          </label>
        ))}
        {issues.mode && <p className="text-sm text-red-800">{issues.mode}</p>}
      </fieldset>
      <Field label="Due on (optional)" hint="Left empty, there is no due date. An assignment not done by its due day counts as overdue the day after." error={issues.dueOn}>
        <input type="date" name="dueOn" className="w-full max-w-48" />
      </Field>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Assigning…" : "Assign"}
      </Button>
    </form>
  );
}
