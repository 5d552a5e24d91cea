/**
 * Conflicting writes to one session sent together, many times, against the server as `npm start`
 * runs it (two processes) on SQLite and on PostgreSQL: every answer is 2xx or 409, and every
 * session is left as one the machine replays, whichever request won.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPgCluster, type PgCluster } from "../../scripts/pg-cluster";
import { libraryScenario, planFor } from "./plan";
import { freePort, jsonRequest, killGroup, startServer, type ServerProcess } from "./server-process";
import { setUpAndSignIn } from "./sign-in";
import { expect, test } from "./test";

const ID = "active-listening";
const plan = planFor(libraryScenario(ID), "last");
const choiceIds = plan.turns.map((t) => t.choice.id);
/** Another choice on offer at turn 1, for two different choices raced at one turn. */
const otherFirst = planFor(libraryScenario(ID), "first").turns[0]!.choice.id;
const TRIALS = 12;

type Send = { method: "POST"; url: string; body: unknown };

/** One kind of race: how far to play before, and the two requests sent together. */
interface Race {
  name: string;
  /** Choices stored before the race. */
  before: number;
  pair: (id: string) => [Send, Send];
}

const choice = (id: string, seq: number, choiceId = choiceIds[seq - 1]!): Send => ({
  method: "POST",
  url: `/api/sessions/${id}/choices`,
  body: { seq, choiceId, timeTakenMs: 900 },
});
const takeBack = (id: string, seq: number): Send => ({ method: "POST", url: `/api/sessions/${id}/take-back`, body: { seq } });
const end = (id: string, status: "completed" | "abandoned"): Send => ({ method: "POST", url: `/api/sessions/${id}/end`, body: { status } });

const RACES: Race[] = [
  { name: "a choice with a take-back of the turn before it", before: 2, pair: (id) => [choice(id, 3), takeBack(id, 2)] },
  { name: "the end with a take-back of the last turn", before: choiceIds.length, pair: (id) => [end(id, "completed"), takeBack(id, choiceIds.length)] },
  { name: "a take-back with the same take-back", before: 2, pair: (id) => [takeBack(id, 2), takeBack(id, 2)] },
  { name: "a take-back with a take-back of the turn before", before: 2, pair: (id) => [takeBack(id, 2), takeBack(id, 1)] },
  { name: "the last choice with the end", before: choiceIds.length - 1, pair: (id) => [choice(id, choiceIds.length), end(id, "completed")] },
  { name: "a choice with abandoning", before: 1, pair: (id) => [choice(id, 2), end(id, "abandoned")] },
  { name: "two different choices at one turn", before: 0, pair: (id) => [choice(id, 1), choice(id, 1, otherFirst)] },
];

interface Tally {
  pairs: number;
  statuses: Map<number, number>;
  sessionsReplayed: number;
}

async function runRaces(base: string, store: string): Promise<void> {
  const tally: Tally = { pairs: 0, statuses: new Map(), sessionsReplayed: 0 };
  for (const race of RACES) {
    for (let trial = 0; trial < TRIALS; trial++) {
      const started = await jsonRequest(base, "POST", "/api/sessions", { scenarioId: ID, mode: "practice" });
      expect(started.status).toBe(201);
      const id = started.body.session.id as string;
      for (let seq = 1; seq <= race.before; seq++) expect((await jsonRequest(base, ...sendArgs(choice(id, seq)))).status).toBe(201);

      const answers = await Promise.all(race.pair(id).map((s) => jsonRequest(base, s.method, s.url, s.body)));
      tally.pairs++;
      for (const a of answers) {
        tally.statuses.set(a.status, (tally.statuses.get(a.status) ?? 0) + 1);
        expect([200, 201, 409], `${race.name} on ${store}: ${JSON.stringify(a.body)}`).toContain(a.status);
        if (a.status === 409) expect(typeof a.body.error).toBe("string");
      }

      // Whatever won, the stored session replays in full, and its transcript and exports answer.
      const detail = await jsonRequest(base, "GET", `/api/sessions/${id}`);
      expect(detail.status, `${race.name} on ${store}`).toBe(200);
      expect(detail.body.transcript.notice, `${race.name} on ${store}`).toBeNull();
      const seqs = (detail.body.choices as { seq: number }[]).map((c) => c.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      if (detail.body.session.status === "completed") {
        expect(detail.body.session.outcome).toBe(detail.body.transcript.ending?.outcome);
      }
      for (const format of ["markdown", "json", "xapi"]) {
        expect((await jsonRequest(base, "GET", `/api/sessions/${id}/export?format=${format}`)).status).toBe(200);
      }
      tally.sessionsReplayed++;
    }
  }
  const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${n} × ${s}`).join(", ");
  console.log(
    `races on ${store}: ${tally.pairs} pairs (${TRIALS} of each of ${RACES.length} kinds), answers ${statuses}; ${tally.sessionsReplayed} sessions replay in full`,
  );
}

function sendArgs(s: Send): [string, string, unknown] {
  return [s.method, s.url, s.body];
}

test.describe("requests that race on one session", () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let cluster: PgCluster | undefined;
  test.afterEach(() => {
    if (server) killGroup(server);
    server = undefined;
    cluster?.stop();
    cluster = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("on SQLite, two server processes", async () => {
    test.setTimeout(180_000);
    dataDir = mkdtempSync(path.join(tmpdir(), "pp-races-"));
    server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
    await setUpAndSignIn(server.base);
    await runRaces(server.base, "SQLite");
  });

  test("on PostgreSQL, two server processes", async () => {
    test.setTimeout(240_000);
    dataDir = mkdtempSync(path.join(tmpdir(), "pp-races-"));
    cluster = await startPgCluster(["races"], { fast: true });
    server = await startServer(await freePort(), { DATABASE_URL: cluster.url("races"), WEB_CONCURRENCY: "2" });
    await setUpAndSignIn(server.base);
    await runRaces(server.base, "PostgreSQL");
  });
});
