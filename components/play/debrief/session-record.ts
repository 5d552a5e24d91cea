"use client";
/**
 * What the server holds about the debriefed session besides its choices: the comments reviewers
 * wrote on it, the trainee's notes, whether it was reviewed, and who played it on which version
 * (for the endings found). Read from `GET /api/sessions/:id`, which answers the session's owner
 * with its comments.
 */
import { useCallback, useEffect, useState } from "react";
import type { StoredComment } from "../../../contracts/session-answers";
import { requestJson } from "../../api/request-json";

export interface SessionRecord {
  id: string;
  /** The account that played it. */
  userId: string | null;
  /** The scenario version it was played on. */
  hash: string;
  reviewed: boolean;
  /** Oldest first, as stored. */
  comments: StoredComment[];
  /** The trainee's notes on their choices, by turn (1-based). */
  notes: Record<number, string>;
}

export type RecordState =
  /** No server session is known for this debrief (nothing to read). */
  | { state: "none" }
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; record: SessionRecord };

/**
 * The server id of the session this browser keeps for the scenario with exactly these choices,
 * finished: the debrief's session when the page does not say which it is.
 */
export function savedServerId(scenarioId: string, choiceIds: readonly string[]): string | undefined {
  try {
    const storage = window.localStorage;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith("peer-practice:session:") || !key.endsWith(`:${scenarioId}`)) continue;
      const saved = JSON.parse(storage.getItem(key) ?? "null") as { serverId?: unknown; choices?: unknown; finished?: unknown } | null;
      const choices = saved?.choices;
      if (
        typeof saved?.serverId === "string" &&
        saved.finished === true &&
        Array.isArray(choices) &&
        choices.length === choiceIds.length &&
        choices.every((c, i) => c === choiceIds[i])
      ) {
        return saved.serverId;
      }
    }
  } catch {
    // Storage that cannot be read keeps nothing to find.
  }
  return undefined;
}

/** The session as the server has it, read once the id is known; `retry` reads it again. */
export function useSessionRecord(sessionId: string | undefined): { record: RecordState; retry: () => void } {
  const [record, setRecord] = useState<RecordState>(sessionId ? { state: "loading" } : { state: "none" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!sessionId) {
      setRecord({ state: "none" });
      return;
    }
    const controller = new AbortController();
    setRecord({ state: "loading" });
    requestJson(`/api/sessions/${encodeURIComponent(sessionId)}`, "sessionDetailAnswerSchema", { signal: controller.signal })
      .then((r) => {
        if (!r.ok) {
          setRecord({ state: "failed", message: r.error });
          return;
        }
        const { session, choices, comments } = r.data;
        setRecord({
          state: "ready",
          record: {
            id: session.id,
            userId: session.userId,
            hash: session.scenarioHash,
            reviewed: session.reviewed,
            comments,
            notes: Object.fromEntries(choices.flatMap((c) => (c.note === null ? [] : [[c.seq, c.note]]))),
          },
        });
      })
      .catch(() => {
        // Aborted: the debrief was left or the id changed.
      });
    return () => controller.abort();
  }, [sessionId, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { record, retry };
}
