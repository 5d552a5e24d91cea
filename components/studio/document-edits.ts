/**
 * Edits of a scenario's YAML text, for trainers who change a draft through a form rather than by
 * writing YAML: each function takes the text and what to change and answers the new text, in
 * which comments, key order and every untouched line stay as they were (see `yaml-splice.ts`).
 * None throws on what a trainer types: a missing node or choice, a taken or malformed id, a
 * text that does not parse, come back as `{ ok: false, error }` with a sentence to show.
 * Also reads a node leniently, as a form shows it while the text is half written.
 */
import { type Document, isMap, isScalar, isSeq, type Node, type Pair, parseDocument, Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { RESPONSE_KIND_IDS, type ResponseKindId } from "../../scenarios/kinds";
import { KEBAB_CASE, parseComparison } from "../../scenarios/schema";
import { type MeterName, METER_NAMES, type Outcome, OUTCOMES } from "../../scenarios/types";
import { renderEdited } from "./yaml-splice";

/** What an edit answers: the new text (and what it made), or why nothing was changed. */
export type EditResult<T extends object = object> = ({ ok: true; text: string } & T) | { ok: false; error: string };

export type NodeType = "turn" | "branch" | "ending";

/** The fields of a choice a form sets; `null` removes an optional field (a delta then falls back to its kind's default). */
export interface ChoiceFields {
  say?: string;
  kind?: ResponseKindId;
  reflection?: "simple" | "complex" | null;
  /** The question the choice asks; null goes back to its kind's (open-question: open, closed-question: closed, others: none). */
  question?: "open" | "closed" | null;
  /** True marks it the strongest of its turn (and unmarks the others); false or null removes the mark. */
  best?: boolean | null;
  rapport?: number | null;
  mutuality?: number | null;
  /** An empty text removes it too. */
  feedback?: string | null;
  next?: string;
}

/** An ending's fields; an empty or null debrief removes it. */
export interface EndingFields {
  outcome?: Outcome;
  debrief?: string | null;
}

/** The most choices a turn offers (scenario format). */
export const MAX_CHOICES = 6;
const MAX_ID = 64;

const CHOICE_KEYS = ["id", "say", "kind", "reflection", "question", "best", "rapport", "mutuality", "feedback", "set", "when", "next"];
const NODE_KEYS = ["say", "choices", "branch", "end"];
const END_KEYS = ["outcome", "debrief"];
const WHEN_KEYS = ["rapport", "mutuality", "flags", "unset"];
const BRANCH_KEYS = ["when", "next"];

// ---------------------------------------------------------------------------------------------
// Reading the document

interface Loaded {
  text: string;
  /** As parsed, never changed: what the edit is written against. */
  before: Document;
  /** The copy the edit changes. */
  doc: Document;
  root: YAMLMap;
  nodes: YAMLMap;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function scalarText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => scalarText(p.key) === key);
}

function valueOf(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.value ?? undefined;
}

// The last text read, and its document: a form reads the text an edit has just written (and
// read back), and the next edit starts from it, so each keystroke reads the text once.
let lastRead: { text: string; doc: Document } | undefined;

/** The document of a text, never to be changed: edits change a copy. */
function readText(text: string): Document {
  if (lastRead?.text !== text) lastRead = { text, doc: parseDocument(text, { uniqueKeys: false }) };
  return lastRead.doc;
}

function load(text: string): Loaded | { ok: false; error: string } {
  let before: Document;
  try {
    before = readText(text);
  } catch {
    return fail("the text cannot be read as YAML");
  }
  if (before.errors.length > 0) {
    const e = before.errors[0]!;
    const line = e.linePos?.[0]?.line;
    return fail(`the YAML has a syntax error${line ? ` on line ${line}` : ""}; fix it in the text first`);
  }
  if (!isMap(before.contents)) return fail("the text is not a scenario: it should be a mapping with format, id, title and nodes");
  const beforeNodes = valueOf(before.contents, "nodes");
  if (!isMap(beforeNodes)) return fail("the scenario has no nodes mapping yet");
  const doc = before.clone();
  const root = doc.contents as YAMLMap;
  return { text, before, doc, root, nodes: valueOf(root, "nodes") as YAMLMap };
}

function finish<T extends object>(l: Loaded, extra: T): EditResult<T> {
  return { ok: true, text: renderEdited(l.text, l.before, l.doc, readText), ...extra };
}

function nodeIds(nodes: YAMLMap): string[] {
  return nodes.items.map((p) => scalarText(p.key)).filter((k): k is string => k !== undefined);
}

function nodeMap(l: Loaded, nodeId: string): YAMLMap | string {
  const pair = pairOf(l.nodes, nodeId);
  if (!pair) return `there is no node "${nodeId}"`;
  if (!isMap(pair.value)) return `node "${nodeId}" is not a mapping yet; write it in the text first`;
  return pair.value;
}

function typeOf(node: YAMLMap): NodeType | undefined {
  if (pairOf(node, "choices")) return "turn";
  if (pairOf(node, "branch")) return "branch";
  if (pairOf(node, "end")) return "ending";
  return undefined;
}

function listIn(node: YAMLMap, key: "choices" | "branch"): YAMLSeq | undefined {
  const v = valueOf(node, key);
  return isSeq(v) ? v : undefined;
}

/** A choice (or a branch entry) of a node, by its 0-based position. */
function entryAt(l: Loaded, nodeId: string, key: "choices" | "branch", index: number): { node: YAMLMap; list: YAMLSeq; entry: YAMLMap } | string {
  const node = nodeMap(l, nodeId);
  if (typeof node === "string") return node;
  const list = listIn(node, key);
  const what = key === "choices" ? "choice" : "branch entry";
  if (!list) return `node "${nodeId}" has no ${key === "choices" ? "choices" : "branch entries"}`;
  const entry = Number.isInteger(index) && index >= 0 ? list.items[index] : undefined;
  if (!isMap(entry)) return `node "${nodeId}" has no ${what} ${Number.isInteger(index) ? index + 1 : index}`;
  return { node, list, entry };
}

// ---------------------------------------------------------------------------------------------
// Changing values, in the format's key order

/** A scalar for new text: quoted, as the built-in scenarios write it. */
function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = "QUOTE_DOUBLE";
  return s;
}

function plain(value: string | number | boolean): Scalar {
  const s = new Scalar(value);
  s.type = "PLAIN";
  return s;
}

/**
 * Sets `key` in `map`: an existing scalar keeps its place and quoting style; a new key goes
 * after the keys that come before it in `order`.
 */
function setKey(l: Loaded, map: YAMLMap, key: string, value: Node, order: readonly string[]): void {
  const existing = pairOf(map, key);
  if (existing) {
    if (isScalar(existing.value) && isScalar(value) && existing.value.range && existing.value.range[0] !== existing.value.range[1]) {
      existing.value.value = value.value;
    } else {
      existing.value = value;
    }
    return;
  }
  const rank = order.indexOf(key);
  let at = map.items.length;
  for (let i = map.items.length - 1; i >= 0; i--) {
    const r = order.indexOf(scalarText(map.items[i]!.key) ?? "");
    if (r >= 0 && r < rank) {
      at = i + 1;
      break;
    }
    if (r > rank) at = i;
  }
  map.items.splice(at, 0, l.doc.createPair(plain(key), value) as Pair);
}

function deleteKey(map: YAMLMap, key: string): void {
  const i = map.items.findIndex((p) => scalarText(p.key) === key);
  if (i >= 0) map.items.splice(i, 1);
}

/** A text with lines: one line is written as a scalar, several as a list of lines. */
function setLines(l: Loaded, map: YAMLMap, key: string, text: string): void {
  const lines = text.split(/\r?\n/);
  const existing = valueOf(map, key);
  if (lines.length > 1 && isSeq(existing) && existing.items.every((i) => isScalar(i))) {
    // Line by line, so that the lines not changed keep their text.
    lines.forEach((line, i) => {
      const item = existing.items[i];
      if (isScalar(item)) item.value = line;
      else existing.items.push(quoted(line));
    });
    existing.items.splice(lines.length);
    return;
  }
  if (lines.length > 1) {
    const list = l.doc.createNode([]) as YAMLSeq;
    list.items.push(...lines.map(quoted));
    setKey(l, map, key, list, NODE_KEYS);
  } else {
    setKey(l, map, key, quoted(text), NODE_KEYS);
  }
}

const isNodeId = (id: string) => KEBAB_CASE.test(id) && id.length <= MAX_ID;

function checkTarget(l: Loaded, next: string): string | undefined {
  if (!pairOf(l.nodes, next)) return `there is no node "${next}" to lead to`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Node text

/**
 * Sets what the counterpart says at a turn or an ending. Each line of `say` is one line of the
 * counterpart; an ending without lines loses its `say`.
 */
export function setSay(text: string, nodeId: string, say: string): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const node = nodeMap(l, nodeId);
  if (typeof node === "string") return fail(node);
  const type = typeOf(node);
  if (type === "branch") return fail(`node "${nodeId}" is a branch, which has no line`);
  if (type === "ending" && say.trim() === "") deleteKey(node, "say");
  else setLines(l, node, "say", say);
  return finish(l, {});
}

/** Sets an ending's outcome and debrief. */
export function setEnding(text: string, nodeId: string, fields: EndingFields): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const node = nodeMap(l, nodeId);
  if (typeof node === "string") return fail(node);
  const end = valueOf(node, "end");
  if (!isMap(end)) return fail(`node "${nodeId}" is not an ending`);
  if (fields.outcome !== undefined) {
    if (!(OUTCOMES as readonly string[]).includes(fields.outcome)) return fail(`"${fields.outcome}" is not an outcome; use ${OUTCOMES.join(", ")}`);
    setKey(l, end, "outcome", plain(fields.outcome), END_KEYS);
  }
  if (fields.debrief !== undefined) {
    if (fields.debrief === null || fields.debrief === "") deleteKey(end, "debrief");
    else setKey(l, end, "debrief", quoted(fields.debrief), END_KEYS);
  }
  return finish(l, {});
}

// ---------------------------------------------------------------------------------------------
// Choices

const isDelta = (n: number) => Number.isInteger(n) && n >= -100 && n <= 100;

/** Sets a choice's fields, by its 0-based position in its turn. A choice that stops being listening-to loses its reflection. */
export function setChoice(text: string, nodeId: string, index: number, fields: ChoiceFields): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const at = entryAt(l, nodeId, "choices", index);
  if (typeof at === "string") return fail(at);
  const choice = at.entry;
  if (fields.kind !== undefined && !(RESPONSE_KIND_IDS as readonly string[]).includes(fields.kind)) {
    return fail(`"${fields.kind}" is not a response kind`);
  }
  for (const meter of METER_NAMES) {
    const d = fields[meter];
    if (d !== undefined && d !== null && !isDelta(d)) return fail(`the ${meter} change must be a whole number from -100 to 100`);
  }
  if (fields.next !== undefined) {
    const problem = checkTarget(l, fields.next);
    if (problem) return fail(problem);
  }
  if (fields.say !== undefined) setKey(l, choice, "say", quoted(fields.say), CHOICE_KEYS);
  if (fields.kind !== undefined) {
    setKey(l, choice, "kind", plain(fields.kind), CHOICE_KEYS);
    if (fields.kind !== "listening-to") deleteKey(choice, "reflection");
  }
  if (fields.reflection !== undefined) {
    const kind = fields.kind ?? scalarText(valueOf(choice, "kind"));
    if (fields.reflection === null) deleteKey(choice, "reflection");
    else if (kind !== "listening-to") return fail("only a listening-to choice is a reflection");
    else if (fields.reflection !== "simple" && fields.reflection !== "complex") return fail("a reflection is simple or complex");
    else setKey(l, choice, "reflection", plain(fields.reflection), CHOICE_KEYS);
  }
  if (fields.question !== undefined) {
    if (fields.question === null) deleteKey(choice, "question");
    else if (fields.question !== "open" && fields.question !== "closed") return fail("a question is open or closed");
    else setKey(l, choice, "question", plain(fields.question), CHOICE_KEYS);
  }
  if (fields.best === true) {
    // One choice a turn is the strongest: marking this one unmarks the others.
    for (const other of at.list.items) if (isMap(other) && other !== choice) deleteKey(other, "best");
    setKey(l, choice, "best", plain(true), CHOICE_KEYS);
  } else if (fields.best === false || fields.best === null) deleteKey(choice, "best");
  for (const meter of METER_NAMES) {
    const d = fields[meter];
    if (d === null) deleteKey(choice, meter);
    else if (d !== undefined) setKey(l, choice, meter, plain(d), CHOICE_KEYS);
  }
  if (fields.feedback !== undefined) {
    if (fields.feedback === null || fields.feedback === "") deleteKey(choice, "feedback");
    else setKey(l, choice, "feedback", quoted(fields.feedback), CHOICE_KEYS);
  }
  if (fields.next !== undefined) setKey(l, choice, "next", plain(fields.next), CHOICE_KEYS);
  return finish(l, {});
}

/** The ids a turn's choices go by: their own, or their 1-based position. */
function choiceIds(list: YAMLSeq): string[] {
  return list.items.map((c, i) => (isMap(c) ? scalarText(valueOf(c, "id")) : undefined) ?? String(i + 1));
}

function freshId(taken: ReadonlySet<string>, base: string, first = 1): string {
  for (let n = first; ; n++) {
    const id = n === 1 && first === 1 ? base : `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The placeholder texts of new choices and nodes: they pass the checker, and say what to write. */
const counterpartName = (l: Loaded): string => {
  const roles = valueOf(l.root, "roles");
  const counterpart = isMap(roles) ? valueOf(roles, "counterpart") : undefined;
  const name = isMap(counterpart) ? scalarText(valueOf(counterpart, "name")) : undefined;
  return name?.trim() ? name.trim() : "the counterpart";
};

function newChoice(l: Loaded, id: string, next: string): YAMLMap {
  const choice = l.doc.createNode({}) as YAMLMap;
  choice.items.push(
    l.doc.createPair(plain("id"), plain(id)) as Pair,
    l.doc.createPair(plain("say"), quoted("Write what the trainee says.")) as Pair,
    l.doc.createPair(plain("kind"), plain("closed-question")) as Pair,
    l.doc.createPair(plain("next"), plain(next)) as Pair,
  );
  return choice;
}

/** Adds a choice at the end of a turn, with a fresh id, leading where the turn's last choice leads. */
export function addChoice(text: string, nodeId: string): EditResult<{ index: number; choiceId: string }> {
  const l = load(text);
  if (!("doc" in l)) return l;
  const node = nodeMap(l, nodeId);
  if (typeof node === "string") return fail(node);
  const list = listIn(node, "choices");
  if (!list) return fail(`node "${nodeId}" is not a turn, so it has no choices`);
  if (list.items.length >= MAX_CHOICES) return fail(`a turn offers at most ${MAX_CHOICES} choices`);
  const last = list.items[list.items.length - 1];
  const lastNext = isMap(last) ? scalarText(valueOf(last, "next")) : undefined;
  const next = lastNext !== undefined && pairOf(l.nodes, lastNext) ? lastNext : nodeId;
  const id = freshId(new Set(choiceIds(list)), "choice", list.items.length + 1);
  list.items.push(newChoice(l, id, next));
  return finish(l, { index: list.items.length - 1, choiceId: id });
}

/** Removes a choice; a turn keeps at least one. */
export function removeChoice(text: string, nodeId: string, index: number): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const at = entryAt(l, nodeId, "choices", index);
  if (typeof at === "string") return fail(at);
  if (at.list.items.length <= 1) return fail("a turn needs at least one choice; add another before removing this one");
  at.list.items.splice(index, 1);
  return finish(l, {});
}

/** Moves a choice one place up or down among its turn's choices. */
export function moveChoice(text: string, nodeId: string, index: number, direction: "up" | "down"): EditResult<{ index: number }> {
  const l = load(text);
  if (!("doc" in l)) return l;
  const at = entryAt(l, nodeId, "choices", index);
  if (typeof at === "string") return fail(at);
  const to = direction === "up" ? index - 1 : index + 1;
  if (to < 0 || to >= at.list.items.length) return fail(`choice ${index + 1} is already the ${direction === "up" ? "first" : "last"}`);
  const [moved] = at.list.items.splice(index, 1);
  at.list.items.splice(to, 0, moved);
  return finish(l, { index: to });
}

// ---------------------------------------------------------------------------------------------
// Branch entries

/** Sets where a branch entry leads. */
export function setBranchNext(text: string, nodeId: string, index: number, next: string): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const at = entryAt(l, nodeId, "branch", index);
  if (typeof at === "string") return fail(at);
  const problem = checkTarget(l, next);
  if (problem) return fail(problem);
  setKey(l, at.entry, "next", plain(next), BRANCH_KEYS);
  return finish(l, {});
}

/**
 * Sets or removes (`null`) the comparison of one meter in a branch entry's `when`, such as
 * `">= 40"`; its flags stay. An entry whose `when` is left empty loses it.
 */
export function setBranchCondition(text: string, nodeId: string, index: number, meter: MeterName, comparison: string | null): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const at = entryAt(l, nodeId, "branch", index);
  if (typeof at === "string") return fail(at);
  if (!METER_NAMES.includes(meter)) return fail(`"${meter}" is not a meter`);
  const parsed = comparison === null ? null : parseComparison(comparison);
  if (parsed === undefined) return fail(`"${comparison}" is not a comparison: write one of < <= > >= == and a whole number 0..100, such as "< 30"`);
  const existing = valueOf(at.entry, "when");
  if (existing !== undefined && existing !== null && !isMap(existing)) return fail("this entry's condition is not a mapping; change it in the text");
  let when = existing as YAMLMap | undefined;
  if (parsed === null) {
    if (!when) return finish(l, {});
    deleteKey(when, meter);
    if (when.items.length === 0) deleteKey(at.entry, "when");
    return finish(l, {});
  }
  if (!when) {
    when = l.doc.createNode({}) as YAMLMap;
    when.flow = true;
    setKey(l, at.entry, "when", when, BRANCH_KEYS);
  }
  setKey(l, when, meter, quoted(`${parsed.op} ${parsed.value}`), WHEN_KEYS);
  return finish(l, {});
}

/** Adds a branch entry before the last one (which is taken otherwise), on rapport, leading where the last one leads. */
export function addBranchEntry(text: string, nodeId: string): EditResult<{ index: number }> {
  const l = load(text);
  if (!("doc" in l)) return l;
  const node = nodeMap(l, nodeId);
  if (typeof node === "string") return fail(node);
  const list = listIn(node, "branch");
  if (!list) return fail(`node "${nodeId}" is not a branch`);
  const last = list.items[list.items.length - 1];
  const lastNext = isMap(last) ? scalarText(valueOf(last, "next")) : undefined;
  const next = lastNext !== undefined && pairOf(l.nodes, lastNext) ? lastNext : nodeId;
  const entry = l.doc.createNode({}) as YAMLMap;
  const when = l.doc.createNode({}) as YAMLMap;
  when.flow = true;
  when.items.push(l.doc.createPair(plain("rapport"), quoted(">= 50")) as Pair);
  entry.items.push(l.doc.createPair(plain("when"), when) as Pair, l.doc.createPair(plain("next"), plain(next)) as Pair);
  const index = Math.max(0, list.items.length - 1);
  list.items.splice(index, 0, entry);
  return finish(l, { index });
}

/** Removes a branch entry; the last one, taken otherwise, stays. */
export function removeBranchEntry(text: string, nodeId: string, index: number): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const at = entryAt(l, nodeId, "branch", index);
  if (typeof at === "string") return fail(at);
  if (index === at.list.items.length - 1) return fail("the last entry is the one taken otherwise; a branch keeps it");
  at.list.items.splice(index, 1);
  return finish(l, {});
}

// ---------------------------------------------------------------------------------------------
// Nodes

/** Where a new node is linked from: a choice of a turn or an entry of a branch, by its 0-based position. */
export interface LinkFrom {
  nodeId: string;
  index: number;
}

export interface AddNodeOptions {
  /** The choice or branch entry that now leads to the new node (which then leads where it led). */
  from?: LinkFrom;
  /** The node the new one is written after; by default the one linked from, else the last. */
  after?: string;
}

/**
 * Adds a turn, a branch or an ending with a fresh id and placeholder text. Linked from a choice or
 * branch entry, it takes that one's place on the way: the new turn's choice, or the new branch,
 * leads where the choice led.
 */
export function addNode(text: string, type: NodeType, options: AddNodeOptions = {}): EditResult<{ nodeId: string }> {
  const l = load(text);
  if (!("doc" in l)) return l;
  const ids = nodeIds(l.nodes);
  let link: YAMLMap | undefined;
  if (options.from) {
    const node = nodeMap(l, options.from.nodeId);
    if (typeof node === "string") return fail(node);
    const key = typeOf(node) === "branch" ? "branch" : "choices";
    const at = entryAt(l, options.from.nodeId, key, options.from.index);
    if (typeof at === "string") return fail(at);
    link = at.entry;
  }
  if (options.after !== undefined && !ids.includes(options.after)) return fail(`there is no node "${options.after}"`);
  const linkedNext = link ? scalarText(valueOf(link, "next")) : undefined;
  const endings = l.nodes.items.filter((p) => isMap(p.value) && typeOf(p.value) === "ending").map((p) => scalarText(p.key)!);
  const start = scalarText(valueOf(l.root, "start"));
  const onward =
    linkedNext !== undefined && ids.includes(linkedNext) ? linkedNext : (endings[0] ?? (start !== undefined && ids.includes(start) ? start : ids[0]));
  const id = freshId(new Set(ids), `new-${type}`);
  const name = counterpartName(l);
  const node = l.doc.createNode({}) as YAMLMap;
  const pair = (key: string, value: Node) => l.doc.createPair(plain(key), value) as Pair;
  if (type === "turn") {
    const choices = l.doc.createNode([]) as YAMLSeq;
    choices.items.push(newChoice(l, "choice-1", onward ?? id));
    node.items.push(pair("say", quoted(`Write what ${name} says here.`)), pair("choices", choices));
  } else if (type === "branch") {
    const branch = l.doc.createNode([]) as YAMLSeq;
    const conditional = l.doc.createNode({}) as YAMLMap;
    const when = l.doc.createNode({}) as YAMLMap;
    when.flow = true;
    when.items.push(pair("rapport", quoted(">= 50")));
    conditional.items.push(pair("when", when), pair("next", plain(onward ?? id)));
    const otherwise = l.doc.createNode({}) as YAMLMap;
    otherwise.items.push(pair("next", plain(onward ?? id)));
    branch.items.push(conditional, otherwise);
    node.items.push(pair("branch", branch));
  } else {
    const end = l.doc.createNode({}) as YAMLMap;
    end.items.push(pair("outcome", plain("mixed")));
    node.items.push(pair("say", quoted(`Write what ${name} says as the conversation ends.`)), pair("end", end));
  }
  const after = options.after ?? options.from?.nodeId;
  const afterIndex = after === undefined ? -1 : l.nodes.items.findIndex((p) => scalarText(p.key) === after);
  const newPair = pair(id, node);
  // Set apart from its neighbours by a blank line when the nodes are.
  if (l.nodes.items.some((p, i) => i > 0 && isScalar(p.key) && p.key.spaceBefore)) (newPair.key as Scalar).spaceBefore = true;
  l.nodes.items.splice(afterIndex < 0 ? l.nodes.items.length : afterIndex + 1, 0, newPair);
  if (link) setKey(l, link, "next", plain(id), CHOICE_KEYS);
  return finish(l, { nodeId: id });
}

/** Removes a node; never the start. Choices and entries that led to it then name no node, which the checker reports. */
export function removeNode(text: string, nodeId: string): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const i = l.nodes.items.findIndex((p) => scalarText(p.key) === nodeId);
  if (i < 0) return fail(`there is no node "${nodeId}"`);
  if (scalarText(valueOf(l.root, "start")) === nodeId) return fail(`"${nodeId}" is where the scenario starts; make another node the start before removing it`);
  l.nodes.items.splice(i, 1);
  return finish(l, {});
}

/** Makes a turn or a branch the start. */
export function setStart(text: string, nodeId: string): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const node = nodeMap(l, nodeId);
  if (typeof node === "string") return fail(node);
  if (typeOf(node) === "ending") return fail(`"${nodeId}" is an ending; the scenario starts at a turn or a branch`);
  setKey(l, l.root, "start", plain(nodeId), []);
  return finish(l, {});
}

/** Why a new node id cannot be used, or undefined when it can. */
export function nodeIdProblem(text: string, nodeId: string, newId: string): string | undefined {
  if (newId === nodeId) return undefined;
  if (newId === "") return "write an id";
  if (newId.length > MAX_ID) return `an id is at most ${MAX_ID} characters`;
  if (!KEBAB_CASE.test(newId)) return "an id is lowercase letters and digits, in words joined by single hyphens, such as first-visit";
  const l = load(text);
  if (!("doc" in l)) return l.error;
  if (pairOf(l.nodes, newId)) return `"${newId}" is already the id of another node`;
  return undefined;
}

/** Renames a node, and every place that names it: the start, each choice's and each branch entry's `next`. */
export function renameNode(text: string, nodeId: string, newId: string): EditResult {
  const l = load(text);
  if (!("doc" in l)) return l;
  const pair = pairOf(l.nodes, nodeId);
  if (!pair) return fail(`there is no node "${nodeId}"`);
  const problem = nodeIdProblem(text, nodeId, newId);
  if (problem) return fail(problem);
  if (newId === nodeId) return finish(l, {});
  (pair.key as Scalar).value = newId;
  const start = valueOf(l.root, "start");
  if (isScalar(start) && start.value === nodeId) start.value = newId;
  for (const p of l.nodes.items) {
    if (!isMap(p.value)) continue;
    for (const key of ["choices", "branch"] as const) {
      const list = listIn(p.value, key);
      for (const entry of list?.items ?? []) {
        if (!isMap(entry)) continue;
        const next = valueOf(entry, "next");
        if (isScalar(next) && next.value === nodeId) next.value = newId;
      }
    }
  }
  return finish(l, {});
}

// ---------------------------------------------------------------------------------------------
// Reading a node for a form

/** A choice as a form shows it: what is written, without the defaults filled in. */
export interface ChoiceForm {
  /** Its own id, if it has one; otherwise it goes by its position. */
  id?: string;
  say: string;
  kind: string;
  reflection?: string;
  /** `question` as written. */
  question?: string;
  /** Marked `best: true`. */
  best: boolean;
  rapport?: number;
  mutuality?: number;
  feedback: string;
  next: string;
  /** Flags it sets, as written. */
  set: string[];
  /** Its `when`, in words, when it has one. */
  when?: string;
}

export interface BranchEntryForm {
  /** `">= 40"` as written, per meter. */
  rapport?: string;
  mutuality?: string;
  /** The rest of the condition (flags), in words: edited in the text. */
  other?: string;
  hasWhen: boolean;
  next: string;
}

/** A place that leads to a node. */
export interface Reference {
  nodeId: string;
  /** 0-based position of the choice or branch entry. */
  index: number;
  via: "choice" | "branch";
}

export interface NodeSummary {
  id: string;
  type: NodeType | undefined;
}

export type NodeForm =
  | { ok: false; reason: "unreadable" | "missing"; message: string }
  | {
      ok: true;
      id: string;
      type: NodeType | undefined;
      isStart: boolean;
      /** The start node's id, as written. */
      start?: string;
      /** The counterpart's name, as the form words its labels. */
      counterpart: string;
      /** Every node, in file order, for "leads to". */
      nodes: NodeSummary[];
      /** The counterpart's lines, one per line. */
      say: string;
      choices: ChoiceForm[];
      branch: BranchEntryForm[];
      outcome?: string;
      debrief: string;
      /** The choices and branch entries that lead here. */
      references: Reference[];
    };

function linesText(v: unknown): string {
  if (isSeq(v)) return v.items.map((i) => scalarText(i) ?? "").join("\n");
  return scalarText(v) ?? "";
}

function flagsText(v: unknown): string[] {
  if (isSeq(v)) return v.items.map((i) => scalarText(i)).filter((s): s is string => s !== undefined);
  const s = scalarText(v);
  return s === undefined ? [] : [s];
}

function numberOf(v: unknown): number | undefined {
  return isScalar(v) && typeof v.value === "number" ? v.value : undefined;
}

function whenWords(when: YAMLMap, keys: readonly string[]): string {
  return keys
    .map((k) => {
      const v = valueOf(when, k);
      if (v === undefined) return undefined;
      if (k === "flags" || k === "unset") return `${k === "flags" ? "flags" : "unset"} ${flagsText(v).join(", ")}`;
      return `${k} ${scalarText(v) ?? "?"}`;
    })
    .filter(Boolean)
    .join(" and ");
}

/** Reads one node leniently, as it is written, for a form: a half-written node still reads. */
export function readNodeForm(text: string, nodeId: string): NodeForm {
  const l = load(text);
  if (!("doc" in l)) return { ok: false, reason: "unreadable", message: l.error };
  const pair = pairOf(l.nodes, nodeId);
  if (!pair) return { ok: false, reason: "missing", message: `There is no node "${nodeId}" in the text.` };
  const node = isMap(pair.value) ? pair.value : undefined;
  const summaries: NodeSummary[] = l.nodes.items
    .map((p) => ({ id: scalarText(p.key), type: isMap(p.value) ? typeOf(p.value) : undefined }))
    .filter((s): s is NodeSummary => s.id !== undefined);
  const references: Reference[] = [];
  for (const p of l.nodes.items) {
    const from = scalarText(p.key);
    if (from === undefined || !isMap(p.value)) continue;
    for (const key of ["choices", "branch"] as const) {
      listIn(p.value, key)?.items.forEach((entry, index) => {
        if (isMap(entry) && scalarText(valueOf(entry, "next")) === nodeId) references.push({ nodeId: from, index, via: key === "choices" ? "choice" : "branch" });
      });
    }
  }
  const choices: ChoiceForm[] = (node ? (listIn(node, "choices")?.items ?? []) : []).map((c) => {
    const m = isMap(c) ? c : undefined;
    const get = (k: string) => (m ? valueOf(m, k) : undefined);
    const when = get("when");
    const id = scalarText(get("id"));
    const reflection = scalarText(get("reflection"));
    const question = scalarText(get("question"));
    const bestValue = get("best");
    const rapport = numberOf(get("rapport"));
    const mutuality = numberOf(get("mutuality"));
    const whenText = isMap(when) ? whenWords(when, WHEN_KEYS) : undefined;
    return {
      ...(id !== undefined && { id }),
      say: scalarText(get("say")) ?? "",
      kind: scalarText(get("kind")) ?? "",
      ...(reflection !== undefined && { reflection }),
      ...(question !== undefined && { question }),
      best: isScalar(bestValue) && bestValue.value === true,
      ...(rapport !== undefined && { rapport }),
      ...(mutuality !== undefined && { mutuality }),
      feedback: scalarText(get("feedback")) ?? "",
      next: scalarText(get("next")) ?? "",
      set: flagsText(get("set")),
      ...(whenText && { when: whenText }),
    };
  });
  const branch: BranchEntryForm[] = (node ? (listIn(node, "branch")?.items ?? []) : []).map((b) => {
    const m = isMap(b) ? b : undefined;
    const when = m ? valueOf(m, "when") : undefined;
    const w = isMap(when) ? when : undefined;
    const rapport = w ? scalarText(valueOf(w, "rapport")) : undefined;
    const mutuality = w ? scalarText(valueOf(w, "mutuality")) : undefined;
    const other = w ? whenWords(w, ["flags", "unset"]) : "";
    return {
      ...(rapport !== undefined && { rapport }),
      ...(mutuality !== undefined && { mutuality }),
      ...(other && { other }),
      hasWhen: when !== undefined && when !== null,
      next: (m && scalarText(valueOf(m, "next"))) ?? "",
    };
  });
  const end = node ? valueOf(node, "end") : undefined;
  const outcome = isMap(end) ? scalarText(valueOf(end, "outcome")) : undefined;
  const start = scalarText(valueOf(l.root, "start"));
  return {
    ok: true,
    id: nodeId,
    type: node ? typeOf(node) : undefined,
    isStart: start === nodeId,
    ...(start !== undefined && { start }),
    counterpart: counterpartName(l),
    nodes: summaries,
    say: node ? linesText(valueOf(node, "say")) : "",
    choices,
    branch,
    ...(outcome !== undefined && { outcome }),
    debrief: isMap(end) ? (scalarText(valueOf(end, "debrief")) ?? "") : "",
    references,
  };
}
