// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import type { SavedSession } from "../../../contracts/browser-storage";
import {
  clearSession,
  readSession,
  saveSession,
  SESSION_OTHER_FORMAT,
  SESSION_UNREADABLE,
  type SessionStorage,
} from "../../../components/play/stored-session";

const OWNER = "account-1";
const KEY = `peer-practice:session:${OWNER}:active-listening`;
const session: SavedSession = {
  v: 1,
  scenarioId: "active-listening",
  hash: "abc",
  mode: "practice",
  seed: 12,
  choices: ["reflect", "ask"],
  startedAt: "2026-01-01T00:00:00.000Z",
  finished: false,
  serverId: "4b4c9f1e-0000-4000-8000-000000000001",
  participant: "Robin",
};

const storage = () => window.localStorage;
const refusing: SessionStorage = {
  getItem: () => {
    throw new DOMException("denied", "SecurityError");
  },
  setItem: () => {
    throw new DOMException("full", "QuotaExceededError");
  },
  removeItem: () => {
    throw new DOMException("denied", "SecurityError");
  },
};

beforeEach(() => window.localStorage.clear());

describe("stored sessions", () => {
  it("reads back what was saved", async () => {
    expect(saveSession(storage(), OWNER, session)).toBe(true);
    expect(await readSession(storage(), OWNER, "active-listening")).toEqual({ session, notice: null });
  });

  it("keeps each account's apart: another trainee signed in on the same browser neither sees nor clears it", async () => {
    saveSession(storage(), OWNER, session);
    expect(await readSession(storage(), "account-2", "active-listening")).toEqual({ session: null, notice: null });
    clearSession(storage(), "account-2", "active-listening");
    expect((await readSession(storage(), OWNER, "active-listening")).session).toEqual(session);
  });

  it("reads an entry without the optional server id and name", async () => {
    const { serverId: _, participant: __, ...older } = session;
    saveSession(storage(), OWNER, older);
    expect((await readSession(storage(), OWNER, "active-listening")).session).toEqual(older);
  });

  it("finds nothing, and says nothing, when no session was saved", async () => {
    expect(await readSession(storage(), OWNER, "active-listening")).toEqual({ session: null, notice: null });
  });

  it.each([
    ["is not JSON", "{\"v\":1,"],
    ["is JSON but no session", "[1,2,3]"],
    ["has a field of the wrong kind", JSON.stringify({ ...session, choices: "reflect" })],
    ["lacks a field", JSON.stringify({ ...session, seed: undefined })],
    ["has an unknown mode", JSON.stringify({ ...session, mode: "exam" })],
    ["belongs to another scenario", JSON.stringify({ ...session, scenarioId: "other" })],
  ])("sets aside an entry that %s, with a notice to show", async (_, raw) => {
    window.localStorage.setItem(KEY, raw);
    expect(await readSession(storage(), OWNER, "active-listening")).toEqual({ session: null, notice: SESSION_UNREADABLE });
    expect(window.localStorage.getItem(KEY)).toBeNull();
  });

  it.each([0, 2])("sets aside an entry kept in format %i, with a notice to show", async (v) => {
    window.localStorage.setItem(KEY, JSON.stringify({ ...session, v }));
    expect(await readSession(storage(), OWNER, "active-listening")).toEqual({ session: null, notice: SESSION_OTHER_FORMAT });
    expect(window.localStorage.getItem(KEY)).toBeNull();
  });

  it("reads nothing and saves nothing, without failing, where the browser refuses storage", async () => {
    expect(await readSession(refusing, OWNER, "active-listening")).toEqual({ session: null, notice: null });
    expect(await readSession(null, OWNER, "active-listening")).toEqual({ session: null, notice: null });
    expect(saveSession(refusing, OWNER, session)).toBe(false);
    expect(saveSession(null, OWNER, session)).toBe(false);
    expect(() => clearSession(refusing, OWNER, "active-listening")).not.toThrow();
  });

  it("forgets a session", async () => {
    saveSession(storage(), OWNER, session);
    clearSession(storage(), OWNER, "active-listening");
    expect((await readSession(storage(), OWNER, "active-listening")).session).toBeNull();
  });
});
