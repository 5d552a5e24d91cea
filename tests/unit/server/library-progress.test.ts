/** The library's marks (in progress, completed), from one account's own sessions, on SQLite and PostgreSQL. */
import { describe, expect, it } from "vitest";
import type { Mode, SessionStatus } from "../../../contracts/enums";
import { createAccount, type Account } from "../../../server/accounts";
import { authSecret, createAuth } from "../../../server/auth";
import { libraryProgress } from "../../../server/library-progress";
import { findScenario } from "../../../server/scenario-library";
import { storeBackends } from "../../store-backends";

const backends = storeBackends("library-progress");

describe.each(backends)("library progress on %s", (_name, openStore) => {
  it("gives each scenario the account played its latest session under way and how many it completed; abandoned ones and other people's count for nothing", async () => {
    const store = await openStore();
    const database = await store.database();
    const { db } = database;
    const auth = createAuth(database, await authSecret(db, {}));
    const person = (name: string): Promise<Account> =>
      createAccount(auth, db, { email: `${name.toLowerCase()}@example.org`, name, password: `${name}'s long password`, roles: ["trainee"] });
    const [kit, lee] = [await person("Kit"), await person("Lee")];
    const entries = await Promise.all(["active-listening", "mutuality", "crisis-and-safety"].map((id) => findScenario(id)));
    const hashes = new Map<string, string>();
    for (const e of entries) {
      if (!e?.ok) throw new Error("a library scenario is missing");
      await store.ensureScenarioVersion(e.hash, e.scenario);
      hashes.set(e.id, e.hash);
    }

    async function played(who: Account, scenarioId: string, startedAt: string, status: SessionStatus, mode: Mode = "practice") {
      const s = await store.createSession({ scenarioId, scenarioHash: hashes.get(scenarioId)!, mode, participant: who.name, seed: 1, userId: who.id });
      await db.updateTable("sessions").set({ started_at: startedAt, status }).where("id", "=", s.id).execute();
      return s.id;
    }

    expect(await libraryProgress(db, kit.id)).toEqual(new Map());

    await played(kit, "active-listening", "2031-03-01T09:00:00.000Z", "completed");
    await played(kit, "active-listening", "2031-03-02T09:00:00.000Z", "active");
    const latest = await played(kit, "active-listening", "2031-03-03T09:00:00.000Z", "active", "assessment");
    await played(kit, "active-listening", "2031-03-04T09:00:00.000Z", "completed");
    await played(kit, "mutuality", "2031-03-01T09:00:00.000Z", "abandoned");
    await played(kit, "crisis-and-safety", "2031-03-01T09:00:00.000Z", "completed");
    await played(lee, "mutuality", "2031-03-01T09:00:00.000Z", "active");

    expect(Object.fromEntries(await libraryProgress(db, kit.id))).toEqual({
      "active-listening": { inProgress: { sessionId: latest, mode: "assessment" }, completed: 2 },
      "crisis-and-safety": { inProgress: null, completed: 1 },
    });
    expect(Object.fromEntries(await libraryProgress(db, lee.id))).toEqual({
      mutuality: { inProgress: { sessionId: expect.any(String), mode: "practice" }, completed: 0 },
    });
  });
});
