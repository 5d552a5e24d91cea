/** Rules on how a turn's choices are written, whatever plays reach it: `no-feedback` and `one-kind`. */
import type { TurnNode } from "../../types";
import type { Finding } from "../finding";

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
