"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import type { ImportAnswer } from "../../contracts/studio-answers";
import { SIZE_LIMITS } from "../../scenarios/size-limits";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

const ACCEPT = ".yaml,.yml,.json,.twee,.tw";
const IMPORTABLE = /\.(ya?ml|json|twee|tw)$/i;
const FORMAT_NAMES: Record<ImportAnswer["format"], string> = { yaml: "YAML", json: "JSON", twee: "Twee" };

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

type Result = ImportAnswer & { fileName: string };

/** What became of an import: the new draft, and (for Twee) what the importer could not carry over, by line. */
function ImportResult({ result }: { result: Result }) {
  const { draft, format, warnings, fileName } = result;
  return (
    <Notice tone={warnings.length > 0 || draft.check.errors > 0 ? "warning" : "info"} as="div" className="space-y-2">
      <p>
        Imported {fileName} ({FORMAT_NAMES[format]}) as a new draft of <span className="font-mono">{draft.scenarioId}</span>.{" "}
        <Link href={`/studio/drafts/${draft.id}`} className="font-medium text-brand-700 underline">
          Open the draft
        </Link>
      </p>
      {draft.check.errors > 0 && <p>The check finds {count(draft.check.errors, "error")} in it to fix before it can be published.</p>}
      {format === "twee" &&
        (warnings.length === 0 ? (
          <p>Everything in the Twee file was carried over.</p>
        ) : (
          <>
            <p>
              {count(warnings.length, "thing")} in the Twee file could not be carried over as {warnings.length === 1 ? "it was" : "they were"}; the draft marks
              each placeholder with a comment:
            </p>
            <ul className="list-disc space-y-1 pl-5" aria-label={`Import warnings for ${fileName}`}>
              {warnings.map((w, i) => (
                <li key={i}>
                  <span className="font-medium">
                    Line {w.line}, column {w.column}:
                  </span>{" "}
                  {w.message} <span className="font-mono text-xs text-stone-700">({w.rule})</span>
                </li>
              ))}
            </ul>
          </>
        ))}
    </Notice>
  );
}

/**
 * Makes a new draft from a file: a scenario in YAML (kept as it is) or JSON (written as YAML), or
 * a Twee 3 story from Twine. The server converts it, so the draft is what the command-line import
 * would make; the file is read here only to send its text.
 */
export function ImportScenarioForm() {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();
  const [idError, setIdError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<Result | undefined>();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get("file");
    const scenarioId = String(data.get("scenarioId") ?? "").trim();
    setFileError(undefined);
    setIdError(undefined);
    setError(undefined);
    setResult(undefined);
    if (!(file instanceof File) || file.name === "") return setFileError("Choose a file to import.");
    if (!IMPORTABLE.test(file.name)) return setFileError(`${file.name} is not a file the studio imports: choose a .yaml, .yml, .json, .twee or .tw file.`);
    if (file.size > SIZE_LIMITS.fileBytes) {
      return setFileError(`${file.name} is ${(file.size / (1024 * 1024)).toFixed(1)} MB; a scenario file may be at most 5 MB, so it was not sent.`);
    }
    setBusy(true);
    let text: string;
    try {
      text = await file.text();
    } catch {
      setBusy(false);
      return setFileError(`${file.name} cannot be read; choose it again.`);
    }
    const r = await requestJson("/api/studio/imports", "importAnswerSchema", { body: { fileName: file.name, text, ...(scenarioId && { scenarioId }) } });
    setBusy(false);
    if (r.ok) {
      setResult({ ...r.data, fileName: file.name });
      form.current?.reset();
      router.refresh();
      return;
    }
    const issue = r.issues.find((i) => i.path === "scenarioId");
    if (issue) setIdError(`The scenario id ${issue.message}.`);
    else setError(r.status === null ? "The server cannot be reached; nothing was imported. Try again." : `Not imported: ${r.error}.`);
  };

  return (
    <div className="space-y-3">
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate aria-label="Import a scenario" className="flex flex-col items-start gap-2">
        <Field label="Scenario file" hint="YAML (.yaml, .yml), JSON (.json) or Twee from Twine (.twee, .tw), at most 5 MB." error={fileError} className="w-full sm:max-w-md">
          <input type="file" name="file" accept={ACCEPT} className="w-full text-sm" />
        </Field>
        <Field
          label="Scenario id (optional)"
          hint="Leave empty to use the id the file gives; fill in to import it under another id."
          error={idError}
          className="w-full sm:max-w-md"
        >
          <input name="scenarioId" maxLength={64} autoComplete="off" spellCheck={false} pattern="[a-z0-9]+(-[a-z0-9]+)*" className="w-full font-mono" />
        </Field>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Importing…" : "Import as a draft"}
        </Button>
      </form>
      <div role="status" aria-live="polite">
        {result && <ImportResult result={result} />}
      </div>
      {error && (
        <Notice tone="error" role="alert">
          {error}
        </Notice>
      )}
    </div>
  );
}
