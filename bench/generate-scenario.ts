/** Generates large, valid scenarios for benchmarks and tests: turns, branches on meters, flags and cycles. */
import { seededRandom } from "../machines/shuffle";
import { RESPONSE_KIND_IDS, RESPONSE_KINDS } from "../scenarios/kinds";
import { OUTCOMES, type Choice, type Comparison, type Condition, type Scenario, type ScenarioNode } from "../scenarios/types";

export interface GenerateOptions {
  nodes: number;
  seed: number;
  /** Share of choices that jump back to an earlier node (cycles). */
  backEdges?: number;
  /**
   * Flags in use at any one part of the scenario. As in written scenarios, a flag belongs to one
   * stretch of the story (about 50 nodes): set there and tested a little further on.
   */
  flags?: number;
  /** When false, the last choice of a turn may be guarded too, so some plays get stuck. */
  alwaysOffer?: boolean;
}

const OPS: Comparison["op"][] = ["<", "<=", ">", ">=", "=="];

export function generateScenario({ nodes: n, seed, backEdges = 0.05, flags = 2, alwaysOffer = true }: GenerateOptions): Scenario {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  // The flags of the stretch a node is in, and of the one before (so tests come after sets).
  const flagsNear = (i: number, back: 0 | 1) => {
    const region = Math.max(0, Math.floor(i / REGION) - back);
    return Array.from({ length: flags }, (_, k) => `flag-${region + 1}-${k + 1}`);
  };
  const id = (i: number) => `n${i}`;
  const REGION = 50;
  // About one node in twenty is an ending, spread through the story, and the last node is one.
  const isEnding = (i: number) => i === n - 1 || (i > 0 && i % 20 === 19);
  let endings = 0;
  const outcomeOf = () => OUTCOMES[endings++ % OUTCOMES.length]!;
  /** The next node after i that is not an ending: the story's main line goes on through it. */
  const onward = (i: number) => {
    let j = i + 1;
    while (j < n - 1 && isEnding(j)) j++;
    return id(Math.min(j, n - 1));
  };
  // Mostly forward, within a window, so plays are long; sometimes back within the same stretch,
  // so there are cycles, as where a trainee can return to an earlier point of a conversation.
  const target = (i: number) => {
    const regionStart = Math.floor(i / REGION) * REGION;
    if (i > regionStart && random() < backEdges) return id(int(Math.max(regionStart, i - 20), i - 1));
    return forward(i);
  };
  const forward = (i: number) => id(Math.min(n - 1, i + int(1, 6)));
  const comparison = (): Comparison => ({ op: pick(OPS), value: int(10, 90) });
  const condition = (i: number): Condition => {
    const r = random();
    const flag = () => pick(flagsNear(i, random() < 0.5 ? 0 : 1));
    if (r < 0.4) return { rapport: comparison() };
    if (r < 0.7) return { mutuality: comparison() };
    if (r < 0.85) return { flags: [flag()] };
    return { unset: [flag()], rapport: comparison() };
  };

  const nodes: Record<string, ScenarioNode> = {};
  for (let i = 0; i < n; i++) {
    if (isEnding(i)) {
      nodes[id(i)] = { type: "ending", say: [`Ending ${i}.`], outcome: outcomeOf() };
    } else if (i > 0 && random() < 0.15) {
      nodes[id(i)] = {
        type: "branch",
        // Branches only lead forward: a cycle of branch nodes alone would never wait for a choice.
        branch: [
          { when: { rapport: comparison() }, next: forward(i) },
          ...(random() < 0.5 ? [{ when: condition(i), next: forward(i) }] : []),
          { next: onward(i) },
        ],
      };
    } else {
      const count = int(2, 4);
      const choices: Choice[] = [];
      for (let c = 0; c < count; c++) {
        const kind = pick(RESPONSE_KIND_IDS);
        choices.push({
          id: `c${c + 1}`,
          say: `Choice ${c + 1} at ${i}.`,
          kind,
          rapport: RESPONSE_KINDS[kind].rapport,
          mutuality: RESPONSE_KINDS[kind].mutuality,
          feedback: "Generated.",
          set: random() < 0.1 ? [pick(flagsNear(i, 0))] : [],
          // The last choice never has a when, so most turns always offer something.
          ...((c < count - 1 || !alwaysOffer) && random() < 0.25 && { when: condition(i) }),
          // The last choice always leads on to the next node, so every node is reached.
          next: c === count - 1 ? onward(i) : target(i),
        });
      }
      nodes[id(i)] = { type: "turn", say: [`Line ${i}.`], choices };
    }
  }
  return generatedScenario(`generated-${n}`, `Generated scenario of ${n} nodes`, id(0), nodes);
}

/** A generated scenario around its nodes: everything else as plain as the format allows. */
export function generatedScenario(id: string, title: string, start: string, nodes: Record<string, ScenarioNode>): Scenario {
  return {
    format: 1,
    id,
    title,
    summary: "Generated for benchmarks.",
    skills: [],
    language: "en",
    roles: { trainee: "Peer specialist", counterpart: { name: "Sam" } },
    meters: { rapport: 50, mutuality: 50 },
    start,
    nodes,
  };
}
