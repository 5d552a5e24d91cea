/** Parses scenario text (YAML or JSON) and validates it, reporting every problem with its position. */
import "./zod-in-browser";
import type { z } from "zod";
import { checkReferences } from "./check-references";
import { checkSize } from "./check-size";
import { formatPath, nodeIdOf, sortProblems, type PathSegment, type Problem } from "./problem";
import { normalizeScenario, scenarioFileSchema } from "./schema";
import type { Scenario } from "./types";
import { readYaml, type Locate } from "./yaml-source";

export type { Locate } from "./yaml-source";

export type ParseResult =
  | { ok: true; scenario: Scenario; problems: Problem[]; locate: Locate }
  | {
      ok: false;
      problems: Problem[];
      locate?: Locate;
      /**
       * The scenario as far as it can be drawn, when the file passed the schema but names nodes
       * that do not exist: the studio draws its graph with the broken references marked.
       */
      sketch?: Scenario;
    };

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
  if (issue.code === "invalid_union") {
    // A line or a list of lines: when the value is a list, what is wrong with the list is the news.
    const fitting = issue.errors.filter((errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0));
    if (fitting.length === 1) {
      return fitting[0]!.flatMap((e) => describeIssue(data, { ...e, path: [...issue.path, ...e.path] } as z.core.$ZodIssue));
    }
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

/** Parses and validates one scenario file's text (YAML, or JSON, which is YAML too). */
export function parseScenario(text: string): ParseResult {
  const source = readYaml(text);
  if (!source.ok) {
    return {
      ok: false,
      problems: [{ rule: "syntax", severity: "error", message: source.message, path: [], ...source.position }],
    };
  }
  if (source.data === null || source.data === undefined) {
    return {
      ok: false,
      problems: [{ rule: "empty", severity: "error", message: "the file is empty", path: [], line: 1, column: 1 }],
    };
  }
  const data = source.data;
  const locateIn = source.locate;
  const problems: Problem[] = [];
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

  // Sizes first: the schema and the reference checks would walk every alias's expansion.
  for (const p of checkSize(data)) add(p.rule, p.path, p.message, p.atKey);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems), locate: locateIn };

  const result = scenarioFileSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const d of describeIssue(data, issue)) add(d.rule, d.path, d.message, d.atKey);
    }
  }
  for (const p of checkReferences(data)) add(p.rule, p.path, p.message);

  if (!result.success) return { ok: false, problems: sortProblems(problems), locate: locateIn };
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems), locate: locateIn, sketch: normalizeScenario(result.data) };
  return { ok: true, scenario: normalizeScenario(result.data), problems: [], locate: locateIn };
}
