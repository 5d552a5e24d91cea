/** Checks what the schema cannot: references between nodes, unique ids, branch fallbacks. */
import type { PathSegment } from "./problem";

export interface PathProblem {
  rule: string;
  message: string;
  path: PathSegment[];
  /** Point at the key rather than its value (used for whole nodes). */
  atKey?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Works on the raw parsed data, defensively, so that reference problems are reported
 * together with schema problems rather than after they are fixed.
 */
export function checkReferences(data: unknown): PathProblem[] {
  const problems: PathProblem[] = [];
  if (!isRecord(data) || !isRecord(data.nodes)) return problems;
  const nodes = data.nodes;
  const has = (id: unknown): id is string => typeof id === "string" && Object.hasOwn(nodes, id);

  if (typeof data.start === "string") {
    if (!has(data.start)) {
      problems.push({ rule: "start-unknown", path: ["start"], message: `start: "${data.start}" names no node` });
    } else if (isRecord(nodes[data.start]) && "end" in (nodes[data.start] as object)) {
      problems.push({
        rule: "start-is-ending",
        path: ["start"],
        message: `start: "${data.start}" is an ending; start must be a turn or a branch`,
      });
    }
  }

  for (const [nodeId, n] of Object.entries(nodes)) {
    if (!isRecord(n)) continue;
    if (Array.isArray(n.choices)) {
      const seen = new Map<string, number>();
      n.choices.forEach((c, i) => {
        if (!isRecord(c)) return;
        const path: PathSegment[] = ["nodes", nodeId, "choices", i];
        const id = typeof c.id === "string" ? c.id : String(i + 1);
        const first = seen.get(id);
        if (first !== undefined) {
          problems.push({
            rule: "choice-id-duplicate",
            path: typeof c.id === "string" ? [...path, "id"] : path,
            message: `node "${nodeId}": choice ${i + 1} has the id "${id}", already used by choice ${first + 1}; ids must be unique in a node`,
          });
        } else seen.set(id, i);
        if (typeof c.next === "string" && !has(c.next)) {
          problems.push({
            rule: "next-unknown",
            path: [...path, "next"],
            message: `node "${nodeId}" → "${c.next}": no such node`,
          });
        }
        if (c.reflection !== undefined && c.kind !== "listening-to") {
          problems.push({
            rule: "reflection-not-listening",
            path: [...path, "reflection"],
            message: `node "${nodeId}": choice ${i + 1} is ${String(c.kind)}; reflection applies only to listening-to choices`,
          });
        }
      });
    }
    if (Array.isArray(n.branch)) {
      const last = n.branch.length - 1;
      n.branch.forEach((b, i) => {
        if (!isRecord(b)) return;
        const path: PathSegment[] = ["nodes", nodeId, "branch", i];
        if (typeof b.next === "string" && !has(b.next)) {
          problems.push({
            rule: "next-unknown",
            path: [...path, "next"],
            message: `node "${nodeId}" → "${b.next}": no such node`,
          });
        }
        if (i === last && b.when !== undefined) {
          problems.push({
            rule: "branch-no-fallback",
            path: [...path, "when"],
            message: `node "${nodeId}": the last branch entry has a when; the last one must have none, so some branch is always taken`,
          });
        }
        if (i < last && b.when === undefined) {
          problems.push({
            rule: "branch-shadows",
            path,
            message: `node "${nodeId}": branch entry ${i + 1} has no when, so the entries after it are never taken`,
          });
        }
      });
    }
  }
  return problems;
}
