import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";
import { freePort, killGroup, startServer } from "./server-process";
import { setUpAndSignIn, signInBrowser } from "./sign-in";
import { expect, test } from "./test";

const ID = "active-listening";
const plan = planFor(libraryScenario(ID), "first");

/** The choices the server holds, asked as the browser's signed-in account. */
async function serverTurns(request: APIRequestContext, base: string, sessionId: string): Promise<string[]> {
  const res = await request.get(`${base}/api/sessions/${sessionId}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { choices: { choiceId: string }[] };
  return body.choices.map((c) => c.choiceId);
}

test("every choice is saved on the server, and survives the server being killed", async ({ page }) => {
  // Two servers of two processes each start in this test: on two busy cores that alone can take half a minute.
  test.setTimeout(90_000);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "pp-kill-"));
  const base = `http://127.0.0.1:${port}`;
  // Two server processes, as `npm start` runs it on two cores.
  const env = { DATA_DIR: dataDir, WEB_CONCURRENCY: "2" };
  let server = await startServer(port, env);
  try {
    await signInBrowser(page.context(), base, await setUpAndSignIn(base));
    const play = new PlayModel(page);
    await page.goto(`${base}/play/${ID}`);
    await play.start("Practice");
    const three = plan.turns.slice(0, 3);
    for (const t of three) await play.choose(t.choice.say);
    await play.seeAllSaved();
    const sessionId = await play.serverId(ID);
    expect(await serverTurns(page.request, base, sessionId)).toEqual(three.map((t) => t.choice.id));

    // Kill the whole process group hard: no chance to flush anything.
    killGroup(server);
    await server.exited;
    server = await startServer(port, env);

    await page.reload();
    await play.seeTurn(4);
    for (const t of three) await expect(play.log.getByText(t.choice.say)).toBeVisible();
    expect(await serverTurns(page.request, base, sessionId)).toEqual(three.map((t) => t.choice.id));
    // And the session goes on.
    await play.choose(plan.turns[3]!.choice.say);
    await play.seeAllSaved();
    expect(await serverTurns(page.request, base, sessionId)).toHaveLength(4);
  } finally {
    killGroup(server);
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
  expect(await serverTurns(page.request, baseURL!, sessionId)).toEqual(plan.turns.slice(0, 3).map((t) => t.choice.id));
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
  expect(await serverTurns(page.request, baseURL!, sessionId)).toEqual([plan.turns[0]!.choice.id]);
  for (const t of plan.turns.slice(1)) await play.choose(t.choice.say);
  await play.openDebrief();
  await play.seeAllSaved();
  const res = await page.request.get(`${baseURL}/api/sessions/${sessionId}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { session: { status: string; outcome: string; finalMeters: unknown } };
  expect(body.session).toMatchObject({ status: "completed", outcome: plan.ending!.outcome, finalMeters: plan.meters });
});
