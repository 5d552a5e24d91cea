import type { Note } from "./scanner";

export interface Tag {
  name: string;
  /** Offset in the file. */
  at: number;
}

export interface Passage {
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

/** Splits Twee 3 text (with `\n` line ends) into passages, each with its offsets in the text. */
export function readPassages(source: string, note: (n: Note) => void): Passage[] {
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
