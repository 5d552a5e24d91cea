/** A problem found in a scenario file: where it is and a sentence a trainer understands. */

export type Severity = "error" | "warning";

export type PathSegment = string | number;

export interface Problem {
  /** A stable rule id, such as `next-unknown`. */
  rule: string;
  severity: Severity;
  /** A plain sentence, starting with the place it is about. */
  message: string;
  /** Where in the data the problem is. */
  path: PathSegment[];
  /** 1-based line in the file (1 when unknown). */
  line: number;
  /** 1-based column in the file (1 when unknown). */
  column: number;
  /** The node the problem is in, if any. */
  nodeId?: string;
}

/** Formats a data path the way a trainer reads it: `nodes.coffee.choices[2].next`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg + 1}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** The node id a path points into, if any. */
export function nodeIdOf(path: readonly PathSegment[]): string | undefined {
  return path[0] === "nodes" && typeof path[1] === "string" ? path[1] : undefined;
}

/** Orders problems by position, so they read top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A problem as compilers print it: `file:line:column  error  rule  message`. */
export function formatProblem(file: string, p: Problem): string {
  return `${file}:${p.line}:${p.column}  ${p.severity}  ${p.rule}  ${p.message}`;
}
