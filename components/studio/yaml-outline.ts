/**
 * Where a position stands in a YAML text (the keys that lead to it, and whether a key or a value
 * is being written there), found by a walk over the lines by their indentation rather than by a
 * YAML parser: while a trainer types, the text is half written and invalid most of the time, and
 * a parser's tree of it says little about the line being written. The walk knows block mappings
 * and lists, one-line and multi-line flow collections (`{ … }`, `[ … ]`), quoted, plain and block
 * (`|`, `>`) scalars and comments; it never throws, whatever the text.
 */
import type { Text } from "@codemirror/state";

/** The path segment of a list item (keys are kebab-case, so no key is spelled so). */
export const ITEM = "[]";

/** Keys and `ITEM`s from the document's root to a value. */
export type Path = readonly string[];

/** A key written in the text. */
export interface KeySpot {
  /** The path of the key's value (the mapping's path and the key). */
  path: Path;
  name: string;
  from: number;
  to: number;
  /** 1-based line. */
  line: number;
}

/** A scalar value written in the text (unquoted). */
export interface ValueSpot {
  path: Path;
  value: string;
  from: number;
  to: number;
  line: number;
}

/** A key or a value being written at a position. */
export type Place =
  | {
      role: "key";
      /** The path of the mapping (or list item) the key is in. */
      path: Path;
      /** The word at the position (possibly empty) and where it stands. */
      word: string;
      from: number;
      to: number;
      /** The column the key starts at. */
      column: number;
      /** True inside a flow mapping (`{ … }`). */
      flow: boolean;
      /** True when a `:` follows the word: it is a key already written. */
      written: boolean;
      /** The other keys of the same mapping. */
      siblings: string[];
    }
  | {
      role: "value";
      /** The path of the value: the key's path, or the list's path and `ITEM`. */
      path: Path;
      word: string;
      from: number;
      to: number;
      /** Text to insert before a value (a space right after a `:`). */
      before: string;
    };

interface Entry {
  kind: "key" | "item";
  column: number;
  line: number;
  path: Path;
}

type Stack = readonly Entry[];

/** How the lines after a line are read. */
type Mode =
  | { type: "none" }
  /** A block scalar: lines indented more than `indent` (and blank lines) are its text. */
  | { type: "block"; indent: number }
  /** A plain scalar that may go on over lines indented more than `indent`. */
  | { type: "plain"; indent: number }
  /** A quoted scalar not closed on its line. */
  | { type: "quote"; quote: '"' | "'" }
  /** A flow collection not closed on its line. */
  | { type: "flow"; frames: Frame[]; path: Path };

const NONE: Mode = { type: "none" };

interface Frame {
  type: "map" | "seq";
  path: Path;
  /** In a map: the key whose value is being read, or null while a key is read. */
  key: string | null;
  keys: Array<{ name: string; from: number }>;
}

/** What the walk learnt about the whole text. */
export interface Outline {
  /** For each line (0-based), the open mappings and lists before it and how it is read. */
  lines: Array<{ stack: Stack; mode: Mode }>;
  keys: KeySpot[];
  values: ValueSpot[];
  /** The keys of each block mapping, by the id of the entry that holds it. */
  keysByParent: Map<string, KeySpot[]>;
}

/** Receives the keys and values the walk passes. */
interface Sink {
  key(spot: KeySpot): void;
  value(spot: ValueSpot): void;
}

const WORD = /^[\w-]*$/;
const WORD_START = /^[\w-]*/;

const idOf = (entry: Entry | undefined) => (entry ? `${entry.line}:${entry.column}` : "root");
const pathOf = (stack: Stack) => stack.at(-1)?.path ?? [];

/** The stack once a list item starts at `column` on `line`. */
function pushItem(stack: Stack, column: number, line: number): Stack {
  let s = stack.filter((e) => e.column <= column);
  const top = s.at(-1);
  // A sibling item ends the one before; a key at the same column holds an unindented list.
  if (top && top.column === column && top.kind === "item") s = s.slice(0, -1);
  return [...s, { kind: "item", column, line, path: [...pathOf(s), ITEM] }];
}

/** The entries a key at `column` is in. */
const parentsOfKey = (stack: Stack, column: number): Stack => stack.filter((e) => e.column < column);

/** The index after a quoted scalar that starts at `start`, or -1 when the line does not close it. */
function quoteEnd(text: string, start: number): number {
  const q = text[start]!;
  // Jumps from quote to quote: most of a scenario's text is quoted, and this runs on every line.
  for (let i = text.indexOf(q, start + 1); i >= 0; i = text.indexOf(q, i + 1)) {
    if (q === "'") {
      if (text[i + 1] !== "'") return i + 1;
      i++;
      continue;
    }
    let backslashes = 0;
    while (text[i - 1 - backslashes] === "\\") backslashes++;
    if (backslashes % 2 === 0) return i + 1;
  }
  return -1;
}

function unquote(s: string): string {
  const q = s[0];
  if (q !== '"' && q !== "'") return s;
  const inner = s.slice(1, s.length > 1 && s.endsWith(q) ? -1 : undefined);
  if (q === '"') return inner.includes("\\") ? inner.replace(/\\(.)/g, "$1") : inner;
  return inner.includes("''") ? inner.replace(/''/g, "'") : inner;
}

/** The end of a plain scalar's text on its line: before a ` #` comment and trailing spaces. */
function plainEnd(text: string, start: number): number {
  const hash = text.slice(start).search(/\s#/);
  const end = hash < 0 ? text.length : start + hash;
  return start + text.slice(start, end).trimEnd().length;
}

/** A key at the start of `rest`: its name and the length up to and with its `:`. */
function keyAt(rest: string): { name: string; length: number } | null {
  if (rest.startsWith('"') || rest.startsWith("'")) {
    const end = quoteEnd(rest, 0);
    if (end < 0) return null;
    const m = /^\s*:(?=\s|$)/.exec(rest.slice(end));
    return m ? { name: unquote(rest.slice(0, end)), length: end + m[0].length } : null;
  }
  if (/^[\s#{[\]}&*!|>%@`,-]/.test(rest) && !/^-[^\s]/.test(rest)) return null;
  const m = /^([^#]*?)\s*:(?=\s|$)/.exec(rest);
  if (!m || m[1]!.length === 0 || /\s#/.test(m[1]!)) return null;
  return { name: m[1]!, length: m[0].length };
}

/** The snapshot of a flow scan at a position: the open frames and the token being written. */
interface FlowAt {
  frames: Frame[];
  /** The key of the innermost map at that point (the scan goes on and changes the frame's). */
  key: string | null;
  token: string;
  tokenFrom: number;
  inQuote: boolean;
}

/**
 * Reads a flow collection from `start` of `text` (a line starting at `offset`), going on with the
 * open `frames` (empty at a `{` or `[`). Passes its keys and values to `sink`, and answers the
 * frames still open at the line's end and, when `at` is given, the snapshot there.
 */
function scanFlow(text: string, start: number, offset: number, line: number, frames: Frame[], base: Path, sink: Sink | null, at?: number) {
  let tokenFrom = -1;
  let snapshot: FlowAt | undefined;
  const top = () => frames.at(-1);
  const childPath = (): Path => {
    const f = top();
    if (!f) return base;
    return f.type === "seq" ? [...f.path, ITEM] : [...f.path, f.key ?? "?"];
  };
  const flush = (end: number) => {
    if (tokenFrom < 0) return;
    const raw = text.slice(tokenFrom, end).trim();
    const from = tokenFrom;
    tokenFrom = -1;
    const f = top();
    if (!raw || !f) return;
    if (f.type === "map" && f.key === null) {
      // A key with no value (`{ a, b }`).
      f.keys.push({ name: unquote(raw), from: offset + from });
      sink?.key({ path: [...f.path, unquote(raw)], name: unquote(raw), from: offset + from, to: offset + from + raw.length, line });
      return;
    }
    sink?.value({ path: childPath(), value: unquote(raw), from: offset + from, to: offset + from + raw.length, line });
  };
  for (let i = start; i <= text.length; i++) {
    if (at !== undefined && i === at && !snapshot) {
      snapshot = { frames: [...frames], key: top()?.key ?? null, token: tokenFrom < 0 ? "" : text.slice(tokenFrom, i), tokenFrom: tokenFrom < 0 ? i : tokenFrom, inQuote: false };
    }
    // The collection ends with its closing bracket; the rest of the line is not read.
    if (i === text.length || (frames.length === 0 && i > start)) break;
    const c = text[i]!;
    if ((c === '"' || c === "'") && (tokenFrom < 0 || text.slice(tokenFrom, i).trim() === "")) {
      const end = quoteEnd(text, i);
      if (at !== undefined && !snapshot && at > i && (end < 0 || at < end)) {
        snapshot = { frames: [...frames], key: top()?.key ?? null, token: "", tokenFrom: at, inQuote: true };
      }
      if (end < 0) return { frames, quote: c as '"' | "'", snapshot };
      if (tokenFrom < 0) tokenFrom = i;
      i = end - 1;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      flush(i);
      break;
    }
    if (c === "{" || c === "[") {
      flush(i);
      frames.push({ type: c === "{" ? "map" : "seq", path: childPath(), key: null, keys: [] });
    } else if (c === "}" || c === "]") {
      flush(i);
      frames.pop();
      const f = top();
      if (f?.type === "map") f.key = null;
    } else if (c === ",") {
      flush(i);
      const f = top();
      if (f?.type === "map") f.key = null;
    } else if (c === ":" && top()?.type === "map" && top()!.key === null && /^(\s|$|[,}\]])/.test(text.slice(i + 1, i + 2) || "")) {
      const f = top()!;
      const raw = tokenFrom < 0 ? "" : text.slice(tokenFrom, i).trim();
      const from = tokenFrom < 0 ? i : tokenFrom + (text.slice(tokenFrom, i).length - text.slice(tokenFrom, i).trimStart().length);
      tokenFrom = -1;
      f.key = unquote(raw);
      f.keys.push({ name: f.key, from: offset + from });
      sink?.key({ path: [...f.path, f.key], name: f.key, from: offset + from, to: offset + from + raw.length, line });
    } else if (tokenFrom < 0 && !/\s/.test(c)) {
      tokenFrom = i;
    }
  }
  flush(text.length);
  return { frames, quote: null, snapshot };
}

/** Reads a value written after a key or a dash, from `start` of the line; answers how the next lines are read. */
function readValue(text: string, start: number, offset: number, line: number, path: Path, ownerColumn: number, sink: Sink): Mode {
  let i = start;
  // Anchors and tags before a value change nothing of where it stands.
  while (text[i] === "&" || text[i] === "!") {
    while (i < text.length && !/\s/.test(text[i]!)) i++;
    while (text[i] === " " || text[i] === "\t") i++;
  }
  const c = text[i];
  if (c === undefined || c === "#") return NONE;
  if (c === "|" || c === ">") return { type: "block", indent: ownerColumn };
  if (c === "*") return NONE;
  if (c === '"' || c === "'") {
    const end = quoteEnd(text, i);
    if (end < 0) return { type: "quote", quote: c };
    sink.value({ path, value: unquote(text.slice(i, end)), from: offset + i, to: offset + end, line });
    return NONE;
  }
  if (c === "{" || c === "[") {
    const scan = scanFlow(text, i, offset, line, [], path, sink);
    if (scan.quote) return { type: "quote", quote: scan.quote };
    return scan.frames.length > 0 ? { type: "flow", frames: scan.frames, path } : NONE;
  }
  const end = plainEnd(text, i);
  sink.value({ path, value: text.slice(i, end), from: offset + i, to: offset + end, line });
  return { type: "plain", indent: ownerColumn };
}

/** The column of the first character of a line that is not a space, or -1 for a blank line. */
const firstColumn = (text: string) => text.search(/\S/);

/** True when a line at `column` (its first character, or the cursor on a blank line) belongs to the scalar before it. */
function continues(mode: Mode, column: number, blank: boolean): boolean {
  switch (mode.type) {
    case "quote":
    case "flow":
      return true;
    case "block":
      return blank || column > mode.indent;
    case "plain":
      return !blank && column > mode.indent;
    default:
      return false;
  }
}

function walk(doc: Text): Outline {
  const lines: Outline["lines"] = [];
  const keys: KeySpot[] = [];
  const values: ValueSpot[] = [];
  const keysByParent = new Map<string, KeySpot[]>();
  let stack: Stack = [];
  let mode: Mode = NONE;
  let offset = 0;
  let n = 0;
  const sink: Sink = { key: (k) => keys.push(k), value: (v) => values.push(v) };
  for (const text of doc.iterLines()) {
    n++;
    lines.push({ stack, mode });
    const lineFrom = offset;
    offset += text.length + 1;
    const first = firstColumn(text);
    if (continues(mode, first, first < 0)) {
      if (mode.type === "quote") {
        // Look for the quote that closes it (a `"` not escaped, a `'` not doubled).
        const end = quoteEnd(`${mode.quote}${text}`, 0);
        if (end >= 0) mode = NONE;
      } else if (mode.type === "flow") {
        const scan = scanFlow(text, 0, lineFrom, n, mode.frames, mode.path, sink);
        mode = scan.quote ? { type: "quote", quote: scan.quote } : scan.frames.length > 0 ? mode : NONE;
      }
      continue;
    }
    if (first < 0 || text[first] === "#") continue;
    mode = NONE;
    if (text.startsWith("---", 0) || text.startsWith("...", 0)) {
      stack = [];
      continue;
    }
    let i = first;
    let owner = -1;
    while (text[i] === "-" && (i + 1 === text.length || /\s/.test(text[i + 1]!))) {
      stack = pushItem(stack, i, n);
      owner = i;
      i++;
      while (text[i] === " ") i++;
    }
    if (i >= text.length) continue;
    const key = keyAt(text.slice(i));
    if (key) {
      const parents = parentsOfKey(stack, i);
      const entry: Entry = { kind: "key", column: i, line: n, path: [...pathOf(parents), key.name] };
      const spot: KeySpot = { path: entry.path, name: key.name, from: lineFrom + i, to: lineFrom + i + key.name.length, line: n };
      keys.push(spot);
      const parent = idOf(parents.at(-1));
      const siblings = keysByParent.get(parent);
      if (siblings) siblings.push(spot);
      else keysByParent.set(parent, [spot]);
      stack = [...parents, entry];
      let v = i + key.length;
      while (text[v] === " " || text[v] === "\t") v++;
      mode = readValue(text, v, lineFrom, n, entry.path, i, sink);
    } else {
      // A scalar list item, or a word not yet a key.
      mode = readValue(text, i, lineFrom, n, [...pathOf(stack), ...(owner >= 0 ? [] : ["?"])], owner >= 0 ? owner : i, sink);
    }
  }
  return { lines, keys, values, keysByParent };
}

const outlines = new WeakMap<Text, Outline>();

/** The outline of a text, walked once per text (a CodeMirror `Text` is never changed, so it keys the cache). */
export function outlineOf(doc: Text): Outline {
  let outline = outlines.get(doc);
  if (!outline) {
    outline = walk(doc);
    outlines.set(doc, outline);
  }
  return outline;
}

/** What is being written at `pos`: a key (with the keys beside it) or a value, or null (a comment, a text, a quoted value). */
export function placeAt(doc: Text, pos: number): Place | null {
  const outline = outlineOf(doc);
  const line = doc.lineAt(pos);
  const before = outline.lines[line.number - 1];
  if (!before) return null;
  const text = line.text;
  const column = pos - line.from;
  const first = firstColumn(text);
  const blank = first < 0;
  const start = blank ? column : first;
  if (!blank && column < first) return null;
  if (continues(before.mode, start, false)) return null;
  if (text[start] === "#") return null;
  let stack = before.stack;
  let i = start;
  while (text[i] === "-" && (i + 1 === text.length || /\s/.test(text[i + 1]!)) && i < column) {
    stack = pushItem(stack, i, line.number);
    i++;
    while (text[i] === " " && i < column) i++;
  }
  const rest = text.slice(i, column);
  const wordAfter = (at: number) => WORD_START.exec(text.slice(at))![0];

  if (WORD.test(rest)) {
    const word = rest + wordAfter(column);
    const parents = parentsOfKey(stack, i);
    const parent = idOf(parents.at(-1));
    const siblings = (outline.keysByParent.get(parent) ?? []).filter((k) => k.line !== line.number).map((k) => k.name);
    const written = /^\s*:(\s|$)/.test(text.slice(i + word.length));
    return { role: "key", path: pathOf(parents), word, from: line.from + i, to: line.from + i + word.length, column: i, flow: false, written, siblings };
  }

  const key = keyAt(text.slice(i));
  if (!key || i + key.length > column) {
    // A key written up to its `:` with the cursor right after it.
    const bare = /^([\w-]+):$/.exec(rest);
    if (bare) return { role: "value", path: [...pathOf(parentsOfKey(stack, i)), bare[1]!], word: "", from: pos, to: pos, before: " " };
    return null;
  }
  const path = [...pathOf(parentsOfKey(stack, i)), key.name];
  let v = i + key.length;
  while (v < column && (text[v] === " " || text[v] === "\t")) v++;
  const value = text.slice(v, column);
  if (value.startsWith("{") || value.startsWith("[")) return flowPlace(text, v, column, line.from, line.number, path);
  if (!WORD.test(value)) return null;
  const word = value + wordAfter(column);
  return { role: "value", path, word, from: line.from + v, to: line.from + v + word.length, before: v === i + key.length && key.length > 0 && !/\s$/.test(text.slice(0, v)) ? " " : "" };
}

/** The place at `column` inside a flow collection that starts at `start`. */
function flowPlace(text: string, start: number, column: number, lineFrom: number, line: number, path: Path): Place | null {
  const scan = scanFlow(text, start, lineFrom, line, [], path, null, column);
  const at = scan.snapshot;
  if (!at || at.inQuote || !WORD.test(at.token)) return null;
  const frame = at.frames.at(-1);
  if (!frame) return null;
  const word = at.token + WORD_START.exec(text.slice(column))![0];
  const from = lineFrom + column - at.token.length;
  const to = from + word.length;
  if (frame.type === "seq") return { role: "value", path: [...frame.path, ITEM], word, from, to, before: "" };
  if (at.key !== null) return { role: "value", path: [...frame.path, at.key], word, from, to, before: /:$/.test(text.slice(0, column)) ? " " : "" };
  const written = /^\s*:(\s|$|[,}\]])/.test(text.slice(column + word.length - at.token.length));
  return {
    role: "key",
    path: frame.path,
    word,
    from,
    to,
    column: column - at.token.length,
    flow: true,
    written,
    siblings: frame.keys.filter((k) => k.from !== from).map((k) => k.name),
  };
}
