import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";

const ID = "active-listening";
const plan = planFor(libraryScenario(ID), "first");

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** A server of our own, so a test can kill it hard and start it again on the same data. */
async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

async function serverTurns(base: string, sessionId: string): Promise<string[]> {
  const res = await fetch(`${base}/api/sessions/${sessionId}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { choices: { choiceId: string }[] };
  return body.choices.map((c) => c.choiceId);
}

test("every choice is saved on the server, and survives the server being killed", async ({ page }) => {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "pp-kill-"));
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port, dataDir);
  try {
    const play = new PlayModel(page);
    await page.goto(`${base}/play/${ID}`);
    await play.start("Practice");
    const three = plan.turns.slice(0, 3);
    for (const t of three) await play.choose(t.choice.say);
    await play.seeAllSaved();
    const sessionId = await play.serverId(ID);
    expect(await serverTurns(base, sessionId)).toEqual(three.map((t) => t.choice.id));

    // Kill the whole process group hard: no chance to flush anything.
    process.kill(-server.pid!, "SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    server = await startServer(port, dataDir);

    await page.reload();
    await play.seeTurn(4);
    for (const t of three) await expect(play.log.getByText(t.choice.say)).toBeVisible();
    expect(await serverTurns(base, sessionId)).toEqual(three.map((t) => t.choice.id));
    // And the session goes on.
    await play.choose(plan.turns[3]!.choice.say);
    await play.seeAllSaved();
    expect(await serverTurns(base, sessionId)).toHaveLength(4);
  } finally {
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("choices made offline wait in the browser and are sent when the connection returns", async ({ page, context, baseURL }) => {
  const play = new PlayModel(page);
  await play.goto(ID);
  await play.start("Practice");
  await play.choose(plan.turns[0]!.choice.say);
  await play.seeAllSaved();
  const sessionId = await play.serverId(ID);

  await context.setOffline(true);
  await play.choose(plan.turns[1]!.choice.say);
  await play.choose(plan.turns[2]!.choice.say);
  await expect(play.saveStatus()).toHaveAttribute("data-save-state", "offline");
  await expect(play.saveStatus()).toContainText("Offline: 2 changes are kept in this browser");
  // The conversation goes on while offline.
  await play.seeTurn(4);

  await context.setOffline(false);
  await play.seeAllSaved();
  expect(await serverTurns(baseURL!, sessionId)).toEqual(plan.turns.slice(0, 3).map((t) => t.choice.id));
});

test("a take-back and the end of the session reach the server too", async ({ page, baseURL }) => {
  const play = new PlayModel(page);
  await play.goto(ID);
  await play.start("Practice");
  await play.choose(plan.turns[0]!.choice.say);
  await play.choose(plan.turns[1]!.choice.say);
  await play.takeBack();
  await play.seeAllSaved();
  const sessionId = await play.serverId(ID);
  expect(await serverTurns(baseURL!, sessionId)).toEqual([plan.turns[0]!.choice.id]);
  for (const t of plan.turns.slice(1)) await play.choose(t.choice.say);
  await play.openDebrief();
  await play.seeAllSaved();
  const res = await fetch(`${baseURL}/api/sessions/${sessionId}`);
  const body = (await res.json()) as { session: { status: string; outcome: string; finalMeters: unknown } };
  expect(body.session).toMatchObject({ status: "completed", outcome: plan.ending!.outcome, finalMeters: plan.meters });
});
