/**
 * The server as `npm start` runs it, on a database that fails: a SQLite file deleted while it
 * runs, a corrupt file, a PostgreSQL port where nothing listens, a PostgreSQL server that accepts
 * connections and never answers, one that goes silent while the server runs, and a session whose
 * rows were edited by hand. Never a write acknowledged and lost, never a hang, never a 500.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { startPgCluster, type PgCluster } from "../../scripts/pg-cluster";
import { libraryScenario, planFor } from "./plan";
import { freePort, jsonRequest, killGroup, spawnServer, startServer, type ServerProcess } from "./server-process";
import { setUpAndSignIn, signInBrowser } from "./sign-in";
import { expect, test } from "./test";

const ID = "active-listening";
const plan = planFor(libraryScenario(ID), "first");
const FILE = "peer-practice.sqlite";

let dataDir: string;
let server: ServerProcess | undefined;
let cluster: PgCluster | undefined;
/** Closes what a test opened besides the app's server. */
const closers: (() => Promise<void>)[] = [];
test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pp-faults-"));
});
test.afterEach(async () => {
  if (server) killGroup(server);
  server = undefined;
  cluster?.stop();
  cluster = undefined;
  await Promise.all(closers.splice(0).map((close) => close()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function startSession(base: string, choices: number): Promise<string> {
  const started = await jsonRequest(base, "POST", "/api/sessions", { scenarioId: ID, mode: "practice" });
  expect(started.status).toBe(201);
  const id = started.body.session.id as string;
  for (let seq = 1; seq <= choices; seq++) {
    const r = await jsonRequest(base, "POST", `/api/sessions/${id}/choices`, { seq, choiceId: plan.turns[seq - 1]!.choice.id, timeTakenMs: 500 });
    expect(r.status).toBe(201);
  }
  return id;
}

/** A TCP server that accepts connections and passes them to `port`, or, while `silent`, swallows everything. */
async function proxyTo(port: number | undefined): Promise<{ port: number; setSilent(on: boolean): void }> {
  let silent = port === undefined;
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    sockets.add(client);
    client.on("error", () => undefined);
    if (port === undefined) return;
    const upstream = connect(port, "127.0.0.1");
    upstream.on("error", () => client.destroy());
    client.on("data", (d) => silent || upstream.write(d));
    upstream.on("data", (d) => silent || client.write(d));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  closers.push(
    () =>
      new Promise((resolve) => {
        // close() waits for open connections: end them first.
        proxy.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  );
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return { port: (proxy.address() as { port: number }).port, setSilent: (on) => (silent = on) };
}

test("a SQLite file deleted while the server runs: writes are refused with 503, not acknowledged and lost", async ({ page }) => {
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
  await setUpAndSignIn(server.base);
  await signInBrowser(page.context(), server.base);
  const id = await startSession(server.base, 2);
  for (const f of [FILE, `${FILE}-wal`, `${FILE}-shm`]) rmSync(path.join(dataDir, f), { force: true });

  // Several requests, so that both server processes meet the missing file.
  for (let i = 0; i < 4; i++) {
    const r = await jsonRequest(server.base, "POST", `/api/sessions/${id}/choices`, { seq: 3, choiceId: plan.turns[2]!.choice.id, timeTakenMs: 500 });
    expect(r.status).toBe(503);
    expect(r.body.error).toMatch(/^the database cannot be used right now \(the SQLite database file .*peer-practice\.sqlite was deleted while the server was running, so nothing more can be saved; restart the server\); the request may not have been carried out, try again later$/);
  }
  const started = await jsonRequest(server.base, "POST", "/api/sessions", { scenarioId: ID, mode: "practice" });
  expect(started.status).toBe(503);
  expect(server.output()).toContain("was deleted while the server was running");
  // The sessions list says so rather than failing.
  const list = await page.goto(`${server.base}/sessions`);
  expect(list?.status()).toBe(200);
  await expect(page.getByText("The sessions cannot be listed: the database cannot be used right now (the SQLite database file")).toBeVisible();
});

test("a corrupt SQLite file stops the server at start with the reason, before it says it is ready", async () => {
  writeFileSync(path.join(dataDir, FILE), Buffer.alloc(16_384, 0x42));
  server = spawnServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain(
    `[server] Peer Practice cannot start: the database cannot be used: the SQLite database file is not a database (it may have been overwritten) (the SQLite file ${path.join(dataDir, FILE)}). Restore the file from a backup, or move it away to start with an empty database`,
  );
  expect(server.output()).not.toContain("Peer Practice on http");
  expect(server.output()).not.toContain("Ready");
});

test("a DATABASE_URL where nothing listens stops the server at start with the reason, without the password", async () => {
  const port = await freePort();
  server = spawnServer(await freePort(), { DATABASE_URL: `postgres://app:s3cret@127.0.0.1:${port}/pp`, WEB_CONCURRENCY: "2" });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain(
    `[server] Peer Practice cannot start: the database cannot be used: the PostgreSQL server refused the connection (PostgreSQL at postgres://app:***@127.0.0.1:${port}/pp). Check that the PostgreSQL server is running and reachable, and that DATABASE_URL is right.`,
  );
  expect(server.output()).not.toContain("s3cret");
});

test("a PostgreSQL server that accepts connections and never answers stops the server at start, in time", async () => {
  const silent = await proxyTo(undefined);
  const t0 = Date.now();
  server = spawnServer(await freePort(), {
    DATABASE_URL: `postgres://app@127.0.0.1:${silent.port}/pp`,
    DATABASE_TIMEOUT_MS: "1500",
    WEB_CONCURRENCY: "1",
  });
  expect(await server.exited).toBe(1);
  expect(Date.now() - t0).toBeLessThan(30_000);
  expect(server.output()).toContain("the PostgreSQL server did not answer in time when connecting");
});

test("a PostgreSQL server that goes silent while the server runs: 503 in time, and service again once it answers", async () => {
  test.setTimeout(90_000);
  cluster = await startPgCluster(["faults"], { fast: true });
  const proxy = await proxyTo(Number(new URL(cluster.url("faults")).port));
  const url = new URL(cluster.url("faults"));
  url.port = String(proxy.port);
  server = await startServer(await freePort(), { DATABASE_URL: url.toString(), DATABASE_TIMEOUT_MS: "1500", WEB_CONCURRENCY: "2" });
  await setUpAndSignIn(server.base);
  const id = await startSession(server.base, 1);

  proxy.setSilent(true);
  const t0 = Date.now();
  const r = await jsonRequest(server.base, "POST", `/api/sessions/${id}/choices`, { seq: 2, choiceId: plan.turns[1]!.choice.id, timeTakenMs: 500 });
  expect(r.status).toBe(503);
  expect(r.body.error).toMatch(/^the database cannot be used right now \(.*PostgreSQL.*\); the request may not have been carried out, try again later$/);
  expect(Date.now() - t0).toBeLessThan(20_000);

  proxy.setSilent(false);
  await expect
    .poll(async () => (await jsonRequest(server!.base, "POST", `/api/sessions/${id}/choices`, { seq: 2, choiceId: plan.turns[1]!.choice.id, timeTakenMs: 500 })).status, {
      timeout: 30_000,
    })
    .toBeLessThan(300);
  const detail = await jsonRequest(server.base, "GET", `/api/sessions/${id}`);
  expect(detail.body.choices.map((c: { choiceId: string }) => c.choiceId)).toEqual(plan.turns.slice(0, 2).map((t) => t.choice.id));
});

test("a session whose rows were edited by hand shows its transcript up to the last turn that replays, with a notice", async ({ page }) => {
  // A server of two processes starts in this test: on two busy cores that can take most of the default half minute.
  test.setTimeout(90_000);
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
  await setUpAndSignIn(server.base);
  await signInBrowser(page.context(), server.base);
  const id = await startSession(server.base, 4);
  const db = new SqliteDatabase(path.join(dataDir, FILE));
  try {
    db.prepare("UPDATE choices SET choice_id = 'gone' WHERE session_id = ? AND seq = 3").run(id);
  } finally {
    db.close();
  }

  const response = await page.goto(`${server.base}/sessions/${id}`);
  expect(response?.status()).toBe(200);
  const notice = page.getByRole("note", { name: "This transcript is incomplete" });
  await expect(notice).toContainText('Turn 3 of this session (choice "gone" at');
  await expect(notice).toContainText("so only turns 1 to 2 can be shown.");
  await expect(page.getByRole("heading", { name: /^Turn \d+$/ })).toHaveCount(2);
  for (const format of ["markdown", "json", "xapi"]) {
    expect((await jsonRequest(server.base, "GET", `/api/sessions/${id}/export?format=${format}`)).status).toBe(200);
  }
});
