import type { Metadata } from "next";
import { readFile } from "node:fs/promises";
import { Unavailable } from "../../components/admin/unavailable";
import { DeleteDraftButton } from "../../components/studio/delete-draft-button";
import { ExportButtons } from "../../components/studio/export-buttons";
import { ImportScenarioForm } from "../../components/studio/import-scenario-form";
import { NewDraftForm, type DuplicateSource } from "../../components/studio/new-draft-form";
import { ButtonLink } from "../../components/ui/button";
import { Notice } from "../../components/ui/notice";
import type { DraftSummary } from "../../contracts/studio-answers";
import { getStore } from "../../server/open-store";
import { loadFiles, loadLibrary, scenarioFolderProblem, scenarioFolderStates } from "../../server/scenario-library";
import { listDrafts } from "../../server/studio";
import { authorForPage } from "../../server/studio-page";
import { unavailableReason } from "../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Studio" };

const when = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

function CheckSummary({ draft }: { draft: DraftSummary }) {
  if (draft.errors === 0 && draft.warnings === 0) return <span className="text-emerald-800">No problems</span>;
  const parts = [
    draft.errors > 0 && `${draft.errors} error${draft.errors === 1 ? "" : "s"}`,
    draft.warnings > 0 && `${draft.warnings} warning${draft.warnings === 1 ? "" : "s"}`,
  ].filter(Boolean);
  return <span className={draft.errors > 0 ? "text-red-800" : "text-amber-800"}>{parts.join(", ")}</span>;
}

async function drafts(path: string): Promise<{ drafts: DraftSummary[] } | { unavailable: string }> {
  const account = await authorForPage(path);
  try {
    const { db } = await (await getStore()).database();
    return { drafts: await listDrafts(db, account) };
  } catch (e) {
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return { unavailable };
  }
}

/** The studio: drafts, the scenarios published from it, and the built-in ones to start a copy from. */
export default async function StudioPage({ searchParams }: { searchParams: Promise<{ duplicate?: string | string[] }> }) {
  const { duplicate } = await searchParams;
  const own = await drafts(typeof duplicate === "string" ? `/studio?duplicate=${encodeURIComponent(duplicate)}` : "/studio");
  const [files, library] = await Promise.all([loadFiles(), loadLibrary()]);
  const published = library.filter((e) => e.file.startsWith("published:"));
  // A folder in SCENARIO_DIRS that is missing or unreadable offers nothing: say so to those who can fix it.
  const folderProblems = scenarioFolderStates().flatMap((f) => scenarioFolderProblem(f) ?? []);
  const source = typeof duplicate === "string" ? files.find((f) => f.ok && f.id === duplicate) : undefined;
  let from: DuplicateSource | undefined;
  if (source?.ok) from = { id: source.id, title: source.scenario.title, text: await readFile(source.file, "utf8") };

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Studio</h1>
        <p className="mt-1 text-stone-700">Write scenarios in the browser, check them as you type, and publish them to the library.</p>
      </div>

      <section aria-labelledby="new-draft" className="space-y-3">
        <h2 id="new-draft" className="text-lg font-semibold">
          {from ? `Duplicate “${from.title}”` : "New draft"}
        </h2>
        {from ? (
          <p className="text-sm text-stone-700">The copy is a draft of its own under a new scenario id; the built-in scenario stays as it is.</p>
        ) : (
          <p className="text-sm text-stone-700">A new draft starts from a short, complete scenario: two turns and one ending per outcome, ready to rewrite.</p>
        )}
        <NewDraftForm key={from?.id ?? "new"} from={from} />
        {from && (
          <ButtonLink variant="quiet" href="/studio">
            Start from the template instead
          </ButtonLink>
        )}
      </section>

      <section aria-labelledby="import" className="space-y-3">
        <h2 id="import" className="text-lg font-semibold">
          Import a file
        </h2>
        <p className="text-sm text-stone-700">
          A scenario file (YAML or JSON) or a story from Twine (Twee) becomes a new draft. Whatever a Twee story cannot carry over is listed by line, and
          marked in the draft.
        </p>
        <ImportScenarioForm />
      </section>

      <section aria-labelledby="drafts" className="space-y-3">
        <h2 id="drafts" className="text-lg font-semibold">
          Drafts
        </h2>
        {"unavailable" in own ? (
          <Unavailable reason={own.unavailable} />
        ) : own.drafts.length === 0 ? (
          <Notice tone="plain">No drafts yet. Make one above, or duplicate a built-in scenario below.</Notice>
        ) : (
          <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
            {own.drafts.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
                <div className="min-w-[14rem] flex-1">
                  <ButtonLink variant="quiet" href={`/studio/drafts/${d.id}`} className="font-medium">
                    {d.title ?? "Untitled (no title while the text has errors)"}
                  </ButtonLink>
                  <p className="text-sm text-stone-600">
                    <span className="font-mono">{d.scenarioId}</span> · {d.authorName ?? "a removed account"} · changed {when(d.updatedAt)} ·{" "}
                    <CheckSummary draft={d} />
                  </p>
                </div>
                <ExportButtons href={`/api/studio/exports/drafts/${d.id}`} name={`the draft ${d.title ?? d.scenarioId}`} />
                <DeleteDraftButton id={d.id} name={d.title ?? d.scenarioId} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="published" className="space-y-3">
        <h2 id="published" className="text-lg font-semibold">
          Published from the studio
        </h2>
        {published.length === 0 ? (
          <Notice tone="plain">Nothing published yet. A draft with no errors can be published from its editor.</Notice>
        ) : (
          <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
            {published.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
                <div className="min-w-[14rem] flex-1">
                  {e.ok ? (
                    <ButtonLink variant="quiet" href={`/play/${e.id}`} className="font-medium">
                      {e.scenario.title}
                    </ButtonLink>
                  ) : (
                    <span className="font-medium">{e.id}</span>
                  )}
                  <p className="text-sm text-stone-600">
                    <span className="font-mono">{e.id}</span>
                    {e.ok ? <> · current version {e.hash.slice(0, 12)}</> : <> · cannot be offered: a file has the same id</>} ·{" "}
                    <ButtonLink variant="quiet" href={`/studio/scenarios/${e.id}`} aria-label={`Version history of ${e.ok ? e.scenario.title : e.id}`}>
                      Version history
                    </ButtonLink>
                  </p>
                </div>
                {e.ok && <ExportButtons href={`/api/studio/exports/scenarios/${e.id}/versions/${e.hash}`} name={e.scenario.title} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="built-in" className="space-y-3">
        <h2 id="built-in" className="text-lg font-semibold">
          Built-in scenarios
        </h2>
        <p className="text-sm text-stone-700">These come with the app and are read-only here; duplicate one to start a draft from it.</p>
        {folderProblems.length > 0 && (
          <Notice tone="warning" as="div">
            <p className="font-medium">Some scenario folders could not be read</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {folderProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Notice>
        )}
        <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
          {files.map((f) => (
            <li key={f.file} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
              <div className="min-w-[14rem] flex-1">
                <p className="font-medium">{f.ok ? f.scenario.title : f.id}</p>
                <p className="text-sm text-stone-600">
                  <span className="font-mono">{f.id}</span>
                  {!f.ok && " · has problems; see the command-line check"}
                </p>
              </div>
              {f.ok && (
                <>
                  <ExportButtons href={`/api/studio/exports/scenarios/${f.id}`} name={f.scenario.title} />
                  <ButtonLink variant="secondary" size="sm" href={`/studio?duplicate=${f.id}#new-draft`} aria-label={`Duplicate ${f.scenario.title} as a draft`}>
                    Duplicate as a draft
                  </ButtonLink>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
