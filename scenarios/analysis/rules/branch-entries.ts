/** Rules on a reachable branch node's entries: `when-never` (never taken) and `when-always` (always taken). */
import { describeWhen } from "../../step";
import type { BranchNode } from "../../types";
import { describeRanges } from "../describe";
import type { Finding } from "../finding";
import type * as M from "../meter-set";
import { splitAmongEntries } from "../when-region";
import type { Scratch } from "./scratch";

/** The entry rules at branch `id`, given the situations reached there. */
export function branchEntryRules(id: string, node: BranchNode, byKey: Map<string, M.MeterSet>, scratch: Scratch): Finding[] {
  const out: Finding[] = [];
  const at = ["nodes", id];
  const taken = node.branch.map(() => false);
  // Whether the entry takes every pair that reaches it, and whether any pair reaches it at all.
  const all = node.branch.map(() => true);
  const reached = node.branch.map(() => false);
  for (const [key, set] of byKey) {
    splitAmongEntries(node.branch, set, key, scratch.split, (i, _part, any, left) => {
      reached[i] = true;
      if (any) taken[i] = true;
      if (left) all[i] = false;
    });
  }
  node.branch.forEach((b, i) => {
    if (!taken[i]) {
      out.push({
        rule: "when-never",
        severity: "warning",
        message: b.when
          ? `node "${id}": branch entry ${i + 1} is never taken: ${describeWhen(b.when)} cannot hold here (or an earlier entry always takes it), where plays reach ${describeRanges(byKey)}`
          : `node "${id}": the fallback entry is never taken: an earlier entry always holds`,
        path: b.when ? [...at, "branch", i, "when"] : [...at, "branch", i],
      });
    } else if (b.when && all[i] && reached[i] && i < node.branch.length - 1) {
      out.push({
        rule: "when-always",
        severity: "warning",
        message: `node "${id}": branch entry ${i + 1} always holds here (${describeWhen(b.when)}), so the entries after it are never taken`,
        path: [...at, "branch", i, "when"],
      });
    }
  });
  return out;
}
