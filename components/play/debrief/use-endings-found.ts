"use client";
/**
 * "Endings found: 2 of 5": the distinct endings the trainee has reached in their sessions of this
 * scenario, of those some play can reach. This session's ending counts at once; the others come
 * from the server: the trainee's progress lists their sessions with each one's outcome, which
 * tells the ending where only one ending of this version has that outcome, and the few sessions
 * it does not tell are read one by one (at most MAX_READS, newest first) for the ending they reached.
 */
import { useEffect, useState } from "react";
import { endingsFound, endingTold, reachableEndings, sessionsToRead, type PastSession } from "../../../machines/debrief";
import type { Scenario } from "../../../scenarios/types";
import { requestJson } from "../../api/request-json";
import type { RecordState } from "./session-record";

/** At most this many other sessions are read for their ending. */
export const MAX_READS = 8;

export interface EndingsCount {
  found: number;
  total: number;
  /** Still asking the server about the trainee's other sessions. */
  checking: boolean;
  /** Whether the other sessions were counted (false: this session only). */
  fromServer: boolean;
}

export function useEndingsFound(scenario: Scenario, ending: string | undefined, record: RecordState, given?: readonly string[]): EndingsCount | null {
  const [worked, setWorked] = useState<string[] | null>(null);
  // Given by the server when it could work them out; otherwise worked out after the debrief is
  // painted, since on a large scenario it takes a moment.
  useEffect(() => {
    if (given) return;
    const t = setTimeout(() => setWorked(reachableEndings(scenario)), 0);
    return () => clearTimeout(t);
  }, [scenario, given]);
  const reachable = given ? [...given] : worked;

  const [others, setOthers] = useState<{ reached: string[]; checking: boolean; fromServer: boolean }>({ reached: [], checking: false, fromServer: false });
  const ready = record.state === "ready" ? record.record : null;
  useEffect(() => {
    if (!ready?.userId) {
      setOthers({ reached: [], checking: record.state === "loading", fromServer: false });
      return;
    }
    const controller = new AbortController();
    const signal = controller.signal;
    const { userId, hash, id } = ready;
    setOthers({ reached: [], checking: true, fromServer: false });
    void (async () => {
      const progress = await requestJson(`/api/people/${encodeURIComponent(userId)}/progress`, "personProgressSchema", { signal });
      if (!progress.ok) {
        setOthers({ reached: [], checking: false, fromServer: false });
        return;
      }
      const sessions: PastSession[] = progress.data.sessions
        .filter((s) => s.scenarioId === scenario.id && s.id !== id)
        .reverse()
        .map((s) => ({ id: s.id, version: s.version, outcome: s.outcome }));
      const known = new Set<string>(ending ? [ending] : []);
      for (const s of sessions) {
        const told = endingTold(scenario, hash, s);
        if (told) known.add(told);
      }
      setOthers({ reached: [...known], checking: true, fromServer: true });
      for (const s of sessionsToRead(scenario, hash, known, sessions).slice(0, MAX_READS)) {
        // An earlier read may have found every ending this one could show.
        if (sessionsToRead(scenario, hash, known, [s]).length === 0) continue;
        const r = await requestJson(`/api/sessions/${encodeURIComponent(s.id)}`, "sessionDetailAnswerSchema", { signal });
        if (r.ok && r.data.transcript.ending) known.add(r.data.transcript.ending.id);
      }
      setOthers({ reached: [...known], checking: false, fromServer: true });
    })().catch(() => {
      // Aborted: the debrief was left.
    });
    return () => controller.abort();
  }, [ready, scenario, ending, record.state]);

  if (!reachable) return null;
  const { found, total } = endingsFound(reachable, [...(ending ? [ending] : []), ...others.reached]);
  return { found: found.length, total, checking: others.checking, fromServer: others.fromServer };
}
