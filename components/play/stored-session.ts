/** A session in progress, kept in this browser so a reload or a later visit resumes it. */
import type { SavedSession } from "../../contracts/browser-storage";

/** The part of `localStorage` used here. */
export type SessionStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const SESSION_UNREADABLE = "The session saved in this browser could not be read, so it was set aside. You can start a new one.";
export const SESSION_OTHER_FORMAT =
  "The session saved in this browser was kept by another version of Peer Practice and cannot be resumed here, so it was set aside. You can start a new one.";

/**
 * Kept per account and scenario: on a computer shared by trainees, one who signs in after another
 * never sees (or resumes) the other's conversation.
 */
const keyFor = (owner: string, scenarioId: string) => `peer-practice:session:${owner}:${scenarioId}`;

/** The browser's storage, or null where it is unavailable (blocked, or no window on the server). */
export function browserStorage(): SessionStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The stored session for a scenario. An entry that does not read as one (damaged, or written by
 * an earlier version of the page) is removed and a notice says so, instead of failing later.
 */
export async function readSession(
  storage: SessionStorage | null,
  owner: string,
  scenarioId: string,
): Promise<{ session: SavedSession | null; notice: string | null }> {
  let raw: string | null;
  try {
    raw = storage?.getItem(keyFor(owner, scenarioId)) ?? null;
  } catch {
    return { session: null, notice: null };
  }
  if (raw === null) return { session: null, notice: null };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  const { savedSessionSchema } = await import("../../contracts/browser-storage");
  const parsed = savedSessionSchema.safeParse(value);
  if (parsed.success && parsed.data.scenarioId === scenarioId) return { session: parsed.data, notice: null };
  clearSession(storage, owner, scenarioId);
  const version = typeof value === "object" && value !== null && "v" in value ? value.v : undefined;
  return { session: null, notice: typeof version === "number" && version !== 1 ? SESSION_OTHER_FORMAT : SESSION_UNREADABLE };
}

/** Saves the session; false when the browser refuses (private mode, full storage). */
export function saveSession(storage: SessionStorage | null, owner: string, session: SavedSession): boolean {
  try {
    if (!storage) return false;
    storage.setItem(keyFor(owner, session.scenarioId), JSON.stringify(session));
    return true;
  } catch {
    return false;
  }
}

export function clearSession(storage: SessionStorage | null, owner: string, scenarioId: string): void {
  try {
    storage?.removeItem(keyFor(owner, scenarioId));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}
