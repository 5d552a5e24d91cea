/**
 * A revision counter on each session. Every write to a session (a choice, a take-back, its end)
 * happens only if the revision still has the value the request read, and raises it in the same
 * transaction: so requests that arrive together are decided one after the other, never on a
 * session that changed under them.
 */
import type { Kysely, Migration } from "kysely";

export const sessionRevision: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable("sessions").addColumn("revision", "integer", (c) => c.notNull().defaultTo(0)).execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable("sessions").dropColumn("revision").execute();
  },
};
