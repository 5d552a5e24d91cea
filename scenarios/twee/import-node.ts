import { RESPONSE_KIND_IDS } from "../kinds";
import { OUTCOMES } from "../types";
import { importChoice, type TurnContext } from "./import-choice";
import type { ImportLog } from "./import-log";
import { isRecord, type Json } from "./json-object";
import { METADATA_TAG } from "./metadata-passage";
import type { PassageNames } from "./name-passages";
import { PLACEHOLDER } from "./placeholders";
import { readBody, type Body } from "./read-body";
import { knownKeys } from "./read-json";
import type { Passage } from "./read-passages";
import type { Note } from "./scanner";

const PASSAGE_KEYS = ["say", "branch", "end", "ask-rationale"];

const KNOWN_TAGS = new Set<string>([
  ...RESPONSE_KIND_IDS,
  "branch",
  "ending",
  METADATA_TAG,
  ...OUTCOMES.map((o) => `outcome-${o}`),
]);

/** A passage being read as a node. */
interface NodeContext extends TurnContext {
  passage: Passage;
  body: Body;
  /** What the passage's peer-practice comments say of the node. */
  own: Json;
  /** Whether the node's lines come from the passage text rather than a comment. */
  fromText: boolean;
}

const oneOrMany = (lines: unknown): unknown => (Array.isArray(lines) && lines.length === 1 ? lines[0] : lines);

/** A passage as a node: a branch if a comment gives one, an ending if it has no links, else a turn. */
export function importNode(passage: Passage, id: string, names: PassageNames, log: ImportLog): Json {
  const where = `passage "${passage.name}"`;
  const dropped: string[] = [];
  const note = (n: Note) => {
    log.warn(n.offset, n.rule, `${where}: ${n.message}`);
    if (n.dropped) dropped.push(n.dropped);
  };
  for (const tag of passage.tags) {
    if (KNOWN_TAGS.has(tag.name)) continue;
    note({
      offset: tag.at,
      rule: "twee-unknown-tag",
      message: `tag "${tag.name}" is not a response kind or a Peer Practice tag; not carried over`,
      dropped: `tag ${tag.name}`,
    });
  }
  const body = readBody(passage.body, passage.bodyAt);
  body.notes.forEach(note);
  const own: Json = {};
  for (const c of body.comments) {
    Object.assign(own, knownKeys(c.data, PASSAGE_KEYS, c.at, `${where}: peer-practice comment`, log, dropped));
  }
  // A comment's say (written when the text could not hold the lines) wins over the passage text.
  const fromText = own.say === undefined && own.branch === undefined;
  if (fromText) body.textNotes.forEach(note);

  const node: NodeContext = { id, where, names, log, note, dropped, passage, body, own, fromText };
  if (own["ask-rationale"] !== undefined && (own.branch !== undefined || own.end !== undefined || body.links.length === 0)) {
    log.warn(passage.at, "twee-ignored", `${where}: ask-rationale is only for a turn (a passage with links); not carried over`);
  }
  const imported =
    own.branch !== undefined
      ? branchNode(node)
      : own.end !== undefined || body.links.length === 0
        ? endingNode(node)
        : turnNode(node);
  if (dropped.length > 0) {
    const lines = dropped.map((d) => ` from Twee, not carried over: ${d.replace(/\n/g, "\n   ")}`);
    log.comment(["nodes", id], lines.join("\n"));
  }
  return imported;
}

function branchNode({ where, passage, body, own, names, log }: NodeContext): Json {
  // The links are there for Twine's map; one the branch does not name would be lost.
  const entries: unknown[] = Array.isArray(own.branch) ? own.branch : [];
  const nexts = new Set(entries.map((b) => (isRecord(b) ? b.next : undefined)));
  for (const link of body.links) {
    if (nexts.has(names.idOf.get(link.target) ?? link.target)) continue;
    const message = `${where}: the link to "${link.target}" is not in the branch; not carried over`;
    log.warn(link.offset, "twee-ignored", message);
  }
  if (body.lines.length > 0) {
    log.warn(passage.bodyAt, "twee-ignored", `${where}: a branch has no line; its text is not carried over`);
  }
  return { branch: own.branch };
}

function endingNode({ id, where, passage, body, own, fromText, log }: NodeContext): Json {
  for (const link of body.links) {
    log.warn(link.offset, "twee-ignored", `${where}: the link to "${link.target}" is in an ending; not carried over`);
  }
  const say = fromText ? body.lines : own.say;
  const { outcome, ...rest } = isRecord(own.end) ? own.end : {};
  const tagged = passage.tags.map((t) => /^outcome-(.*)$/.exec(t.name)?.[1]).find((o) => o !== undefined);
  if (outcome === undefined && tagged === undefined) {
    const message = `${where} is an ending with no outcome; outcome "${PLACEHOLDER.outcome}" is a placeholder`;
    log.placeholder(["nodes", id, "end", "outcome"], passage.at, "twee-no-outcome", message, "no outcome in the Twee file");
  }
  const hasSay = Array.isArray(say) ? say.length > 0 : say !== undefined;
  return {
    ...(hasSay && { say: oneOrMany(say) }),
    end: { outcome: outcome ?? tagged ?? PLACEHOLDER.outcome, ...rest },
  };
}

function turnNode(node: NodeContext): Json {
  const { id, where, passage, body, own, fromText, log } = node;
  let say = fromText ? oneOrMany(body.lines) : own.say;
  if (fromText && body.lines.length === 0) {
    say = PLACEHOLDER.say;
    const message = `${where} has links but no text; its line is a placeholder`;
    log.placeholder(["nodes", id, "say"], passage.at, "twee-placeholder", message, "no line in the Twee file");
  }
  const choices = body.links.map((link, i) => importChoice(link, i, node));
  return { say, choices, ...(own["ask-rationale"] !== undefined && { "ask-rationale": own["ask-rationale"] }) };
}
