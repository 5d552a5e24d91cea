/**
 * Writes an edited YAML document back into the text it was read from, changing only what the edit
 * changed: a changed scalar is replaced where it stands, an added, removed or moved entry of a
 * block mapping or list adds, removes or moves its own lines, and everything else (comments, their
 * alignment, blank lines, quoting, line breaks) stays byte for byte. Where that is not possible (a
 * flow collection such as `{ … }` that gained an entry, a value that became a block), the smallest
 * enclosing entry is written anew by the `yaml` package; at worst, the whole document.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, parseDocument, Scalar, type YAMLMap, type YAMLSeq } from "yaml";

/** How new lines are laid out, taken from the text so that they look like their neighbours. */
export interface Layout {
  /** Spaces per level. */
  indent: number;
  /** True when a list's `-` is indented under its key; false when it stands at the key's column. */
  indentSeq: boolean;
}

interface Splice {
  from: number;
  to: number;
  text: string;
}

type Item = Pair | Node;

const kindOf = (n: Node): string => (isScalar(n) ? "scalar" : isMap(n) ? "map" : isSeq(n) ? "seq" : isAlias(n) ? "alias" : "other");
const keyOf = (n: Node): string | undefined => (n.range ? `${kindOf(n)}:${n.range[0]}` : undefined);

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

function applySplices(text: string, splices: readonly Splice[], offset = 0): string {
  let out = "";
  let at = 0;
  for (const s of [...splices].sort((a, b) => a.from - b.from)) {
    out += text.slice(at, s.from - offset) + s.text;
    at = s.to - offset;
  }
  return out + text.slice(at);
}

/** Finds the layout of a parsed document: the indentation of its first nested block mapping, and of its first block list. */
export function layoutOf(text: string, doc: Document): Layout {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  const visit = (node: unknown, keyColumn: number | undefined) => {
    if (indent !== undefined && indentSeq !== undefined) return;
    if (isMap(node) && !node.flow) {
      for (const p of node.items) {
        if (!isScalar(p.key) || !p.key.range) continue;
        const column = p.key.range[0] - lineStart(text, p.key.range[0]);
        if (keyColumn !== undefined && indent === undefined && column > keyColumn && /^[ ]*$/.test(text.slice(lineStart(text, p.key.range[0]), p.key.range[0]))) {
          indent = column - keyColumn;
        }
        visit(p.value, column);
      }
    } else if (isSeq(node) && !node.flow) {
      if (keyColumn !== undefined && indentSeq === undefined && node.range) {
        const dash = node.range[0];
        if (text[dash] === "-") indentSeq = dash - lineStart(text, dash) > keyColumn;
      }
      for (const item of node.items) {
        const at = (item as Node | null)?.range?.[0];
        visit(item, at === undefined ? undefined : at - lineStart(text, at));
      }
    }
  };
  visit(doc.contents, undefined);
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true };
}

/** The options every piece of new text is written with: no folding of long lines, the text's own indentation. */
const stringifyOptions = (layout: Layout) => ({ lineWidth: 0, indent: layout.indent, indentSeq: layout.indentSeq });

class Splicer {
  private readonly original = new Map<string, Node>();

  constructor(
    private readonly text: string,
    before: Document,
    private readonly layout: Layout,
  ) {
    const index = (n: unknown) => {
      if (isPair(n)) {
        index(n.key);
        index(n.value);
        return;
      }
      if (!n || typeof n !== "object") return;
      const key = keyOf(n as Node);
      if (key) this.original.set(key, n as Node);
      if (isMap(n) || isSeq(n)) for (const item of n.items) index(item);
    };
    index(before.contents);
  }

  /** The whole new text, or null when only writing the document anew will do. */
  render(after: Document): string | null {
    const root = after.contents;
    if (!root) return null;
    const splices = this.splicesOf(root, false);
    return splices ? applySplices(this.text, splices) : null;
  }

  private counterpart(n: Node): Node | undefined {
    const key = keyOf(n);
    return key ? this.original.get(key) : undefined;
  }

  /** The splices that turn the original of `n` into `n`, or null when `n` must be written anew by its parent. */
  private splicesOf(n: Node | null, inFlow: boolean): Splice[] | null {
    if (n === null) return null;
    const o = this.counterpart(n);
    if (!o || kindOf(o) !== kindOf(n)) return null;
    if (isScalar(n) && isScalar(o)) return this.scalarSplices(n, o, inFlow);
    if (isAlias(n) && isAlias(o)) return n.source === o.source ? [] : null;
    if ((isMap(n) && isMap(o)) || (isSeq(n) && isSeq(o))) return this.collectionSplices(n, o, inFlow);
    return null;
  }

  private scalarSplices(n: Scalar, o: Scalar, inFlow: boolean): Splice[] | null {
    if (Object.is(n.value, o.value) && n.type === o.type && n.tag === o.tag) return [];
    const [from, to] = o.range!;
    // A block scalar owns its line ends, and an empty value (`key:`) has no room to write into.
    if (from === to || o.type === "BLOCK_LITERAL" || o.type === "BLOCK_FOLDED") return null;
    const written = inlineScalar(n, inFlow, this.layout);
    return written === null ? null : [{ from, to, text: written }];
  }

  private itemKey(item: Item): string | undefined {
    const node = isPair(item) ? (item.key as Node | null) : item;
    return node && typeof node === "object" ? keyOf(node) : undefined;
  }

  /** The splices inside one entry of a collection, or null when it must be written anew. */
  private itemSplices(item: Item, inFlow: boolean): Splice[] | null {
    if (isPair(item)) {
      const key = this.splicesOf(item.key as Node, inFlow);
      if (!key) return null;
      const o = this.counterpart(item.key as Node);
      const parent = o ? this.pairOf(o) : undefined;
      if (!parent) return null;
      if (item.value === null || item.value === undefined) return parent.value === null || parent.value === undefined ? key : null;
      if (parent.value === null || parent.value === undefined) return null;
      const value = this.splicesOf(item.value as Node, inFlow);
      return value ? [...key, ...value] : null;
    }
    return this.splicesOf(item as Node, inFlow);
  }

  private readonly pairs = new Map<Node, Pair>();
  private pairOf(key: Node): Pair | undefined {
    if (this.pairs.size === 0) {
      for (const n of this.original.values()) if (isMap(n)) for (const p of n.items) if (p.key && typeof p.key === "object") this.pairs.set(p.key as Node, p);
    }
    return this.pairs.get(key);
  }

  private collectionSplices(n: YAMLMap | YAMLSeq, o: YAMLMap | YAMLSeq, inFlow: boolean): Splice[] | null {
    const flow = inFlow || Boolean(o.flow);
    if (Boolean(n.flow) !== Boolean(o.flow)) return null;
    const items = n.items as Item[];
    const originals = o.items as Item[];
    const position = new Map<string, number>();
    originals.forEach((item, i) => {
      const key = this.itemKey(item);
      if (key) position.set(key, i);
    });
    const from = items.map((item) => {
      const key = this.itemKey(item);
      return key === undefined ? undefined : position.get(key);
    });
    const inner = items.map((item, j) => (from[j] === undefined ? null : this.itemSplices(item, flow)));
    const unchangedList = items.length === originals.length && from.every((k, j) => k === j);
    if (unchangedList && inner.every((s) => s !== null)) return inner.flat() as Splice[];
    // Entries were added, removed, moved or must be written anew: only a block collection can do that line by line.
    if (flow || items.length === 0) return null;
    return this.rebuildBlock(n, o, items, originals, from, inner);
  }

  /** Where each original entry's lines begin (with the comment lines just above it) and end (after its line break). */
  private spansOf(o: YAMLMap | YAMLSeq, originals: readonly Item[]): { start: number; end: number; inline: boolean }[] | null {
    const text = this.text;
    const spans: { start: number; end: number; inline: boolean }[] = [];
    let previousEnd = -1;
    for (const item of originals) {
      const first = isPair(item) ? (item.key as Node | null) : (item as Node | null);
      const last = isPair(item) ? ((item.value as Node | null) ?? (item.key as Node | null)) : (item as Node | null);
      if (!first?.range || !last?.range) return null;
      let begin = first.range[0];
      if (isSeq(o)) {
        // The entry's node starts after its `- `; the entry starts at the dash.
        const before = text.slice(lineStart(text, begin), begin);
        const m = /^([ ]*)-[ \t]+$/.exec(before) ?? /^([ ]*)-$/.exec(before);
        if (!m) return null;
        begin = lineStart(text, begin);
      }
      const prefix = text.slice(lineStart(text, begin), begin);
      const inline = !/^[ ]*$/.test(prefix);
      let start = inline ? begin : lineStart(text, begin);
      if (!inline) {
        // Comment lines above an entry go with it (blank lines between them too, but not above them).
        let at = start;
        while (at > 0) {
          const above = lineStart(text, at - 1);
          const line = text.slice(above, at - 1);
          if (above < previousEnd || !/^[ \t]*(#.*)?$/.test(line)) break;
          at = above;
          if (/^[ \t]*#/.test(line)) start = above;
        }
      }
      let end = last.range[2];
      if (end > 0 && text[end - 1] !== "\n") {
        const newline = text.indexOf("\n", end);
        const rest = text.slice(end, newline < 0 ? text.length : newline);
        if (!/^[ \t]*(#.*)?$/.test(rest)) return null;
        end = newline < 0 ? text.length : newline + 1;
      }
      if (start < previousEnd) return null;
      spans.push({ start, end, inline });
      previousEnd = end;
    }
    // Only the first entry may share its line with what comes before it (`- id: a`).
    if (spans.slice(1).some((s) => s.inline)) return null;
    return spans;
  }

  private rebuildBlock(
    n: YAMLMap | YAMLSeq,
    o: YAMLMap | YAMLSeq,
    items: readonly Item[],
    originals: readonly Item[],
    from: readonly (number | undefined)[],
    inner: readonly (Splice[] | null)[],
  ): Splice[] | null {
    const text = this.text;
    const spans = this.spansOf(o, originals);
    if (!spans || spans.length === 0) return null;
    const first = spans[0]!;
    // An entry that shares its line with a `- ` can only stay first, and only with its own text.
    if (first.inline && (from[0] !== 0 || inner[0] === null)) return null;
    const column = (() => {
      const item = originals[0]!;
      const node = isPair(item) ? (item.key as Node) : (item as Node);
      const at = isSeq(o) ? text.lastIndexOf("-", node.range![0]) : node.range![0];
      return at - lineStart(text, at);
    })();
    const separators = spans.slice(1).map((s, i) => text.slice(spans[i]!.end, s.start));
    const usual = mostCommon(separators.filter((s) => /^[ \t\n]*$/.test(s))) ?? "";
    const chunks = items.map((item, j) => {
      const k = from[j];
      const splices = inner[j];
      if (k !== undefined && splices) {
        const span = spans[k]!;
        return applySplices(text.slice(span.start, span.end), splices, span.start);
      }
      return renderEntry(item, isSeq(n), column, this.layout);
    });
    let out = "";
    chunks.forEach((chunk, j) => {
      if (j > 0) {
        const k = from[j];
        const prev = from[j - 1];
        out += k !== undefined && prev !== undefined && k === prev + 1 ? separators[prev]! : usual;
      }
      out += chunk.endsWith("\n") ? chunk : `${chunk}\n`;
    });
    const last = spans[spans.length - 1]!;
    if (!text.slice(first.start, last.end).endsWith("\n")) out = out.replace(/\n$/, "");
    return [{ from: first.start, to: last.end, text: out }];
  }
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** A scalar written on one line, as it would stand after `key: `, or null when it needs lines of its own. */
function inlineScalar(n: Scalar, inFlow: boolean, layout: Layout): string | null {
  const doc = new Document();
  // The value alone: its comments stay where they are in the text.
  const bare = new Scalar(n.value);
  if (n.type) bare.type = n.type;
  if (n.tag) bare.tag = n.tag;
  if (n.format) bare.format = n.format;
  doc.contents = bare;
  let written = doc.toString(stringifyOptions(layout)).replace(/\n$/, "");
  if (written.includes("\n")) return null;
  // A plain scalar that is fine in a block may not be in a `{ … }` or `[ … ]`.
  if (inFlow && typeof n.value === "string" && !/^["']/.test(written) && /[,[\]{}#]|: /.test(written)) written = JSON.stringify(n.value);
  return written;
}

/** An entry written anew, at `column`: `key: value` lines of a mapping, or `- …` lines of a list. */
function renderEntry(item: Item, inSeq: boolean, column: number, layout: Layout): string {
  const doc = new Document();
  const holder = doc.createNode(inSeq ? [] : {}) as YAMLMap | YAMLSeq;
  (holder.items as Item[]).push(item);
  doc.contents = holder;
  // Blank lines between entries are the separators' business.
  const first = isPair(item) ? (item.key as Node | null) : (item as Node | null);
  const spaceBefore = first?.spaceBefore;
  if (first) first.spaceBefore = false;
  const written = doc.toString(stringifyOptions(layout));
  if (first) first.spaceBefore = spaceBefore;
  const pad = " ".repeat(column);
  return written
    .replace(/^\n+/, "")
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
}

/**
 * The text of `after`, an edited copy of `before` (which was parsed from `text` and not changed),
 * with every untouched part of `text` kept as it was. Checked by reading it back (with `parse`):
 * when the spliced text does not mean the same as `after`, the whole document is written anew.
 */
export function renderEdited(text: string, before: Document, after: Document, parse: (text: string) => Document = (t) => parseDocument(t)): string {
  const layout = layoutOf(text, before);
  const spliced = new Splicer(text, before, layout).render(after);
  const expected = JSON.stringify(after.toJS());
  const json = isJson(text);
  if (spliced !== null && sameMeaning(parse(spliced), expected) && (!json || isJson(spliced))) return spliced;
  // A JSON file stays JSON, indented as it was.
  if (json) return JSON.stringify(after.toJS(), null, /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? 2) + (text.endsWith("\n") ? "\n" : "");
  return after.toString(stringifyOptions(layout));
}

function isJson(text: string): boolean {
  if (!/^\s*[{[]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function sameMeaning(doc: Document, expectedJson: string): boolean {
  return doc.errors.length === 0 && JSON.stringify(doc.toJS()) === expectedJson;
}
