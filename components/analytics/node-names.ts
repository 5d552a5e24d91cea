/** How the analytics pages name a scenario's nodes and kinds to people. */
import { RESPONSE_KINDS, type ResponseKindId } from "../../scenarios/kinds";
import type { Scenario } from "../../scenarios/types";

/** Whitespace collapsed and cut at a word near `max` characters, with an ellipsis. */
export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What the counterpart says at a node, shortened; "" for a branch, or a node the drawn version lacks. */
export function nodeLine(scenario: Scenario, nodeId: string, max = 80): string {
  const node = Object.hasOwn(scenario.nodes, nodeId) ? scenario.nodes[nodeId] : undefined;
  if (!node || node.type === "branch") return "";
  return shorten(node.say.join(" "), max);
}

/** The drawn version's node ids in file order, so tables follow the scenario as written; others after, by id. */
export function nodeOrder(scenario: Scenario): (a: string, b: string) => number {
  const at = new Map(Object.keys(scenario.nodes).map((id, i) => [id, i]));
  return (a, b) => (at.get(a) ?? Infinity) - (at.get(b) ?? Infinity) || a.localeCompare(b);
}

export const kindLabel = (kind: ResponseKindId) => RESPONSE_KINDS[kind].label;
