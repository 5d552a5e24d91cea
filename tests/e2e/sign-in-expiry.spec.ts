/**
 * A sign-in that expires in the middle of a session, against a server of its own (a fresh SQLite
 * folder) with two trainee accounts made by the administrators' command line. The sign-in is
 * expired on the server, as time would expire it (its row's expiry moved into the past), so the
 * browser still sends its cookie and the server no longer accepts it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";
import { freePort, jsonRequest, killGroup, startServer, type ServerProcess } from "./server-process";
import { setUpAndSignIn, type Credentials } from "./sign-in";

const ID = "active-listening";
const plan = planFor(libraryScenario(ID), "first");
const say = (turn: number) => plan.turns[turn - 1]!.choice.say;
const chosen = (turns: number) => plan.turns.slice(0, turns).map((t) => t.choice.id);

const trainee: Credentials = { name: "Taylor Reed", email: "taylor.reed@example.org", password: "a long enough trainee password" };
const other: Credentials = { name: "Jordan Lee", email: "jordan.lee@example.org", password: "another long enough password" };

// Browsers that have never signed in here (not the shared server's administrator).
test.use({ storageState: { cookies: [], origins: [] } });

let dataDir: string;
let server: ServerProcess;

/** `npm run admin -- create-user` on the server's store, the password from the environment. */
function createTrainee(account: Credentials): Promise<void> {
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["cli/admin.ts", "create-user", "--email", account.email, "--name", account.name, "--role", "trainee"],
    { env: { ...process.env, DATA_DIR: dataDir, PEER_PRACTICE_PASSWORD: account.password }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`create-user ${account.email} exited ${code}:\n${out}`)))),
  );
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "pp-expiry-"));
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "1" });
  // The administrator, signed in for the requests sent from here that read what the server holds.
  await setUpAndSignIn(server.base);
  await Promise.all([createTrainee(trainee), createTrainee(other)]);
});
test.afterAll(() => {
  if (server) killGroup(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Moves every sign-in of the account past its expiry, in the server's database. */
function expireSignIns(account: Credentials) {
  const db = new SqliteDatabase(path.join(dataDir, "peer-practice.sqlite"));
  try {
    db.pragma("busy_timeout = 5000");
    const expired = db
      .prepare("UPDATE auth_session SET expiresAt = ? WHERE userId = (SELECT id FROM auth_user WHERE email = ?)")
      .run(new Date(Date.now() - 60_000).toISOString(), account.email);
    expect(expired.changes, `${account.email} was signed in`).toBeGreaterThan(0);
  } finally {
    db.close();
  }
}

async function signIn(page: Page, account: Credentials) {
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The choices the server holds for a session, read by the administrator. */
async function serverTurns(sessionId: string): Promise<string[]> {
  const r = await jsonRequest(server.base, "GET", `/api/sessions/${sessionId}`);
  expect(r.status).toBe(200);
  return (r.body as { choices: { choiceId: string }[] }).choices.map((c) => c.choiceId);
}

/** The operations this browser keeps waiting for a session. */
async function queued(page: Page, sessionId: string): Promise<unknown[]> {
  const raw = await page.evaluate((id) => window.localStorage.getItem(`peer-practice:outbox:${id}`), sessionId);
  return raw === null ? [] : (JSON.parse(raw) as unknown[]);
}

/** Signs in as the trainee from the play page's address, starts a practice session and saves the first turns. */
async function playSignedIn(page: Page, turns: number): Promise<{ play: PlayModel; sessionId: string }> {
  const play = new PlayModel(page);
  await page.goto(`${server.base}/play/${ID}`);
  await signIn(page, trainee);
  await play.start("Practice");
  for (let turn = 1; turn <= turns; turn++) await play.choose(say(turn));
  await play.seeAllSaved();
  const sessionId = await play.serverId(ID);
  expect(await serverTurns(sessionId)).toEqual(chosen(turns));
  return { play, sessionId };
}

test("choices made after the sign-in expired are kept, and sent once the trainee signs in again", async ({ page }) => {
  const { play, sessionId } = await playSignedIn(page, 2);
  expireSignIns(trainee);

  // The trainee plays on, takes a choice back and makes it again: the page says the sign-in
  // has expired and how many changes wait.
  await play.choose(say(3));
  await expect(play.saveStatus()).toHaveAttribute("data-save-state", "signed-out");
  await expect(play.saveStatus()).toContainText("Your sign-in has expired. 1 change is kept in this browser");
  await play.choose(say(4));
  await expect(play.saveStatus()).toContainText("2 changes are kept in this browser and will be sent once you sign in again");
  await play.takeBack();
  await expect(play.saveStatus()).toContainText("1 change is kept");
  await play.choose(say(4));
  await expect(play.saveStatus()).toContainText("2 changes are kept");
  await play.seeTurn(5);
  await play.seeNoAxeViolations();
  expect(await queued(page, sessionId)).toMatchObject([
    { type: "choice", seq: 3, choiceId: plan.turns[2]!.choice.id },
    { type: "choice", seq: 4, choiceId: plan.turns[3]!.choice.id },
  ]);
  expect(await serverTurns(sessionId)).toEqual(chosen(2));

  // Signing in again brings the trainee back to the same session, whose waiting choices go out.
  await play.saveStatus().getByRole("link", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(`${server.base}/sign-in?next=${encodeURIComponent(`/play/${ID}`)}`);
  await signIn(page, trainee);
  await expect(page).toHaveURL(`${server.base}/play/${ID}`);
  await expect(page.getByText("Resumed where you left off, after 4 turns.")).toBeVisible();
  await play.seeAllSaved();
  expect(await queued(page, sessionId)).toEqual([]);
  expect(await serverTurns(sessionId)).toEqual(chosen(4));
  expect(await play.serverId(ID)).toBe(sessionId);

  // And the session goes on.
  await play.choose(say(5));
  await play.seeAllSaved();
  expect(await serverTurns(sessionId)).toEqual(chosen(5));
});

test("signed in again in another tab, the waiting choices go when the trainee tries again", async ({ page, context }) => {
  const { play, sessionId } = await playSignedIn(page, 1);
  expireSignIns(trainee);
  await play.choose(say(2));
  await play.choose(say(3));
  await expect(play.saveStatus()).toContainText("2 changes are kept in this browser");

  const tab = await context.newPage();
  await tab.goto(`${server.base}/sign-in`);
  await signIn(tab, trainee);
  await expect(tab.getByRole("navigation", { name: "Main" }).getByText(trainee.name)).toBeVisible();
  await tab.close();

  await play.saveStatus().getByRole("button", { name: "Try again" }).click();
  await play.seeAllSaved();
  expect(await serverTurns(sessionId)).toEqual(chosen(3));
});

test("another account signing in on the browser neither sees nor sends the waiting choices, which stay kept for their trainee", async ({ page }) => {
  const { play, sessionId } = await playSignedIn(page, 1);
  expireSignIns(trainee);
  await play.choose(say(2));
  await expect(play.saveStatus()).toContainText("1 change is kept in this browser");

  await play.saveStatus().getByRole("link", { name: "Sign in again" }).click();
  await signIn(page, other);
  await expect(page).toHaveURL(`${server.base}/play/${ID}`);
  // The browser keeps sessions per account: the other account starts afresh, never on the trainee's conversation.
  await expect(page.getByRole("button", { name: /^Practice/ })).toBeVisible();
  await expect(page.getByText(say(1))).toHaveCount(0);
  expect(await queued(page, sessionId)).toMatchObject([{ type: "choice", seq: 2, choiceId: plan.turns[1]!.choice.id }]);
  expect(await serverTurns(sessionId)).toEqual(chosen(1));
  const theirs = await page.request.get(`${server.base}/api/sessions/${sessionId}`);
  expect(theirs.status()).toBe(404);

  // The trainee, signed in again on this browser, finds the conversation and the waiting choice goes.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto(`${server.base}/play/${ID}`);
  await signIn(page, trainee);
  await play.seeAllSaved();
  expect(await serverTurns(sessionId)).toEqual(chosen(2));
  expect(await queued(page, sessionId)).toEqual([]);
});
