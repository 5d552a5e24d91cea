"use client";
/**
 * A form for one node of a draft, for trainers who would rather not write YAML: what the
 * counterpart says, each choice (text, kind, meter changes, feedback, where it leads), a branch's
 * entries, an ending's outcome and debrief, and adding, renaming and removing nodes. It reads the
 * node from the text and answers every change as the whole new text (`document-edits.ts`), which
 * the page puts into the editor, so that the text and the form never disagree.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import { defaultQuestion, type KindEffect, RESPONSE_KIND_IDS, RESPONSE_KINDS, type ResponseKindId } from "../../scenarios/kinds";
import { parseComparison } from "../../scenarios/schema";
import { type ComparisonOp, type MeterName, OUTCOMES, type Outcome } from "../../scenarios/types";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";
import {
  addBranchEntry,
  addChoice,
  addNode,
  type BranchEntryForm,
  type ChoiceForm,
  type EditResult,
  MAX_CHOICES,
  moveChoice,
  type NodeSummary,
  type NodeType,
  nodeIdProblem,
  readNodeForm,
  removeBranchEntry,
  removeChoice,
  removeNode,
  renameNode,
  setBranchCondition,
  setBranchNext,
  setChoice,
  setEnding,
  setSay,
  setStart,
} from "./document-edits";
import { NODE_TYPE_LABELS, OUTCOME_LABELS } from "./graph-model";

export interface NodePanelProps {
  /** The draft's YAML text, as it is now. */
  text: string;
  /** The node the form shows; null when none is selected. */
  nodeId: string | null;
  /** Called with the whole new text after each change made in the form. */
  onEdit: (text: string) => void;
  /** Called to show another node: one just added or renamed, or where a choice leads. */
  onSelectNode?: (id: string) => void;
  /** For layout only. */
  className?: string;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const EFFECT_GROUPS: { effect: KindEffect; label: string }[] = [
  { effect: "helpful", label: "Helpful" },
  { effect: "neutral", label: "Neutral" },
  { effect: "harmful", label: "Harmful" },
];

const kindOption = (id: ResponseKindId) => {
  const k = RESPONSE_KINDS[id];
  return `${k.label} (${signed(k.rapport)} rapport, ${signed(k.mutuality)} mutuality): ${k.does}`;
};

const isKind = (kind: string): kind is ResponseKindId => (RESPONSE_KIND_IDS as readonly string[]).includes(kind);

/** The question a kind asks when a choice does not say, in words. */
function kindQuestion(kind: string): string {
  const q = isKind(kind) ? defaultQuestion(kind) : undefined;
  return q === "open" ? "open" : q === "closed" ? "closed" : "none";
}

const OUTCOME_MEANINGS: Record<Outcome, string> = {
  connected: "the conversation went well",
  mixed: "some connection, some missed chances",
  disengaged: "the counterpart pulled away",
};

const OPS: { op: ComparisonOp; label: string }[] = [
  { op: "<", label: "below (<)" },
  { op: "<=", label: "at most (<=)" },
  { op: ">", label: "above (>)" },
  { op: ">=", label: "at least (>=)" },
  { op: "==", label: "exactly (==)" },
];

const NEW_PREFIX = "\u0000new:";

/**
 * A value typed into a control, kept while it is being typed: the control shows what was typed
 * until the text comes back with a different value (an edit elsewhere, undo in the editor).
 */
function useTyped(value: string): [string, (v: string) => void] {
  const [state, setState] = useState({ typed: value, from: value });
  if (state.from !== value) {
    setState({ typed: value, from: value });
    return [value, (typed) => setState({ typed, from: value })];
  }
  return [state.typed, (typed) => setState({ typed, from: value })];
}

const CONTROL_WIDTH = "w-full min-w-0";

function TextArea({ label, hint, value, onCommit, id, rows = 2 }: { label: ReactNode; hint?: ReactNode; value: string; onCommit(v: string): void; id?: string; rows?: number }) {
  const [typed, setTyped] = useTyped(value);
  return (
    <Field label={label} hint={hint} size="sm" id={id}>
      <textarea
        className={`${CONTROL_WIDTH} resize-y`}
        rows={rows}
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          onCommit(e.target.value);
        }}
      />
    </Field>
  );
}

/** A whole number, or empty: committed once it is one (an empty field falls back to a default). */
function NumberField({
  label,
  hint,
  value,
  min,
  max,
  placeholder,
  onCommit,
  rangeMessage,
}: {
  label: ReactNode;
  hint?: ReactNode;
  value: number | undefined;
  min: number;
  max: number;
  placeholder?: string;
  onCommit(v: number | null): void;
  rangeMessage: string;
}) {
  const [typed, setTyped] = useTyped(value === undefined ? "" : String(value));
  const n = Number(typed);
  const invalid = typed.trim() !== "" && !(Number.isInteger(n) && n >= min && n <= max);
  return (
    <Field label={label} hint={hint} error={invalid ? rangeMessage : undefined} size="sm">
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        className={CONTROL_WIDTH}
        placeholder={placeholder}
        value={typed}
        onChange={(e) => {
          const v = e.target.value;
          setTyped(v);
          if (e.target.validity?.badInput) return;
          if (v.trim() === "") onCommit(null);
          else if (Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max) onCommit(Number(v));
        }}
      />
    </Field>
  );
}

/** Where a choice or a branch entry leads: a node, or a new one made on the spot. */
function NextSelect({
  label,
  value,
  nodes,
  onPick,
  onNew,
  onGo,
}: {
  label: string;
  value: string;
  nodes: readonly NodeSummary[];
  onPick(id: string): void;
  onNew(type: NodeType): void;
  onGo?: ((id: string) => void) | undefined;
}) {
  const known = nodes.some((n) => n.id === value);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field label={label} size="sm" className="min-w-0 flex-1 basis-40">
        <select
          className={CONTROL_WIDTH}
          value={known ? value : ""}
          onChange={(e) => {
            const v = e.target.value;
            if (v.startsWith(NEW_PREFIX)) onNew(v.slice(NEW_PREFIX.length) as NodeType);
            else if (v) onPick(v);
          }}
        >
          {!known && (
            <option value="" disabled>
              {value ? `${value} (no such node)` : "Choose a node"}
            </option>
          )}
          <optgroup label="Nodes">
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
                {n.type ? ` (${NODE_TYPE_LABELS[n.type].toLowerCase()})` : ""}
              </option>
            ))}
          </optgroup>
          <optgroup label="A new node">
            <option value={`${NEW_PREFIX}turn`}>New turn…</option>
            <option value={`${NEW_PREFIX}branch`}>New branch…</option>
            <option value={`${NEW_PREFIX}ending`}>New ending…</option>
          </optgroup>
        </select>
      </Field>
      {onGo && known && (
        <Button variant="secondary" size="sm" onClick={() => onGo(value)} aria-label={`Go to node ${value}`}>
          Go to it
        </Button>
      )}
    </div>
  );
}

interface Actions {
  /** Applies an edit: the new text goes to the page; an error is shown. */
  apply<T extends object>(result: EditResult<T>, focus?: string): (T & { text: string }) | undefined;
  /** Shows a node (and moves focus to its heading). */
  select(id: string): void;
  /** Adds a node linked from a choice or branch entry, and shows it. */
  addLinked(type: NodeType, from: { nodeId: string; index: number }): void;
}

function ChoiceEditor({
  text,
  nodeId,
  index,
  count,
  choice,
  nodes,
  idPrefix,
  actions,
  onGo,
}: {
  text: string;
  nodeId: string;
  index: number;
  count: number;
  choice: ChoiceForm;
  nodes: readonly NodeSummary[];
  idPrefix: string;
  actions: Actions;
  onGo?: ((id: string) => void) | undefined;
}) {
  const n = index + 1;
  const kind = isKind(choice.kind) ? RESPONSE_KINDS[choice.kind] : undefined;
  const set = (fields: Parameters<typeof setChoice>[3]) => actions.apply(setChoice(text, nodeId, index, fields));
  return (
    <fieldset className="min-w-0 space-y-3 rounded border border-stone-300 p-3">
      <legend className="px-1 text-sm font-semibold">
        Choice {n}
        {choice.id !== undefined && (
          <>
            {" "}
            <span className="font-mono font-normal text-stone-600">{choice.id}</span>
          </>
        )}
      </legend>
      <TextArea label="What the trainee says" id={`${idPrefix}-say`} value={choice.say} onCommit={(say) => set({ say })} />
      <Field
        label="Kind of response"
        size="sm"
        id={`${idPrefix}-kind`}
        hint={
          kind
            ? `${kind.label}: ${kind.does}. ${kind.effect[0]!.toUpperCase()}${kind.effect.slice(1)}; by default ${signed(kind.rapport)} rapport, ${signed(kind.mutuality)} mutuality.`
            : "Choose what kind of response this is; the kind sets how the meters move by default."
        }
      >
        <select
          className={CONTROL_WIDTH}
          value={kind ? kind.id : ""}
          onChange={(e) => {
            if (isKind(e.target.value)) set({ kind: e.target.value });
          }}
        >
          {!kind && (
            <option value="" disabled>
              {choice.kind ? `${choice.kind} (not a kind)` : "Choose a kind"}
            </option>
          )}
          {EFFECT_GROUPS.map((g) => (
            <optgroup key={g.effect} label={g.label}>
              {RESPONSE_KIND_IDS.filter((id) => RESPONSE_KINDS[id].effect === g.effect).map((id) => (
                <option key={id} value={id}>
                  {kindOption(id)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      {choice.kind === "listening-to" && (
        <Field label="Reflection" hint="How deep the reflection goes (counted in the debrief)." size="sm">
          <select
            className={CONTROL_WIDTH}
            value={choice.reflection === "simple" || choice.reflection === "complex" ? choice.reflection : ""}
            onChange={(e) => set({ reflection: e.target.value === "simple" || e.target.value === "complex" ? e.target.value : null })}
          >
            <option value="">Not marked</option>
            <option value="simple">Simple: says back what was said</option>
            <option value="complex">Complex: adds meaning or feeling</option>
          </select>
        </Field>
      )}
      <Field
        label="Asks a question"
        size="sm"
        hint="Counted in the debrief's reflections-to-questions; a reflection that ends in a question counts as both."
      >
        <select
          className={CONTROL_WIDTH}
          value={choice.question === "open" || choice.question === "closed" ? choice.question : ""}
          onChange={(e) => set({ question: e.target.value === "open" || e.target.value === "closed" ? e.target.value : null })}
        >
          <option value="">{`As its kind: ${kindQuestion(choice.kind)}`}</option>
          <option value="open">Open: what, how</option>
          <option value="closed">Closed: yes or no, a fact</option>
        </select>
      </Field>
      <div className="text-sm">
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1"
            checked={choice.best}
            aria-describedby={`${idPrefix}-best-hint`}
            onChange={(e) => set({ best: e.target.checked })}
          />
          <span>Strongest option on this turn</span>
        </label>
        <p id={`${idPrefix}-best-hint`} className="pl-6 text-stone-600">
          Shown in the debrief as the one to learn from; marking it unmarks the others.
        </p>
      </div>
      <div className="grid grid-cols-2 gap-2">
        {(["rapport", "mutuality"] as const).map((meter) => (
          <NumberField
            key={meter}
            label={meter === "rapport" ? "Rapport change" : "Mutuality change"}
            hint={kind ? `Empty: the kind's ${signed(kind[meter])}` : "Empty: the kind's"}
            value={choice[meter]}
            min={-100}
            max={100}
            placeholder={kind ? signed(kind[meter]) : undefined}
            rangeMessage="A whole number from -100 to 100"
            onCommit={(v) => set({ [meter]: v })}
          />
        ))}
      </div>
      <TextArea label="Feedback (optional)" hint="Shown to the trainee after this choice." value={choice.feedback} onCommit={(feedback) => set({ feedback })} />
      <NextSelect
        label="Leads to"
        value={choice.next}
        nodes={nodes}
        onPick={(next) => set({ next })}
        onNew={(type) => actions.addLinked(type, { nodeId, index })}
        onGo={onGo}
      />
      {(choice.when || choice.set.length > 0) && (
        <p className="text-sm text-stone-700">
          {choice.when && <>Offered only when {choice.when}. </>}
          {choice.set.length > 0 && <>Sets the flags {choice.set.join(", ")}. </>}
          <span className="text-stone-600">(Change these in the text.)</span>
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          id={`${idPrefix}-up`}
          disabled={index === 0}
          aria-label={`Move choice ${n} up`}
          onClick={() => actions.apply(moveChoice(text, nodeId, index, "up"), index - 1 === 0 ? `down:${index - 1}` : `up:${index - 1}`)}
        >
          Move up
        </Button>
        <Button
          variant="secondary"
          size="sm"
          id={`${idPrefix}-down`}
          disabled={index === count - 1}
          aria-label={`Move choice ${n} down`}
          onClick={() => actions.apply(moveChoice(text, nodeId, index, "down"), index + 1 === count - 1 ? `up:${index + 1}` : `down:${index + 1}`)}
        >
          Move down
        </Button>
        <Button
          variant="secondary"
          size="sm"
          className="ml-auto"
          disabled={count <= 1}
          title={count <= 1 ? "A turn needs at least one choice" : undefined}
          aria-label={`Remove choice ${n}`}
          onClick={() => actions.apply(removeChoice(text, nodeId, index), "choices")}
        >
          Remove
        </Button>
      </div>
    </fieldset>
  );
}

/** One meter's comparison in a branch entry: none, or an operator and a value. */
function ComparisonField({ meter, written, onCommit }: { meter: MeterName; written: string | undefined; onCommit(comparison: string | null): void }) {
  const parsed = written === undefined ? undefined : parseComparison(written);
  const [value, setValue] = useTyped(parsed ? String(parsed.value) : "");
  const n = Number(value);
  const valid = value.trim() !== "" && Number.isInteger(n) && n >= 0 && n <= 100;
  const name = meter === "rapport" ? "Rapport" : "Mutuality";
  const opId = useId();
  const valueId = useId();
  const errorId = useId();
  return (
    <fieldset className="min-w-0">
      <legend>{name}</legend>
      <div className="mt-1 flex gap-2">
        <label htmlFor={opId} className="sr-only">
          {name}: compared how
        </label>
        <select
          id={opId}
          className="min-w-0 flex-1 rounded border border-stone-400 px-2 py-1 text-sm"
          value={parsed ? parsed.op : ""}
          onChange={(e) => {
            const op = e.target.value;
            if (op === "") onCommit(null);
            else onCommit(`${op} ${valid ? n : (parsed?.value ?? 50)}`);
          }}
        >
          <option value="">any</option>
          {OPS.map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </select>
        {parsed && (
          <>
            <label htmlFor={valueId} className="sr-only">
              {name}: value
            </label>
            <input
              id={valueId}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              className="w-20 rounded border border-stone-400 px-2 py-1 text-sm"
              value={value}
              aria-invalid={!valid || undefined}
              aria-describedby={!valid ? errorId : undefined}
              onChange={(e) => {
                const v = e.target.value;
                setValue(v);
                const m = Number(v);
                if (v.trim() !== "" && Number.isInteger(m) && m >= 0 && m <= 100) onCommit(`${parsed.op} ${m}`);
              }}
            />
          </>
        )}
      </div>
      {parsed && !valid && (
        <p id={errorId} className="mt-1 text-sm text-red-800">
          A whole number from 0 to 100
        </p>
      )}
      {written !== undefined && !parsed && (
        <p className="mt-1 text-sm text-red-800">
          Written as “{written}”, which is not a comparison; choose one here or fix it in the text.
        </p>
      )}
    </fieldset>
  );
}

function BranchEntryEditor({
  text,
  nodeId,
  index,
  count,
  entry,
  nodes,
  actions,
  onGo,
}: {
  text: string;
  nodeId: string;
  index: number;
  count: number;
  entry: BranchEntryForm;
  nodes: readonly NodeSummary[];
  actions: Actions;
  onGo?: ((id: string) => void) | undefined;
}) {
  const last = index === count - 1;
  return (
    <fieldset className="min-w-0 space-y-3 rounded border border-stone-300 p-3">
      <legend className="px-1 text-sm font-semibold">{last ? `Entry ${index + 1}: otherwise` : `Entry ${index + 1}: when`}</legend>
      {last ? (
        <p className="text-sm text-stone-700">Taken when no entry above it holds{entry.hasWhen ? "; it should have no condition (the checker says so too)" : ""}.</p>
      ) : (
        <>
          <p className="text-sm text-stone-700">Taken when every condition set here holds.</p>
          <div className="space-y-3">
            {(["rapport", "mutuality"] as const).map((meter) => (
              <ComparisonField key={meter} meter={meter} written={entry[meter]} onCommit={(c) => actions.apply(setBranchCondition(text, nodeId, index, meter, c))} />
            ))}
          </div>
          {entry.other && <p className="text-sm text-stone-700">And {entry.other} (change these in the text).</p>}
        </>
      )}
      <NextSelect
        label="Leads to"
        value={entry.next}
        nodes={nodes}
        onPick={(next) => actions.apply(setBranchNext(text, nodeId, index, next))}
        onNew={(type) => actions.addLinked(type, { nodeId, index })}
        onGo={onGo}
      />
      {!last && (
        <div className="flex">
          <Button variant="secondary" size="sm" className="ml-auto" aria-label={`Remove entry ${index + 1}`} onClick={() => actions.apply(removeBranchEntry(text, nodeId, index), "entries")}>
            Remove
          </Button>
        </div>
      )}
    </fieldset>
  );
}

function RenameForm({ text, nodeId, actions }: { text: string; nodeId: string; actions: Actions }) {
  const [newId, setNewId] = useState(nodeId);
  const [tried, setTried] = useState(false);
  const problem = useMemo(() => nodeIdProblem(text, nodeId, newId.trim()), [text, nodeId, newId]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem || newId.trim() === nodeId) return;
    const done = actions.apply(renameNode(text, nodeId, newId.trim()));
    if (done) actions.select(newId.trim());
  };
  const showProblem = problem && (tried || newId !== nodeId);
  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-2" noValidate>
      <Field
        label="New id"
        hint="Lowercase letters and digits joined by hyphens. Every choice and entry that leads here follows."
        error={showProblem ? `Cannot rename: ${problem}.` : undefined}
        size="sm"
        className="min-w-0 flex-1 basis-48"
      >
        <input className={`${CONTROL_WIDTH} font-mono`} value={newId} autoComplete="off" spellCheck={false} onChange={(e) => setNewId(e.target.value)} />
      </Field>
      <Button type="submit" variant="primary" size="sm" className="mt-7">
        Rename
      </Button>
    </form>
  );
}

function RemoveNode({
  text,
  nodeId,
  isStart,
  references,
  then,
  actions,
}: {
  text: string;
  nodeId: string;
  isStart: boolean;
  references: number;
  then: string | undefined;
  actions: Actions;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (isStart) return <p className="text-sm text-stone-700">This node is where the scenario starts, so it cannot be removed; make another node the start first.</p>;
  if (!asking) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setAsking(true)}>
        Remove this node…
      </Button>
    );
  }
  return (
    <div className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm" role="group" aria-label="Remove this node?">
      <p>
        Remove <span className="font-mono">{nodeId}</span>?{" "}
        {references > 0
          ? `${references === 1 ? "One choice or entry leads" : `${references} choices and entries lead`} here; ${references === 1 ? "it then leads" : "they then lead"} nowhere until you change ${references === 1 ? "it" : "them"}.`
          : "Nothing leads here."}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          ref={confirmRef}
          variant="danger"
          size="sm"
          onClick={() => {
            // Then show where the way led from, or the start.
            if (actions.apply(removeNode(text, nodeId)) && then) actions.select(then);
          }}
        >
          Remove node
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setAsking(false)}>
          Keep it
        </Button>
      </div>
    </div>
  );
}

/** The form of the selected node, and the actions on nodes. */
export function NodePanel({ text, nodeId, onEdit, onSelectNode, className }: NodePanelProps) {
  const form = useMemo(() => (nodeId === null ? null : readNodeForm(text, nodeId)), [text, nodeId]);
  const [error, setError] = useState<string | null>(null);
  const prefix = useId().replace(/:/g, "");
  const headingId = `${prefix}-heading`;
  const heading = useRef<HTMLHeadingElement>(null);
  // What to focus once the edited text is back: structural changes re-render the controls.
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    setError(null);
  }, [nodeId]);

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    if (target === "panel") {
      heading.current?.focus();
      return;
    }
    const [what, at] = target.split(":");
    const id = what === "up" || what === "down" ? `${prefix}-choice-${at}-${what}` : what === "say" ? `${prefix}-choice-${at}-say` : `${prefix}-${what}`;
    const el = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null;
    el?.focus();
    if (what === "say" && el && "select" in el) el.select();
  });

  const actions: Actions = {
    apply(result, focus) {
      if (!result.ok) {
        setError(result.error);
        return undefined;
      }
      setError(null);
      if (focus) pendingFocus.current = focus;
      onEdit(result.text);
      return result;
    },
    select(id) {
      pendingFocus.current = "panel";
      onSelectNode?.(id);
    },
    addLinked(type, from) {
      const done = actions.apply(addNode(text, type, { from }));
      if (done) actions.select(done.nodeId);
    },
  };

  const addButtons = (
    <section aria-labelledby={`${prefix}-add`} className="space-y-2 border-t border-stone-200 pt-3">
      <h3 id={`${prefix}-add`} className="text-sm font-semibold">
        Add a node
      </h3>
      <div className="flex flex-wrap gap-2">
        {(["turn", "branch", "ending"] as const).map((type) => (
          <Button
            key={type}
            variant="secondary"
            size="sm"
            onClick={() => {
              const done = actions.apply(addNode(text, type, nodeId && form?.ok ? { after: nodeId } : {}));
              if (done) actions.select(done.nodeId);
            }}
          >
            {type === "turn" ? "Add a turn" : type === "branch" ? "Add a branch" : "Add an ending"}
          </Button>
        ))}
      </div>
    </section>
  );

  const frame = (title: ReactNode, body: ReactNode) => (
    <section aria-labelledby={headingId} className={["min-w-0 space-y-4 rounded-md border border-stone-200 bg-white p-3", className].filter(Boolean).join(" ")}>
      <h2 id={headingId} ref={heading} tabIndex={-1} className="text-lg font-semibold">
        {title}
      </h2>
      {error && (
        <Notice tone="error" role="alert">
          Not changed: {error}.
        </Notice>
      )}
      {body}
    </section>
  );

  if (form === null) {
    return frame("Node", <><p className="text-sm text-stone-700">Select a node in the graph or the outline to change it here.</p>{addButtons}</>);
  }
  if (!form.ok) {
    return frame(
      "Node",
      form.reason === "missing" ? (
        <>
          <p className="text-sm text-stone-700">
            There is no node <span className="font-mono">{nodeId}</span> in the text: it may have been renamed or removed there. Select a node to change it here.
          </p>
          {addButtons}
        </>
      ) : (
        <p className="text-sm text-stone-700">The form is not available while the text cannot be read as a scenario: {form.message}.</p>
      ),
    );
  }

  const id = form.id;
  const title = (
    <>
      {form.type ? NODE_TYPE_LABELS[form.type] : "Node"} <span className="font-mono">{id}</span>
      {form.isStart && (
        <>
          <span className="sr-only">,</span> <span className="ml-1 rounded bg-brand-50 px-1.5 py-0.5 align-middle text-xs font-medium text-brand-800">start</span>
        </>
      )}
    </>
  );
  const onGo = onSelectNode ? (target: string) => actions.select(target) : undefined;

  let body: ReactNode;
  if (form.type === "turn") {
    body = (
      <>
        <TextArea
          label={`What ${form.counterpart} says`}
          hint="Each line here is a line of its own in the conversation."
          rows={3}
          value={form.say}
          onCommit={(say) => actions.apply(setSay(text, id, say))}
        />
        <section aria-labelledby={`${prefix}-choices`} className="space-y-3">
          <h3 id={`${prefix}-choices`} tabIndex={-1} className="text-base font-semibold">
            Choices ({form.choices.length} of at most {MAX_CHOICES})
          </h3>
          <ol className="space-y-3">
            {form.choices.map((c, i) => (
              <li key={i}>
                <ChoiceEditor
                  text={text}
                  nodeId={id}
                  index={i}
                  count={form.choices.length}
                  choice={c}
                  nodes={form.nodes}
                  idPrefix={`${prefix}-choice-${i}`}
                  actions={actions}
                  onGo={onGo}
                />
              </li>
            ))}
          </ol>
          <Button
            variant="secondary"
            size="sm"
            disabled={form.choices.length >= MAX_CHOICES}
            onClick={() => {
              const done = actions.apply(addChoice(text, id));
              if (done) pendingFocus.current = `say:${done.index}`;
            }}
          >
            Add a choice
          </Button>
          {form.choices.length >= MAX_CHOICES && <p className="text-sm text-stone-700">A turn offers at most {MAX_CHOICES} choices.</p>}
        </section>
      </>
    );
  } else if (form.type === "branch") {
    body = (
      <section aria-labelledby={`${prefix}-entries`} className="space-y-3">
        <h3 id={`${prefix}-entries`} tabIndex={-1} className="text-base font-semibold">
          Entries
        </h3>
        <p className="text-sm text-stone-700">The conversation goes on at the first entry whose condition holds; the last entry is taken otherwise.</p>
        <ol className="space-y-3">
          {form.branch.map((b, i) => (
            <li key={i}>
              <BranchEntryEditor text={text} nodeId={id} index={i} count={form.branch.length} entry={b} nodes={form.nodes} actions={actions} onGo={onGo} />
            </li>
          ))}
        </ol>
        <Button variant="secondary" size="sm" onClick={() => actions.apply(addBranchEntry(text, id))}>
          Add an entry
        </Button>
      </section>
    );
  } else if (form.type === "ending") {
    const outcome = (OUTCOMES as readonly string[]).includes(form.outcome ?? "") ? (form.outcome as Outcome) : "";
    body = (
      <>
        <TextArea
          label={`What ${form.counterpart} says at the end (optional)`}
          hint="Each line here is a line of its own."
          rows={3}
          value={form.say}
          onCommit={(say) => actions.apply(setSay(text, id, say))}
        />
        <Field label="Outcome" hint="How the conversation counts in the debrief and the statistics." size="sm">
          <select className={CONTROL_WIDTH} value={outcome} onChange={(e) => actions.apply(setEnding(text, id, { outcome: e.target.value as Outcome }))}>
            {outcome === "" && (
              <option value="" disabled>
                {form.outcome ? `${form.outcome} (not an outcome)` : "Choose an outcome"}
              </option>
            )}
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}: {OUTCOME_MEANINGS[o]}
              </option>
            ))}
          </select>
        </Field>
        <TextArea label="Debrief (optional)" hint="Shown to the trainee in the debrief when the conversation ends here." rows={3} value={form.debrief} onCommit={(debrief) => actions.apply(setEnding(text, id, { debrief }))} />
      </>
    );
  } else {
    body = (
      <p className="text-sm text-stone-700">
        This node is not a turn, a branch or an ending yet: give it <code>choices</code>, <code>branch</code> or <code>end</code> in the text.
      </p>
    );
  }

  return frame(
    title,
    <>
      {form.references.length === 0 && !form.isStart && <p className="text-sm text-amber-900">No choice or entry leads here yet.</p>}
      {/* Keyed by node, so that a half-typed value of one node never shows in another. */}
      <div key={id} className="space-y-4">
        {body}
      </div>
      <section aria-labelledby={`${prefix}-node`} className="space-y-3 border-t border-stone-200 pt-3">
        <h3 id={`${prefix}-node`} className="text-sm font-semibold">
          This node
        </h3>
        <details className="rounded border border-stone-200 px-3 py-2">
          <summary className="cursor-pointer text-sm font-medium">Rename this node</summary>
          <div className="mt-2">
            <RenameForm key={id} text={text} nodeId={id} actions={actions} />
          </div>
        </details>
        <div className="flex flex-wrap items-start gap-2">
          {!form.isStart && form.type !== "ending" && form.type !== undefined && (
            <Button variant="secondary" size="sm" onClick={() => actions.apply(setStart(text, id))}>
              Start the scenario here
            </Button>
          )}
          <RemoveNode
          key={`remove-${id}`}
          text={text}
          nodeId={id}
          isStart={form.isStart}
          references={form.references.length}
          then={form.references.find((r) => r.nodeId !== id)?.nodeId ?? form.start}
          actions={actions}
        />
        </div>
      </section>
      {addButtons}
    </>,
  );
}
