import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";
import { ADMIN, ADMIN_STATE } from "./sign-in";
import { axeViolations, expect, test } from "./test";

// The only scenario played in assessment mode on the shared server: the first test's session is the one the filter finds.
const ID = "rapport-and-follow-up";
const plan = planFor(libraryScenario(ID), "first");

test("a supervisor finds a session, reads its transcript, comments, marks it reviewed and exports it", async ({ page }) => {
  // The administrator plays, so the session carries the administrator's name.
  const participant = ADMIN.name;
  const play = new PlayModel(page);
  await play.goto(ID);
  await play.start("Assessment");
  for (const t of plan.turns) await play.choose(t.choice.say);
  await play.openDebrief();
  await play.seeAllSaved();
  const sessionId = await play.serverId(ID);

  await page.goto(`/sessions?${new URLSearchParams({ participant, scenario: ID, mode: "assessment" }).toString()}`);
  await expect(page.getByRole("status")).toHaveText("1 session, page 1 of 1.");
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/sessions/${sessionId}"]`) });
  await expect(row).toContainText(participant);
  await expect(row).toContainText(plan.ending!.outcome);
  expect(await axeViolations(page)).toEqual([]);

  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(participant);
  await expect(page.getByRole("heading", { name: /^Turn \d+$/ })).toHaveCount(plan.turns.length);
  await expect(page.getByText(`You: ${plan.turns[0]!.choice.say}`)).toBeVisible();

  const first = page.getByRole("form", { name: "Comment on turn 1", exact: true });
  await first.getByPlaceholder("Comment on turn 1").fill("A warm, specific opening.");
  await first.getByRole("button", { name: "Add comment" }).click();
  // The comment is signed with the commenting account's name.
  const comment = page.getByRole("listitem").filter({ hasText: "A warm, specific opening.", hasNot: page.getByRole("listitem") });
  await expect(comment).toContainText(ADMIN.name);
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByRole("button", { name: "Reviewed ✓" })).toBeVisible();
  // The refreshed page streams its metadata after its body: wait for the title before checking.
  await expect(page).toHaveTitle(/Session transcript/);
  expect(await axeViolations(page)).toEqual([]);

  expect(page.url().split("/").pop()).toBe(sessionId);
  // Exports, asked with the browser's sign-in.
  const md = await page.request.get(`/api/sessions/${sessionId}/export?format=markdown`);
  expect(md.headers()["content-type"]).toContain("text/markdown");
  expect(await md.text()).toContain("A warm, specific opening.");
  const json = (await (await page.request.get(`/api/sessions/${sessionId}/export?format=json`)).json()) as { format: string; turns: unknown[] };
  expect(json.format).toBe("peer-practice-session");
  expect(json.turns).toHaveLength(plan.turns.length);
  const xapi = (await (await page.request.get(`/api/sessions/${sessionId}/export?format=xapi`)).json()) as { verb: { id: string } }[];
  expect(xapi.map((s) => s.verb.id.split("/").pop())).toEqual([...plan.turns.map(() => "responded"), "completed"]);
  expect((await page.request.get(`/api/sessions/${sessionId}/export?format=pdf`)).status()).toBe(400);
});

test("an unfinished session can be resumed from another device through the sessions list", async ({ page, browser }) => {
  const play = new PlayModel(page);
  await play.goto(ID);
  await play.start("Practice");
  const two = plan.turns.slice(0, 2);
  for (const t of two) await play.choose(t.choice.say);
  await play.seeAllSaved();
  const sessionId = await play.serverId(ID);

  // A fresh browser context has none of the first one's local storage: a second device, signed in as the same account.
  const other = await browser.newContext({ storageState: ADMIN_STATE });
  const page2 = await other.newPage();
  try {
    await page2.goto(`/sessions?${new URLSearchParams({ participant: ADMIN.name, scenario: ID, status: "active" }).toString()}`);
    const row = page2.getByRole("row").filter({ has: page2.locator(`a[href="/sessions/${sessionId}"]`) });
    await row.getByRole("link", { name: "Unfinished: resume" }).click();
    const play2 = new PlayModel(page2);
    await expect(page2.getByText("Resumed the saved session, after 2 turns.")).toBeVisible();
    for (const t of two) await expect(play2.log.getByText(t.choice.say)).toBeVisible();
    await play2.seeTurn(3);
    await play2.choose(plan.turns[2]!.choice.say);
    await play2.seeAllSaved();
  } finally {
    await other.close();
  }
});

test("a transcript prints as a clean document, without navigation or forms", async ({ page }) => {
  const play = new PlayModel(page);
  await play.goto(ID);
  await play.start("Practice");
  await play.choose(plan.turns[0]!.choice.say);
  await play.seeAllSaved();
  const sessionId = await play.serverId(ID);
  await page.goto(`/sessions/${sessionId}`);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { name: "Turn 1" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Add comment" }).first()).toBeHidden();
  await expect(page.getByRole("link", { name: "Markdown" })).toBeHidden();
});
