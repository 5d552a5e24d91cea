/**
 * One session as the analytics read it: its stored choices replayed on the scenario version it was
 * played on (server/session-replay.ts, through the compiled machine), kept as a small summary.
 * Every figure of a scenario's analytics and a person's progress is computed from these
 * summaries, so a session is replayed once per revision, not once per page view.
 */
import type { ScenarioMachine } from "../../machines/compile-scenario";
import { reflectionMetrics } from "../../machines/debrief";
import type { ResponseKindId } from "../../scenarios/kinds";
import { branchTaken, flagsAfter, type PlayState } from "../../scenarios/step";
import type { Outcome, Scenario } from "../../scenarios/types";
import { replayStored } from "../session-replay";
import type { ChoiceRow, SessionRow } from "../store";

/** Raised whenever what a summary holds or how it is computed changes: stored summaries of another format are computed again. */
export const SUMMARY_FORMAT = 2;

/** A stored choice as the analytics read it. */
export interface AnalyticsChoice {
  /** 1-based position in the session. */
  seq: number;
  choiceId: string;
  timeTakenMs: number;
  createdAt: string;
  /** The trainee's note on why they chose it, if they wrote one. */
  note: string | null;
}

/** The one place a stored choice row becomes an analytics choice. */
export function toAnalyticsChoice(row: ChoiceRow): AnalyticsChoice {
  return {
    seq: row.seq,
    choiceId: row.choiceId,
    timeTakenMs: row.timeTakenMs,
    createdAt: row.createdAt,
    // Never kept in a summary: notes are read fresh with every request (see notesOf in
    // scenario-analytics.ts), since writing one does not raise the session's revision.
    note: null,
  };
}

/** One choice that replays. */
export interface SummaryTurn {
  /** The turn node it was made at. */
  node: string;
  choice: string;
  kind: ResponseKindId;
  /** Time taken to choose. */
  ms: number;
  /** Meters after it. */
  rapport: number;
  mutuality: number;
  /** The trainee's note and when the choice was stored; only when there is a note. */
  note?: string;
  at?: string;
}

export interface SessionSummary {
  /** Meters at the start. */
  start: { rapport: number; mutuality: number };
  /** The choices that replay, in order. */
  turns: SummaryTurn[];
  /**
   * Every node reached, in order, with repeats: the start, each branch passed through (the entry
   * taken is the one `branchTaken` picks, as in the machine), each turn, and the ending. The last
   * is where the session stands.
   */
  path: string[];
  /** The outcome of the ending reached; null when none was. */
  outcome: Outcome | null;
  /** Reflection counts (machines/debrief.ts `reflectionMetrics`). */
  reflections: { reflections: number; simple: number; complex: number; questions: number };
  /** Why the replay does not cover the stored choices (server/session-replay.ts); null when it does. */
  damage: string | null;
}

/**
 * Replays a session's stored choices on its scenario version (`machine` compiled from it) and
 * summarizes them. Choices past the first that does not replay are left out, as the transcript
 * leaves them out.
 */
export function summarizeSession(
  session: Pick<SessionRow, "status" | "outcome">,
  choices: readonly AnalyticsChoice[],
  scenario: Scenario,
  machine: ScenarioMachine,
): SessionSummary {
  const { replay, damage } = replayStored(session, scenario, choices, machine);
  const bySeq = new Map(choices.map((c) => [c.seq, c]));
  const path: string[] = [];
  /** Walks from `id` through branch nodes to the turn or ending a play lands on, adding each to the path. */
  const follow = (id: string, state: PlayState) => {
    // A branch cannot lead back to itself without a turn between (the checker refuses such loops); the bound only guards a damaged version.
    for (let hops = 0; hops <= Object.keys(scenario.nodes).length; hops++) {
      path.push(id);
      const node = scenario.nodes[id];
      if (node?.type !== "branch") return;
      const taken = node.branch[branchTaken(node.branch, state)];
      if (!taken) return;
      id = taken.next;
    }
  };
  const start = replay.turns[0]?.before ?? replay.meters;
  let flags: string[] = [];
  follow(scenario.start, { ...start, flags });
  const turns = replay.turns.map((t): SummaryTurn => {
    const stored = bySeq.get(t.index + 1);
    flags = flagsAfter(flags, t.choice.set);
    follow(t.choice.next, { ...t.after, flags });
    return {
      node: t.nodeId,
      choice: t.choice.id,
      kind: t.kind,
      ms: stored?.timeTakenMs ?? 0,
      rapport: t.after.rapport,
      mutuality: t.after.mutuality,
      ...(stored?.note != null && { note: stored.note, at: stored.createdAt }),
    };
  });
  const m = reflectionMetrics(replay.turns);
  return {
    start: { rapport: start.rapport, mutuality: start.mutuality },
    turns,
    path,
    outcome: replay.ending?.outcome ?? null,
    reflections: { reflections: m.reflections, simple: m.simple, complex: m.complex, questions: m.questions },
    damage,
  };
}
