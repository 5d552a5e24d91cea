/**
 * Rules on what a reachable turn offers in the situations plays reach it in: `choices-all-hidden`,
 * `no-helpful-kind`, and `when-never` / `when-always` for a choice's `when`.
 */
import { RESPONSE_KINDS, type ResponseKindId } from "../../kinds";
import { describeWhen } from "../../step";
import type { TurnNode } from "../../types";
import { describeRanges, describeSituation } from "../describe";
import type { Finding } from "../finding";
import * as M from "../meter-set";
import { regionInto } from "../when-region";
import type { Scratch } from "./scratch";

/** The offer rules at turn `id`, given the situations reached there. */
export function turnOfferRules(id: string, node: TurnNode, byKey: Map<string, M.MeterSet>, scratch: Scratch): Finding[] {
  const out: Finding[] = [];
  const at = ["nodes", id];
  const { offered, helpful, region: r, tmp } = scratch;
  let deadExample: { key: string; set: M.MeterSet } | undefined;
  let unhelpfulExample: { key: string; set: M.MeterSet } | undefined;
  const holds = node.choices.map(() => false);
  const fails = node.choices.map(() => false);
  const guarded = node.choices.some((c) => c.when);
  const isHelpful = (kind: ResponseKindId) => RESPONSE_KINDS[kind].effect === "helpful";
  const anyHelpful = node.choices.some((c) => isHelpful(c.kind));
  for (const [key, set] of byKey) {
    // With no when, every choice is on offer in every situation: nothing to compute.
    if (!guarded) {
      holds.fill(true);
      if (!anyHelpful && !unhelpfulExample) unhelpfulExample = { key, set };
      continue;
    }
    offered.fill(0);
    helpful.fill(0);
    node.choices.forEach((c, i) => {
      if (!c.when) {
        holds[i] = true;
        M.orInto(offered, set);
        if (isHelpful(c.kind)) M.orInto(helpful, set);
        return;
      }
      if (regionInto(r, set, c.when, key)) holds[i] = true;
      if (!fails[i]) {
        tmp.set(set);
        if (M.andNotInto(tmp, r)) fails[i] = true;
      }
      M.orInto(offered, r);
      if (isHelpful(c.kind)) M.orInto(helpful, r);
    });
    tmp.set(set);
    if (!deadExample && M.andNotInto(tmp, offered)) deadExample = { key, set: tmp.slice() };
    tmp.set(offered);
    if (!unhelpfulExample && M.andNotInto(tmp, helpful)) unhelpfulExample = { key, set: tmp.slice() };
  }
  if (deadExample) {
    out.push({
      rule: "choices-all-hidden",
      severity: "error",
      message: `node "${id}": every choice is hidden by its when for some plays, such as with ${describeSituation(M.firstPair(deadExample.set), deadExample.key)}; the conversation would be stuck`,
      path: [...at, "choices"],
      atKey: true,
    });
  }
  if (unhelpfulExample) {
    out.push({
      rule: "no-helpful-kind",
      severity: "warning",
      message: !anyHelpful
        ? `node "${id}": no choice is of a helpful kind, so the trainee cannot respond well here`
        : `node "${id}": no helpful choice is on offer for some plays, such as with ${describeSituation(M.firstPair(unhelpfulExample.set), unhelpfulExample.key)}`,
      path: [...at, "choices"],
      atKey: true,
    });
  }
  node.choices.forEach((c, i) => {
    if (!c.when) return;
    if (!holds[i]) {
      out.push({
        rule: "when-never",
        severity: "warning",
        message: `node "${id}": choice ${i + 1} ("${c.id}") is never offered: ${describeWhen(c.when)} cannot hold here, where plays reach ${describeRanges(byKey)}`,
        path: [...at, "choices", i, "when"],
      });
    } else if (!fails[i]) {
      out.push({
        rule: "when-always",
        severity: "warning",
        message: `node "${id}": choice ${i + 1} ("${c.id}") has a when that always holds here (${describeWhen(c.when)}); it can go`,
        path: [...at, "choices", i, "when"],
      });
    }
  });
  return out;
}
