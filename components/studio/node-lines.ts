/**
 * Where each node of a scenario stands in its text, so the editor's cursor can select the node it
 * is in and a selected node can move the cursor to its line.
 */
import type { Locate } from "../../scenarios/parse";
import type { Scenario } from "../../scenarios/types";

export interface NodeLines {
  /** Each node's first line (its id's key), in the order of the text. */
  starts: Array<{ line: number; nodeId: string }>;
  /** The last line of the `nodes:` block (the line before the next top-level key, or the text's last). */
  end: number;
}

/** The node lines of a scenario parsed from `text`; `locate` is the parser's. */
export function nodeLinesOf(text: string, scenario: Scenario, locate: Locate): NodeLines {
  const starts = Object.keys(scenario.nodes)
    .map((nodeId) => ({ line: locate(["nodes", nodeId], true).line, nodeId }))
    .sort((a, b) => a.line - b.line);
  const lines = text.split("\n");
  const nodesLine = locate(["nodes"], true).line;
  let end = lines.length;
  // The block ends where a key starts at the first column again.
  for (let i = nodesLine; i < lines.length; i++) {
    if (/^[^\s#-]/.test(lines[i]!)) {
      end = i; // 0-based index i is line i + 1: the block's last line is i.
      break;
    }
  }
  return { starts, end };
}

/** The node whose lines hold `line`, or null outside the nodes. */
export function nodeAtLine(lines: NodeLines, line: number): string | null {
  const { starts } = lines;
  if (starts.length === 0 || line < starts[0]!.line || line > lines.end) return null;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]!.line <= line) lo = mid;
    else hi = mid - 1;
  }
  return starts[lo]!.nodeId;
}

/** The first line of a node, or null when it has none in the text. */
export function lineOfNode(lines: NodeLines, nodeId: string): number | null {
  return lines.starts.find((s) => s.nodeId === nodeId)?.line ?? null;
}
