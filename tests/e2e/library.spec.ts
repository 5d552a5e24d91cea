/**
 * The scenario library at desktop and phone sizes: every card with its skills by label and a
 * time estimate; the skill families; search as you type, with the address following and an empty
 * state that clears; a scenario without skills under "All" only; the keyboard path to the first
 * scenario; Back from a scenario keeps the search; and a scenario file with errors shown, with
 * its problems, to trainers and administrators only: supervisors, trainees and visitors see
 * nothing of it.
 */
import { readdirSync } from "node:fs";
import { draftTemplate } from "../../components/studio/draft-template";
import { SKILL_FAMILIES, familiesOf, resolveSkills } from "../../scenarios/skills";
import { longestPlay, scenarioStats } from "../../scenarios/stats";
import { makePerson, pageAs, visitorPage } from "./library-people";
import { LibraryModel } from "./models/library.model";
import { libraryScenario } from "./plan";
import { axeViolations, expect, test } from "./test";

const scenarios = readdirSync("scenarios/library")
  .filter((f) => f.endsWith(".scenario.yaml"))
  .map((f) => libraryScenario(f.replace(".scenario.yaml", "")));
const byId = (id: string) => scenarios.find((s) => s.id === id)!;

const SIZES = [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const;

const tag = Date.now().toString(36);

for (const [size, viewport] of SIZES) {
  test.describe(`the scenario library on a ${size}`, () => {
    test.use({ viewport });

    test("lists every scenario with its summary, counterpart, skills by label and a time estimate", async ({ page }) => {
      const library = new LibraryModel(page);
      await library.goto();
      for (const s of scenarios) {
        const entry = library.entry(s.title);
        await expect(entry).toContainText(s.summary);
        await expect(entry).toContainText(s.roles.counterpart.name);
        const turns = longestPlay(scenarioStats(s, { limit: 200_000 }));
        expect(typeof turns).toBe("number");
        // About a minute a turn, rounded up to five minutes.
        await expect(entry).toContainText(`About ${Math.ceil((turns as number) / 5) * 5} minutes · up to ${turns} turns`);
        const skills = entry.getByRole("list", { name: "Skills" });
        for (const k of resolveSkills(s.skills)) {
          await expect(skills).toContainText(k.label);
          // The label, never the raw id.
          if (k.id.includes("-")) await expect(skills).not.toContainText(k.id);
        }
      }
      await library.seeNoAxeViolations();
    });

    test("filters by skill family, with human labels; Listening finds active listening, All finds everything", async ({ page }) => {
      const library = new LibraryModel(page);
      await library.goto();
      await expect(library.families.getByRole("radio")).toHaveCount(SKILL_FAMILIES.length + 1);
      await expect(library.family("All")).toBeChecked();
      // Each family says how many scenarios it holds (the built-in ones, and any the test server adds).
      for (const f of SKILL_FAMILIES) {
        const count = scenarios.filter((s) => familiesOf(s.skills).includes(f.id)).length;
        const name = await library.family(f.label).getAttribute("aria-label");
        expect(Number(/, (\d+) scenarios?$/.exec(name ?? "")?.[1]), f.label).toBeGreaterThanOrEqual(count);
      }

      await library.pickFamily("Listening");
      await expect(page).toHaveURL(/\/\?family=listening$/);
      await library.seeScenario(byId("active-listening").title);
      for (const s of scenarios) {
        if (familiesOf(s.skills).includes("listening")) await library.seeScenario(s.title);
        else await library.dontSeeScenario(s.title);
      }

      await library.pickFamily("Supervision");
      await expect(library.status).toHaveText(/^1 of \d+ scenarios in Supervision$/);
      await library.seeScenario(byId("supervising-a-new-peer-specialist").title);
      await library.dontSeeScenario(byId("active-listening").title);
      await library.seeNoAxeViolations();

      await library.pickFamily("All");
      await expect(page).toHaveURL(/\/$/);
      for (const s of scenarios) await library.seeScenario(s.title);

      // The address is the filter: a reload, or a link, shows the same.
      await library.goto("?family=safety-and-boundaries");
      await expect(library.family("Safety and boundaries")).toBeChecked();
      await library.seeScenario(byId("crisis-and-safety").title);
      await library.dontSeeScenario(byId("active-listening").title);
    });

    test("searches the title, summary, counterpart and skills as you type; nothing found says so and clears", async ({ page }) => {
      const library = new LibraryModel(page);
      await library.goto();
      await library.searchField.fill("voices");
      await expect(page).toHaveURL(/\/\?q=voices$/);
      await expect(library.status).toHaveText(/^1 of \d+ scenarios for “voices”$/);
      expect(await library.shownTitles()).toEqual([byId("worldview-hearing-voices").title]);

      // By the counterpart, and by a skill's label.
      await library.searchField.fill("Renee");
      expect(await library.shownTitles()).toEqual([byId("active-listening").title]);
      await library.searchField.fill("harm reduction");
      expect(await library.shownTitles()).toEqual([byId("return-to-use-and-harm-reduction").title]);
      await library.searchField.fill("listening");
      await library.seeScenario(byId("active-listening").title);

      // Search and family together, down to nothing.
      await library.searchField.fill("voices");
      await library.pickFamily("Supervision");
      await expect(page).toHaveURL(/\/\?q=voices&family=supervision$/);
      await expect(library.status).toHaveText("No scenarios for “voices” in Supervision");
      await expect(page.getByText("Nothing in the library matches.")).toBeVisible();
      await library.seeNoAxeViolations();
      await page.getByRole("link", { name: "Clear the search and filters" }).click();
      await expect(library.searchField).toBeFocused();
      await expect(library.searchField).toHaveValue("");
      await expect(library.family("All")).toBeChecked();
      await expect(page).toHaveURL(/\/$/);
      for (const s of scenarios) await library.seeScenario(s.title);

      // Enter in the field leaves the page as it is: the list is already narrowed.
      await library.searchField.fill("Kevin");
      await library.searchField.press("Enter");
      await expect(page).toHaveURL(/\/\?q=Kevin$/);
      expect(await library.shownTitles()).toEqual([byId("boundaries-and-dual-relationships").title]);
      // Loaded from the address, the same.
      await page.reload();
      await expect(library.searchField).toHaveValue("Kevin");
      expect(await library.shownTitles()).toEqual([byId("boundaries-and-dual-relationships").title]);

      // Back from a scenario finds the search as it was; the library's link in the header starts afresh.
      await library.searchField.fill("Tasha");
      await expect(page).toHaveURL(/\/\?q=Tasha$/);
      await page.getByRole("link", { name: byId("self-disclosure-with-purpose").title, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: byId("self-disclosure-with-purpose").title })).toBeVisible();
      await page.goBack();
      await expect(library.searchField).toHaveValue("Tasha");
      await expect(page).toHaveURL(/\/\?q=Tasha$/);
      expect(await library.shownTitles()).toEqual([byId("self-disclosure-with-purpose").title]);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scenario library" }).click();
      await expect(library.searchField).toHaveValue("");
      await expect(page).toHaveURL(/\/$/);
      for (const s of scenarios) await library.seeScenario(s.title);
    });

    test("shows a file with errors, with its problems and a link to the studio, to administrators and trainers; supervisors, trainees and visitors see nothing of it", async ({
      page,
      browser,
      baseURL,
    }) => {
      // Four people in browsers of their own, three made for it, and four accessibility checks: on two slow cores, more than the default 30 s.
      test.setTimeout(90_000);
      const library = new LibraryModel(page);
      await library.goto();
      const section = page.getByRole("region", { name: /^Not offered to trainees/ });
      await expect(section).toBeVisible();
      const broken = section.getByRole("listitem").filter({ hasText: "broken-example: cannot be played" });
      await expect(broken).toContainText('"listening" is not a response kind');
      await expect(broken).toContainText("broken-example.scenario.yaml:15:15");
      await expect(broken).toContainText('node "hello" → "goodbye": no such node');
      await expect(broken.getByRole("link", { name: "Open the studio for broken-example" })).toHaveAttribute("href", "/studio");
      const stuck = section.getByRole("listitem").filter({ hasText: "stuck-loop: cannot be played" });
      await expect(stuck).toContainText('node "hallway": no ending can be reached from here');
      await library.dontSeeScenario("A walk that never ends");
      // Never among the scenarios to play, whatever the search.
      await library.searchField.fill("broken");
      await expect(page.locator("#scenario-list")).not.toContainText("broken-example");
      await library.seeNoAxeViolations();

      const person = async (name: string, role: string) => pageAs(browser, baseURL!, await makePerson(browser, baseURL!, name, [role], `${tag}${size}`), { viewport });
      const trainer = await person("Tess Okoro", "trainer");
      await new LibraryModel(trainer).goto();
      await expect(trainer.getByRole("region", { name: /^Not offered to trainees/ })).toContainText("broken-example: cannot be played");
      // Its play page, too, tells a trainer what to fix.
      await trainer.goto("/play/broken-example");
      await expect(trainer.getByRole("heading", { level: 1 })).toHaveText("broken-example cannot be played");
      await expect(trainer.getByRole("region", { name: /^Not offered to trainees/ })).toContainText("broken-example.scenario.yaml:15:15");
      await trainer.context().close();

      const supervisor = await person("Sam Whitfield", "supervisor");
      const trainee = await person("Noor Haddad", "trainee");
      const visitor = await visitorPage(browser, baseURL!, { viewport });
      for (const other of [supervisor, trainee, visitor]) {
        const theirs = new LibraryModel(other);
        await theirs.goto();
        await theirs.seeScenario(byId("active-listening").title);
        await expect(other.getByRole("region", { name: /^Not offered to trainees/ })).toHaveCount(0);
        const text = await other.locator("main").innerText();
        for (const hidden of ["broken-example", "stuck-loop", "cannot be played", ".scenario.yaml", "tests/fixtures"]) expect(text).not.toContain(hidden);
        await theirs.seeNoAxeViolations();
        if (other === visitor) continue;
        // Its play page, reached by an old link, says only that it cannot be played now.
        await other.goto("/play/broken-example");
        await expect(other.getByRole("heading", { level: 1 })).toHaveText("This scenario cannot be played right now");
        const play = await other.locator("main").innerText();
        for (const hidden of [".scenario.yaml", "tests/fixtures", "is not a response kind", "no such node"]) expect(play).not.toContain(hidden);
        await other.context().close();
      }
    });
  });
}

test.describe("the scenario library, by keyboard", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("reaches the first scenario in a few Tab presses, or at once through the skip link; the families are one stop", async ({ page }) => {
    const library = new LibraryModel(page);
    await library.goto();
    const first = page.locator("#scenario-list h3 a").first();
    let presses = 0;
    while (presses < 40) {
      await page.keyboard.press("Tab");
      presses += 1;
      if (await first.evaluate((el) => el === document.activeElement)) break;
    }
    // The site's skip link and header, the library's skip link, the search and its button, the families.
    console.log(`Tab presses from the top of the page to the first scenario, as an administrator: ${presses}`);
    expect(presses).toBeLessThanOrEqual(15);

    // The search, its button, then the families: one Tab stop, arrows move between them and filter at once.
    await library.searchField.focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Search", exact: true })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(library.family("All")).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(library.family("Listening")).toBeFocused();
    await expect(library.family("Listening")).toBeChecked();
    await expect(page).toHaveURL(/family=listening/);
    await page.keyboard.press("Tab");
    await expect(first).toBeFocused();

    await library.goto();
    await page.keyboard.press("Tab"); // the site's skip link
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to the scenarios" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(first).toBeFocused();
  });
});

test.describe("a scenario without skills", () => {
  test("is listed under All, under no family, and found by search", async ({ page }) => {
    const id = `library-no-skills-${tag}`;
    const title = `Nothing tagged ${tag}`;
    const text = draftTemplate(id).replace(/^skills:.*\n/m, "").replace('title: "A first conversation"', `title: "${title}"`);
    const made = await page.request.post("/api/studio/drafts", { data: { scenarioId: id, text } });
    expect(made.status(), await made.text()).toBe(201);
    const draftId = ((await made.json()) as { draft: { id: string } }).draft.id;
    const published = await page.request.post(`/api/studio/drafts/${draftId}/publish`, { data: {} });
    expect(published.ok(), await published.text()).toBe(true);

    const library = new LibraryModel(page);
    await library.goto();
    await library.seeScenario(title);
    await expect(library.entry(title).getByRole("list", { name: "Skills" })).toHaveCount(0);
    for (const f of SKILL_FAMILIES) {
      await library.pickFamily(f.label);
      await library.dontSeeScenario(title);
    }
    await library.pickFamily("All");
    await library.seeScenario(title);
    await library.searchField.fill(tag);
    expect(await library.shownTitles()).toEqual([title]);
  });
});
