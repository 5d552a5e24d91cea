/** The `skill-unknown` rule: a skill the vocabulary (scenarios/skills.ts) does not know. */
import { skillOf, suggestSkill } from "../../skills";
import type { Scenario } from "../../types";
import type { Finding } from "../finding";

/** Each skill of the scenario that the vocabulary does not know, at its place in the list. */
export function skillRules(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  scenario.skills.forEach((id, i) => {
    if (skillOf(id)) return;
    const near = suggestSkill(id);
    const hint = near ? `did you mean "${near.id}" (${near.label})?` : "the known skills are listed in docs/scenario-format.md";
    out.push({
      rule: "skill-unknown",
      severity: "warning",
      message: `skill "${id}" is not in the skill vocabulary, so the library shows it under no family; ${hint}`,
      path: ["skills", i],
    });
  });
  return out;
}
