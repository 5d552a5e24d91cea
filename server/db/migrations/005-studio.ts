/**
 * The browser studio: drafts of scenarios, and the scenario versions published from them.
 *
 * - A draft is a scenario's YAML text being written, under the scenario id it will publish as.
 *   Every save raises its `revision`; a save names the revision it was based on and is written
 *   only while that is still the stored one.
 * - `published_versions` keeps every version published under a scenario id (the version itself is
 *   in `scenario_versions`, by the same hash sessions pin); `published_scenarios` names the one
 *   that is current, one row per scenario id, so making a version current is one upsert.
 */
import type { Kysely, Migration } from "kysely";

export const studio: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("drafts")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("scenario_id", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("author_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex("drafts_updated_idx").on("drafts").column("updated_at").execute();

    await db.schema
      .createTable("published_versions")
      .addColumn("scenario_id", "text", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("published_by", "text")
      .addColumn("published_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("published_versions_pk", ["scenario_id", "hash"])
      .execute();

    await db.schema
      .createTable("published_scenarios")
      .addColumn("scenario_id", "text", (c) => c.primaryKey().notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .addColumn("current_since", "text", (c) => c.notNull())
      .addColumn("made_current_by", "text")
      .addForeignKeyConstraint("published_scenarios_version_fk", ["scenario_id", "hash"], "published_versions", ["scenario_id", "hash"])
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const t of ["published_scenarios", "published_versions", "drafts"]) await db.schema.dropTable(t).execute();
  },
};
