/**
 * Review: the session list finds and sorts scenarios by title, and reviewers edit their comments.
 *
 * - `scenario_versions.title`: the version's title, copied out of its JSON so the session list can
 *   search and sort by it without reading whole scenarios; filled in here for the versions already
 *   stored. Null only for a row written without it (the list then falls back to the scenario id).
 * - `comments.edited_at`: when the comment's text was last changed by its author; null while it
 *   has never been edited.
 */
import type { Kysely, Migration } from "kysely";

export const review: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable("scenario_versions").addColumn("title", "text").execute();
    await db.schema.alterTable("comments").addColumn("edited_at", "text").execute();
    const versions: { hash: string; json: string }[] = await db.selectFrom("scenario_versions").select(["hash", "json"]).execute();
    for (const v of versions) {
      let title: unknown;
      try {
        title = (JSON.parse(v.json) as { title?: unknown }).title;
      } catch {
        title = undefined;
      }
      if (typeof title !== "string") continue;
      await db.updateTable("scenario_versions").set({ title }).where("hash", "=", v.hash).execute();
    }
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable("comments").dropColumn("edited_at").execute();
    await db.schema.alterTable("scenario_versions").dropColumn("title").execute();
  },
};
