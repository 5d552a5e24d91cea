/**
 * Several processes on one SQLite file, as the server's processes (scripts/serve.mjs) and the CLI
 * share it: a new file is created and migrated once however many open it together, and of the
 * writes several processes race to make on one revision of a session, exactly one goes through.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { scenarioHash } from "../../../scenarios/hash";
import { openSqliteStore } from "../../../server/open-store";
import { MIGRATIONS } from "../../../server/db/migrate";
import { fakeScenario } from "../../fakes";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
const CHILD = path.resolve("tests/unit/server/sqlite-process.ts");
const PROCESSES = 4;

const dir = mkdtempSync(path.join(tmpdir(), "peer-practice-processes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child script in PROCESSES processes, released together once all are loaded; each one's printed JSON. */
async function inProcesses(file: string, args: (i: number) => string[] = () => []): Promise<{ opened: boolean; wrote?: boolean }[]> {
  const barrier = mkdtempSync(path.join(dir, "barrier-"));
  const children = Array.from({ length: PROCESSES }, (_, i) => run(TSX, [CHILD, file, barrier, String(i), ...args(i)], { timeout: 60_000 }));
  const ready = () => Array.from({ length: PROCESSES }, (_, i) => existsSync(path.join(barrier, `ready-${i}`))).every(Boolean);
  await expect.poll(ready, { timeout: 50_000, interval: 20 }).toBe(true);
  writeFileSync(path.join(barrier, "go"), "");
  const outs = await Promise.all(children);
  return outs.map((o) => JSON.parse(o.stdout.trim().split("\n").at(-1)!));
}

function rows(file: string, sql: string): Record<string, unknown>[] {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe("several processes on one SQLite file", () => {
  it("create and migrate a new file once when they open it together", async () => {
    const file = path.join(dir, "new.sqlite");
    const results = await inProcesses(file);
    expect(results.every((r) => r.opened)).toBe(true);
    expect(rows(file, "SELECT name FROM kysely_migration ORDER BY name").map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
    expect(rows(file, "PRAGMA journal_mode")[0]).toEqual({ journal_mode: "wal" });
  });

  it("store one choice at a turn that all of them race for", async () => {
    const file = path.join(dir, "race.sqlite");
    const session = await newSession(file);

    const results = await inProcesses(file, (i) => [session, "0", `choice:1:c${i}`]);
    expect(results.filter((r) => r.wrote)).toHaveLength(1);
    const stored = rows(file, `SELECT seq, choice_id FROM choices WHERE session_id = '${session}'`);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.choice_id).toBe(`c${results.findIndex((r) => r.wrote)}`);
  });

  it("let one of a choice, a take-back and two ends decided on one revision through", async () => {
    const file = path.join(dir, "mixed.sqlite");
    const session = await newSession(file);
    const store = await openSqliteStore(file);
    await store.insertChoice({ sessionId: session, seq: 1, choiceId: "good", timeTakenMs: 5 }, 0);
    await store.close();

    const writes = ["choice:2:good", "take-back:1", "end", "end"];
    const results = await inProcesses(file, (i) => [session, "1", writes[i]!]);
    const winners = results.flatMap((r, i) => (r.wrote ? [writes[i]] : []));
    expect(winners).toHaveLength(1);
    const choices = rows(file, `SELECT seq, choice_id FROM choices WHERE session_id = '${session}' ORDER BY seq`).map((r) => r.choice_id);
    const [{ status, revision }] = rows(file, `SELECT status, revision FROM sessions WHERE id = '${session}'`) as [{ status: string; revision: number }];
    expect(revision).toBe(2);
    const expected = { "choice:2:good": ["active", ["good", "good"]], "take-back:1": ["active", []], end: ["completed", ["good"]] };
    expect([status, choices]).toEqual(expected[winners[0] as keyof typeof expected]);
  });
});

/** A new file with one session on a stored scenario version; its id. */
async function newSession(file: string): Promise<string> {
  const store = await openSqliteStore(file);
  const scenario = fakeScenario({ id: "race" });
  const hash = await scenarioHash(scenario);
  await store.ensureScenarioVersion(hash, scenario);
  const session = await store.createSession({ scenarioId: "race", scenarioHash: hash, mode: "practice", participant: "Kit", seed: 1, userId: null });
  await store.close();
  return session.id;
}
