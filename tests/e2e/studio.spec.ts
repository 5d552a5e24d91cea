/**
 * The studio in the browser, as a trainer on the shared server: a draft from the template, a
 * broken `next` found at its line and fixed, published and then in the library; the draft kept
 * across a reload; a second tab that saved first gets the conflict notice, never an overwrite.
 */
import type { Browser, Page } from "@playwright/test";
import { draftTemplate } from "../../components/studio/draft-template";
import { axeViolations, expect, test } from "./test";

test.describe.configure({ mode: "serial", timeout: 90_000 });

const trainer = { email: "tess.trainer@example.org", name: "Tess Trainer", password: "Tess's long password" };
const SCENARIO_ID = "first-meeting-in-the-studio";

/** The trainer, made by the administrator (the shared server's signed-in browser) with a one-time link used at once. */
async function trainerPage(browser: Browser, adminPage: Page): Promise<Page> {
  const made = await adminPage.request.post("/api/admin/people", { data: { email: trainer.email, name: trainer.name, roles: ["trainer"] } });
  if (made.status() === 201) {
    const token = decodeURIComponent(String((await made.json()).link.url).split("#token=")[1] ?? "");
    const origin = new URL(adminPage.url()).origin;
    expect((await adminPage.request.post("/api/auth/reset-password", { data: { token, newPassword: trainer.password }, headers: { origin } })).status()).toBe(200);
  }
  const context = await browser.newContext({ baseURL: new URL(adminPage.url()).origin, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.90" } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(trainer.email);
  await page.getByLabel("Password").fill(trainer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(trainer.name)).toBeVisible();
  return page;
}

/** Replaces the whole text in the editor, as typing would. */
async function replaceText(page: Page, text: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

const status = (page: Page) => page.getByRole("status").filter({ hasText: /^(Saved|Saving…|Not saved)/ });

let draftPath = "";

test("a trainer makes a draft from the template, finds a broken next at its line, fixes it and publishes it into the library", async ({ page, browser }) => {
  await page.goto("/");
  const studio = await trainerPage(browser, page);
  await studio.goto("/studio");
  await expect(studio.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
  expect(await axeViolations(studio)).toEqual([]);
  await studio.getByLabel("Scenario id of the new draft").fill(SCENARIO_ID);
  await studio.getByRole("form", { name: "New draft" }).getByRole("button", { name: "New draft" }).click();
  await expect(studio).toHaveURL(/\/studio\/drafts\/[0-9a-f-]{36}$/);
  draftPath = new URL(studio.url()).pathname;
  await expect(studio.locator(".cm-content")).toBeVisible();
  await expect(studio.getByText("No problems found.")).toBeVisible();

  const text = draftTemplate(SCENARIO_ID);
  const broken = text.replace("next: what-brought-you", "next: what-brought-yuo");
  const line = broken.split("\n").findIndex((l) => l.includes("what-brought-yuo")) + 1;
  await replaceText(studio, broken);
  const finding = studio.getByRole("button", { name: new RegExp(`^${line}:\\d+ error`) });
  await expect(finding).toContainText("what-brought-yuo");
  await expect(studio.getByRole("button", { name: "Publish" })).toBeDisabled();
  // The finding takes the cursor to its line.
  await finding.click();
  await expect(studio.locator(".cm-activeLine")).toContainText("what-brought-yuo");
  // On the graph, the node with the broken choice is marked, and the outline says where it leads.
  const views = studio.getByRole("region", { name: "Views of the scenario" });
  const hello = views.locator('.react-flow__node[data-id="hello"]');
  await expect(hello).toContainText("Error");
  await expect(views.getByText("Some choices lead to nodes that do not exist; they are marked.")).toBeVisible();
  // Selecting a node takes the text to its lines; moving the cursor selects the node it is in.
  await views.locator('.react-flow__node[data-id="sam-leaves"]').click();
  await expect(studio.locator(".cm-activeLine")).toContainText("sam-leaves:");
  await views.getByRole("tab", { name: "Outline" }).click();
  const outline = views.getByRole("tabpanel", { name: "Outline" });
  await expect(outline.getByRole("listitem").filter({ has: studio.getByRole("heading", { name: /sam-leaves/ }) })).toHaveAttribute("aria-current", "true");
  await expect(outline.getByText("→ what-brought-yuo (no such node)")).toBeVisible();
  await finding.click();
  await expect(outline.getByRole("listitem").filter({ has: studio.getByRole("heading", { name: /^Turn hello/ }) })).toHaveAttribute("aria-current", "true");
  await views.getByRole("tab", { name: "Graph" }).click();

  await replaceText(studio, text);
  await expect(studio.getByText("No problems found.")).toBeVisible();
  await expect(status(studio)).toHaveText("Saved");
  expect(await axeViolations(studio)).toEqual([]);
  await studio.getByRole("button", { name: "Publish" }).click();
  await expect(studio.getByText(`Published as the current version of ${SCENARIO_ID}.`)).toBeVisible();

  // In the library, for everyone.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "A first conversation" })).toBeVisible();
  await studio.context().close();
});

test("the draft keeps what was typed across a reload, and a second tab that saved first gets the conflict notice", async ({ page, browser }) => {
  await page.goto("/");
  const first = await trainerPage(browser, page);
  await first.goto(draftPath);
  await expect(status(first)).toHaveText("Saved");
  const text = draftTemplate(SCENARIO_ID);
  await replaceText(first, `# Kept across a reload\n${text}`);
  await expect(status(first)).toHaveText("Saved");
  await first.reload();
  await expect(first.locator(".cm-content")).toContainText("# Kept across a reload");

  // A second tab opens the same draft, and saves first.
  const second = await first.context().newPage();
  await second.goto(draftPath);
  await expect(status(second)).toHaveText("Saved");
  await replaceText(second, `# Written in the second tab\n${text}`);
  await expect(status(second)).toHaveText("Saved");

  // The first tab, still on the older revision, is not allowed to write over it.
  await replaceText(first, `# Written in the first tab\n${text}`);
  await expect(first.getByRole("heading", { name: "This draft was saved elsewhere while you were editing" })).toBeVisible();
  await expect(first.getByLabel("Their version")).toContainText("# Written in the second tab");
  await expect(first.getByLabel("Your version")).toContainText("# Written in the first tab");
  expect(await axeViolations(first)).toEqual([]);
  await first.context().close();
});
