/**
 * The studio's version history, imports and downloads, as an author on the shared server: two
 * versions published, their difference seen line by line, the older one published again and
 * marked current; a Twee story imported with its warnings listed by line; a draft downloaded as
 * YAML under its scenario id, and one with errors refused as Twee in words.
 */
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { draftTemplate } from "../../components/studio/draft-template";
import { axeViolations, expect, test } from "./test";

test.describe.configure({ mode: "serial", timeout: 90_000 });

const SCENARIO_ID = "history-in-the-studio";
const FIRST_TITLE = "A first conversation";
const SECOND_TITLE = "A conversation, written again";

/** A request the page's signed-in author makes, from the page's own origin as the browser would. */
async function post(page: Page, url: string, data: unknown) {
  const res = await page.request.post(url, { data, headers: { origin: new URL(page.url()).origin } });
  expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

let draftId = "";

test("an author publishes two versions, sees the changed line between them, and publishes the older one again", async ({ page }) => {
  await page.goto("/studio");
  const first = draftTemplate(SCENARIO_ID);
  const made = await post(page, "/api/studio/drafts", { scenarioId: SCENARIO_ID, text: first });
  draftId = made.draft.id;
  const v1 = (await post(page, `/api/studio/drafts/${draftId}/publish`, {})).version;
  await post(page, `/api/studio/drafts/${draftId}`, { text: first.replace(`title: "${FIRST_TITLE}"`, `title: "${SECOND_TITLE}"`), baseRevision: 1 });
  const v2 = (await post(page, `/api/studio/drafts/${draftId}/publish`, {})).version;

  // From the studio's list of published scenarios to the history.
  await page.reload();
  await page.getByRole("link", { name: `Version history of ${SECOND_TITLE}` }).click();
  await expect(page).toHaveURL(`/studio/scenarios/${SCENARIO_ID}`);
  await expect(page.getByRole("heading", { level: 1, name: `Version history of “${SECOND_TITLE}”` })).toBeVisible();
  const list = page.getByRole("list", { name: `Published versions of ${SCENARIO_ID}, newest first` });
  const row = (hash: string) => list.getByRole("listitem").filter({ hasText: hash.slice(0, 12) });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(row(v2.hash)).toContainText("Current");
  await expect(row(v1.hash)).not.toContainText("Current");

  // By default the previous version is compared with the current one: the title line removed and added.
  const changes = page.getByRole("group", { name: /^Changes from / });
  await expect(page.getByText("1 line added, 1 removed.")).toBeVisible();
  await expect(changes.locator("del")).toHaveText(`Removed: title: ${FIRST_TITLE}`);
  await expect(changes.locator("ins")).toHaveText(`Added: title: ${SECOND_TITLE}`);
  await expect(changes.locator('[data-kind="removed"]')).toContainText("−");
  await expect(changes.locator('[data-kind="added"]')).toContainText("+");
  expect(await axeViolations(page)).toEqual([]);

  // Any two versions, in either direction.
  await page.getByLabel("From", { exact: true }).selectOption(v2.hash);
  await page.getByLabel("To", { exact: true }).selectOption(v1.hash);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${v2.hash}&to=${v1.hash}$`));
  await expect(changes.locator("del")).toHaveText(`Removed: title: ${SECOND_TITLE}`);
  await expect(changes.locator("ins")).toHaveText(`Added: title: ${FIRST_TITLE}`);

  // The older version made current again.
  await row(v1.hash).getByRole("button", { name: /^Publish this version again/ }).click();
  await expect(page.getByRole("status").filter({ hasText: `Version ${v1.hash.slice(0, 12)} (“${FIRST_TITLE}”) is the current version again` })).toBeVisible();
  await expect(row(v1.hash)).toContainText("Current");
  await expect(row(v2.hash)).not.toContainText("Current");
  await expect(row(v2.hash).getByRole("button", { name: /^Publish this version again/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `Version history of “${FIRST_TITLE}”` })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("an author imports a Twee story and sees what could not be carried over, by line, and the new draft", async ({ page }) => {
  const story = [
    ":: StoryTitle",
    "Door knock in the studio",
    "",
    ":: Start",
    "(Sam opens the door a crack.) Yes?",
    "[[Can I come in?->End]]",
    "",
    ":: End",
    "(The door closes.)",
    "",
  ].join("\n");
  await page.goto("/studio");
  await page.getByLabel("Scenario file").setInputFiles({ name: "door-knock.twee", mimeType: "text/plain", buffer: Buffer.from(story) });
  await page.getByRole("button", { name: "Import as a draft" }).click();
  const result = page.getByRole("status").filter({ hasText: "Imported door-knock.twee" });
  await expect(result).toContainText("Imported door-knock.twee (Twee) as a new draft of door-knock-in-the-studio.");
  const warnings = result.getByRole("list", { name: "Import warnings for door-knock.twee" });
  await expect(warnings.getByRole("listitem").filter({ hasText: 'Line 6, column 1: passage "Start": the link "Can I come in?" has no response kind' })).toBeVisible();
  await expect(warnings.getByRole("listitem").filter({ hasText: /^Line 8, column 1: passage "End" is an ending with no outcome/ })).toBeVisible();
  // The drafts list has it too, and the link opens it.
  await expect(page.getByRole("region", { name: "Drafts" }).getByText("door-knock-in-the-studio")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The same file again is refused: that scenario id has a draft already.
  await page.getByLabel("Scenario file").setInputFiles({ name: "door-knock.twee", mimeType: "text/plain", buffer: Buffer.from(story) });
  await page.getByRole("button", { name: "Import as a draft" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not imported" })).toHaveText(
    'Not imported: a draft of scenario "door-knock-in-the-studio" exists already; open it from the list, or import the file under another scenario id.',
  );

  await page.getByLabel("Scenario file").setInputFiles({ name: "door-knock.twee", mimeType: "text/plain", buffer: Buffer.from(story) });
  await page.getByLabel("Scenario id (optional)").fill("door-knock-again");
  await page.getByRole("button", { name: "Import as a draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "as a new draft of door-knock-again" })).toBeVisible();
  await page.getByRole("link", { name: "Open the draft" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Draft of door-knock-again" })).toBeVisible();
});

test("an author downloads a draft as YAML, named after its scenario id, with its saved text", async ({ page }) => {
  await page.goto("/studio");
  const saved = (await (await page.request.get(`/api/studio/drafts/${draftId}`)).json()).draft.text as string;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: `Download the draft ${SECOND_TITLE} as YAML` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${SCENARIO_ID}.scenario.yaml`);
  expect(readFileSync(await download.path(), "utf8")).toBe(saved);

  // A built-in scenario as Twee, for Twine.
  const [story] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Sixty days as Twee" }).click()]);
  expect(story.suggestedFilename()).toBe("active-listening.twee");
  expect(readFileSync(await story.path(), "utf8")).toMatch(/^:: StoryTitle\nSixty days\n/);

  // A draft with errors has no Twee: the page says why, and YAML still comes.
  await post(page, "/api/studio/drafts", { scenarioId: "half-written-in-the-studio", text: "id: half-written-in-the-studio\ntitle: [" });
  await page.reload();
  const name = "the draft half-written-in-the-studio";
  await page.getByRole("button", { name: `Download ${name} as Twee` }).click();
  await expect(page.getByRole("group", { name: `Download ${name}` }).getByRole("alert")).toHaveText(
    "No Twee file: the draft has an error, so it cannot be written as Twee; fix it first, or download it as YAML.",
  );
  const [yaml] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `Download ${name} as YAML` }).click()]);
  expect(yaml.suggestedFilename()).toBe("half-written-in-the-studio.scenario.yaml");
});
