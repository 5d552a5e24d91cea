/**
 * Accounts. The four tables of the authentication library (better-auth), named `auth_*` so they
 * are not confused with practice sessions, laid out exactly as its own migration generator
 * would make them for this configuration (a test compares them); each account's roles; a
 * settings table for values every server process must share (the secret that signs sign-in
 * cookies, made on first start); and the owner of each practice session (none for sessions
 * stored before accounts existed).
 */
import { SqliteAdapter, type ColumnDataType, type Kysely, type Migration } from "kysely";

export const accounts: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    // The types the library's generator picks for its dates and booleans on each database.
    const date: ColumnDataType = sqlite ? "date" : "timestamptz";
    const bool: ColumnDataType = sqlite ? "integer" : "boolean";

    await db.schema
      .createTable("auth_user")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("emailVerified", bool, (c) => c.notNull())
      .addColumn("image", "text")
      .addColumn("createdAt", date, (c) => c.notNull())
      .addColumn("updatedAt", date, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("auth_session")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("expiresAt", date, (c) => c.notNull())
      .addColumn("token", "text", (c) => c.notNull().unique())
      .addColumn("createdAt", date, (c) => c.notNull())
      .addColumn("updatedAt", date, (c) => c.notNull())
      .addColumn("ipAddress", "text")
      .addColumn("userAgent", "text")
      .addColumn("userId", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
      .execute();
    await db.schema
      .createTable("auth_account")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("accountId", "text", (c) => c.notNull())
      .addColumn("providerId", "text", (c) => c.notNull())
      .addColumn("userId", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
      .addColumn("accessToken", "text")
      .addColumn("refreshToken", "text")
      .addColumn("idToken", "text")
      .addColumn("accessTokenExpiresAt", date)
      .addColumn("refreshTokenExpiresAt", date)
      .addColumn("scope", "text")
      .addColumn("password", "text")
      .addColumn("createdAt", date, (c) => c.notNull())
      .addColumn("updatedAt", date, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("auth_verification")
      .addColumn("id", "text", (c) => c.primaryKey().notNull())
      .addColumn("identifier", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("expiresAt", date, (c) => c.notNull())
      .addColumn("createdAt", date, (c) => c.notNull())
      .addColumn("updatedAt", date, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("auth_session_userId_idx").on("auth_session").column("userId").execute();
    await db.schema.createIndex("auth_account_userId_idx").on("auth_account").column("userId").execute();
    await db.schema.createIndex("auth_verification_identifier_idx").on("auth_verification").column("identifier").execute();

    await db.schema
      .createTable("user_roles")
      .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
      .execute();

    await db.schema
      .createTable("settings")
      .addColumn("name", "text", (c) => c.primaryKey().notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();

    await db.schema.alterTable("sessions").addColumn("user_id", "text").execute();
    await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex("sessions_user_id_idx").execute();
    await db.schema.alterTable("sessions").dropColumn("user_id").execute();
    for (const t of ["settings", "user_roles", "auth_verification", "auth_account", "auth_session", "auth_user"]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
