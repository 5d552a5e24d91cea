/** Parses, validates and analyses one scenario file: every problem with its position. */
import { analyzeScenario } from "./analyze";
import { parseScenario } from "./parse";
import { nodeIdOf, sortProblems, type Problem } from "./problem";
import type { Scenario } from "./types";

export interface CheckResult {
  /** Present when the file parsed and passed the schema (it may still have analysis errors). */
  scenario?: Scenario;
  problems: Problem[];
  errors: number;
  warnings: number;
}

export function checkScenario(text: string): CheckResult {
  const parsed = parseScenario(text);
  const problems = [...parsed.problems];
  if (parsed.ok) {
    for (const f of analyzeScenario(parsed.scenario)) {
      const nodeId = nodeIdOf(f.path);
      problems.push({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        path: f.path,
        ...parsed.locate(f.path, f.atKey ?? false),
        ...(nodeId !== undefined && { nodeId }),
      });
    }
  }
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === "error").length;
  return {
    ...(parsed.ok && { scenario: parsed.scenario }),
    problems: sorted,
    errors,
    warnings: sorted.length - errors,
  };
}
