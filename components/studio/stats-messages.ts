/** What the page and the stats worker (stats.worker.ts) send each other, and the worker's one step. */
import { scenarioStats, type ScenarioStats } from "../../scenarios/stats";
import type { Scenario } from "../../scenarios/types";

export interface StatsRequest {
  /** Raised with every request; an answer to an older one is dropped. */
  seq: number;
  scenario: Scenario;
  /** Most situations to explore; the command line's limit when absent. */
  limit?: number;
}

export type StatsAnswer =
  | { seq: number; stats: ScenarioStats; /** Time the analysis took. */ ms: number; error?: undefined }
  | { seq: number; error: string; stats?: undefined };

/** The stats' refusal of a scenario too large to explore, as it words it. */
const TOO_MANY = /more than (\d+) situations/;

/** A trainer's sentence for why the analysis stopped. */
export function statsErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const tooMany = TOO_MANY.exec(message);
  if (tooMany) {
    const limit = Number(tooMany[1]).toLocaleString("en-US");
    return `This draft can be in more than ${limit} situations (a node with the meters and flags a play reaches it with), too many to explore exactly. The playtest still plays it.`;
  }
  return `The analysis stopped: ${message.replace(/^\[[a-z]+\] /, "")}`;
}

/**
 * The scenario's statistics as `npm run scenarios -- stats` computes them (the same
 * `scenarioStats`, with its limit), or why they could not be had.
 */
export function answerStats(request: StatsRequest): StatsAnswer {
  const started = performance.now();
  try {
    const stats = scenarioStats(request.scenario, request.limit === undefined ? {} : { limit: request.limit });
    return { seq: request.seq, stats, ms: performance.now() - started };
  } catch (e) {
    return { seq: request.seq, error: statsErrorMessage(e) };
  }
}
