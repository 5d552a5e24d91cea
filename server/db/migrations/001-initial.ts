/** The first schema: scenario versions, sessions, their choices and comments. */
import { sql, type Kysely, type Migration } from "kysely";

// Migrations take Kysely<any>: they must keep working after the Database type moves on.
export const initial: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("scenario_versions")
      .addColumn("hash", "text", (c) => c.primaryKey())
      .addColumn("scenario_id", "text", (c) => c.notNull())
      .addColumn("json", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("scenario_id", "text", (c) => c.notNull())
      .addColumn("scenario_hash", "text", (c) => c.notNull().references("scenario_versions.hash"))
      .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('practice', 'assessment')`))
      .addColumn("participant", "text", (c) => c.notNull())
      .addColumn("seed", "bigint", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'completed', 'abandoned')`))
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("ended_at", "text")
      .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('connected', 'mixed', 'disengaged')`))
      .addColumn("final_rapport", "integer")
      .addColumn("final_mutuality", "integer")
      .addColumn("reviewed", "integer", (c) => c.notNull().defaultTo(0).check(sql`reviewed in (0, 1)`))
      .execute();

    await db.schema
      .createTable("choices")
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id").onDelete("cascade"))
      .addColumn("seq", "integer", (c) => c.notNull().check(sql`seq >= 1`))
      .addColumn("choice_id", "text", (c) => c.notNull())
      .addColumn("time_taken_ms", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("choices_pk", ["session_id", "seq"])
      .execute();

    await db.schema
      .createTable("comments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id").onDelete("cascade"))
      .addColumn("turn", "integer")
      .addColumn("author", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    // The review list filters and sorts on these.
    for (const column of ["scenario_id", "participant", "started_at", "outcome", "mode", "status", "scenario_hash"]) {
      await db.schema.createIndex(`sessions_${column}_idx`).on("sessions").column(column).execute();
    }
    await db.schema.createIndex("comments_session_idx").on("comments").columns(["session_id", "created_at"]).execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const table of ["comments", "choices", "sessions", "scenario_versions"]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
