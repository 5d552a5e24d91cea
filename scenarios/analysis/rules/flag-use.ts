/** Rules on flags across the scenario: `flag-never-set` and `flag-never-tested`. */
import type { PathSegment } from "../../problem";
import { flagsTested } from "../../step";
import type { Condition, Scenario } from "../../types";
import type { Finding } from "../finding";

/** A flag tested that no choice sets, and a flag set that no `when` tests, each at its first use. */
export function flagUseRules(scenario: Scenario): Finding[] {
  const setAt = new Map<string, PathSegment[]>();
  const testedAt = new Map<string, PathSegment[]>();
  const noteTested = (when: Condition | undefined, path: PathSegment[]) => {
    for (const { flag, key, index } of flagsTested(when)) if (!testedAt.has(flag)) testedAt.set(flag, [...path, key, index]);
  };
  for (const [id, node] of Object.entries(scenario.nodes)) {
    const at: PathSegment[] = ["nodes", id];
    if (node.type === "turn") {
      node.choices.forEach((c, i) => {
        c.set.forEach((f, j) => setAt.has(f) || setAt.set(f, [...at, "choices", i, "set", j]));
        noteTested(c.when, [...at, "choices", i, "when"]);
      });
    } else if (node.type === "branch") {
      node.branch.forEach((b, i) => noteTested(b.when, [...at, "branch", i, "when"]));
    }
  }
  const out: Finding[] = [];
  for (const [flag, path] of testedAt) {
    if (!setAt.has(flag)) {
      out.push({ rule: "flag-never-set", severity: "warning", message: `flag "${flag}" is tested but no choice sets it`, path });
    }
  }
  for (const [flag, path] of setAt) {
    if (!testedAt.has(flag)) {
      out.push({ rule: "flag-never-tested", severity: "warning", message: `flag "${flag}" is set but never tested, so it changes nothing`, path });
    }
  }
  return out;
}
