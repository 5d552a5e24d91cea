import { readdirSync } from "node:fs";
import { LibraryModel } from "./models/library.model";
import { libraryScenario } from "./plan";
import { expect, test } from "./test";

const scenarios = readdirSync("scenarios/library")
  .filter((f) => f.endsWith(".scenario.yaml"))
  .map((f) => libraryScenario(f.replace(".scenario.yaml", "")));

test.describe("the scenario library", () => {
  test("lists every scenario with its summary, counterpart, skills and length", async ({ page }) => {
    const library = new LibraryModel(page);
    await library.goto();
    for (const s of scenarios) {
      const entry = library.entry(s.title);
      await expect(entry).toContainText(s.summary);
      await expect(entry).toContainText(s.roles.counterpart.name);
      await expect(entry).toContainText(/up to \d+ turns/);
      for (const skill of s.skills) await expect(entry.getByRole("list", { name: "Skills" })).toContainText(skill);
    }
    await library.seeNoAxeViolations();
  });

  test("filters by skill", async ({ page }) => {
    const library = new LibraryModel(page);
    const skill = "supervision";
    const withSkill = scenarios.filter((s) => s.skills.includes(skill));
    const without = scenarios.filter((s) => !s.skills.includes(skill));
    expect(withSkill.length).toBeGreaterThan(0);
    await library.goto();
    await library.filterBy(skill);
    for (const s of withSkill) await library.seeScenario(s.title);
    for (const s of without) await library.dontSeeScenario(s.title);
    await page.getByRole("link", { name: "All", exact: true }).click();
    for (const s of scenarios) await library.seeScenario(s.title);
  });

  test("shows a file that fails validation as an entry with its problems, and does not start it", async ({ page }) => {
    const library = new LibraryModel(page);
    await library.goto();
    const broken = page.getByRole("listitem").filter({ hasText: "broken-example: cannot be played" });
    await expect(broken).toContainText('"listening" is not a response kind');
    await expect(broken).toContainText("broken-example.scenario.yaml:15:15");
    await expect(broken).toContainText('node "hello" → "goodbye": no such node');
    await expect(broken.getByRole("link")).toHaveCount(0);
    await page.goto("/play/broken-example");
    await expect(page.getByRole("heading", { name: "broken-example cannot be played" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Practice/ })).toHaveCount(0);
  });

  test("lists a scenario whose analysis finds errors with them, and does not start it", async ({ page }) => {
    const library = new LibraryModel(page);
    await library.goto();
    const stuck = page.getByRole("listitem").filter({ hasText: "stuck-loop: cannot be played" });
    await expect(stuck).toContainText('node "hallway": no ending can be reached from here');
    await library.dontSeeScenario("A walk that never ends");
    await page.goto("/play/stuck-loop");
    await expect(page.getByRole("heading", { name: "stuck-loop cannot be played" })).toBeVisible();
    await expect(page.getByText("stuck-loop.scenario.yaml:29:3")).toBeVisible();
  });

  test("answers an unknown scenario with a not-found page", async ({ page }) => {
    const res = await page.goto("/play/no-such-scenario");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});
