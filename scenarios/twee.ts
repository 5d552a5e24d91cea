/** Twee 3 import and export of scenarios, so trainers can draft and review branches in Twine. */
import { isMap, isScalar, type Document } from "yaml";
import { RESPONSE_KIND_IDS, type ResponseKindId } from "./kinds";
import {
  branchRuleToFile,
  choiceToFile,
  printScenarioDocument,
  scenarioDocument,
  toScenarioFile,
} from "./serialize-scenario";
import { OUTCOMES, type Outcome, type Scenario, type ScenarioNode } from "./types";

/** Something in a Twee file that could not be carried over as it was; positions are 1-based. */
export interface TweeWarning {
  line: number;
  column: number;
  /** A stable rule id, such as `twee-no-kind`. */
  rule: string;
  message: string;
}

export interface TweeImport {
  /** A scenario file; placeholders stand in, with YAML comments, for what the Twee file lacked. */
  yaml: string;
  warnings: TweeWarning[];
}

type Json = Record<string, unknown>;

const METADATA_PASSAGE = "PeerPracticeScenario";
const METADATA_TAG = "peer-practice-scenario";
const METADATA_KEYS = ["id", "title", "summary", "skills", "content-note", "language", "roles", "meters"];
const CHOICE_EXTRAS = ["reflection", "rapport", "mutuality", "feedback", "set", "when"];
const LINK_KEYS = ["id", "say", "kind", ...CHOICE_EXTRAS];
const PASSAGE_KEYS = ["say", "branch", "end"];
const OPTIONAL_INFO = ["skills", "content-note", "language"];
const STORY_FORMAT = { format: "Harlowe", "format-version": "3.3.9" };

const PLACEHOLDER = {
  title: "Imported from Twee",
  summary: "Imported from Twee: write a summary.",
  trainee: "Peer specialist",
  counterpart: "Counterpart",
  say: "(no line in the Twee file)",
  kind: "closed-question" as ResponseKindId,
  outcome: "mixed" as Outcome,
};

const KNOWN_TAGS = new Set<string>([
  ...RESPONSE_KIND_IDS,
  "branch",
  "ending",
  METADATA_TAG,
  ...OUTCOMES.map((o) => `outcome-${o}`),
]);

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isKind = (tag: string): tag is ResponseKindId => (RESPONSE_KIND_IDS as readonly string[]).includes(tag);

// ---------------------------------------------------------------------------------------------
// Passage text

/** Something found in passage text; `dropped` is kept as a YAML comment on the node. */
interface Note {
  offset: number;
  rule: string;
  message: string;
  dropped?: string;
}

interface PeerComment {
  data: Json;
  /** Offset in the file. */
  at: number;
}

interface Link {
  text: string;
  target: string;
  /** Offsets in the file of the link and of its text. */
  offset: number;
  textAt: number;
  setter?: string;
  comment?: PeerComment;
}

interface Body {
  /** Paragraphs of the text outside links, markup and macros removed. */
  lines: string[];
  links: Link[];
  /** peer-practice comments that do not follow a link. */
  comments: PeerComment[];
  /** Notes about links and comments. */
  notes: Note[];
  /** Notes about the text, moot when a comment gives the lines. */
  textNotes: Note[];
}

/**
 * Finds constructs in order and blanks each one out of a mask, so later passes cannot match
 * inside earlier finds while every find keeps its offset in the original text.
 */
class Scanner {
  readonly text: string;
  mask: string;
  readonly notes: Note[] = [];
  private readonly base: number;
  private readonly removed: boolean[];

  constructor(text: string, base: number) {
    this.text = text;
    this.mask = text;
    this.base = base;
    this.removed = Array.from({ length: text.length }, () => false);
  }

  /** Matches in the mask; `match` is the original text, so notes quote what the author wrote. */
  find(re: RegExp): { at: number; match: string; groups: (string | undefined)[] }[] {
    return [...this.mask.matchAll(re)].map((m) => ({
      at: m.index,
      match: this.text.slice(m.index, m.index + m[0].length),
      groups: m.slice(1),
    }));
  }

  cut(start: number, end: number): void {
    for (let i = start; i < end; i++) this.removed[i] = true;
    this.mask = this.mask.slice(0, start) + this.mask.slice(start, end).replace(/[^\n]/g, "\0") + this.mask.slice(end);
  }

  note(at: number, rule: string, message: string, dropped?: string): void {
    this.notes.push({ offset: this.base + at, rule, message, ...(dropped !== undefined && { dropped }) });
  }

  /** The text with every cut removed. */
  rest(): string {
    let out = "";
    for (let i = 0; i < this.text.length; i++) if (!this.removed[i]) out += this.text.charAt(i);
    return out;
  }
}

/** Markup whose text is kept: each pattern's delimiter length, inner text in between. */
const EMPHASIS: [RegExp, number][] = [
  [/\*\*(?=\S)[^\n]*?\S\*\*/g, 2],
  [/__(?=\S)[^\n]*?\S__/g, 2],
  [/''(?=\S)[^\n]*?\S''/g, 2],
  [/~~(?=\S)[^\n]*?\S~~/g, 2],
  // Not after ":" so that URLs are left alone.
  [/(?<![:/\w])\/\/(?=\S)[^\n]*?\S\/\/(?![\w/])/g, 2],
  [/(?<![\w*])\*(?=[^\s*])[^*\n]*?[^\s*]\*(?![\w*])/g, 1],
  [/(?<![\w_])_(?=[^\s_])[^_\n]*?[^\s_]_(?![\w_])/g, 1],
  [/`[^`\n]+`/g, 1],
];

function scanMarkup(sc: Scanner): void {
  for (const { at, match } of sc.find(/<\/?[A-Za-z][^<>\n]*>/g)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-markup", `the HTML tag "${match}" is removed`);
  }
  for (const { at, match } of sc.find(/^#{1,6}[ \t]+/gm)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-markup", `the heading mark "${match.trim()}" is removed; its text is kept`);
  }
  for (const [re, size] of EMPHASIS) {
    for (const { at, match } of sc.find(re)) {
      const end = at + match.length;
      sc.cut(at, at + size);
      sc.cut(end - size, end);
      const inner = sc.text.slice(at + size, end - size);
      sc.note(at, "twee-markup", `the markup "${sc.text.slice(at, end)}" is removed; its text "${inner}" is kept`);
    }
  }
}

/** The index just after the bracket that closes the one at `from`, or -1. */
function closing(s: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i + 1;
  }
  return -1;
}

function scanMacros(sc: Scanner): void {
  for (const { at, match } of sc.find(/<<[\s\S]*?>>|<%[\s\S]*?%>/g)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-macro", `the macro "${match}" is not carried over`, match);
  }
  for (const { at } of sc.find(/\([A-Za-z][\w-]*:/g)) {
    const end = sc.mask[at] === "(" ? closing(sc.mask, at, "(", ")") : -1;
    if (end < 0) continue;
    const macro = sc.text.slice(at, end);
    sc.cut(at, end);
    // A hook is the text the macro acts on: it is kept, only its brackets go.
    const hookEnd = sc.mask[end] === "[" ? closing(sc.mask, end, "[", "]") : -1;
    if (hookEnd > 0) {
      sc.cut(end, end + 1);
      sc.cut(hookEnd - 1, hookEnd);
    }
    const hook = hookEnd > 0 ? "; the text of its hook is kept" : "";
    sc.note(at, "twee-macro", `the macro "${macro}" is not carried over${hook}`, macro);
  }
}

/** Splits a link's inside per Twine: rightmost `->`, else leftmost `<-`, else `|`. */
function splitLink(inner: string): { text: string; textAt: number; target: string; setter?: string } {
  const setterAt = inner.indexOf("][");
  const body = setterAt >= 0 ? inner.slice(0, setterAt) : inner;
  let text = body;
  let textAt = 0;
  let target = body;
  const arrow = body.lastIndexOf("->");
  const back = body.indexOf("<-");
  const pipe = body.indexOf("|");
  if (arrow >= 0) [text, target] = [body.slice(0, arrow), body.slice(arrow + 2)];
  else if (back >= 0) [target, text, textAt] = [body.slice(0, back), body.slice(back + 2), back + 2];
  else if (pipe >= 0) [text, target] = [body.slice(0, pipe), body.slice(pipe + 1)];
  return {
    text: text.trim(),
    textAt: textAt + text.length - text.trimStart().length,
    target: target.trim(),
    ...(setterAt >= 0 && { setter: inner.slice(setterAt + 2) }),
  };
}

/** Reads a passage body: links, peer-practice comments, and the text left as lines. */
function readBody(body: string, base: number): Body {
  const sc = new Scanner(body, base);
  const notes: Note[] = [];
  const comments: (PeerComment & { start: number; used?: boolean })[] = [];
  for (const { at, match, groups } of sc.find(/<!--[ \t]*peer-practice\b([\s\S]*?)-->/g)) {
    sc.cut(at, at + match.length);
    try {
      const data: unknown = JSON.parse(groups[0] ?? "");
      if (!isRecord(data)) throw new Error("not an object");
      comments.push({ data, at: base + at, start: at });
    } catch {
      const message = "a peer-practice comment is not a JSON object; ignored";
      notes.push({ offset: base + at, rule: "twee-bad-json", message, dropped: match });
    }
  }
  for (const { at, match } of sc.find(/<!--[\s\S]*?-->/g)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-markup", `the HTML comment "${match}" is removed`, match);
  }
  for (const { at, match } of sc.find(/^###@[^\n]*(?:\n[\s\S]*?^###[ \t]*$|[\s\S]*)\n?/gm)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-macro", `the block directive "${match.split("\n")[0] ?? ""}" is not carried over`, match.trim());
  }
  for (const { at, match } of sc.find(/^#@[^\n]*\n?/gm)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-macro", `the directive "${match.trim()}" is not carried over`, match.trim());
  }

  const links: Link[] = [];
  for (const { at, match, groups } of sc.find(/\[\[((?:[^\]\n]|\](?!\]))+)\]\]/g)) {
    sc.cut(at, at + match.length);
    const { text, textAt, target, setter } = splitLink((groups[0] ?? "").replace(/\0/g, ""));
    const end = at + match.length;
    const comment = comments.find((c) => !c.used && c.start >= end && /^[ \t]*$/.test(body.slice(end, c.start)));
    if (comment) comment.used = true;
    links.push({
      text,
      target,
      offset: base + at,
      textAt: base + at + 2 + textAt,
      ...(setter !== undefined && { setter }),
      ...(comment && { comment: { data: comment.data, at: comment.at } }),
    });
  }
  scanMacros(sc);
  scanMarkup(sc);

  const lines = sc
    .rest()
    .split(/\n[ \t]*\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return {
    lines,
    links,
    comments: comments.filter((c) => !c.used).map(({ data, at }) => ({ data, at })),
    notes,
    textNotes: sc.notes,
  };
}

/** A link's text with its markup removed, and notes on what was removed. */
function stripMarkup(text: string, base: number): { text: string; notes: Note[] } {
  const sc = new Scanner(text, base);
  scanMarkup(sc);
  return { text: sc.rest().trim(), notes: sc.notes };
}

// ---------------------------------------------------------------------------------------------
// Export

/** 128 stable bits from a string: Twine needs an IFID unique per story, and export must be repeatable. */
function ifidOf(id: string): string {
  const hex = [0x811c9dc5, 0x9747b28c, 0x01000193, 0x5bd1e995]
    .map((seed) => {
      let h = seed;
      for (const ch of `peer-practice:${id}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, "0");
    })
    .join("");
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const parts = [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, variant + hex.slice(17, 20), hex.slice(20)];
  return parts.join("-").toUpperCase();
}

/** JSON for an HTML comment: inside strings, `<>[]` are escaped so no `-->` or link can appear. */
function safeJson(value: unknown): string {
  const json = JSON.stringify(value);
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charAt(i);
    if (inString && c === "\\") {
      out += c + json.charAt(++i);
      continue;
    }
    if (c === '"') inString = !inString;
    out += inString && "<>[]".includes(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
  }
  return out;
}

const peerComment = (value: unknown): string => `<!-- peer-practice ${safeJson(value)} -->`;

const sameLines = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);

/** Whether the lines, written as paragraphs, read back exactly and without warnings. */
function linesSurvive(say: readonly string[]): boolean {
  const text = say.join("\n\n");
  if (/^::/m.test(text)) return false;
  const body = readBody(text, 0);
  return body.links.length === 0 && body.comments.length === 0 && body.notes.length === 0 && sameLines(body.lines, say);
}

/** Text that cannot start a passage, a link, a comment, a macro or a directive. */
const inert = (text: string): string =>
  text
    .replace(/\[(?=\[)/g, "[ ")
    .replace(/\](?=\])/g, "] ")
    .replace(/<(?=[<!%])/g, "< ")
    .replace(/^(?=::|#)/gm, " ");

/** Paragraphs for the passage text, and the lines to carry in a comment when the text would not read back. */
function linesOut(say: readonly string[]): { text: string; say?: string[] } {
  return linesSurvive(say) ? { text: say.join("\n\n") } : { text: say.map(inert).join("\n\n"), say: [...say] };
}

function linkTextSurvives(say: string): boolean {
  if (/[[\]|\n]|->|<-|<!--/.test(say)) return false;
  const read = stripMarkup(say, 0);
  return read.notes.length === 0 && read.text === say;
}

const linkDisplay = (say: string): string =>
  say
    .replace(/\s+/g, " ")
    .replace(/->/g, "→")
    .replace(/<-/g, "←")
    .replace(/\|/g, "/")
    .replace(/\[/g, "(")
    .replace(/\]/g, ")")
    .replace(/<!--/g, "<! --");

function targetsOf(node: ScenarioNode): string[] {
  if (node.type === "turn") return node.choices.map((c) => c.next);
  if (node.type === "branch") return node.branch.map((b) => b.next);
  return [];
}

/** Story map positions: one row per distance from the start, so Twine draws the flow top to bottom. */
function layout(scenario: Scenario): Map<string, string> {
  const depth = new Map<string, number>([[scenario.start, 0]]);
  const queue = [scenario.start];
  for (const id of queue) {
    const node = scenario.nodes[id];
    if (!node) continue;
    for (const next of targetsOf(node)) {
      if (depth.has(next) || !Object.hasOwn(scenario.nodes, next)) continue;
      depth.set(next, (depth.get(id) ?? 0) + 1);
      queue.push(next);
    }
  }
  const unreached = Math.max(0, ...depth.values()) + 1;
  const used = new Map<number, number>();
  const at = new Map<string, string>();
  for (const id of Object.keys(scenario.nodes)) {
    const row = depth.get(id) ?? unreached;
    const column = used.get(row) ?? 0;
    used.set(row, column + 1);
    at.set(id, `${100 + column * 150},${100 + row * 150}`);
  }
  return at;
}

function passageOf(id: string, node: ScenarioNode, position: string): string {
  const header = (tags: string[]) =>
    `:: ${id}${tags.length > 0 ? ` [${tags.join(" ")}]` : ""} ${JSON.stringify({ position })}`;
  const join = (parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== "").join("\n\n");
  switch (node.type) {
    case "turn": {
      const lines = linesOut(node.say);
      const links = node.choices.map((choice, i) => {
        const extra = choiceToFile(choice, i);
        delete extra.say;
        delete extra.next;
        const survives = linkTextSurvives(choice.say);
        const text = survives ? choice.say : linkDisplay(choice.say);
        return `[[${text}->${choice.next}]] ${peerComment(survives ? extra : { ...extra, say: choice.say })}`;
      });
      return `${header([])}\n${join([lines.text, lines.say && peerComment({ say: lines.say }), links.join("\n")])}`;
    }
    case "branch": {
      // Plain links only so that Twine's map draws the arrows; the comment is what import reads.
      const arrows = [...new Set(node.branch.map((b) => `[[${b.next}]]`))].join("\n");
      return `${header(["branch"])}\n${join([peerComment({ branch: node.branch.map(branchRuleToFile) }), arrows])}`;
    }
    case "ending": {
      const lines = linesOut(node.say);
      const end = { outcome: node.outcome, ...(node.debrief !== undefined && { debrief: node.debrief }) };
      const comment = peerComment(lines.say ? { end, say: lines.say } : { end });
      return `${header(["ending", `outcome-${node.outcome}`])}\n${join([lines.text, comment])}`;
    }
  }
}

/** The scenario as a Twee 3 story; `importTwee` of it gives back the same scenario. */
export function exportTwee(scenario: Scenario): string {
  const file = toScenarioFile(scenario);
  const metadata = Object.fromEntries(METADATA_KEYS.filter((k) => file[k] !== undefined).map((k) => [k, file[k]]));
  const title = scenario.title.replace(/\s+/g, " ").replace(/^::/, " ::");
  const data = { ifid: ifidOf(scenario.id), ...STORY_FORMAT, start: scenario.start };
  const position = layout(scenario);
  const passages = [
    `:: StoryTitle\n${title}`,
    `:: StoryData\n${JSON.stringify(data, null, 2)}`,
    `:: ${METADATA_PASSAGE} [${METADATA_TAG}]\n${JSON.stringify(metadata, null, 2)}`,
    ...Object.entries(scenario.nodes).map(([id, node]) => passageOf(id, node, position.get(id) ?? "100,100")),
  ];
  return `${passages.join("\n\n\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Import

interface Tag {
  name: string;
  /** Offset in the file. */
  at: number;
}

interface Passage {
  name: string;
  /** Offset of the header in the file. */
  at: number;
  tags: Tag[];
  body: string;
  /** Offset of the body in the file. */
  bodyAt: number;
}

/** Reads a header per Twee 3: name, then an optional `[tags]` block, then optional `{metadata}`. */
function readHeader(line: string, at: number, note: (n: Note) => void): { name: string; tags: Tag[] } {
  let i = 2;
  let name = "";
  // Twee 3 escapes: a backslash makes the next character plain.
  const plain = () => (line.charAt(i) === "\\" ? line.charAt(++i) : line.charAt(i));
  for (; i < line.length && line[i] !== "[" && line[i] !== "{"; i++) name += plain();
  name = name.trim();
  const tags: Tag[] = [];
  if (line[i] === "[") {
    let tag = "";
    let tagAt = ++i;
    for (; i < line.length && line[i] !== "]"; i++) {
      if (/\s/.test(line.charAt(i))) {
        if (tag) tags.push({ name: tag, at: at + tagAt });
        tag = "";
        tagAt = i + 1;
      } else {
        tag += plain();
      }
    }
    if (tag) tags.push({ name: tag, at: at + tagAt });
    i++;
  }
  const metadata = line.slice(i).trim();
  if (metadata) {
    try {
      JSON.parse(metadata);
    } catch {
      const message = `passage "${name}": its metadata is not JSON; ignored`;
      note({ offset: at + line.indexOf(metadata, i), rule: "twee-bad-json", message });
    }
  }
  return { name, tags };
}

function readPassages(source: string, note: (n: Note) => void): Passage[] {
  const headers = [...source.matchAll(/^::.*$/gm)];
  return headers.map((h, i) => {
    const at = h.index;
    const bodyAt = Math.min(at + h[0].length + 1, source.length);
    const end = headers[i + 1]?.index ?? source.length;
    // Twee 3: trailing blank lines are not part of the passage.
    const body = source.slice(bodyAt, Math.max(bodyAt, end)).replace(/\s+$/, "");
    return { ...readHeader(h[0], at, note), at, body, bodyAt };
  });
}

/** A kebab-case id from a passage name, as the scenario format requires. */
function kebab(name: string, fallback: string): string {
  const id = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 64)
    .replace(/-$/, "");
  return id || fallback;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base.slice(0, 64 - `-${n}`.length).replace(/-$/, "")}-${n}`;
  used.add(id);
  return id;
}

function positionsOf(source: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

type KeyPath = (string | number)[];

/** Puts a comment line above the key at `path`, where a trainer editing the file will see it. */
function commentBefore(doc: Document, path: KeyPath, text: string): void {
  const key = path[path.length - 1];
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  if (!pair || !isScalar(pair.key)) throw new Error(`[twee] no key at ${path.join(".")} to comment on`);
  pair.key.commentBefore = pair.key.commentBefore ? `${pair.key.commentBefore}\n${text}` : text;
}

const oneOrMany = (lines: unknown): unknown => (Array.isArray(lines) && lines.length === 1 ? lines[0] : lines);

/** Reads a Twee 3 story into a scenario file, with a warning for everything not carried over. */
export function importTwee(text: string): TweeImport {
  const source = text.replace(/\r\n?/g, "\n");
  const position = positionsOf(source);
  const warnings: TweeWarning[] = [];
  const comments: { path: KeyPath; text: string }[] = [];
  const warn = (offset: number, rule: string, message: string) => warnings.push({ ...position(offset), rule, message });
  const placeholder = (path: KeyPath, offset: number, rule: string, message: string, comment: string) => {
    warn(offset, rule, message);
    comments.push({ path, text: ` placeholder: ${comment}` });
  };

  const readJson = (p: Passage): Json => {
    try {
      const value: unknown = JSON.parse(p.body);
      if (isRecord(value)) return value;
    } catch {
      // Reported below, like a value that is not an object.
    }
    warn(p.at, "twee-bad-json", `passage "${p.name}" is not a JSON object; ignored`);
    return {};
  };

  /** Keeps the known keys of a JSON object and reports the others. */
  const known = (data: Json, keys: string[], at: number, where: string, dropped?: string[]): Json => {
    const out: Json = {};
    for (const [k, v] of Object.entries(data)) {
      if (keys.includes(k)) out[k] = v;
      else {
        warn(at, "twee-bad-json", `${where}: "${k}" is not a known key; not carried over`);
        dropped?.push(`${k}: ${JSON.stringify(v)}`);
      }
    }
    return out;
  };

  const passages = readPassages(source, (n) => warn(n.offset, n.rule, n.message));
  let titlePassage: Passage | undefined;
  let dataPassage: Passage | undefined;
  let metaPassage: Passage | undefined;
  const story: Passage[] = [];
  for (const p of passages) {
    if (p.name === "StoryTitle") titlePassage = p;
    else if (p.name === "StoryData") dataPassage = p;
    else if (p.name === METADATA_PASSAGE || p.tags.some((t) => t.name === METADATA_TAG)) metaPassage = p;
    else if (p.tags.some((t) => t.name === "script" || t.name === "stylesheet")) {
      const message = `passage "${p.name}" is a script or stylesheet, which a scenario cannot hold; not carried over`;
      warn(p.at, "twee-script", message);
    } else story.push(p);
  }

  const used = new Set<string>();
  const ids = story.map((p) => uniqueId(kebab(p.name, "passage"), used));
  const idOf = new Map<string, string>();
  const kindOf = new Map<string, ResponseKindId>();
  story.forEach((p, i) => {
    if (!idOf.has(p.name)) idOf.set(p.name, ids[i] ?? "");
    const kind = p.tags.map((t) => t.name).find(isKind);
    if (kind && !kindOf.has(p.name)) kindOf.set(p.name, kind);
  });

  const nodes: Json = {};
  story.forEach((p, index) => {
    const id = ids[index] ?? "";
    const where = `passage "${p.name}"`;
    const dropped: string[] = [];
    const note = (n: Note) => {
      warn(n.offset, n.rule, `${where}: ${n.message}`);
      if (n.dropped) dropped.push(n.dropped);
    };
    for (const tag of p.tags) {
      if (KNOWN_TAGS.has(tag.name)) continue;
      note({
        offset: tag.at,
        rule: "twee-unknown-tag",
        message: `tag "${tag.name}" is not a response kind or a Peer Practice tag; not carried over`,
        dropped: `tag ${tag.name}`,
      });
    }
    const body = readBody(p.body, p.bodyAt);
    body.notes.forEach(note);
    const own: Json = {};
    for (const c of body.comments) {
      Object.assign(own, known(c.data, PASSAGE_KEYS, c.at, `${where}: peer-practice comment`, dropped));
    }
    // A comment's say (written when the text could not hold the lines) wins over the passage text.
    const fromText = own.say === undefined && own.branch === undefined;
    if (fromText) body.textNotes.forEach(note);

    if (own.branch !== undefined) {
      // The links are there for Twine's map; one the branch does not name would be lost.
      const entries: unknown[] = Array.isArray(own.branch) ? own.branch : [];
      const nexts = new Set(entries.map((b) => (isRecord(b) ? b.next : undefined)));
      for (const link of body.links) {
        if (nexts.has(idOf.get(link.target) ?? link.target)) continue;
        const message = `${where}: the link to "${link.target}" is not in the branch; not carried over`;
        warn(link.offset, "twee-ignored", message);
      }
      if (body.lines.length > 0) {
        warn(p.bodyAt, "twee-ignored", `${where}: a branch has no line; its text is not carried over`);
      }
      nodes[id] = { branch: own.branch };
    } else if (own.end !== undefined || body.links.length === 0) {
      for (const link of body.links) {
        warn(link.offset, "twee-ignored", `${where}: the link to "${link.target}" is in an ending; not carried over`);
      }
      const say = fromText ? body.lines : own.say;
      const { outcome, ...rest } = isRecord(own.end) ? own.end : {};
      const tagged = p.tags.map((t) => /^outcome-(.*)$/.exec(t.name)?.[1]).find((o) => o !== undefined);
      if (outcome === undefined && tagged === undefined) {
        const message = `${where} is an ending with no outcome; outcome "${PLACEHOLDER.outcome}" is a placeholder`;
        placeholder(["nodes", id, "end", "outcome"], p.at, "twee-no-outcome", message, "no outcome in the Twee file");
      }
      const hasSay = Array.isArray(say) ? say.length > 0 : say !== undefined;
      nodes[id] = {
        ...(hasSay && { say: oneOrMany(say) }),
        end: { outcome: outcome ?? tagged ?? PLACEHOLDER.outcome, ...rest },
      };
    } else {
      let say = fromText ? oneOrMany(body.lines) : own.say;
      if (fromText && body.lines.length === 0) {
        say = PLACEHOLDER.say;
        const message = `${where} has links but no text; its line is a placeholder`;
        placeholder(["nodes", id, "say"], p.at, "twee-placeholder", message, "no line in the Twee file");
      }
      const choices = body.links.map((link, i) => {
        const c = link.comment
          ? known(link.comment.data, LINK_KEYS, link.comment.at, `${where}: link comment`, dropped)
          : {};
        let next = idOf.get(link.target);
        if (next === undefined) {
          next = kebab(link.target, "passage");
          const message = `${where}: the link to "${link.target}" names no passage; next is "${next}"`;
          warn(link.offset, "twee-link-unknown", message);
        }
        let choiceSay = c.say;
        if (choiceSay === undefined) {
          const read = stripMarkup(link.text, link.textAt);
          read.notes.forEach(note);
          choiceSay = read.text || link.target;
        }
        if (link.setter !== undefined) {
          const message = `the link setter "${link.setter}" is not carried over`;
          note({ offset: link.offset, rule: "twee-macro", message, dropped: link.setter });
        }
        let kind = c.kind ?? kindOf.get(link.target);
        if (kind === undefined) {
          kind = PLACEHOLDER.kind;
          const message = `${where}: the link "${String(choiceSay)}" has no response kind; "${kind}" is a placeholder`;
          const path = ["nodes", id, "choices", i, "kind"];
          placeholder(path, link.offset, "twee-no-kind", message, "no response kind in the Twee file");
        }
        const extra = Object.fromEntries(CHOICE_EXTRAS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
        return { ...(c.id !== undefined && { id: c.id }), say: choiceSay, kind, ...extra, next };
      });
      nodes[id] = { say, choices };
    }
    if (dropped.length > 0) {
      const lines = dropped.map((d) => ` from Twee, not carried over: ${d.replace(/\n/g, "\n   ")}`);
      comments.push({ path: ["nodes", id], text: lines.join("\n") });
    }
  });

  const infoAt = (metaPassage ?? titlePassage)?.at ?? 0;
  const info = metaPassage
    ? known(readJson(metaPassage), METADATA_KEYS, metaPassage.at, `passage "${metaPassage.name}"`)
    : {};
  const storyTitle = titlePassage?.body.trim() || undefined;
  const roles = isRecord(info.roles) ? info.roles : {};
  const { name, ...counterpart } = isRecord(roles.counterpart) ? roles.counterpart : {};
  const missing: [KeyPath, unknown, string, string][] = [
    [["title"], info.title ?? storyTitle, "the story has no title; the title", "no title"],
    [["summary"], info.summary, "the story has no summary; the summary", "no summary"],
    [["roles", "trainee"], roles.trainee, "the story does not say whom the trainee plays; roles.trainee", "no trainee role"],
    [["roles", "counterpart", "name"], name, "the story does not name the counterpart; roles.counterpart.name", "no counterpart"],
  ];
  for (const [path, value, message, comment] of missing) {
    if (value !== undefined) continue;
    placeholder(path, infoAt, "twee-placeholder", `${message} is a placeholder`, `${comment} in the Twee file`);
  }
  const title = info.title ?? storyTitle ?? PLACEHOLDER.title;
  const summary = info.summary ?? PLACEHOLDER.summary;

  const data = dataPassage ? readJson(dataPassage) : {};
  let start: string;
  if (typeof data.start === "string") {
    start = idOf.get(data.start) ?? kebab(data.start, "start");
    if (!idOf.has(data.start)) {
      const message = `StoryData: the start passage "${data.start}" does not exist; start is "${start}"`;
      warn(dataPassage?.at ?? 0, "twee-link-unknown", message);
    }
  } else {
    start = idOf.get("Start") ?? ids[0] ?? "start";
    if (!idOf.has("Start")) {
      warn(dataPassage?.at ?? 0, "twee-no-start", `the story names no start passage; start is "${start}"`);
    }
  }

  const file: Json = {
    format: 1,
    id: info.id ?? kebab(typeof title === "string" ? title : "", "imported-from-twee"),
    title,
    summary,
    ...Object.fromEntries(OPTIONAL_INFO.filter((k) => info[k] !== undefined).map((k) => [k, info[k]])),
    roles: {
      trainee: roles.trainee ?? PLACEHOLDER.trainee,
      counterpart: { name: name ?? PLACEHOLDER.counterpart, ...counterpart },
    },
    ...(info.meters !== undefined && { meters: info.meters }),
    start,
    nodes,
  };
  const doc = scenarioDocument(file);
  for (const c of comments) commentBefore(doc, c.path, c.text);
  warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { yaml: printScenarioDocument(doc), warnings };
}
