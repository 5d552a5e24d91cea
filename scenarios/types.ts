/** The validated, normalized form of a scenario (defaults applied). */
import type { ResponseKindId } from "./kinds";

/** How a conversation can end, from the best to the worst. */
export const OUTCOMES = ["connected", "mixed", "disengaged"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type MeterName = "rapport" | "mutuality";
export const METER_NAMES: readonly MeterName[] = ["rapport", "mutuality"];

export type ComparisonOp = "<" | "<=" | ">" | ">=" | "==";

/** A meter compared with an integer, as written `">= 40"` in a file. */
export interface Comparison {
  op: ComparisonOp;
  value: number;
}

/** A `when` condition: holds when every key present holds. */
export interface Condition {
  /** Compares the current rapport meter. */
  rapport?: Comparison;
  /** Compares the current mutuality meter. */
  mutuality?: Comparison;
  /** Flags that must all be set. */
  flags?: string[];
  /** Flags that must all be unset. */
  unset?: string[];
}

export interface Meters {
  rapport: number;
  mutuality: number;
}

export interface Choice {
  /** Unique within its node; defaults to the 1-based position as a string. */
  id: string;
  /** What the trainee says. */
  say: string;
  kind: ResponseKindId;
  /** For listening-to choices: how deep the reflection goes (reflection metrics). */
  reflection?: "simple" | "complex";
  /** The question this choice asks, kept only where it differs from its kind's (open for open-question, closed for closed-question, none otherwise); read it with `questionOf`. */
  question?: "open" | "closed";
  /** The author marks this choice the strongest on its turn (the debrief's "strongest option"); absent means not. */
  best?: true;
  /** Rapport delta; defaults to the kind's. */
  rapport: number;
  /** Mutuality delta; defaults to the kind's. */
  mutuality: number;
  /** The scenario's own feedback on this choice. */
  feedback?: string;
  /** Flags this choice sets. */
  set: string[];
  /** Offered only while this holds. */
  when?: Condition;
  /** The node this choice leads to. */
  next: string;
}

export interface TurnNode {
  type: "turn";
  /** The counterpart's lines. */
  say: string[];
  choices: Choice[];
  /** The scenario asks the trainee (practice mode) for a note on why they chose their response here; absent means it does not. */
  askRationale?: true;
}

export interface BranchRule {
  when?: Condition;
  next: string;
}

export interface BranchNode {
  type: "branch";
  /** Tried in order; the first whose `when` holds is taken; the last has no `when`. */
  branch: BranchRule[];
}

export interface EndingNode {
  type: "ending";
  /** The counterpart's closing lines, possibly none. */
  say: string[];
  outcome: Outcome;
  /** Shown in the debrief. */
  debrief?: string;
}

export type ScenarioNode = TurnNode | BranchNode | EndingNode;

export interface Scenario {
  format: 1;
  /** Kebab-case id, also the file name stem. */
  id: string;
  title: string;
  summary: string;
  /** Free tags used to filter the library. */
  skills: string[];
  /** Shown before play starts. */
  contentNote?: string;
  /** BCP 47 tag; defaults to "en". */
  language: string;
  roles: {
    /** Who the trainee plays. */
    trainee: string;
    counterpart: { name: string; description?: string };
  };
  /** Start values of the meters. */
  meters: Meters;
  /** The first node: a turn or a branch. */
  start: string;
  /** Nodes in file order. */
  nodes: Record<string, ScenarioNode>;
}
