/**
 * The two stores a test runs on: a fresh SQLite file, and a fresh database on the PostgreSQL
 * server the test run started (tests/pg-global-setup.ts). Each store opened is closed, and the
 * SQLite folder removed, after the file's tests.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { openPostgresStore, openSqliteStore } from "../server/open-store";
import type { Store } from "../server/store";

export type Backend = [name: "SQLite" | "PostgreSQL", open: () => Promise<Store>];

/** A new, empty database on the tests' PostgreSQL server, named after `prefix`. */
export async function postgresDatabaseUrl(prefix: string): Promise<string> {
  const provided = inject("postgres");
  if ("error" in provided) throw new Error(`PostgreSQL for the tests did not start:\n${provided.error}`);
  const name = `${prefix}_${randomUUID().replaceAll("-", "")}`;
  const client = new pg.Client({ connectionString: provided.url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(provided.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** SQLite and PostgreSQL, each opening a fresh store when asked; call at the top of a test file. */
export function storeBackends(prefix: string): Backend[] {
  const dir = mkdtempSync(path.join(tmpdir(), `peer-practice-${prefix}-`));
  const opened: Store[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const keep = async (store: Promise<Store>) => {
    const s = await store;
    opened.push(s);
    return s;
  };
  return [
    ["SQLite", () => keep(openSqliteStore(path.join(dir, `${randomUUID()}.sqlite`)))],
    ["PostgreSQL", async () => keep(openPostgresStore(await postgresDatabaseUrl(prefix.replaceAll("-", "_"))))],
  ];
}
