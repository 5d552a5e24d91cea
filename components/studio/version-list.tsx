"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PublishedVersion } from "../../contracts/studio-answers";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { ExportButtons } from "./export-buttons";
import { shortHash, studioTime } from "./version-names";

type Outcome = { tone: "info" | "error"; text: string };

/**
 * Every published version of a scenario, newest first, the current one marked; any other can be
 * published again (made current), and each downloaded. What publishing again did is said above
 * the list, where it stays while the list changes under it.
 */
export function VersionList({ scenarioId, versions }: { scenarioId: string; versions: PublishedVersion[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const republish = async (v: PublishedVersion) => {
    setBusy(v.hash);
    setOutcome(undefined);
    const r = await requestJson(`/api/studio/scenarios/${scenarioId}/versions/${v.hash}/publish`, "publishedVersionAnswerSchema", { body: {} });
    setBusy(undefined);
    if (r.ok) {
      setOutcome({ tone: "info", text: `Version ${shortHash(v.hash)} (“${v.title}”) is the current version again: new sessions start on it; sessions already started keep theirs.` });
      router.refresh();
    } else {
      setOutcome({ tone: "error", text: r.status === null ? "The server cannot be reached; nothing was changed. Try again." : `Version ${shortHash(v.hash)} was not published again: ${r.error}.` });
    }
  };
  return (
    <div className="space-y-3">
      <div role="status" aria-live="polite">
        {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      </div>
      <ol className="divide-y divide-stone-200 rounded border border-stone-200 bg-white" aria-label={`Published versions of ${scenarioId}, newest first`}>
        {versions.map((v) => (
          <li key={v.hash} className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-4">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-x-2">
                <span className="font-mono text-sm">{shortHash(v.hash)}</span>
                <span className="font-medium">{v.title}</span>
                {v.current && <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">Current</span>}
              </p>
              <p className="text-sm text-stone-600">
                Published {studioTime(v.publishedAt)} by {v.publishedBy ?? "a removed account"}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {!v.current && (
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={busy !== undefined}
                  aria-label={`Publish this version again: ${shortHash(v.hash)}, ${v.title}`}
                  onClick={() => void republish(v)}
                >
                  {busy === v.hash ? "Publishing…" : "Publish this version again"}
                </Button>
              )}
              <ExportButtons href={`/api/studio/exports/scenarios/${scenarioId}/versions/${v.hash}`} name={`version ${shortHash(v.hash)}`} />
              <a href={`/analytics/${scenarioId}?version=${v.hash}`} className="text-sm text-brand-700 underline">
                Analytics<span className="sr-only"> of version {shortHash(v.hash)}</span>
              </a>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
