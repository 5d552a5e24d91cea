import type { ImportLog } from "./import-log";
import type { Json } from "./json-object";
import { kebabId } from "./kebab-id";
import type { PassageNames } from "./name-passages";
import { PLACEHOLDER } from "./placeholders";
import { knownKeys } from "./read-json";
import type { Link } from "./read-body";
import { stripMarkup } from "./scan-markup";
import type { Note } from "./scanner";

const CHOICE_EXTRAS = ["reflection", "question", "best", "rapport", "mutuality", "feedback", "set", "when"];
const LINK_KEYS = ["id", "say", "kind", ...CHOICE_EXTRAS];

/** The turn a link is read in. */
export interface TurnContext {
  /** The node id. */
  id: string;
  /** The passage, as warnings name it. */
  where: string;
  names: PassageNames;
  log: ImportLog;
  /** Warns, and keeps what was dropped for the node's YAML comment. */
  note: (n: Note) => void;
  /** What was dropped, for the node's YAML comment. */
  dropped: string[];
}

/** A link as a choice: its comment gives what Twine cannot hold, the target passage's tag its kind. */
export function importChoice(link: Link, index: number, turn: TurnContext): Json {
  const { where, names, log, note } = turn;
  const c = link.comment
    ? knownKeys(link.comment.data, LINK_KEYS, link.comment.at, `${where}: link comment`, log, turn.dropped)
    : {};
  let next = names.idOf.get(link.target);
  if (next === undefined) {
    next = kebabId(link.target, "passage");
    const message = `${where}: the link to "${link.target}" names no passage; next is "${next}"`;
    log.warn(link.offset, "twee-link-unknown", message);
  }
  let say = c.say;
  if (say === undefined) {
    const read = stripMarkup(link.text, link.textAt);
    read.notes.forEach(note);
    say = read.text || link.target;
  }
  if (link.setter !== undefined) {
    const message = `the link setter "${link.setter}" is not carried over`;
    note({ offset: link.offset, rule: "twee-macro", message, dropped: link.setter });
  }
  let kind = c.kind ?? names.kindOf.get(link.target);
  if (kind === undefined) {
    kind = PLACEHOLDER.kind;
    const message = `${where}: the link "${String(say)}" has no response kind; "${kind}" is a placeholder`;
    const path = ["nodes", turn.id, "choices", index, "kind"];
    log.placeholder(path, link.offset, "twee-no-kind", message, "no response kind in the Twee file");
  }
  const extra = Object.fromEntries(CHOICE_EXTRAS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
  return { ...(c.id !== undefined && { id: c.id }), say, kind, ...extra, next };
}
