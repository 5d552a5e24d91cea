/**
 * Measures parsed data as it is once its YAML aliases are expanded, before anything else walks it.
 * An alias makes the parser share one object wherever it is repeated, so sizes are computed once
 * per object and added up by reference: the time is linear in the file, even when the expansion
 * would be astronomically large (each level of nested aliases multiplies it), and a recursive alias,
 * which makes the data cyclic, is found instead of followed forever.
 */
import type { PathProblem } from "./check-references";
import { formatPath, type PathSegment } from "./problem";
import { SIZE_LIMITS } from "./size-limits";

/** What a value expands to: values of any kind, and characters of text. */
interface Size {
  values: number;
  text: number;
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === "object" && v !== null;

/** A container's children: a mapping's keys, or null for a list (whose children are its items). */
const keysOf = (c: Container): string[] | null => (Array.isArray(c) ? null : Object.keys(c));
const lengthOf = (c: Container, keys: string[] | null) => (keys ? keys.length : (c as unknown[]).length);
const segAt = (keys: string[] | null, i: number): PathSegment => (keys ? keys[i]! : i);
const childAt = (c: Container, keys: string[] | null, i: number): unknown => (keys ? (c as Record<string, unknown>)[keys[i]!] : (c as unknown[])[i]);

const scalarSize = (v: unknown): Size => ({ values: 1, text: typeof v === "string" ? v.length : 0 });

interface Measured {
  sizeOf: (v: unknown) => Size;
  /** True where a container stands in the file itself, false where an alias repeats it. */
  isHome: (parent: Container, seg: PathSegment, child: Container) => boolean;
  /** Where an alias stands inside what it repeats, if anywhere. */
  cycle?: PathSegment[];
}

/** A container's size, where it was first met and whether its size is complete. */
interface Measure extends Size {
  parent: Container | null;
  seg: PathSegment;
  done: boolean;
}

/** Every container's expanded size, depth first without recursion: nested aliases make data deeper than the file. */
function measure(root: unknown): Measured {
  const measures = new Map<Container, Measure>();
  const sizeOf = (v: unknown): Size => (isContainer(v) ? measures.get(v)! : scalarSize(v));
  // An anchor comes before its aliases, so the first time the walk (in file order) meets a
  // container is where it is written.
  const isHome = (parent: Container, seg: PathSegment, child: Container) => {
    const m = measures.get(child);
    return m !== undefined && m.parent === parent && m.seg === seg;
  };
  if (!isContainer(root)) return { sizeOf, isHome };
  interface Frame {
    c: Container;
    keys: string[] | null;
    i: number;
    m: Measure;
  }
  const open = (c: Container, parent: Container | null, seg: PathSegment): Frame => {
    const m: Measure = { values: 1, text: 0, parent, seg, done: false };
    measures.set(c, m);
    return { c, keys: keysOf(c), i: 0, m };
  };
  const stack: Frame[] = [open(root, null, "")];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const { c, keys, m } = top;
    if (top.i === lengthOf(c, keys)) {
      stack.pop();
      m.done = true;
      const parent = stack[stack.length - 1];
      if (parent) add(parent.m, m);
      continue;
    }
    const i = top.i++;
    const value = childAt(c, keys, i);
    if (keys) {
      m.values++;
      m.text += keys[i]!.length;
    }
    if (!isContainer(value)) {
      m.values++;
      if (typeof value === "string") m.text += value.length;
      continue;
    }
    const known = measures.get(value);
    if (!known) stack.push(open(value, c, segAt(keys, i)));
    else if (known.done) add(m, known);
    else return { sizeOf, isHome, cycle: stack.map((f) => segAt(f.keys, f.i - 1)) };
  }
  return { sizeOf, isHome };
}

function add(into: Size, more: Size) {
  into.values += more.values;
  into.text += more.text;
}

/**
 * The path to the value at which a running count, in file order, goes past `limit`: where the
 * expansion that makes the file too large starts to be counted. It stops at an alias, which is
 * what a trainer can change, rather than follow it into what it repeats.
 */
function crossing(root: unknown, limit: number, measureOf: (s: Size) => number, { sizeOf, isHome }: Measured): PathSegment[] {
  const path: PathSegment[] = [];
  let before = 0;
  for (let at = root; isContainer(at); ) {
    before += measureOf({ values: 1, text: 0 });
    let into: unknown;
    const keys = keysOf(at);
    for (let i = 0; i < lengthOf(at, keys); i++) {
      const seg = segAt(keys, i);
      const value = childAt(at, keys, i);
      const key = keys ? { values: 1, text: keys[i]!.length } : { values: 0, text: 0 };
      const whole = measureOf(key) + measureOf(sizeOf(value));
      if (before + whole > limit) {
        path.push(seg);
        before += measureOf(key);
        if (isContainer(value) && isHome(at, seg, value)) into = value;
        break;
      }
      before += whole;
    }
    if (into === undefined) break;
    at = into;
  }
  return path;
}

const amount = (n: number) => (n > 1e12 ? "more than a trillion" : n.toLocaleString("en-US"));

/**
 * Size problems (rule `too-large`, or `alias-cycle` for an alias inside what it repeats). When
 * there are any, the data must not be validated or analysed: that would walk the whole expansion.
 */
export function checkSize(data: unknown, limits: Record<"nodes" | "nodeText" | "text" | "values", number> = SIZE_LIMITS): PathProblem[] {
  const measured = measure(data);
  const { sizeOf, cycle } = measured;
  if (cycle) {
    return [
      {
        rule: "alias-cycle",
        path: cycle,
        message: `${formatPath(cycle)}: this alias (*name) repeats a part of the file that it stands inside, so the scenario would never end; an alias may only repeat something written outside it`,
      },
    ];
  }
  const problems: PathProblem[] = [];
  const expanded = "once its aliases (*name) are expanded";
  const nodes = isContainer(data) && !Array.isArray(data) ? data.nodes : undefined;
  if (isContainer(nodes) && !Array.isArray(nodes)) {
    const ids = Object.keys(nodes);
    if (ids.length > limits.nodes) {
      problems.push({
        rule: "too-large",
        path: ["nodes"],
        atKey: true,
        message: `nodes: the scenario has ${amount(ids.length)} nodes; a scenario may have at most ${amount(limits.nodes)}`,
      });
    }
    for (const id of ids) {
      const text = id.length + sizeOf(nodes[id]).text;
      if (text > limits.nodeText) {
        problems.push({
          rule: "too-large",
          path: ["nodes", id],
          atKey: true,
          message: `node "${id}" holds ${amount(text)} characters of text ${expanded}; a node may hold at most ${amount(limits.nodeText)}`,
        });
      }
    }
  }
  const total = sizeOf(data);
  const over = [
    { measureOf: (s: Size) => s.values, actual: total.values, limit: limits.values, what: "values (texts, numbers, lists, mappings and keys)" },
    { measureOf: (s: Size) => s.text, actual: total.text, limit: limits.text, what: "characters of text" },
  ];
  for (const { measureOf, actual, limit, what } of over) {
    if (actual <= limit) continue;
    const path = crossing(data, limit, measureOf, measured);
    problems.push({
      rule: "too-large",
      path,
      message: `${path.length ? `${formatPath(path)}: ` : ""}the scenario comes to ${amount(actual)} ${what} ${expanded}, going past the limit here; a scenario may hold at most ${amount(limit)}`,
    });
  }
  return problems;
}
