"use client";
/** A scenario's statistics, computed in a Web Worker, the newest scenario winning. */
import { useEffect, useRef, useState } from "react";
import type { ScenarioStats } from "../../scenarios/stats";
import type { Scenario } from "../../scenarios/types";
import { answerStats, type StatsAnswer, type StatsRequest } from "./stats-messages";

export type StatsState =
  | { status: "analysing"; stats?: undefined }
  /** `stale` while a newer version of the scenario is being analysed. */
  | { status: "done"; stats: ScenarioStats; ms: number; stale: boolean }
  | { status: "failed"; error: string; stats?: undefined };

const stateOf = (answer: StatsAnswer): StatsState =>
  answer.error === undefined ? { status: "done", stats: answer.stats, ms: answer.ms, stale: false } : { status: "failed", error: answer.error };

/**
 * The statistics of `scenario` (keep its identity between renders). A worker still busy with an
 * older version is stopped and replaced, since a large scenario can take seconds. Where there are
 * no workers (an old browser, a test's DOM), the analysis runs on this thread after the
 * "analysing" state has been shown.
 */
export function useScenarioStats(scenario: Scenario): StatsState {
  const [state, setState] = useState<StatsState>({ status: "analysing" });
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const seq = useRef(0);

  useEffect(() => {
    const request: StatsRequest = { seq: ++seq.current, scenario };
    setState((s) => (s.status === "done" ? { ...s, stale: true } : { status: "analysing" }));
    const answered = (answer: StatsAnswer) => {
      if (answer.seq === seq.current) setState(stateOf(answer));
    };

    if (typeof Worker === "undefined") {
      const timer = setTimeout(() => answered(answerStats(request)), 0);
      return () => clearTimeout(timer);
    }

    let w = worker.current;
    if (!w) {
      w = new Worker(new URL("./stats.worker.ts", import.meta.url), { type: "module", name: "scenario-stats" });
      w.onmessage = (e: MessageEvent<StatsAnswer>) => {
        busy.current = false;
        answered(e.data);
      };
      w.onerror = (e) => {
        busy.current = false;
        setState({ status: "failed", error: `The analysis could not run: ${e.message || "its worker stopped"}.` });
      };
      worker.current = w;
    }
    busy.current = true;
    w.postMessage(request);
    return () => {
      // Still working on this version when a newer one (or unmounting) comes: stop it.
      if (busy.current) {
        worker.current?.terminate();
        worker.current = null;
        busy.current = false;
      }
    };
  }, [scenario]);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  return state;
}
