"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { Draft, DraftCheck } from "../../contracts/studio-answers";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import type { CheckAnswer, CheckRequest } from "./check-draft-text";
import type { CodeEditorHandle } from "./code-editor";
import { saveDraft } from "./draft-api";
import { DraftAutosave, type AutosaveStatus, type KeptText } from "./draft-autosave";
import { lineOfNode, nodeAtLine } from "./node-lines";
import { NodePanel } from "./node-panel";
import { PanelTabs } from "./panel-tabs";
import { PlaytestArea } from "./playtest-area";
import { ScenarioGraph } from "./scenario-graph";
import { prepareLayoutWorker } from "./use-graph-layout";
import { ScenarioOutline } from "./scenario-outline";
import type { Scenario } from "../../scenarios/types";

type Drawing = NonNullable<CheckAnswer["drawing"]>;

/** The graph and the outline change only with what they draw, not with every keystroke. */
const Graph = memo(ScenarioGraph);
const Outline = memo(ScenarioOutline);
const Playtest = memo(PlaytestArea);
const NodeForm = memo(NodePanel);

/**
 * What a view panel shows: the scenario drawn from the last text that was one, with a word when
 * the text has changed into something that is not (yet) a scenario; a waiting line before the
 * first check; a sentence when the text has never been a scenario.
 */
function Views({ drawing, children }: { drawing: { now: Drawing; stale: boolean } | null | undefined; children(scenario: Scenario): ReactNode }) {
  if (drawing === undefined) return <p className="text-sm text-stone-700">Reading the scenario…</p>;
  if (drawing === null) return <p className="text-sm text-stone-700">The text is not a scenario yet: fix the errors the findings list, and it is drawn here.</p>;
  return (
    <div className="space-y-2">
      {drawing.stale && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Showing the last version that could be read; the text has errors the findings list.
        </p>
      )}
      {!drawing.stale && !drawing.now.complete && (
        <p className="rounded border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">Some choices lead to nodes that do not exist; they are marked.</p>
      )}
      {children(drawing.now.scenario)}
    </div>
  );
}

// CodeMirror is loaded on this page only, after the page itself.
const CodeEditor = dynamic(() => import("./code-editor"), {
  ssr: false,
  loading: () => <p className="rounded border border-stone-300 bg-white p-3 text-sm text-stone-600">Loading the editor…</p>,
});

/** After the last keystroke, how long to wait before checking: findings show well within 300 ms of a pause. */
const CHECK_DELAY_MS = 120;

const storageKey = (id: string) => `peer-practice.draft.${id}`;

function readKept(id: string): KeptText | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey(id)) ?? "null");
    if (raw && typeof raw === "object") {
      const { text, baseRevision, keptAt } = raw as Record<string, unknown>;
      if (typeof text === "string" && typeof baseRevision === "number" && typeof keptAt === "string") return { text, baseRevision, keptAt };
    }
  } catch {
    // Storage refused or a copy that cannot be read: there is nothing to restore.
  }
  return null;
}

function writeKept(id: string, copy: KeptText | null): void {
  if (copy) localStorage.setItem(storageKey(id), JSON.stringify(copy));
  else localStorage.removeItem(storageKey(id));
}

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit", second: "2-digit" });

function statusText(s: AutosaveStatus): string {
  switch (s.kind) {
    case "saved":
      return "Saved";
    case "pending":
    case "saving":
      return "Saving…";
    case "offline":
      return "Not saved: offline — kept in this browser";
    case "failed":
      return `Not saved: ${s.error} — kept in this browser`;
    case "conflict":
      return "Not saved: this draft was changed elsewhere — choose a version below";
  }
}

/**
 * How saving goes, kept outside React state: it changes with the first keystroke after every
 * save, and only the bar that shows it (SaveBar) renders again, not the page around the editor.
 */
interface StatusStore {
  get(): AutosaveStatus;
  set(next: AutosaveStatus): void;
  subscribe(listener: () => void): () => void;
}

function statusStore(initial: AutosaveStatus): StatusStore {
  let now = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => now,
    set(next) {
      now = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The save status, and the publish button with what it waits for. */
const SaveBar = memo(function SaveBar({ status: store, errors, publishing, onPublish }: { status: StatusStore; errors: number; publishing: boolean; onPublish(): void }) {
  const status = useSyncExternalStore(store.subscribe, store.get, store.get);
  const blocked =
    errors > 0
      ? `Publishing waits until the ${errors === 1 ? "error is" : `${errors} errors are`} fixed.`
      : status.kind !== "saved"
        ? "Publishing waits until the draft is saved."
        : null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <p role="status" aria-live="polite" className={`text-sm ${status.kind === "saved" || status.kind === "pending" || status.kind === "saving" ? "text-stone-700" : "font-medium text-red-800"}`}>
        {statusText(status)}
      </p>
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {blocked && (
          <p id="publish-blocked" className="text-sm text-stone-700">
            {blocked}
          </p>
        )}
        <Button variant="primary" disabled={blocked !== null || publishing} aria-describedby={blocked ? "publish-blocked" : undefined} onClick={onPublish}>
          {publishing ? "Publishing…" : "Publish"}
        </Button>
      </div>
    </div>
  );
});

/** The findings as a list; each entry puts the cursor at its place. */
function Findings({ check, onGo }: { check: DraftCheck; onGo(line: number, column: number): void }) {
  if (check.problems.length === 0) return <p className="text-sm text-emerald-800">No problems found.</p>;
  return (
    <ol className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
      {check.problems.map((p, i) => (
        <li key={`${i}-${p.rule}-${p.line}-${p.column}`}>
          <button
            type="button"
            onClick={() => onGo(p.line, p.column)}
            className="flex w-full flex-wrap items-baseline gap-x-2 px-3 py-2 text-left text-sm hover:bg-stone-50 focus-visible:bg-stone-50"
          >
            <span className="font-mono text-stone-700">
              {p.line}:{p.column}
            </span>
            <span className={p.severity === "error" ? "font-medium text-red-800" : "font-medium text-amber-800"}>
              {p.severity} {p.rule}
            </span>
            <span className="min-w-0 flex-1 basis-64">{p.message}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** The draft page's editor: the text, its findings as the author types, saving, conflicts and publishing. */
export function DraftEditor({ draft }: { draft: Draft }) {
  const editor = useRef<CodeEditorHandle>(null);
  const autosave = useRef<DraftAutosave | null>(null);
  const [initialText, setInitialText] = useState<string | null>(null);
  const [status] = useState(() => statusStore({ kind: "saved", updatedAt: draft.updatedAt }));
  // A conflict, as React state: it shows both texts at once.
  const [conflict, setConflict] = useState<Extract<AutosaveStatus, { kind: "conflict" }> | null>(null);
  const [restored, setRestored] = useState<KeptText | null>(null);
  const [check, setCheck] = useState<DraftCheck>(draft.check);
  // The text as the editor has it now, and as React state only for what shows it (the node form
  // and a conflict): elsewhere a keystroke renders nothing outside the editor.
  const textNow = useRef(draft.text);
  const [text, setText] = useState(draft.text);
  const [publishing, setPublishing] = useState(false);
  // What the panels draw: the last text that was a scenario (kept while the text in between is not).
  const [drawing, setDrawing] = useState<{ now: Drawing; stale: boolean } | null | undefined>(undefined);
  const drawingRef = useRef<Drawing | null>(null);
  const [selectedNodeId, setSelectedNodeId] = useState<string | null>(null);
  const [panel, setPanel] = useState("graph");
  const showsText = useRef(false);
  // Set as the panel or the conflict is committed, before any keystroke can come.
  useLayoutEffect(() => {
    showsText.current = panel === "node" || conflict !== null;
  }, [panel, conflict]);
  const openPanel = useCallback((id: string) => {
    if (id === "node") setText(textNow.current);
    setPanel(id);
  }, []);
  const [published, setPublished] = useState<{ ok: true; at: string } | { ok: false; error: string } | null>(null);
  // What the selection and the publish notice are, read by the keystroke's handlers: a keystroke
  // that changes neither sets no state, so it schedules no render.
  const selectedNow = useRef<string | null>(null);
  const publishedShown = useRef(false);
  useLayoutEffect(() => {
    selectedNow.current = selectedNodeId;
    publishedShown.current = published !== null;
  }, [selectedNodeId, published]);

  // The checker runs in a worker: it is plain TypeScript, and its exact analysis can take tens of
  // milliseconds on a large scenario, which would stall typing on the page's own thread.
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const checkTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const w = new Worker(new URL("./check.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (e: MessageEvent<CheckAnswer>) => {
      if (e.data.seq !== seq.current) return;
      setCheck(e.data.check);
      const d = e.data.drawing;
      if (d) drawingRef.current = d;
      setDrawing((was) => (d ? { now: d, stale: false } : was ? { now: was.now, stale: true } : null));
    };
    worker.current = w;
    return () => w.terminate();
  }, []);
  const requestCheck = useCallback(
    (t: string, delay = CHECK_DELAY_MS) => {
      if (checkTimer.current) clearTimeout(checkTimer.current);
      checkTimer.current = setTimeout(() => {
        const request: CheckRequest = { seq: ++seq.current, text: t, scenarioId: draft.scenarioId };
        worker.current?.postMessage(request);
      }, delay);
    },
    [draft.scenarioId],
  );

  // The graph's layout worker starts loading (and elkjs warming up) while the text is first checked.
  useEffect(() => prepareLayoutWorker(), []);

  useEffect(() => {
    const a = new DraftAutosave(draft, readKept(draft.id), {
      save: (t, base, { keepalive }) => saveDraft(draft.id, t, base, { keepalive }),
      keep: (copy) => writeKept(draft.id, copy),
      // A conflict shows both texts at once; any other status only changes the save bar.
      onStatus: (next) => {
        status.set(next);
        if (next.kind === "conflict") {
          setText(textNow.current);
          setConflict(next);
        } else setConflict(null);
      },
    });
    autosave.current = a;
    setRestored(a.restored);
    status.set(a.currentStatus);
    setConflict(a.currentStatus.kind === "conflict" ? a.currentStatus : null);
    setInitialText(a.currentText);
    textNow.current = a.currentText;
    setText(a.currentText);
    // The first check draws the graph; the server's findings stand until it answers.
    requestCheck(a.currentText, 0);
    const leave = () => a.flush();
    const hidden = () => {
      if (document.visibilityState === "hidden") a.flush();
    };
    const online = () => a.retry();
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("online", online);
      a.flush();
      a.dispose();
    };
  }, [draft, requestCheck, status]);

  const onChange = useCallback(
    (t: string) => {
      textNow.current = t;
      autosave.current?.edit(t);
      requestCheck(t);
      // What follows the text does so at a lower priority than the keystroke, which paints first.
      if (showsText.current || publishedShown.current) {
        startTransition(() => {
          if (showsText.current) setText(t);
          if (publishedShown.current) setPublished(null);
        });
      }
    },
    [requestCheck],
  );

  const goTo = useCallback((line: number, column: number) => editor.current?.goTo(line, column), []);

  // The cursor selects the node it is in; selecting a node puts the cursor on its first line.
  const onCursorLine = useCallback((line: number) => {
    const lines = drawingRef.current?.lines;
    const at = lines ? nodeAtLine(lines, line) : null;
    if (at && at !== selectedNow.current) setSelectedNodeId(at);
  }, []);
  const selectNode = useCallback((nodeId: string) => {
    setSelectedNodeId(nodeId);
    const lines = drawingRef.current?.lines;
    const line = lines ? lineOfNode(lines, nodeId) : null;
    if (line !== null) editor.current?.goTo(line, 1, { focus: false });
  }, []);

  // The form reads the text at a lower priority than typing: a keystroke paints first.
  const formText = useDeferredValue(text);
  const editFromForm = useCallback(
    (t: string) => {
      // Through the editor, which reports the change as typing would (saved, checked, undoable).
      if (editor.current) editor.current.setText(t);
      else onChange(t);
    },
    [onChange],
  );

  const keepTheirs = () => {
    const a = autosave.current;
    if (!a) return;
    const theirs = a.keepTheirs();
    editor.current?.setText(theirs);
    textNow.current = theirs;
    setText(theirs);
    requestCheck(theirs);
  };

  const publish = useCallback(async () => {
    setPublishing(true);
    const r = await requestJson(`/api/studio/drafts/${draft.id}/publish`, "publishedVersionAnswerSchema", { body: {} });
    setPublishing(false);
    if (r.ok) setPublished({ ok: true, at: r.data.version.publishedAt });
    else setPublished({ ok: false, error: r.status === null ? "the server cannot be reached; try again" : r.error });
  }, [draft.id]);
  const onPublish = useCallback(() => void publish(), [publish]);

  return (
    <div className="space-y-4" data-wide>
      <SaveBar status={status} errors={check.errors} publishing={publishing} onPublish={onPublish} />

      {restored && (
        <Notice tone="info" role="status">
          Restored changes kept in this browser at {time(restored.keptAt)} that had not reached the server; they are being saved now.
        </Notice>
      )}
      {published?.ok && (
        <Notice tone="info" role="status">
          Published as the current version of <span className="font-mono">{draft.scenarioId}</span>.{" "}
          <Link href={`/play/${draft.scenarioId}`} className="font-medium text-brand-800 underline">
            Open it in the library
          </Link>
        </Notice>
      )}
      {published && !published.ok && (
        <Notice tone="error" role="alert">
          Not published: {published.error}.
        </Notice>
      )}

      {conflict && (
        <Notice tone="warning" as="section" aria-labelledby="conflict-title" className="space-y-3">
          <h2 id="conflict-title" className="text-base font-semibold">
            This draft was saved elsewhere while you were editing
          </h2>
          <p>
            Someone (or another tab) saved revision {conflict.theirs.revision} at {time(conflict.theirs.updatedAt)}. Nothing was written over. Choose which
            version to keep; the other is not saved.
          </p>
          <div className="grid gap-3 md:grid-cols-2">
            <figure className="min-w-0">
              <figcaption className="mb-1 font-medium">Theirs (saved on the server)</figcaption>
              <pre tabIndex={0} aria-label="Their version" className="max-h-72 overflow-auto rounded border border-stone-300 bg-white p-2 font-mono text-xs">
                {conflict.theirs.text}
              </pre>
            </figure>
            <figure className="min-w-0">
              <figcaption className="mb-1 font-medium">Yours (in this editor)</figcaption>
              <pre tabIndex={0} aria-label="Your version" className="max-h-72 overflow-auto rounded border border-stone-300 bg-white p-2 font-mono text-xs">
                {text}
              </pre>
            </figure>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={keepTheirs}>
              Keep theirs
            </Button>
            <Button variant="primary" onClick={() => autosave.current?.keepYours()}>
              Keep yours
            </Button>
          </div>
        </Notice>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0 space-y-4">
          {initialText === null ? (
            <p className="rounded border border-stone-300 bg-white p-3 text-sm text-stone-600">Loading the editor…</p>
          ) : (
            <CodeEditor ref={editor} initialText={initialText} onChange={onChange} problems={check.problems} label="Scenario YAML" describedBy="findings-summary" onCursorLine={onCursorLine} />
          )}

          <section aria-labelledby="findings-title" className="space-y-2">
            <h2 id="findings-title" className="text-lg font-semibold">
              Findings
            </h2>
            <p id="findings-summary" className="text-sm text-stone-700">
              {check.errors} error{check.errors === 1 ? "" : "s"}, {check.warnings} warning{check.warnings === 1 ? "" : "s"}, from the same check as{" "}
              <code>npm run scenarios -- check</code>.
            </p>
            <Findings check={check} onGo={goTo} />
          </section>
        </div>
        <section aria-label="Views of the scenario" className="min-w-0">
          <PanelTabs
            label="Views of the scenario"
            selected={panel}
            onSelect={openPanel}
            tabs={[
              {
                id: "graph",
                label: "Graph",
                content: (
                  <Views drawing={drawing}>
                    {(scenario) => (
                      <>
                        <Graph scenario={scenario} problems={check.problems} selectedNodeId={selectedNodeId} onSelectNode={selectNode} className="h-[28rem] lg:h-[36rem]" />
                        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                          <p className="min-w-0 flex-1 basis-72 text-sm text-stone-700">
                            Select a node to go to its lines; moving the cursor in the text selects the node it is in. The outline lists the same nodes as text.
                          </p>
                          {selectedNodeId && (
                            <Button variant="secondary" size="sm" onClick={() => openPanel("node")}>
                              Edit <span className="font-mono">{selectedNodeId}</span> in a form
                            </Button>
                          )}
                        </div>
                      </>
                    )}
                  </Views>
                ),
              },
              {
                id: "node",
                label: "Edit node",
                content: panel === "node" && <NodeForm text={formText} nodeId={selectedNodeId} onEdit={editFromForm} onSelectNode={selectNode} />,
              },
              {
                id: "outline",
                label: "Outline",
                content: (
                  <Views drawing={drawing}>
                    {(scenario) => (
                      <Outline scenario={scenario} problems={check.problems} selectedNodeId={selectedNodeId} onSelectNode={selectNode} className="max-h-[36rem] overflow-auto" />
                    )}
                  </Views>
                ),
              },
              {
                id: "playtest",
                label: "Playtest",
                content: (
                  <Views drawing={drawing}>
                    {(scenario) =>
                      drawing?.now.complete ? (
                        <Playtest scenario={scenario} startNodeId={selectedNodeId ?? undefined} onNodeChange={selectNode} />
                      ) : (
                        <p className="text-sm text-stone-700">The playtest starts once every choice leads to a node that exists.</p>
                      )
                    }
                  </Views>
                ),
              },
            ]}
          />
        </section>
      </div>
    </div>
  );
}
