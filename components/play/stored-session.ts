/** A session in progress, kept in this browser so a reload or a later visit resumes it. */

import type { Mode } from "../../contracts/enums";

export type { Mode };

export interface StoredSession {
  v: 1;
  scenarioId: string;
  /** The scenario version the session was played on. */
  hash: string;
  mode: Mode;
  /** Fixes the order the choices are shown in for this session. */
  seed: number;
  /** The choice ids made so far, in order. */
  choices: string[];
  startedAt: string;
  /** Set once the debrief was opened. */
  finished: boolean;
  /** The session's id on the server, where every choice is saved. */
  serverId?: string;
  /** The name the trainee gave. */
  participant?: string;
}

const PARTICIPANT_KEY = "peer-practice:participant";

/** The display name this browser last used, or "". */
export function loadParticipant(): string {
  try {
    return window.localStorage.getItem(PARTICIPANT_KEY) ?? "";
  } catch {
    return "";
  }
}

export function saveParticipant(name: string): void {
  try {
    window.localStorage.setItem(PARTICIPANT_KEY, name);
  } catch {
    // Remembering the name is a convenience only.
  }
}

const keyFor = (scenarioId: string) => `peer-practice:session:${scenarioId}`;

function isStoredSession(v: unknown, scenarioId: string): v is StoredSession {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    s.v === 1 &&
    s.scenarioId === scenarioId &&
    typeof s.hash === "string" &&
    (s.mode === "practice" || s.mode === "assessment") &&
    typeof s.seed === "number" &&
    Array.isArray(s.choices) &&
    s.choices.every((c) => typeof c === "string") &&
    typeof s.startedAt === "string" &&
    typeof s.finished === "boolean" &&
    (s.serverId === undefined || typeof s.serverId === "string") &&
    (s.participant === undefined || typeof s.participant === "string")
  );
}

/** The stored session for a scenario, or null when there is none or it is unreadable. */
export function loadSession(scenarioId: string): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(keyFor(scenarioId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isStoredSession(parsed, scenarioId) ? parsed : null;
  } catch {
    return null;
  }
}

/** Saves the session; returns false when the browser refuses (private mode, full storage). */
export function saveSession(session: StoredSession): boolean {
  try {
    window.localStorage.setItem(keyFor(session.scenarioId), JSON.stringify(session));
    return true;
  } catch {
    return false;
  }
}

export function clearSession(scenarioId: string): void {
  try {
    window.localStorage.removeItem(keyFor(scenarioId));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

/** A fresh seed for the choice order. */
export function newSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
