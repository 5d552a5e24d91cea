/**
 * Reads YAML (and so JSON) into plain data, keeping where each value stands in the text so that
 * problems can be reported with a line and column. Built on js-yaml's event stream, which is
 * an order of magnitude faster than building a full document tree: check must read scenario
 * files of thousands of nodes in well under a second.
 */
import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, type Event, YAMLException } from "js-yaml";
import type { PathSegment } from "./problem";

export interface Position {
  line: number;
  column: number;
}

/** Finds the line and column of a data path; `atKey` points at the key rather than its value. */
export type Locate = (path: readonly PathSegment[], atKey?: boolean) => Position;

export type YamlSource =
  | { ok: true; data: unknown; locate: Locate }
  | { ok: false; message: string; position: Position };

const SEP = "\u0000";
const keyOf = (path: readonly PathSegment[]) => path.map(String).join(SEP);

/** 1-based line and column of an offset, by binary search over line starts. */
function positionsIn(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

interface Frame {
  seq: boolean;
  key: string;
  index: number;
  /** In a mapping: the key just read, waiting for its value. */
  pendingKey?: string;
  pendingKeyOffset?: number;
}

/** Every value's offset (and its key's), by path: one pass over the events. */
function indexEvents(events: Event[], text: string): Map<string, { value: number; key?: number }> {
  const index = new Map<string, { value: number; key?: number }>();
  const stack: Frame[] = [];
  const startOf = (e: Event): number => {
    switch (e.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        return e.start;
      case EVENT_ID.SCALAR:
        // Quoted scalars start at their opening quote.
        return e.style === 2 || e.style === 3 ? e.valueStart - 1 : e.valueStart;
      case EVENT_ID.ALIAS:
        return e.anchorStart - 1;
      default:
        return 0;
    }
  };
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) {
      stack.push({ seq: false, key: "", index: 0 });
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1];
    if (!parent) continue;
    const at = startOf(e);
    let key: string;
    if (stack.length === 1) {
      key = "";
      index.set(key, { value: at });
    } else if (parent.seq) {
      key = parent.key + (parent.key === "" ? "" : SEP) + parent.index++;
      index.set(key, { value: at });
    } else if (parent.pendingKey === undefined) {
      // A mapping key: remember it; complex keys (mappings as keys) get no name.
      parent.pendingKey = e.type === EVENT_ID.SCALAR ? getScalarValue(text, e) : "?";
      parent.pendingKeyOffset = at;
      if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) stack.push({ seq: e.type === EVENT_ID.SEQUENCE, key: "?", index: 0 });
      continue;
    } else {
      key = parent.key + (parent.key === "" ? "" : SEP) + parent.pendingKey;
      index.set(key, { value: at, key: parent.pendingKeyOffset! });
      parent.pendingKey = undefined;
    }
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) stack.push({ seq: e.type === EVENT_ID.SEQUENCE, key, index: 0 });
  }
  return index;
}

/**
 * js-yaml's reason in plainer words. An unclosed quote or bracket is reported by js-yaml as
 * "deficient indentation" on the line after it, which sends a trainer to the wrong line, so the
 * line before is examined for what was left open.
 */
function explain(reason: string, text: string, at: Position): { message: string; position: Position } {
  if (reason === "duplicated mapping key") return { message: "this key appears twice in the same mapping", position: at };
  if (reason === "deficient indentation" || reason.startsWith("unexpected end of the stream")) {
    const lines = text.split("\n");
    for (let n = Math.min(at.line - 1, lines.length) - 1; n >= 0; n--) {
      const line = lines[n]!.replace(/\\./g, "__");
      if (line.trim() === "") continue;
      for (const [open, close, what] of [
        ['"', '"', "quoted text"],
        ["[", "]", "[ list"],
        ["{", "}", "{ mapping"],
      ] as const) {
        const opens = line.split(open).length - 1;
        const closes = open === close ? 0 : line.split(close).length - 1;
        const unclosed = open === close ? opens % 2 === 1 : opens > closes;
        if (unclosed) {
          const column = line.lastIndexOf(open) + 1;
          return { message: `a ${what} is never closed: add the closing ${close}`, position: { line: n + 1, column } };
        }
      }
      break;
    }
    return { message: "this line is indented less than the structure above it expects", position: at };
  }
  return { message: reason, position: at };
}

/** Parses one YAML document; a syntax error comes back as a sentence with its position. */
export function readYaml(text: string): YamlSource {
  let events: Event[];
  let docs: unknown[];
  try {
    events = parseEvents(text, { maxDepth: 64 });
    docs = constructFromEvents(events, { source: text });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const at = e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : { line: 1, column: 1 };
    return { ok: false, ...explain(e.reason, text, at) };
  }
  const position = positionsIn(text);
  if (docs.length > 1) {
    return { ok: false, message: "a scenario file holds one YAML document, not several", position: { line: 1, column: 1 } };
  }
  let index: ReturnType<typeof indexEvents> | undefined;
  const locate: Locate = (path, atKey = false) => {
    index ??= indexEvents(events, text);
    // The value if it exists, else its nearest parent.
    for (let n = path.length; n >= 0; n--) {
      const hit = index.get(keyOf(path.slice(0, n)));
      if (!hit) continue;
      // An empty value (`say:`) has no place of its own: point at its key.
      const useKey = hit.key !== undefined && ((atKey && n === path.length) || hit.value < 0);
      return position(useKey ? hit.key! : Math.max(0, hit.value));
    }
    return { line: 1, column: 1 };
  };
  return { ok: true, data: docs[0] ?? null, locate };
}
