"use client";

/**
 * The YAML editor: CodeMirror 6 with YAML highlighting, the checker's findings as lint marks, and
 * completion and hover help from the scenario format's schema.
 * Loaded with a dynamic import from the draft page only, so CodeMirror never reaches another
 * page's first load.
 */
import { completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { searchKeymap } from "@codemirror/search";
import { EditorState, type Text } from "@codemirror/state";
import { drawSelection, dropCursor, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import type { DraftCheck } from "../../contracts/studio-answers";
import { scenarioAssist } from "./scenario-assist";
import { changeBetween } from "./text-change";

/** What the page can do with the editor. */
export interface CodeEditorHandle {
  /** Replaces the whole text (keeping the server's version of a conflict). */
  setText(text: string): void;
  /** Puts the cursor at a 1-based line and column and scrolls it into view; focuses the editor unless `focus` is false. */
  goTo(line: number, column: number, options?: { focus?: boolean }): void;
}

interface CodeEditorProps {
  initialText: string;
  onChange(text: string): void;
  /** The findings of the last check, placed by line and column. */
  problems: DraftCheck["problems"];
  /** The accessible name of the editing area. */
  label: string;
  /** Ids of elements that describe the editing area (the findings' summary). */
  describedBy?: string;
  /** Called with the cursor's 1-based line whenever the cursor moves to another line. */
  onCursorLine?(line: number): void;
  ref?: Ref<CodeEditorHandle>;
}

/** The offset of a 1-based line and column in `doc`, kept inside it. */
function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

function diagnostics(doc: Text, problems: DraftCheck["problems"]): Diagnostic[] {
  return problems.map((p) => {
    const from = offsetOf(doc, p.line, p.column);
    const lineEnd = doc.lineAt(from).to;
    // Mark the value or key that starts there: up to the end of its word, or the line's end.
    const rest = doc.sliceString(from, lineEnd);
    const word = /^[^\s:,\]}]+/.exec(rest)?.[0].length ?? 0;
    return { from, to: word > 0 ? from + word : lineEnd, severity: p.severity, source: p.rule, message: p.message };
  });
}

/**
 * CodeMirror's basic setup without what a scenario's YAML does not need and every keystroke would
 * pay for: the fold gutter (which asks the syntax tree about every visible line), bracket matching
 * and closing, selection-match highlighting, rectangular selection. Completion comes with
 * scenarioAssist.
 */
const setup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  drawSelection(),
  dropCursor(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  highlightActiveLine(),
  keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
];

const theme = EditorView.theme({
  "&": { fontSize: "14px", border: "1px solid #d6d3d1", borderRadius: "4px", backgroundColor: "white" },
  "&.cm-focused": { outline: "2px solid #0f766e", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", minHeight: "20rem", maxHeight: "70vh" },
});

export default function CodeEditor({ initialText, onChange, problems, label, describedBy, onCursorLine, ref }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  const cursorLine = useRef(onCursorLine);
  cursorLine.current = onCursorLine;

  useEffect(() => {
    // CodeMirror adds <style> elements; they carry the nonce the document was loaded with (the
    // policy refuses any without it), read from Next.js's scripts, whose `nonce` property keeps it.
    const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
          setup,
          yaml(),
          scenarioAssist(),
          lintGutter(),
          theme,
          EditorView.lineWrapping,
          // A tab stop of its own: the text is reached by Tab, and the scrolling area around it counts as reachable by keyboard.
          EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0", ...(describedBy && { "aria-describedby": describedBy }) }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) change.current(u.state.doc.toString());
            // The cursor moved by the trainer (typing moves it too); a text set from outside (the form) moves nothing.
            if (u.selectionSet) {
              const line = u.state.doc.lineAt(u.state.selection.main.head).number;
              if (u.docChanged || line !== u.startState.doc.lineAt(u.startState.selection.main.head).number) cursorLine.current?.(line);
            }
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once; later texts come through the handle.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, diagnostics(v.state.doc, problems)));
  }, [problems]);

  useImperativeHandle(ref, () => ({
    setText(text) {
      const v = view.current;
      // Only the part that differs is replaced, so the cursor, the scroll and undo keep their place.
      const changes = v && changeBetween(v.state.doc.toString(), text);
      if (v && changes) v.dispatch({ changes });
    },
    goTo(line, column, { focus = true } = {}) {
      const v = view.current;
      if (!v) return;
      const at = offsetOf(v.state.doc, line, column);
      if (focus) {
        v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
        v.focus();
        return;
      }
      // Without focus (a node selected in the graph or the playtest), only the editor's own area
      // scrolls: the page stays where the trainer is, on a phone below the editor say.
      v.dispatch({ selection: { anchor: at } });
      v.requestMeasure({
        read: (view) => view.lineBlockAt(at).top - view.scrollDOM.clientHeight / 2,
        write: (top, view) => {
          view.scrollDOM.scrollTop = Math.max(0, top);
        },
      });
    },
  }));

  return <div ref={host} className="min-w-0" />;
}
