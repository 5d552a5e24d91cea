import { isRecord, type Json } from "./json-object";
import { scanMacros } from "./scan-macros";
import { scanMarkup } from "./scan-markup";
import { Scanner, type Note } from "./scanner";
import { splitLink } from "./split-link";

/** A `<!-- peer-practice {...} -->` comment: what Twine has no place for, written by export. */
export interface PeerComment {
  data: Json;
  /** Offset in the file. */
  at: number;
}

export interface Link {
  text: string;
  target: string;
  /** Offsets in the file of the link and of its text. */
  offset: number;
  textAt: number;
  setter?: string;
  comment?: PeerComment;
}

export interface Body {
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

/** Reads a passage body: links, peer-practice comments, and the text left as lines. */
export function readBody(body: string, base: number): Body {
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
