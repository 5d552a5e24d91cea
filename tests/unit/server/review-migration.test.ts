/** Migration 008-review on a database that already holds scenario versions and comments. */
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../scenarios/hash";
import { MIGRATIONS } from "../../../server/db/migrate";
import { fakeScenario } from "../../fakes";

describe("migration 008-review", () => {
  it("copies each stored version's title out of its JSON, and leaves comments unedited", async () => {
    const database = new SqliteDatabase(":memory:");
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
      expect((await migrator.migrateTo("007-analytics")).error).toBeUndefined();
      const at = "2026-01-01T00:00:00.000Z";
      await db
        .insertInto("scenario_versions")
        .values([
          { hash: "a".repeat(64), scenario_id: "fake", json: canonicalJson(fakeScenario({ title: "Dana’s first week out" })), created_at: at },
          { hash: "b".repeat(64), scenario_id: "broken", json: "{not json", created_at: at },
        ])
        .execute();
      await db
        .insertInto("sessions")
        .values({ id: "s1", scenario_id: "fake", scenario_hash: "a".repeat(64), mode: "practice", participant: "P", seed: 1, status: "active", started_at: at })
        .execute();
      await db.insertInto("comments").values({ id: "c1", session_id: "s1", turn: null, author: "Sue", body: "Hi.", created_at: at }).execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await db.selectFrom("scenario_versions").select(["hash", "title"]).orderBy("hash").execute()).toEqual([
        { hash: "a".repeat(64), title: "Dana’s first week out" },
        { hash: "b".repeat(64), title: null },
      ]);
      expect(await db.selectFrom("comments").select(["id", "edited_at"]).execute()).toEqual([{ id: "c1", edited_at: null }]);
    } finally {
      await db.destroy();
    }
  });
});
