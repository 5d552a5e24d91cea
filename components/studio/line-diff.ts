/**
 * A unified line diff of two texts (jsdiff's structured patch): the changed lines with a few
 * unchanged ones around them, in hunks, and how many lines were added and removed.
 */
import { structuredPatch } from "diff";

export type DiffLineKind = "added" | "removed" | "same";

export interface DiffLine {
  kind: DiffLineKind;
  /** The line without its newline. */
  text: string;
  /** 1-based, in the older text; absent for an added line. */
  oldLine?: number;
  /** 1-based, in the newer text; absent for a removed line. */
  newLine?: number;
}

export interface DiffHunk {
  /** First line of the hunk in the older text and in the newer one, 1-based. */
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

export type LineDiff =
  | { kind: "same" }
  | {
      kind: "changed";
      added: number;
      removed: number;
      hunks: DiffHunk[];
      /** Lines of hunks left out past `maxLines`. */
      hiddenLines: number;
    }
  /** Too many changes to find the shortest diff within the limits: the versions are best compared whole. */
  | { kind: "too-different" };

export interface LineDiffOptions {
  /** Unchanged lines shown around each change. */
  context?: number;
  /** Lines shown at most, so that a rewrite does not make a page of megabytes. */
  maxLines?: number;
  /** Edits (lines added or removed) the diff looks for at most before giving up. */
  maxEdits?: number;
  /** Milliseconds the diff may take at most before giving up, so that two huge texts cannot hold up the server. */
  timeout?: number;
}

/** The line diff from `before` to `after`. */
export function lineDiff(before: string, after: string, { context = 3, maxLines = 2000, maxEdits = 2000, timeout = 500 }: LineDiffOptions = {}): LineDiff {
  if (before === after) return { kind: "same" };
  const patch = structuredPatch("before", "after", before, after, undefined, undefined, { context, maxEditLength: maxEdits, timeout });
  if (!patch) return { kind: "too-different" };
  let added = 0;
  let removed = 0;
  let shown = 0;
  let hiddenLines = 0;
  const hunks: DiffHunk[] = [];
  for (const h of patch.hunks) {
    let oldLine = h.oldStart;
    let newLine = h.newStart;
    const lines: DiffLine[] = [];
    for (const raw of h.lines) {
      const sign = raw[0];
      const text = raw.slice(1);
      // "\ No newline at end of file" says something of the line before; the text shows it anyway.
      if (sign === "\\") continue;
      if (sign === "+") {
        added++;
        lines.push({ kind: "added", text, newLine: newLine++ });
      } else if (sign === "-") {
        removed++;
        lines.push({ kind: "removed", text, oldLine: oldLine++ });
      } else lines.push({ kind: "same", text, oldLine: oldLine++, newLine: newLine++ });
    }
    if (shown + lines.length > maxLines) hiddenLines += lines.length;
    else {
      shown += lines.length;
      // A hunk of an empty text starts at line 0; its first line is line 1 of the other text.
      hunks.push({ oldStart: Math.max(h.oldStart, 1), newStart: Math.max(h.newStart, 1), lines });
    }
  }
  return { kind: "changed", added, removed, hunks, hiddenLines };
}

const lines = (n: number) => `${n.toLocaleString("en-US")} line${n === 1 ? "" : "s"}`;

/** What changed, in words: "3 lines added, 1 removed". */
export function diffSummary(diff: LineDiff): string {
  switch (diff.kind) {
    case "same":
      return "No lines changed: the two versions have the same text.";
    case "too-different":
      return "The two versions differ too much to compare line by line; download both to compare them.";
    case "changed":
      return `${lines(diff.added)} added, ${diff.removed.toLocaleString("en-US")} removed.`;
  }
}
