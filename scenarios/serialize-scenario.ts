/** Turns a normalized scenario back into the file shape trainers write, and into YAML text. */
import { Document, isMap, isScalar, isSeq, type Node } from "yaml";
import { RESPONSE_KINDS } from "./kinds";
import type { BranchRule, Choice, Comparison, Condition, Scenario, ScenarioNode } from "./types";

export const SCHEMA_COMMENT = " yaml-language-server: $schema=../scenario.schema.json";

const comparisonToFile = (c: Comparison): string => `${c.op} ${c.value}`;

/** A `when` condition as written in a file: comparisons become strings such as `"< 30"`. */
export function conditionToFile(when: Condition): Record<string, unknown> {
  return {
    ...(when.rapport && { rapport: comparisonToFile(when.rapport) }),
    ...(when.mutuality && { mutuality: comparisonToFile(when.mutuality) }),
    ...(when.flags && { flags: [...when.flags] }),
    ...(when.unset && { unset: [...when.unset] }),
  };
}

/** A choice as written in a file; values the parser would fill in anyway are left out. */
export function choiceToFile(choice: Choice, index: number): Record<string, unknown> {
  const defaults = RESPONSE_KINDS[choice.kind];
  return {
    ...(choice.id !== String(index + 1) && { id: choice.id }),
    say: choice.say,
    kind: choice.kind,
    ...(choice.reflection !== undefined && { reflection: choice.reflection }),
    ...(choice.question !== undefined && { question: choice.question }),
    ...(choice.best && { best: true }),
    ...(choice.rapport !== defaults.rapport && { rapport: choice.rapport }),
    ...(choice.mutuality !== defaults.mutuality && { mutuality: choice.mutuality }),
    ...(choice.feedback !== undefined && { feedback: choice.feedback }),
    ...(choice.set.length > 0 && { set: [...choice.set] }),
    ...(choice.when && { when: conditionToFile(choice.when) }),
    next: choice.next,
  };
}

/** A branch entry as written in a file. */
export function branchRuleToFile(rule: BranchRule): Record<string, unknown> {
  return rule.when ? { when: conditionToFile(rule.when), next: rule.next } : { next: rule.next };
}

const linesToFile = (say: readonly string[]): string | string[] => (say.length === 1 ? (say[0] as string) : [...say]);

function nodeToFile(node: ScenarioNode): Record<string, unknown> {
  switch (node.type) {
    case "turn":
      return { say: linesToFile(node.say), choices: node.choices.map(choiceToFile), ...(node.askRationale && { "ask-rationale": true }) };
    case "branch":
      return { branch: node.branch.map(branchRuleToFile) };
    case "ending":
      return {
        ...(node.say.length > 0 && { say: linesToFile(node.say) }),
        end: { outcome: node.outcome, ...(node.debrief !== undefined && { debrief: node.debrief }) },
      };
  }
}

/** The file shape of a scenario; `parseScenario` of it gives back an equal scenario. */
export function toScenarioFile(scenario: Scenario): Record<string, unknown> {
  const { counterpart } = scenario.roles;
  return {
    format: 1,
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    ...(scenario.skills.length > 0 && { skills: [...scenario.skills] }),
    ...(scenario.contentNote !== undefined && { "content-note": scenario.contentNote }),
    ...(scenario.language !== "en" && { language: scenario.language }),
    roles: {
      trainee: scenario.roles.trainee,
      counterpart: {
        name: counterpart.name,
        ...(counterpart.description !== undefined && { description: counterpart.description }),
      },
    },
    meters: { ...scenario.meters },
    start: scenario.start,
    nodes: Object.fromEntries(Object.entries(scenario.nodes).map(([id, node]) => [id, nodeToFile(node)])),
  };
}

function flow(node: unknown): void {
  if (isMap(node) || isSeq(node)) node.flow = true;
}

/**
 * A YAML document of a file-shaped scenario, laid out like the hand-written library files
 * (short lists and conditions on one line), so callers can attach comments before printing.
 */
export function scenarioDocument(file: Record<string, unknown>): Document {
  const doc = new Document(file);
  doc.commentBefore = SCHEMA_COMMENT;
  flow(doc.get("skills", true));
  flow(doc.get("meters", true));
  const nodes = doc.get("nodes", true);
  if (isMap(nodes)) {
    for (const pair of nodes.items) {
      const node = pair.value as Node | null;
      if (!isMap(node)) continue;
      for (const list of [node.get("choices", true), node.get("branch", true)]) {
        if (!isSeq(list)) continue;
        for (const item of list.items) {
          if (!isMap(item)) continue;
          flow(item.get("set", true));
          const when = item.get("when", true);
          flow(when);
          // Quoted as the format documents them: a bare `== 30` is valid YAML but reads like a typo.
          for (const meter of ["rapport", "mutuality"]) {
            const value = isMap(when) ? when.get(meter, true) : undefined;
            if (isScalar(value)) value.type = "QUOTE_DOUBLE";
          }
        }
      }
    }
  }
  return doc;
}

/** Prints YAML without folding long lines, which would make diffs of edited text hard to read. */
export function printScenarioDocument(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}

/** The scenario as YAML file text, starting with the schema comment editors use. */
export function scenarioToYaml(scenario: Scenario): string {
  return printScenarioDocument(scenarioDocument(toScenarioFile(scenario)));
}
