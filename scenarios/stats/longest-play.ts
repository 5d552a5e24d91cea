/** The length of the longest play, as the library card shows it. */
import type { ScenarioStats, Unbounded } from "./types";

/** Most turns any play can take: "unbounded" when plays can loop, otherwise the most over the reachable endings (0 when none is reachable). */
export function longestPlay(stats: ScenarioStats): number | Unbounded {
  if (stats.paths === "unbounded") return "unbounded";
  let most = 0;
  for (const e of stats.endings) if (typeof e.mostTurns === "number") most = Math.max(most, e.mostTurns);
  return most;
}
