/**
 * The server as `npm start` runs it (scripts/serve.mjs): several `next start` processes on one
 * port, sharing one SQLite file; a process that dies is replaced, and the whole server stops
 * together, with a message when it cannot start.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { libraryScenario, planFor } from "./plan";
import { alive, answers, childrenOf, freePort, jsonRequest, killGroup, spawnServer, startServer, waitFor, type ServerProcess } from "./server-process";
import { setUpAndSignIn } from "./sign-in";
import { expect, test } from "./test";

const ID = "active-listening";

let dataDir: string;
let server: ServerProcess | undefined;
test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pp-serve-"));
  server = undefined;
});
test.afterEach(() => {
  if (server) killGroup(server);
  rmSync(dataDir, { recursive: true, force: true });
});

const request = jsonRequest;

test("several server processes answer on one port and play one session between them", async () => {
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "3" });
  const pid = server.child.pid!;
  await waitFor("three server processes", () => childrenOf(pid).length === 3);
  expect(server.output()).toContain("(3 server processes)");
  await setUpAndSignIn(server.base);

  // Every request on its own connection: the turns of one session are answered by different processes.
  const plan = planFor(libraryScenario(ID), "last");
  const started = await request(server.base, "POST", "/api/sessions", { scenarioId: ID, mode: "assessment" });
  expect(started.status).toBe(201);
  const id = started.body.session.id as string;
  for (const [i, t] of plan.turns.entries()) {
    const r = await request(server.base, "POST", `/api/sessions/${id}/choices`, { seq: i + 1, choiceId: t.choice.id, timeTakenMs: 1000 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // A retry of the same turn reaching another process is answered as the first was.
    const again = await request(server.base, "POST", `/api/sessions/${id}/choices`, { seq: i + 1, choiceId: t.choice.id, timeTakenMs: 1000 });
    expect(again.status).toBe(200);
    expect(again.body.turns).toBe(i + 1);
  }
  const ended = await request(server.base, "POST", `/api/sessions/${id}/end`, { status: "completed" });
  expect(ended.status).toBe(200);
  expect(ended.body.session.outcome).toBe(plan.ending!.outcome);
  const detail = await request(server.base, "GET", `/api/sessions/${id}`);
  expect(detail.body.choices.map((c: { choiceId: string }) => c.choiceId)).toEqual(plan.turns.map((t) => t.choice.id));
  expect(detail.body.session.finalMeters).toEqual(plan.meters);
});

test("a server process that dies is replaced, and the server keeps answering", async () => {
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
  const pid = server.child.pid!;
  await waitFor("two server processes", () => childrenOf(pid).length === 2);
  const [victim, survivor] = childrenOf(pid) as [number, number];

  process.kill(victim, "SIGKILL");
  await waitFor("a new server process", () => {
    const now = childrenOf(pid);
    return now.length === 2 && !now.includes(victim);
  });
  expect(childrenOf(pid)).toContain(survivor);
  expect(server.output()).toContain(`server process ${victim} was killed by SIGKILL; starting another`);
  for (let i = 0; i < 4; i++) expect(await answers(server.base)).toBe(true);
});

test("the server processes go when the launcher is killed outright, freeing the port", async () => {
  const port = await freePort();
  server = await startServer(port, { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
  const pid = server.child.pid!;
  await waitFor("two server processes", () => childrenOf(pid).length === 2);
  const workers = childrenOf(pid);

  process.kill(pid, "SIGKILL");
  await server.exited;
  await waitFor("the server processes to exit", () => workers.every((w) => !alive(w)));
  // The port is free again: a new server starts on it.
  server = await startServer(port, { DATA_DIR: dataDir, WEB_CONCURRENCY: "1" });
  expect(await answers(server.base)).toBe(true);
});

test("SIGTERM stops every server process and exits cleanly", async () => {
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
  const pid = server.child.pid!;
  await waitFor("two server processes", () => childrenOf(pid).length === 2);
  const workers = childrenOf(pid);

  process.kill(pid, "SIGTERM");
  expect(await server.exited).toBe(0);
  await waitFor("the server processes to exit", () => workers.every((w) => !alive(w)));
});

test("a port already in use stops the server with the reason", async () => {
  const blocker = createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as { port: number }).port)));
  try {
    server = spawnServer(port, { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("EADDRINUSE");
    expect(server.output()).toContain("a server process exited with code 1 before it could serve; stopping");
  } finally {
    blocker.close();
  }
});

test("a WEB_CONCURRENCY that is not a number of processes is refused with the reason", async () => {
  server = spawnServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "many" });
  expect(await server.exited).toBe(2);
  expect(server.output()).toContain('WEB_CONCURRENCY must be a whole number from 1 to 64, not "many"');
});
