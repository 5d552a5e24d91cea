/**
 * Cohorts, assignments, deactivated accounts, the audit log, and who wrote each comment.
 *
 * - A cohort groups trainees (membership `trainee`); supervisors and trainers are attached to it
 *   (membership `staff`) and may read, comment on and mark reviewed its trainees' sessions.
 * - An assignment asks a cohort to play a scenario in a mode, optionally by a date (YYYY-MM-DD).
 * - A deactivated account can no longer sign in; its sessions stay for its supervisors.
 * - The audit log keeps sign-ins, account, role and cohort changes, exports and erasures.
 * - A comment names its author's account (null once that account is erased).
 */
import type { Kysely, Migration } from "kysely";

export const cohorts: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("cohorts")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("cohort_members")
      .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
      .addColumn("membership", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("cohort_members_pk", ["cohort_id", "user_id"])
      .execute();
    await db.schema.createIndex("cohort_members_user_idx").on("cohort_members").columns(["user_id", "membership"]).execute();

    await db.schema
      .createTable("assignments")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
      .addColumn("scenario_id", "text", (c) => c.notNull())
      .addColumn("mode", "text", (c) => c.notNull())
      .addColumn("due_on", "text")
      .addColumn("assigned_by", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("assignments_cohort_idx").on("assignments").column("cohort_id").execute();

    await db.schema
      .createTable("deactivated_users")
      .addColumn("user_id", "text", (c) => c.primaryKey().notNull().references("auth_user.id").onDelete("cascade"))
      .addColumn("deactivated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("actor_name", "text")
      .addColumn("subject_id", "text")
      .addColumn("subject_name", "text")
      .addColumn("detail", "text")
      .execute();
    await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
    await db.schema.createIndex("audit_log_subject_idx").on("audit_log").column("subject_id").execute();

    await db.schema.alterTable("comments").addColumn("author_id", "text").execute();
    await db.schema.createIndex("comments_author_idx").on("comments").column("author_id").execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex("comments_author_idx").execute();
    await db.schema.alterTable("comments").dropColumn("author_id").execute();
    for (const t of ["audit_log", "deactivated_users", "assignments", "cohort_members", "cohorts"]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
