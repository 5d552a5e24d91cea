/**
 * Scenario versions as the analytics use them: read and verified once per process and kept (a hash
 * names one content for ever), the machine compiled only when a session of that version has to be
 * replayed, and then once.
 */
import { compileScenario, type ScenarioMachine } from "../../machines/compile-scenario";
import type { Scenario } from "../../scenarios/types";
import type { Store } from "../store";
import { unavailableReason } from "../store-errors";

export interface AnalyticsVersion {
  hash: string;
  scenario: Scenario;
  /** The compiled machine, compiled on first use. */
  machine(): ScenarioMachine;
}

// On globalThis, as the summaries in summary-cache.ts: one per process, whichever route bundle asks.
const shared = globalThis as typeof globalThis & { __peerPracticeAnalyticsVersions?: Map<string, Promise<AnalyticsVersion | undefined>> };
const cache = (shared.__peerPracticeAnalyticsVersions ??= new Map());
const MAX_VERSIONS = 200;

/** The version stored under `hash`; undefined when it is missing or does not match its hash (a database edited by hand). */
export function versionOf(store: Store, hash: string): Promise<AnalyticsVersion | undefined> {
  let hit = cache.get(hash);
  if (!hit) {
    const loading = (async () => {
      let scenario: Scenario | undefined;
      try {
        scenario = await store.getScenarioVersion(hash);
      } catch (e) {
        if (unavailableReason(e) !== undefined) throw e;
        console.error(e);
      }
      if (!scenario) return undefined;
      let machine: ScenarioMachine | undefined;
      return { hash, scenario, machine: () => (machine ??= compileScenario(scenario)) };
    })();
    hit = loading;
    if (cache.size >= MAX_VERSIONS) cache.delete(cache.keys().next().value!);
    cache.set(hash, loading);
    // Neither a failure nor a missing version is kept: the next request asks the database again.
    loading.then(
      (v) => {
        if (!v && cache.get(hash) === loading) cache.delete(hash);
      },
      () => {
        if (cache.get(hash) === loading) cache.delete(hash);
      },
    );
  }
  return hit;
}
