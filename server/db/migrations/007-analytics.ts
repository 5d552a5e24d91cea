/**
 * What the analytics keep of each session once replayed: a summary (the nodes it passed, each
 * choice with its kind, time and meters, its outcome and reflection counts) computed from the
 * stored choices on the session's own scenario version, so a page over 10,000 sessions reads
 * summaries instead of replaying them all (server/analytics/summary-cache.ts).
 *
 * A row is true only for the session's `revision` and the summary `format` it names: every write
 * to a session raises its revision, so a row written before a new choice or a take-back is
 * simply not used again, and is replaced the next time it is needed. It goes with its session.
 */
import type { Kysely, Migration } from "kysely";

export const analytics: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("analytics_summaries")
      .addColumn("session_id", "text", (c) => c.primaryKey().notNull().references("sessions.id").onDelete("cascade"))
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("format", "integer", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("computed_at", "text", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable("analytics_summaries").execute();
  },
};
