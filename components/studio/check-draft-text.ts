/** The command-line check of a draft's text, as the editor shows it: the same rules, positions and messages. */
import { checkScenario } from "../../scenarios/check-scenario";
import type { DraftCheck } from "../../contracts/studio-answers";
import type { Scenario } from "../../scenarios/types";
import { nodeLinesOf, type NodeLines } from "./node-lines";

/**
 * Checks `text` as the file `<scenarioId>.scenario.yaml`, as the server and `npm run scenarios --
 * check` do, so the editor's findings are the ones publishing will hold it to.
 */
export function checkDraftText(text: string, scenarioId: string): DraftCheck {
  return draftCheckOf(checkScenario(text, `${scenarioId}.scenario.yaml`));
}

function draftCheckOf(r: ReturnType<typeof checkScenario>): DraftCheck {
  return {
    errors: r.errors,
    warnings: r.warnings,
    problems: r.problems.map((p) => ({
      rule: p.rule,
      severity: p.severity,
      message: p.message,
      path: p.path,
      line: p.line,
      column: p.column,
      ...(p.nodeId !== undefined && { nodeId: p.nodeId }),
    })),
  };
}

/** What the editor asks the checking worker. */
export interface CheckRequest {
  /** Raised with every request; an answer to an older one is dropped. */
  seq: number;
  text: string;
  scenarioId: string;
}

/** The worker's answer. */
export interface CheckAnswer {
  seq: number;
  check: DraftCheck;
  /**
   * What the graph, the outline and the forms draw: the scenario when it parsed (`complete`), or
   * its sketch when it passed the schema but names missing nodes; absent when the text is not a
   * scenario yet (a syntax or schema error).
   */
  drawing?: { scenario: Scenario; complete: boolean; lines: NodeLines };
}

/** Answers one request: what the worker does with each message. */
export function answerCheck(request: CheckRequest): CheckAnswer {
  const r = checkScenario(request.text, `${request.scenarioId}.scenario.yaml`);
  const scenario = r.scenario ?? r.sketch;
  return {
    seq: request.seq,
    check: draftCheckOf(r),
    ...(scenario && r.locate && { drawing: { scenario, complete: r.scenario !== undefined, lines: nodeLinesOf(request.text, scenario, r.locate) } }),
  };
}
