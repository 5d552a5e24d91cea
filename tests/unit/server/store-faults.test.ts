/**
 * A failing database: a SQLite file deleted or replaced under a running store, a corrupt file, a
 * PostgreSQL port where nothing listens, and a PostgreSQL server that goes silent. Each must come
 * out as a StoreUnavailableError with a reason (answered 503), never hang and never acknowledge a
 * write that is lost.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { scenarioHash } from "../../../scenarios/hash";
import { openPostgresStore, openSqliteStore } from "../../../server/open-store";
import type { Store } from "../../../server/store";
import { StoreUnavailableError, unavailableReason } from "../../../server/store-errors";
import { fakeScenario } from "../../fakes";

const dir = mkdtempSync(path.join(tmpdir(), "pp-store-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
});

async function withSession(store: Store): Promise<string> {
  opened.push(store);
  const scenario = fakeScenario();
  const hash = await scenarioHash(scenario);
  await store.ensureScenarioVersion(hash, scenario);
  return (await store.createSession({ scenarioId: "fake", scenarioHash: hash, mode: "practice", participant: "Ash", seed: 3, userId: null })).id;
}

const unavailable = (reason: RegExp) => expect.objectContaining({ name: "StoreUnavailableError", message: expect.stringMatching(reason) });

describe("a SQLite file", () => {
  it("deleted while the store runs: writes are refused, not acknowledged into the unlinked file", async () => {
    const file = path.join(dir, `${randomUUID()}.sqlite`);
    const store = await openSqliteStore(file);
    const id = await withSession(store);
    expect(await store.insertChoice({ sessionId: id, seq: 1, choiceId: "good", timeTakenMs: 1 }, 0)).toBeDefined();

    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const deleted = unavailable(/^the SQLite database file .* was deleted while the server was running, so nothing more can be saved; restart the server$/);
    await expect(store.insertChoice({ sessionId: id, seq: 2, choiceId: "good", timeTakenMs: 1 }, 1)).rejects.toThrow(deleted);
    // From then on nothing is served from the lost file.
    await expect(store.loadSession(id)).rejects.toThrow(deleted);
    await expect(store.addComment({ sessionId: id, turn: null, author: "Dee", body: "Hello" })).rejects.toThrow(deleted);
  });

  it("replaced while the store runs: writes are refused", async () => {
    const file = path.join(dir, `${randomUUID()}.sqlite`);
    const store = await openSqliteStore(file);
    const id = await withSession(store);
    const other = path.join(dir, `${randomUUID()}.sqlite`);
    await (await openSqliteStore(other)).close();
    renameSync(other, file);
    await expect(store.finishSession(id, { status: "abandoned", outcome: null, finalMeters: null }, 0)).rejects.toThrow(
      unavailable(/was replaced while the server was running/),
    );
  });

  it("that is not a database cannot be opened, with the reason", async () => {
    const file = path.join(dir, `${randomUUID()}.sqlite`);
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    await expect(openSqliteStore(file)).rejects.toThrow(unavailable(/^the SQLite database file is not a database/));
  });
});

/** A TCP server on a free port that accepts connections and never answers. */
async function silentServer(): Promise<{ port: number; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as { port: number }).port, server, sockets };
}

function closeServer(s: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const socket of s.sockets) socket.destroy();
  return new Promise((resolve) => s.server.close(() => resolve()));
}

function postgresUrl(): string {
  const provided = inject("postgres");
  if ("error" in provided) throw new Error(`PostgreSQL for the tests did not start:\n${provided.error}`);
  return provided.url;
}

describe("PostgreSQL", () => {
  it("on a port where nothing listens cannot be opened, with the reason", async () => {
    const s = await silentServer();
    const { port } = s;
    await closeServer(s);
    await expect(openPostgresStore(`postgres://u:p@127.0.0.1:${port}/db`, { timeoutMs: 2_000 })).rejects.toThrow(
      unavailable(/^the PostgreSQL server refused the connection$/),
    );
  });

  it("that accepts connections and never answers is given up on in time", async () => {
    const silent = await silentServer();
    try {
      const t0 = Date.now();
      await expect(openPostgresStore(`postgres://u:p@127.0.0.1:${silent.port}/db`, { timeoutMs: 500 })).rejects.toThrow(
        unavailable(/^the PostgreSQL server did not answer in time when connecting$/),
      );
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      await closeServer(silent);
    }
  });

  it("that goes silent while the store runs: requests fail in time, and work again once it answers", async () => {
    // A proxy in front of the real server that can stop passing anything on.
    const target = new URL(postgresUrl());
    let silent = false;
    const pairs = new Set<[Socket, Socket]>();
    const proxy = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      const pair: [Socket, Socket] = [client, upstream];
      pairs.add(pair);
      for (const [from, to] of [pair, [upstream, client] as const]) {
        from.on("data", (d) => {
          if (!silent) to.write(d);
        });
        from.on("error", () => undefined);
        from.on("close", () => {
          to.destroy();
          pairs.delete(pair);
        });
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const url = new URL(target);
    url.port = String((proxy.address() as { port: number }).port);
    try {
      const store = await openPostgresStore(url.toString(), { timeoutMs: 1_000 });
      const id = await withSession(store);
      silent = true;
      const t0 = Date.now();
      const error = await store.loadSession(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(unavailableReason(error)).toMatch(/PostgreSQL/);
      expect(Date.now() - t0).toBeLessThan(10_000);

      // The connection that went silent is dropped, not handed to the next request: new ones work.
      silent = false;
      await expect.poll(async () => (await store.loadSession(id).catch(() => undefined))?.session.id, { timeout: 20_000, interval: 200 }).toBe(id);
    } finally {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
