/** Parses, validates and analyses one scenario file: every problem with its position. */
import { analyzeScenario } from "./analysis";
import { parseScenario, type Locate } from "./parse";
import { nodeIdOf, sortProblems, type Problem } from "./problem";
import { SCENARIO_FILE, scenarioFileStem } from "./scenario-file";
import type { Scenario } from "./types";

export interface CheckResult {
  /** Present when the file parsed and passed the schema (it may still have analysis errors). */
  scenario?: Scenario;
  /** When the file passed the schema but names nodes that do not exist: the scenario as far as it can be drawn. */
  sketch?: Scenario;
  /** Where each data path stands in the text, when the text is YAML at all. */
  locate?: Locate;
  problems: Problem[];
  errors: number;
  warnings: number;
}

/**
 * Checks one file's text. When `fileName` follows the `<id>.scenario.yaml` convention, the id
 * must match it, since the library and links find scenarios by file name.
 */
export function checkScenario(text: string, fileName?: string): CheckResult {
  const parsed = parseScenario(text);
  const problems = [...parsed.problems];
  const base = fileName?.split(/[\\/]/).pop() ?? "";
  if (parsed.ok && SCENARIO_FILE.test(base)) {
    const stem = scenarioFileStem(base);
    if (stem !== parsed.scenario.id) {
      problems.push({
        rule: "id-mismatch",
        severity: "error",
        message: `id: "${parsed.scenario.id}" differs from the file name; name the file ${parsed.scenario.id}.scenario.yaml or change the id to "${stem}"`,
        path: ["id"],
        ...parsed.locate(["id"]),
      });
    }
  }
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
    ...(!parsed.ok && parsed.sketch && { sketch: parsed.sketch }),
    ...(parsed.locate && { locate: parsed.locate }),
    problems: sorted,
    errors,
    warnings: sorted.length - errors,
  };
}
