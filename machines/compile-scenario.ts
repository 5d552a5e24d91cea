/** Compiles a validated scenario into an XState machine: one state per node. */
import { and, assign, setup, type SnapshotFrom } from "xstate";
import { applyChoice, branchTaken, conditionHolds } from "../scenarios/step";
import type { BranchRule, Condition, Meters, Outcome, Scenario } from "../scenarios/types";

/** One choice made, as the machine records it. */
export interface TurnRecord {
  /** The turn node the choice was made at. */
  nodeId: string;
  choiceId: string;
  /** Meters before the choice. */
  before: Meters;
  /** Meters after the choice, clamped. */
  after: Meters;
}

export interface ScenarioContext extends Meters {
  /** Flags set so far, in the order first set. */
  flags: string[];
  /** Every choice made so far. */
  turns: TurnRecord[];
}

export type ScenarioEvent = { type: "choice.select"; choiceId: string };

export interface ScenarioOutput {
  endingId: string;
  outcome: Outcome;
  meters: Meters;
}

/** Meta attached to ending states. */
export interface EndingMeta {
  outcome: Outcome;
}

interface ApplyChoiceParams {
  nodeId: string;
  choiceId: string;
  rapport: number;
  mutuality: number;
  set: string[];
}

const scenarioSetup = setup({
  types: {
    context: {} as ScenarioContext,
    events: {} as ScenarioEvent,
    output: {} as ScenarioOutput,
  },
  guards: {
    /** The event picks this choice. */
    choiceIs: ({ event }, params: { choiceId: string }) => event.choiceId === params.choiceId,
    /** A scenario `when` holds for the current meters and flags. */
    conditionHolds: ({ context }, params: { when: Condition }) => conditionHolds(params.when, context),
    /** This entry of a branch node is the one a play takes from here. */
    branchTaken: ({ context }, params: { branch: BranchRule[]; index: number }) => branchTaken(params.branch, context) === params.index,
  },
  actions: {
    applyChoice: assign(({ context }, params: ApplyChoiceParams) => {
      const before = { rapport: context.rapport, mutuality: context.mutuality };
      const { flags, ...after } = applyChoice(context, params);
      return {
        ...after,
        flags,
        turns: [...context.turns, { nodeId: params.nodeId, choiceId: params.choiceId, before, after }],
      };
    }),
  },
});

/** The machine type every compiled scenario has. */
export type ScenarioMachine = ReturnType<typeof compileScenario>;
export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;

type NodeConfig = NonNullable<Parameters<typeof scenarioSetup.createMachine>[0]["states"]>[string];

/**
 * Builds the machine for a scenario that passed validation. Turn nodes take `choice.select`
 * guarded by the choice's `when`; branch nodes are eventless, each entry guarded by being the one
 * `branchTaken` picks; endings are final states.
 * It has no `invoke` and no delays, so graph tools and pure `transition()` work on it.
 */
export function compileScenario(scenario: Scenario) {
  const states: Record<string, NodeConfig> = {};
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    if (node.type === "turn") {
      states[nodeId] = {
        on: {
          "choice.select": node.choices.map((c) => ({
            target: c.next,
            guard: c.when
              ? and([
                  { type: "choiceIs", params: { choiceId: c.id } },
                  { type: "conditionHolds", params: { when: c.when } },
                ])
              : { type: "choiceIs", params: { choiceId: c.id } },
            actions: {
              type: "applyChoice",
              params: { nodeId, choiceId: c.id, rapport: c.rapport, mutuality: c.mutuality, set: c.set },
            },
          })),
        },
      };
    } else if (node.type === "branch") {
      states[nodeId] = {
        always: node.branch.map((b, index) => ({
          target: b.next,
          guard: { type: "branchTaken", params: { branch: node.branch, index } },
        })),
      };
    } else {
      states[nodeId] = {
        type: "final",
        meta: { outcome: node.outcome } satisfies EndingMeta,
        output: { endingId: nodeId, outcome: node.outcome } satisfies EndingMeta & { endingId: string },
      };
    }
  }

  return scenarioSetup.createMachine({
    id: scenario.id,
    initial: scenario.start,
    context: { ...scenario.meters, flags: [], turns: [] },
    states,
    // The done event carries the ending state's own output (its id and outcome).
    output: ({ context, event }) => {
      const ending = (event as unknown as { output: { endingId: string; outcome: Outcome } }).output;
      return { ...ending, meters: { rapport: context.rapport, mutuality: context.mutuality } };
    },
  });
}
