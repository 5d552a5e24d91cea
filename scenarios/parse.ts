/** Parses scenario text (YAML or JSON) and validates it, reporting every problem with its position. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { checkReferences } from "./check-references";
import { formatPath, nodeIdOf, sortProblems, type PathSegment, type Problem } from "./problem";
import { normalizeScenario, scenarioFileSchema } from "./schema";
import type { Scenario } from "./types";

/** Finds the line and column of a data path in the file; `atKey` points at the key rather than its value. */
export type Locate = (path: readonly PathSegment[], atKey?: boolean) => { line: number; column: number };

export type ParseResult =
  | { ok: true; scenario: Scenario; problems: Problem[]; locate: Locate }
  | { ok: false; problems: Problem[]; locate?: Locate };

interface Located {
  offset: number;
}

/** Finds the source offset of a data path: the value if it exists, else its nearest parent; `atKey` points at the key. */
function locate(doc: Document, path: readonly PathSegment[], atKey: boolean): Located {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(seg));
      if (!pair) return { offset };
      if (last && atKey && isScalar(pair.key) && pair.key.range) return { offset: pair.key.range[0] };
      const value = pair.value as Node | null;
      if (value?.range) {
        node = value;
        offset = value.range[0];
      } else {
        // A key with no value (`say:`): point at the key.
        if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
        return { offset };
      }
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as Node | undefined;
      if (!item?.range) return { offset };
      node = item;
      offset = item.range[0];
    } else {
      return { offset };
    }
  }
  return { offset };
}

/** True when the data has something at this path. */
function present(data: unknown, path: readonly PathSegment[]): boolean {
  let at: unknown = data;
  for (const seg of path) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, seg)) return false;
    at = (at as Record<PathSegment, unknown>)[seg];
  }
  return at !== undefined;
}

function describeIssue(data: unknown, issue: z.core.$ZodIssue): { path: PathSegment[]; message: string; rule: string; atKey: boolean }[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const at = [...path, key];
      const where = path.length ? `${formatPath(path)}: ` : "";
      return {
        path: at,
        atKey: true,
        rule: "unknown-key",
        message: `${where}"${key}" is not a known key here (a typo?)`,
      };
    });
  }
  if (issue.code === "invalid_key") {
    return [{ path, atKey: true, rule: "schema", message: `${formatPath(path)}: the key ${issue.message}` }];
  }
  const where = path.length ? formatPath(path) : "the file";
  const rule = issue.code === "custom" && typeof issue.params?.rule === "string" ? issue.params.rule : undefined;
  if (rule) return [{ path, atKey: false, rule, message: `${where} ${issue.message}` }];
  const missing = issue.code === "invalid_type" && !present(data, path);
  return [
    {
      path,
      atKey: false,
      rule: missing ? "required" : "schema",
      message: `${where} ${missing && issue.message !== "is required" ? `is required (${issue.message})` : issue.message}`,
    },
  ];
}

/** Parses and validates one scenario file's text. `file` only labels messages. */
export function parseScenario(text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        rule: "syntax",
        severity: "error",
        message: `${e.message.split("\n")[0]}`,
        path: [],
        ...pos(e.pos[0]),
      })),
    };
  }
  if (doc.contents === null) {
    return {
      ok: false,
      problems: [{ rule: "empty", severity: "error", message: "the file is empty", path: [], line: 1, column: 1 }],
    };
  }

  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const problems: Problem[] = [];
  const locateIn: Locate = (path, atKey = false) => pos(locate(doc, path, atKey).offset);
  const add = (rule: string, path: PathSegment[], message: string, atKey = false) => {
    const nodeId = nodeIdOf(path);
    problems.push({
      rule,
      severity: "error",
      message,
      path,
      ...locateIn(path, atKey),
      ...(nodeId !== undefined && { nodeId }),
    });
  };

  const result = scenarioFileSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const d of describeIssue(data, issue)) add(d.rule, d.path, d.message, d.atKey);
    }
  }
  for (const p of checkReferences(data)) add(p.rule, p.path, p.message);

  if (!result.success || problems.length > 0) return { ok: false, problems: sortProblems(problems), locate: locateIn };
  return { ok: true, scenario: normalizeScenario(result.data), problems: [], locate: locateIn };
}
