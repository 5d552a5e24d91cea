/**
 * Rationale: a trainee's short note on a choice ("why I chose this"), and the turns on which an
 * assignment asks for one.
 *
 * - `choices.note`: the note, trimmed, at most 500 characters; null when there is none. It is
 *   kept on the choice row so it goes wherever the choice goes (a take-back removes both) and is
 *   read in the same query as the choices.
 * - `assignments.rationale_nodes`: a JSON array of the scenario's node ids on which the trainee is
 *   asked for a note, or null for none.
 */
import type { Kysely, Migration } from "kysely";

export const rationale: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable("choices").addColumn("note", "text").execute();
    await db.schema.alterTable("assignments").addColumn("rationale_nodes", "text").execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable("assignments").dropColumn("rationale_nodes").execute();
    await db.schema.alterTable("choices").dropColumn("note").execute();
  },
};
