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

type FieldName = "scenarioId" | "mode" | "dueOn" | "rationaleNodes";

/** A turn of a scenario, as the form offers it for a note. */
export interface AssignableTurn {
  /** The node id. */
  id: string;
  /** The counterpart's first line there, to recognise the turn by. */
  line: string;
  /** The scenario itself asks for a note here (`ask-rationale: true`). */
  asks: boolean;
}

/** A scenario of the library that can be assigned, with its turns. */
export interface AssignableScenario {
  id: string;
  title: string;
  turns: AssignableTurn[];
}

/** Assigns a scenario of the library to the cohort, in a mode, optionally by a date, optionally asking for notes on chosen turns. */
export function AssignForm({ cohortId, scenarios }: { cohortId: string; scenarios: AssignableScenario[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [issues, setIssues] = useState<Partial<Record<FieldName, string>>>({});
  // Which scenario and mode are picked decide which turns can be asked about.
  const [picked, setPicked] = useState("");
  const [mode, setMode] = useState<Mode>("practice");
  const turns = scenarios.find((s) => s.id === picked)?.turns ?? [];

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
    const rationaleNodes = mode === "practice" ? form.getAll("rationaleNodes").map(String) : [];
    setBusy(true);
    setResult(undefined);
    setIssues({});
    const r = await requestJson("/api/assignments", "assignmentAnswerSchema", {
      body: { cohortId, scenarioId, mode, dueOn, rationaleNodes } satisfies AssignmentRequest,
    });
    setBusy(false);
    if (r.ok) {
      formElement.reset();
      setPicked("");
      setMode("practice");
      const title = scenarios.find((s) => s.id === scenarioId)?.title ?? scenarioId;
      const asked = r.data.assignment.rationaleNodes.length;
      const asking = asked > 0 ? `, asking for a note on ${asked} ${asked === 1 ? "turn" : "turns"}` : "";
      setResult({ ok: true, text: `Assigned “${title}” in ${mode} mode${asking}.` });
      router.refresh();
      return;
    }
    const byField: Partial<Record<FieldName, string>> = {};
    for (const issue of r.issues) {
      const field = issue.path.split(".")[0];
      if (field === "scenarioId" || field === "mode" || field === "dueOn") byField[field] = `This ${issue.message}.`;
      else if (field === "rationaleNodes") byField.rationaleNodes = `A turn ${issue.message}.`;
    }
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
        <select name="scenarioId" value={picked} onChange={(e) => setPicked(e.target.value)} className="w-full max-w-full">
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
            <input type="radio" name="mode" value={m} checked={m === mode} onChange={() => setMode(m)} className="mt-1" />
            <span>
              <span className="font-medium">{MODE_LABELS[m]}</span>
              <span className="text-stone-700">: {MODE_MEANING[m]}.</span>
            </span>
          </label>
        ))}
        {issues.mode && <p className="text-sm text-red-800">{issues.mode}</p>}
      </fieldset>
      {mode === "practice" && turns.length > 0 && <AskForNotes turns={turns} error={issues.rationaleNodes} />}
      <Field label="Due on (optional)" hint="Left empty, there is no due date. An assignment not done by its due day counts as overdue the day after." error={issues.dueOn}>
        <input type="date" name="dueOn" className="w-full max-w-48" />
      </Field>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Assigning…" : "Assign"}
      </Button>
    </form>
  );
}

/** Longer first lines are cut here, so each turn stays one line in the list. */
const LINE_LENGTH = 90;
const clip = (s: string) => (s.length > LINE_LENGTH ? `${s.slice(0, LINE_LENGTH - 1)}…` : s);

/**
 * The scenario's turns, to ask trainees for a note on why they chose there (practice mode). Folded
 * away by default: most assignments ask for none, and a long scenario has many turns.
 */
function AskForNotes({ turns, error }: { turns: AssignableTurn[]; error?: string }) {
  return (
    <details className="rounded border border-stone-200 p-3" open={error !== undefined}>
      <summary className="cursor-pointer font-medium">Ask for a note on chosen turns (optional)</summary>
      <fieldset className="mt-2 space-y-2" aria-describedby="ask-notes-hint">
        <legend className="sr-only">Turns on which trainees are asked why they chose their response</legend>
        <p id="ask-notes-hint" className="text-sm text-stone-700">
          After choosing their response on a ticked turn, trainees find the note field “Why did you choose this?” open, with a line saying
          you ask for it. A note is never required to go on.
        </p>
        {turns.map((t) => (
          <label key={t.id} className="flex items-start gap-2">
            <input
              type="checkbox"
              name={t.asks ? undefined : "rationaleNodes"}
              value={t.id}
              defaultChecked={t.asks}
              disabled={t.asks}
              className="mt-1"
            />
            <span className="min-w-0 break-words">
              “{clip(t.line)}” <span className="text-sm text-stone-600">({t.id}{t.asks ? "; the scenario asks here already" : ""})</span>
            </span>
          </label>
        ))}
        {error && <p className="text-sm text-red-800">{error}</p>}
      </fieldset>
    </details>
  );
}
