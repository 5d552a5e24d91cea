/** The command-line check of a draft's text, as the editor shows it: the same rules, positions and messages. */
import { checkScenario } from "../../scenarios/check-scenario";
import type { DraftCheck } from "../../contracts/studio-answers";

/**
 * Checks `text` as the file `<scenarioId>.scenario.yaml`, as the server and `npm run scenarios --
 * check` do, so the editor's findings are the ones publishing will hold it to.
 */
export function checkDraftText(text: string, scenarioId: string): DraftCheck {
  const r = checkScenario(text, `${scenarioId}.scenario.yaml`);
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
}

/** Answers one request: what the worker does with each message. */
export function answerCheck(request: CheckRequest): CheckAnswer {
  return { seq: request.seq, check: checkDraftText(request.text, request.scenarioId) };
}
