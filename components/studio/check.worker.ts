/// <reference lib="webworker" />
/**
 * Checks a draft's text off the page's main thread. The checker is plain TypeScript, and its exact
 * analysis (every reachable set of meters and flags per node) takes tens of milliseconds on a
 * large scenario: run on the typing thread it would stall keystrokes, so it runs here and the
 * editor shows its findings when they come back.
 */
import { answerCheck, type CheckRequest } from "./check-draft-text";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<CheckRequest>) => {
  scope.postMessage(answerCheck(e.data));
};
