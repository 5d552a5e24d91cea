/** A scenario's statistics for its author (`npm run scenarios -- stats`) and the library card's length. */
export { longestPlay } from "./longest-play";
export { scenarioStats } from "./scenario-stats";
export type {
  EndingStats,
  KindStats,
  MeterRange,
  PathStats,
  PathStep,
  ScenarioStats,
  Situation,
  StatsOptions,
  Unbounded,
} from "./types";
