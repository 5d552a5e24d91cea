/**
 * Generates the longest shapes a scenario can take, for benchmarks and tests: a chain of turns,
 * each leading only to the next, or the same chain closed into a cycle, either with a way back at
 * every turn. Written first node first, as a trainer writes a story: the order in which passes
 * that sweep over every node until nothing changes settle only one node per sweep.
 */
import { defaultQuestion, RESPONSE_KINDS, type ResponseKindId } from "../scenarios/kinds";
import type { Choice, Condition, Scenario, ScenarioNode } from "../scenarios/types";
import { generatedScenario } from "./generate-scenario";

export interface ChainOptions {
  nodes: number;
  /**
   * When true, the last turn leads back to the first, and out to an ending only while rapport is
   * high enough: no node surely ends, so the whole cycle goes through the exact analysis.
   */
  loop?: boolean;
  /**
   * When true, every turn after the first also offers a way back to the one before, and the flag
   * is tested at the first turn instead of the last: that it matters further on is known
   * everywhere only by going back along the ways back, one turn at a time.
   */
  back?: boolean;
}

/** A reply at turn i; its id is given once the turn's replies are known. */
const reply = (i: number, kind: ResponseKindId, next: string, extra: Partial<Choice> = {}): Omit<Choice, "id"> => ({
  say: defaultQuestion(kind) ? `Reply at turn ${i}?` : `Reply at turn ${i}.`,
  kind,
  rapport: RESPONSE_KINDS[kind].rapport,
  mutuality: RESPONSE_KINDS[kind].mutuality,
  feedback: "Generated.",
  set: [],
  ...extra,
  next,
});

/**
 * A chain of `nodes` nodes: turns t0, t1, … each offering a helpful, a neutral and a harmful
 * reply that all lead to the next turn, then two endings. A flag set at the first turn is tested
 * at the last, so it matters along the whole chain, and every tenth turn has a reply offered
 * only on high rapport.
 */
export function generateChain({ nodes: n, loop = false, back = false }: ChainOptions): Scenario {
  if (n < 4) throw new Error(`[bench] a chain needs at least 4 nodes, not ${n}`);
  const turns = n - 2;
  const id = (i: number) => `t${i}`;
  const nodes: Record<string, ScenarioNode> = {};
  const high: Condition = { rapport: { op: ">=", value: 60 } };
  for (let i = 0; i < turns; i++) {
    const last = i === turns - 1;
    const next = last ? (loop ? id(0) : "well") : id(i + 1);
    const replies = [
      reply(i, "listening-to", next, { best: true, ...(i === 0 && { set: ["opened-up"] }) }),
      reply(i, "closed-question", next),
      reply(i, "advising", last && !loop ? "badly" : next),
    ];
    if (back) replies.push(i > 0 ? reply(i, "open-question", id(i - 1)) : reply(i, "sharing-with", next, { when: { flags: ["opened-up"] } }));
    if (last) replies.push(reply(i, "validating", "well", { when: loop || back ? high : { flags: ["opened-up"] } }));
    else if (i % 10 === 9) replies.push(reply(i, "collaborating", next, { when: high }));
    if (last && loop) replies.push(reply(i, "dominating", "badly", { when: { unset: ["opened-up"], rapport: { op: "<", value: 20 } } }));
    const choices = replies.map((r, k) => ({ id: `c${k + 1}`, ...r }));
    nodes[id(i)] = { type: "turn", say: [`Line ${i}.`], choices };
  }
  nodes.well = { type: "ending", say: ["Thanks."], outcome: "connected" };
  nodes.badly = { type: "ending", say: [], outcome: "disengaged" };
  const name = loop ? "cycle" : "chain";
  return generatedScenario(`${name}${back ? "-back" : ""}-${n}`, `Generated ${name} of ${n} nodes${back ? " with ways back" : ""}`, id(0), nodes);
}
