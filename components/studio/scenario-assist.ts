/**
 * Completion and hover help in the scenario editor, from the scenario format's JSON Schema: the
 * keys a mapping may have where the cursor is (with each key's description), the response kinds
 * with their default deltas, the outcomes, the ids of the text's own nodes where a key names a
 * node, the flags the text sets or tests, and any other value the schema lists. The functions
 * take a CodeMirror `Text` and a position and need no DOM; `scenarioAssist()` wires them into
 * the editor.
 */
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
  type CompletionSection,
  insertCompletionText,
  pickedCompletion,
  startCompletion,
} from "@codemirror/autocomplete";
import type { Extension, Text } from "@codemirror/state";
import { activateHover, closeHoverTooltips, EditorView, hasHoverTooltips, hoverTooltip, keymap, type Tooltip } from "@codemirror/view";
import { RESPONSE_KIND_IDS, RESPONSE_KINDS, type KindEffect, type ResponseKind } from "../../scenarios/kinds";
import schemaJson from "../../scenarios/scenario.schema.json";
import { OUTCOMES, type Outcome } from "../../scenarios/types";
import { ITEM, outlineOf, type Path, type Place, placeAt } from "./yaml-outline";

/** The parts of a JSON Schema the help reads. */
interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: Array<string | number>;
  const?: string | number | boolean;
}

const SCHEMA = schemaJson as JsonSchema;

/** What each outcome means (docs/scenario-format.md, "Endings and outcomes"). */
export const OUTCOME_MEANINGS: Record<Outcome, string> = {
  connected: "the conversation ended with a real connection: the counterpart stayed, spoke for themselves and chose their own next step",
  mixed: "the counterpart stayed polite or went along, but the relationship stayed one-sided",
  disengaged: "the counterpart withdrew or left",
};

/** One completion, as plain data (the editor turns it into CodeMirror's). */
export interface AssistOption {
  label: string;
  /** Shown after the label. */
  detail?: string;
  /** Shown beside the list for the selected option. */
  info?: string;
  type: "property" | "enum" | "variable";
  boost?: number;
  section?: { name: string; rank: number };
  /** The text that replaces the word, when it is not the label. */
  apply?: string;
  /** True when the inserted text is a key whose value has completions of its own: the list opens again. */
  reopen?: boolean;
}

export interface AssistCompletions {
  from: number;
  to: number;
  options: AssistOption[];
}

export interface AssistHover {
  from: number;
  to: number;
  text: string;
}

type NodeType = "turn" | "branch" | "ending";

interface NodeFacts {
  type: NodeType | null;
  outcome?: string;
  /** The counterpart's first line, when written on the node's `say` line or its first item. */
  say?: string;
}

/** What the help needs to know of the text beyond the cursor's line. */
interface Facts {
  nodes: Map<string, NodeFacts>;
  /** Node ids named by `start` or a `next`, with the first line naming each. */
  refs: Map<string, number>;
  /** Each flag's uses: where, and whether a choice sets it (or a condition tests it). */
  flags: Map<string, Array<{ from: number; set: boolean }>>;
}

// ---------------------------------------------------------------------------------------------
// What a path names

type Pattern = ReadonlyArray<string | readonly string[]>;

/** True when `path` matches `pattern`, where `"*"` is any one segment and a list is any of its segments. */
function matches(path: Path, pattern: Pattern): boolean {
  return path.length === pattern.length && pattern.every((p, i) => p === "*" || p === path[i] || (Array.isArray(p) && p.includes(path[i]!)));
}

const NODE_REFS: Pattern[] = [["start"], ["nodes", "*", ["choices", "branch"], ITEM, "next"]];
const KIND: Pattern = ["nodes", "*", "choices", ITEM, "kind"];
const OUTCOME: Pattern = ["nodes", "*", "end", "outcome"];
const FLAGS: Pattern[] = [
  ["nodes", "*", "choices", ITEM, "set", ITEM],
  ["nodes", "*", ["choices", "branch"], ITEM, "when", ["flags", "unset"], ITEM],
];
const FLAG_SET: Pattern = ["nodes", "*", "choices", ITEM, "set", ITEM];

type ValueKind = "node" | "kind" | "outcome" | "flag" | null;

/** What the value at `path` names, beyond what its schema says. */
function valueKindOf(path: Path): ValueKind {
  if (NODE_REFS.some((p) => matches(path, p))) return "node";
  if (matches(path, KIND)) return "kind";
  if (matches(path, OUTCOME)) return "outcome";
  if (FLAGS.some((p) => matches(path, p))) return "flag";
  return null;
}

/** The schema of the value at `path`, or undefined where the schema has none. */
export function schemaAt(path: Path): JsonSchema | undefined {
  let s: JsonSchema | undefined = SCHEMA;
  for (const segment of path) {
    if (!s) return undefined;
    if (segment === ITEM) {
      s = s.items ?? s.anyOf?.find((a) => a.items)?.items;
    } else {
      const object: JsonSchema = s.properties || s.additionalProperties ? s : (s.anyOf?.find((a) => a.properties) ?? s);
      s = object.properties?.[segment] ?? (typeof object.additionalProperties === "object" ? object.additionalProperties : undefined);
    }
  }
  return s;
}

const isMapping = (s: JsonSchema | undefined) => !!s && (s.type === "object" || !!s.properties);
const isList = (s: JsonSchema | undefined) => !!s && s.type === "array";

// ---------------------------------------------------------------------------------------------
// What the text holds

function collectFacts(doc: Text): Facts {
  const outline = outlineOf(doc);
  const nodes = new Map<string, NodeFacts>();
  const node = (id: string) => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { type: null }));
    return n;
  };
  for (const k of outline.keys) {
    if (k.path[0] !== "nodes") continue;
    if (k.path.length === 2) node(k.name);
    else if (k.path.length === 3 && !node(k.path[1]!).type) {
      const type = k.name === "choices" ? "turn" : k.name === "branch" ? "branch" : k.name === "end" ? "ending" : null;
      if (type) node(k.path[1]!).type = type;
    }
  }
  const refs = new Map<string, number>();
  const flags = new Map<string, Array<{ from: number; set: boolean }>>();
  for (const v of outline.values) {
    if (!v.value) continue;
    const kind = valueKindOf(v.path);
    if (kind === "node") {
      if (!refs.has(v.value)) refs.set(v.value, v.line);
    } else if (kind === "flag") {
      flags.set(v.value, [...(flags.get(v.value) ?? []), { from: v.from, set: matches(v.path, FLAG_SET) }]);
    } else if (kind === "outcome" && nodes.has(v.path[1]!)) {
      node(v.path[1]!).outcome = v.value;
    } else if (v.path[0] === "nodes" && v.path[2] === "say" && (v.path.length === 3 || v.path[3] === ITEM) && nodes.has(v.path[1]!)) {
      node(v.path[1]!).say ??= v.value;
    }
  }
  return { nodes, refs, flags };
}

const facts = new WeakMap<Text, Facts>();

function factsOf(doc: Text): Facts {
  let f = facts.get(doc);
  if (!f) facts.set(doc, (f = collectFacts(doc)));
  return f;
}

// ---------------------------------------------------------------------------------------------
// Words

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A kind's default deltas, as "rapport +10, mutuality +5". */
export const kindDeltas = (k: ResponseKind) => `rapport ${signed(k.rapport)}, mutuality ${signed(k.mutuality)}`;

const kindInfo = (k: ResponseKind) => `${k.label} (${k.effect}): ${k.does}.\nDefault deltas: ${kindDeltas(k)}.\n${k.why}`;

const EFFECT_SECTIONS: Record<KindEffect, { name: string; rank: number }> = {
  helpful: { name: "helpful", rank: 0 },
  neutral: { name: "neutral", rank: 1 },
  harmful: { name: "harmful", rank: 2 },
};

const clip = (s: string, n = 100) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function nodeType(n: NodeFacts): string {
  if (n.type === "ending") return n.outcome ? `ending: ${n.outcome}` : "ending";
  return n.type ?? "node";
}

const times = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

// ---------------------------------------------------------------------------------------------
// Completion

/** The keys a node may still get, given the keys it has: a node is a turn, a branch or an ending. */
function nodeKeys(present: ReadonlySet<string>): string[] {
  if (present.has("choices") || present.has("ask-rationale")) return ["say", "choices", "ask-rationale"];
  if (present.has("branch")) return ["branch"];
  if (present.has("end")) return ["say", "end"];
  if (present.has("say")) return ["say", "choices", "end"];
  return ["say", "choices", "branch", "end"];
}

/** The text a key completion inserts: the key and its `:`, and for a block mapping or list the next line's start. */
function keyText(key: string, value: JsonSchema | undefined, place: Extract<Place, { role: "key" }>): string {
  if (place.flow) return `${key}: `;
  const child = " ".repeat(place.column + 2);
  if (isMapping(value)) return `${key}:\n${child}`;
  if (isList(value) && isMapping(value!.items)) return `${key}:\n${child}- `;
  return `${key}: `;
}

const hasValueHelp = (path: Path) => {
  if (valueKindOf(path) && valueKindOf(path) !== "flag") return true;
  const s = schemaAt(path);
  return !!s && (s.enum !== undefined || s.const !== undefined);
};

function keyOptions(place: Extract<Place, { role: "key" }>, doc: Text): AssistOption[] {
  if (matches(place.path, ["nodes"])) {
    // A node being named: the ids a `start` or `next` names that have no node yet.
    const { nodes, refs } = factsOf(doc);
    return [...refs]
      .filter(([id]) => !nodes.has(id))
      .map(([id, line]) => ({ label: id, detail: "no node yet", info: `Named at line ${line}; no node has this id yet.`, type: "variable" as const, apply: place.written ? id : `${id}:\n${" ".repeat(place.column + 2)}` }));
  }
  const mapping = schemaAt(place.path);
  if (!mapping?.properties) return [];
  const present = new Set(place.siblings);
  let names = Object.keys(mapping.properties);
  if (matches(place.path, ["nodes", "*"])) names = nodeKeys(present).filter((k) => names.includes(k));
  const required = new Set(mapping.required ?? []);
  return names
    .filter((k) => !present.has(k))
    .map((k, i) => {
      const value = mapping.properties![k];
      const path = [...place.path, k];
      const option: AssistOption = {
        label: k,
        ...(required.has(k) && { detail: "required" }),
        ...(value?.description && { info: value.description }),
        type: "property",
        // The schema's order (say, kind, next…) and required keys first.
        boost: (required.has(k) ? 40 : 0) - i,
      };
      if (!place.written) {
        const text = keyText(k, value, place);
        if (text !== k) option.apply = text;
        if (text.endsWith(": ") && hasValueHelp(path)) option.reopen = true;
      }
      return option;
    });
}

/** How often a flag is set and tested, leaving out the use at `except` (the word being written). */
function flagUses(doc: Text, name: string, except = -1) {
  const uses = (factsOf(doc).flags.get(name) ?? []).filter((u) => u.from !== except);
  return { set: uses.filter((u) => u.set).length, tested: uses.filter((u) => !u.set).length };
}

function valueOptions(path: Path, doc: Text, from: number): AssistOption[] {
  const kind = valueKindOf(path);
  if (kind === "kind") {
    return RESPONSE_KIND_IDS.map((id) => {
      const k = RESPONSE_KINDS[id];
      return { label: id, detail: kindDeltas(k), info: kindInfo(k), type: "enum", section: EFFECT_SECTIONS[k.effect] };
    });
  }
  if (kind === "outcome") {
    return OUTCOMES.map((o) => ({ label: o, info: `${o}: ${OUTCOME_MEANINGS[o]}.`, type: "enum" }));
  }
  if (kind === "node") {
    const { nodes } = factsOf(doc);
    const start = matches(path, ["start"]);
    return [...nodes]
      .filter(([, n]) => !(start && n.type === "ending"))
      .map(([id, n]) => ({ label: id, detail: nodeType(n), ...(n.say && { info: `“${clip(n.say, 160)}”` }), type: "variable" as const }));
  }
  if (kind === "flag") {
    return [...factsOf(doc).flags.keys()]
      .map((name) => ({ name, ...flagUses(doc, name, from) }))
      .filter((f) => f.set + f.tested > 0)
      .map((f) => ({ label: f.name, detail: `set ${f.set}×, tested ${f.tested}×`, type: "variable" as const }));
  }
  const s = schemaAt(path);
  const values = s?.enum ?? (s?.const !== undefined ? [s.const] : []);
  return values.map((v) => ({ label: String(v), ...(s?.description && { info: s.description }), type: "enum" as const }));
}

/**
 * The completions at `pos`: keys where a key is written, values where a value is. When not
 * `explicit` (the list opening by itself while typing), only once a word has been started.
 */
export function completionsAt(doc: Text, pos: number, explicit: boolean): AssistCompletions | null {
  const place = placeAt(doc, pos);
  if (!place) return null;
  if (!explicit && place.from === pos) return null;
  let options: AssistOption[];
  if (place.role === "key") {
    // A word in a list of scalars (`- gave-advice` under `set:`) is a value.
    const item = place.path.at(-1) === ITEM && !isMapping(schemaAt(place.path)) && !place.flow;
    if (item) return withOptions(place, valueOptions(place.path, doc, place.from));
    options = keyOptions(place, doc);
  } else {
    options = valueOptions(place.path, doc, place.from).map((o) => (place.before ? { ...o, apply: place.before + o.label } : o));
  }
  return withOptions(place, options);
}

const withOptions = (place: Place, options: AssistOption[]): AssistCompletions | null =>
  options.length > 0 ? { from: place.from, to: place.to, options } : null;

// ---------------------------------------------------------------------------------------------
// Hover

function describeValue(path: Path, value: string, doc: Text): string | null {
  const kind = valueKindOf(path);
  if (kind === "kind") {
    const k = (RESPONSE_KINDS as Record<string, ResponseKind | undefined>)[value];
    return k ? `${value}: ${kindInfo(k)}` : `“${value}” is not a response kind.`;
  }
  if (kind === "outcome") {
    const meaning = (OUTCOME_MEANINGS as Record<string, string | undefined>)[value];
    return meaning ? `${value}: ${meaning}.` : `“${value}” is not an outcome: use connected, mixed or disengaged.`;
  }
  if (kind === "node") {
    const n = factsOf(doc).nodes.get(value);
    if (!n) return `No node “${value}” in this scenario.`;
    return `Node “${value}”: ${n.type === "ending" ? `an ending${n.outcome ? ` (${n.outcome})` : ""}` : `a ${n.type ?? "node with no choices, branch or end yet"}`}.${n.say ? `\n“${clip(n.say, 160)}”` : ""}`;
  }
  if (kind === "flag") {
    const f = flagUses(doc, value);
    return f.set + f.tested > 0 ? `Flag “${value}”: set by ${times(f.set, "choice")}, tested by ${times(f.tested, "condition")}.` : null;
  }
  return null;
}

function describeKey(path: Path, key: string, doc: Text): string | null {
  if (matches(path, ["nodes"])) {
    const { nodes, refs } = factsOf(doc);
    const n = nodes.get(key);
    if (!n) return null;
    const what = n.type === "ending" ? `an ending${n.outcome ? ` (${n.outcome})` : ""}` : n.type ? `a ${n.type}` : "a node with no choices, branch or end yet";
    return `Node “${key}”: ${what}${refs.has(key) ? "" : ", named by no start or next"}.`;
  }
  const description = schemaAt([...path, key])?.description;
  if (!description) return null;
  const required = schemaAt(path)?.required?.includes(key) ? " (required)" : "";
  return `${key}${required}: ${description}`;
}

/** The help for the key or value at `pos`: a key's description, a kind's meaning and default deltas, what a named node is. */
export function hoverAt(doc: Text, pos: number): AssistHover | null {
  const line = doc.lineAt(pos);
  const column = pos - line.from;
  const before = /[\w-]*$/.exec(line.text.slice(0, column))![0];
  const after = /^[\w-]*/.exec(line.text.slice(column))![0];
  if (!before && !after) return null;
  const from = pos - before.length;
  const to = pos + after.length;
  const place = placeAt(doc, to);
  if (!place || place.from !== from) return null;
  const word = place.word;
  let text: string | null = null;
  if (place.role === "key" && place.written) text = describeKey(place.path, word, doc);
  else if (place.role === "key" && place.path.at(-1) === ITEM) text = describeValue(place.path, word, doc);
  else if (place.role === "value") text = describeValue(place.path, word, doc);
  return text ? { from, to, text } : null;
}

// ---------------------------------------------------------------------------------------------
// The editor's extension

/** Typing within a key or value word keeps the list and filters it; anything else asks again. */
const WORD = /^[\w-]*$/;

const sections = new Map<string, CompletionSection>();
const sectionOf = (s: { name: string; rank: number }) => {
  let section = sections.get(s.name);
  if (!section) sections.set(s.name, (section = { name: s.name, rank: s.rank }));
  return section;
};

function toCompletion(o: AssistOption): Completion {
  const c: Completion = { label: o.label, type: o.type };
  if (o.detail) c.detail = o.detail;
  if (o.info) c.info = o.info;
  if (o.boost !== undefined) c.boost = o.boost;
  if (o.section) c.section = sectionOf(o.section);
  const text = o.apply ?? o.label;
  if (o.reopen) {
    c.apply = (view, completion, from, to) => {
      view.dispatch({ ...insertCompletionText(view.state, text, from, to), annotations: pickedCompletion.of(completion) });
      // A key whose values are known (`kind: `) offers them at once.
      startCompletion(view);
    };
  } else if (o.apply) {
    c.apply = o.apply;
  }
  return c;
}

/** The completion source of the scenario editor. */
export function scenarioCompletionSource(context: CompletionContext): CompletionResult | null {
  const result = completionsAt(context.state.doc, context.pos, context.explicit);
  if (!result) return null;
  return { from: result.from, to: result.to, options: result.options.map(toCompletion), validFor: WORD };
}

function helpTooltip(help: AssistHover): Tooltip {
  return {
    pos: help.from,
    end: help.to,
    above: true,
    create() {
      // Text only (no markup is parsed), and styled by the editor's theme, whose style element carries the page's nonce.
      const dom = document.createElement("div");
      dom.className = "cm-scenario-help";
      dom.setAttribute("role", "tooltip");
      dom.textContent = help.text;
      return { dom };
    },
  };
}

const hoverHelp = hoverTooltip((view, pos) => {
  const help = hoverAt(view.state.doc, pos);
  return help ? helpTooltip(help) : null;
}, { hideOnChange: true });

/**
 * Shows the hover help of the word at the cursor, for keyboard users, and has screen readers read
 * it (the tooltip itself is not in the focus order); it closes when the text or the cursor moves.
 */
function showHelpAtCursor(view: EditorView): boolean {
  const pos = view.state.selection.main.head;
  const help = hoverAt(view.state.doc, pos);
  if (!help) return false;
  activateHover(view, pos, -1, { tooltip: hoverHelp, until: (tr) => tr.docChanged || tr.selection !== undefined });
  view.dispatch({ effects: EditorView.announce.of(help.text) });
  return true;
}

function closeHelp(view: EditorView): boolean {
  if (!hasHoverTooltips(view.state)) return false;
  view.dispatch({ effects: closeHoverTooltips });
  return true;
}

/** The key that shows the help of the word at the cursor. */
export const HELP_KEY = "Ctrl-Shift-Space";

const theme = EditorView.theme({
  ".cm-scenario-help": { padding: "4px 8px", maxWidth: "28rem", whiteSpace: "pre-line", fontSize: "13px", lineHeight: "1.4" },
  ".cm-completionInfo": { whiteSpace: "pre-line", maxWidth: "28rem" },
});

/** Completion (Ctrl-Space, or by itself while a key or value is typed) and hover help for scenario YAML. */
export function scenarioAssist(): Extension {
  return [
    autocompletion({ override: [scenarioCompletionSource] }),
    hoverHelp,
    keymap.of([
      { key: HELP_KEY, run: showHelpAtCursor },
      { key: "Escape", run: closeHelp },
    ]),
    theme,
  ];
}
