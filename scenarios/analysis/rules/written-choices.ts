/**
 * Rules on how a turn's choices are written, whatever plays reach it: `no-feedback`, `one-kind`,
 * `question-mismatch`, `best-duplicate` and `best-tie`.
 */
import { questionOf } from "../../kinds";
import { strengthOf as strength, strongestOf } from "../../strongest";
import type { Choice, TurnNode } from "../../types";
import type { Finding } from "../finding";

const named = (c: Choice, i: number) => `choice ${i + 1} ("${c.id}")`;

/** A choice without feedback, and a turn whose choices are all of one kind. */
export function writtenChoiceRules(id: string, node: TurnNode): Finding[] {
  const out: Finding[] = [];
  const at = ["nodes", id];
  node.choices.forEach((c, i) => {
    if (c.feedback === undefined) {
      out.push({
        rule: "no-feedback",
        severity: "warning",
        message: `node "${id}": choice ${i + 1} ("${c.id}") has no feedback, so the trainee only sees its kind's general explanation`,
        path: [...at, "choices", i],
      });
    }
  });
  node.choices.forEach((c, i) => {
    const question = questionOf(c);
    const asks = c.say.includes("?");
    if (asks && question === undefined) {
      out.push({
        rule: "question-mismatch",
        severity: "warning",
        message: `node "${id}": ${named(c, i)} asks something ("?") but is counted as no question, since it is ${c.kind}; add question: open or question: closed so the reflection metrics count it`,
        path: [...at, "choices", i, "say"],
      });
    } else if (!asks && question !== undefined) {
      const why = c.question !== undefined ? "question: " + c.question : `its kind, ${c.kind}`;
      out.push({
        rule: "question-mismatch",
        severity: "warning",
        message: `node "${id}": ${named(c, i)} is counted as ${question === "open" ? "an open" : "a closed"} question (${why}) but its words ask nothing (no "?"); ${c.question !== undefined ? "remove question" : "give it the kind of what it says"}, or word it as the question it is`,
        path: [...at, "choices", i, c.question !== undefined ? "question" : "say"],
      });
    }
  });
  const marked = node.choices.flatMap((c, i) => (c.best ? [i] : []));
  for (const i of marked.slice(1)) {
    out.push({
      rule: "best-duplicate",
      severity: "error",
      message: `node "${id}": ${named(node.choices[i]!, i)} is marked best, and so is ${named(node.choices[marked[0]!]!, marked[0]!)}; mark one choice a turn`,
      path: [...at, "choices", i, "best"],
    });
  }
  if (marked.length === 0 && node.choices.length > 1) {
    const top = Math.max(...node.choices.map(strength));
    const tied = node.choices.flatMap((c, i) => (strength(c) === top ? [i] : []));
    if (tied.length > 1) {
      const pick = strongestOf(node.choices)!;
      out.push({
        rule: "best-tie",
        severity: "warning",
        message: `node "${id}": ${tied.map((i) => named(node.choices[i]!, i)).join(", ").replace(/, ([^,]*)$/, " and $1")} tie for the strongest option (rapport + mutuality ${top}); mark the one to learn from with best: true, or the debrief shows "${pick.id}" by the kind order`,
        path: [...at, "choices"],
        atKey: true,
      });
    }
  }
  const kinds = new Set(node.choices.map((c) => c.kind));
  if (node.choices.length > 1 && kinds.size === 1) {
    out.push({
      rule: "one-kind",
      severity: "warning",
      message: `node "${id}": every choice is ${node.choices[0]!.kind}, so the turn practises no real decision`,
      path: [...at, "choices"],
      atKey: true,
    });
  }
  return out;
}
