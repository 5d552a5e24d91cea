/** What `scenarioStats` tells an author about a scenario. */
import type { ResponseKindId } from "../kinds";
import type { Meters, Outcome } from "../types";

/** A count of turns that loops can make as large as one likes. */
export type Unbounded = "unbounded";

export interface MeterRange {
  low: number;
  high: number;
}

/** A node together with the meters and flags some play reaches it with. */
export interface Situation extends Meters {
  nodeId: string;
  /** Sorted flag names. */
  flags: string[];
}

export interface EndingStats {
  nodeId: string;
  outcome: Outcome;
  /** Some play ends here. */
  reachable: boolean;
  /** Fewest turns (choices) on a play that ends here; absent when unreachable. */
  fewestTurns?: number;
  /** Most turns on a play that ends here, or "unbounded" when a loop can lead here. */
  mostTurns?: number | Unbounded;
  /** Rapport values a play can end here with. */
  rapport?: MeterRange;
  /** Mutuality values a play can end here with. */
  mutuality?: MeterRange;
}

/** One turn of a path: the turn node and the choice made there. */
export interface PathStep {
  nodeId: string;
  choiceId: string;
  kind: ResponseKindId;
}

/** One complete play, from the start to an ending. */
export interface PathStats {
  endingId: string;
  outcome: Outcome;
  meters: Meters;
  /** The choices made, in order; `choiceIds` as `replay()` takes them. */
  steps: PathStep[];
  choiceIds: string[];
  /** Every node passed through, branches and the ending included. */
  nodeIds: string[];
}

export interface KindStats {
  kind: ResponseKindId;
  /** Choices of this kind at turn nodes some play reaches (whether or not their `when` holds there). */
  onOffer: number;
  /** Choices of this kind anywhere in the file. */
  inFile: number;
}

export interface ScenarioStats {
  id: string;
  title: string;
  counts: {
    nodes: number;
    /** Turn nodes. */
    turns: number;
    branches: number;
    endings: number;
    /** Choices over all turn nodes. */
    choices: number;
    /** Distinct situations some play reaches. */
    situations: number;
    /** Nodes some play reaches. */
    reachableNodes: number;
  };
  /** Every ending node, in file order. */
  endings: EndingStats[];
  /** A play with the best result (absent when no ending is reachable). */
  best?: PathStats;
  /** A play with the worst result (absent when no ending is reachable). */
  worst?: PathStats;
  /** Distinct plays from the start to an ending, or "unbounded" when plays can loop forever. */
  paths: bigint | Unbounded;
  /** Situations from which no ending can be reached, with the first one found. */
  traps: { count: number; example?: Situation };
  /** Every kind, in the kinds table's order. */
  kinds: KindStats[];
  /** Choices at reachable turn nodes, all kinds together. */
  choicesOnOffer: number;
}

export interface StatsOptions {
  /** Most situations to explore before giving up (default 2,000,000). */
  limit?: number;
}
