/// <reference lib="webworker" />
/**
 * Computes a draft's statistics off the page's main thread. The exact analysis explores every
 * situation a play can be in: tens of milliseconds for the library's scenarios, seconds for a
 * generated 1,000-node one, which would freeze the studio if run on the page's own thread.
 */
import { answerStats, type StatsRequest } from "./stats-messages";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<StatsRequest>) => {
  scope.postMessage(answerStats(e.data));
};
