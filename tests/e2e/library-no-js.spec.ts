/**
 * The library's search and family filter without JavaScript, at desktop and phone sizes: a plain
 * GET form, answered by the server with the list already narrowed; the empty state's way out is a
 * plain link; an old link to one skill (`?skill=`) still narrows, and says how to undo it.
 */
import { readdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { LibraryModel } from "./models/library.model";
import { libraryScenario } from "./plan";
import { expect, test } from "./test";

const scenarios = readdirSync("scenarios/library")
  .filter((f) => f.endsWith(".scenario.yaml"))
  .map((f) => libraryScenario(f.replace(".scenario.yaml", "")));
const title = (id: string) => scenarios.find((s) => s.id === id)!.title;

for (const [size, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(`the library without JavaScript on a ${size}`, () => {
    /**
     * A visitor's page with JavaScript off, in a context of its own that the test closes (the
     * check for refusals of the Content Security Policy runs a script on every page left open).
     */
    async function withoutScripts(browser: Browser, baseURL: string, run: (page: Page) => Promise<void>) {
      const context = await browser.newContext({ baseURL, viewport, javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
      try {
        await run(await context.newPage());
      } finally {
        await context.close();
      }
    }

    test("searches and filters by family as a plain form", async ({ browser, baseURL }) => {
      await withoutScripts(browser, baseURL!, async (page) => {
        const library = new LibraryModel(page);
        await library.goto();
        await library.searchField.fill("voices");
        await page.getByRole("button", { name: "Search", exact: true }).click();
        await expect(page).toHaveURL(/\/\?q=voices&family=$/);
        expect(await library.shownTitles()).toEqual([title("worldview-hearing-voices")]);
        await expect(library.status).toHaveText(/^1 of \d+ scenarios for “voices”$/);

        await library.searchField.fill("");
        await library.pickFamily("Supervision");
        await page.getByRole("button", { name: "Search", exact: true }).click();
        await expect(page).toHaveURL(/\/\?q=&family=supervision$/);
        await expect(library.family("Supervision")).toBeChecked();
        expect(await library.shownTitles()).toEqual([title("supervising-a-new-peer-specialist")]);

        await library.searchField.fill("no such words anywhere");
        await page.getByRole("button", { name: "Search", exact: true }).click();
        await expect(page.getByText("Nothing in the library matches.")).toBeVisible();
        await expect(library.status).toHaveText("No scenarios for “no such words anywhere” in Supervision");
        await page.getByRole("link", { name: "Clear the search and filters" }).click();
        await expect(page).toHaveURL(/\/$/);
        await expect(library.searchField).toHaveValue("");
        await expect(library.family("All")).toBeChecked();
        for (const s of scenarios) await library.seeScenario(s.title);
      });
    });

    test("keeps an old link to one skill, by any of its spellings, with a way back to every skill", async ({ browser, baseURL }) => {
      await withoutScripts(browser, baseURL!, async (page) => {
        const library = new LibraryModel(page);
        await library.goto("?skill=listening");
        await expect(page.getByText("Only scenarios practising Active listening.")).toBeVisible();
        // (A scenario published from the studio's template, which names listening, may join it.)
        const shown = await library.shownTitles();
        expect(shown).toContain(title("active-listening"));
        expect(shown.filter((t) => scenarios.some((s) => s.title === t))).toEqual([title("active-listening")]);
        await page.getByRole("link", { name: "Show every skill" }).click();
        await expect(page).toHaveURL(/\/$/);
        for (const s of scenarios) await library.seeScenario(s.title);
      });
    });
  });
}
