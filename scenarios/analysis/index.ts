/** The checker's analysis of a valid scenario, and the fixpoints it is built on (for tests). */
export { analyzeScenario } from "./analyze-scenario";
export { endingReachable } from "./ending-reachable";
export type { Finding } from "./finding";
export { liveFlags } from "./live-flags";
export { reachableSituations } from "./reachable-situations";
export type { SituationSets } from "./situation-sets";
