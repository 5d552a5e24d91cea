/**
 * The sessions list as a supervisor uses it: scenarios shown and found by title (or id), sortable
 * column headings (links, so they work without JavaScript, with the direction shown and in
 * aria-sort), a needs-review filter, sessions abandoned after 0 or 1 turns hidden until asked
 * for; and on a phone, cards that keep the outcome and the review state in view without scrolling
 * sideways. At desktop and phone sizes, axe-clean.
 */
import type { Page } from "@playwright/test";
import { replay } from "../../machines/replay";
import { cohortWithPeople, signInAs, type CohortWithPeople } from "./cohort-people";
import { apiAs, cookieOf, harmfulFirst, playSession, scrollsSideways, SIZES, type Played } from "./models/review.model";
import { axeViolations, expect, test } from "./test";

const DANA = "Dana's first week out";
const PLAN = "The plan with someone else's name on it";
const MISSED = "After the missed appointment";

let people: CohortWithPeople;
/** A: Dana, completed; B: the plan, completed and reviewed; C, D: Dana, abandoned after 1 and 0 turns; E: Dana, abandoned after 3; F: missed appointment, unfinished after 2. */
let s: Record<"A" | "B" | "C" | "D" | "E" | "F", Played>;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  people = await cohortWithPeople();
  const trainee = apiAs(baseURL!, await cookieOf(baseURL!, people.trainee));
  const supervisor = apiAs(baseURL!, await cookieOf(baseURL!, people.supervisor));
  const A = await playSession(trainee, "four-parts-of-connection", { pick: harmfulFirst, end: "completed" });
  const B = await playSession(trainee, "mutuality", { end: "completed" });
  await supervisor("POST", `/api/sessions/${B.id}/review`, { reviewed: true });
  const C = await playSession(trainee, "four-parts-of-connection", { turns: 1, end: "abandoned" });
  const D = await playSession(trainee, "four-parts-of-connection", { turns: 0, end: "abandoned" });
  const E = await playSession(trainee, "four-parts-of-connection", { turns: 3, end: "abandoned" });
  const F = await playSession(trainee, "rapport-and-follow-up", { turns: 2 });
  s = { A, B, C, D, E, F };
});

/** The sessions listed, in order, as the ids their links lead to (the table's or the cards', whichever is shown). */
async function listed(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/sessions/"]').filter({ visible: true }).evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  return hrefs.map((h) => h.slice("/sessions/".length));
}

const ids = (...keys: (keyof typeof s)[]) => keys.map((k) => s[k].id);
const mine = () => ({ participant: people.trainee.name });
const list = (page: Page, q: Record<string, string>) => page.goto(`/sessions?${new URLSearchParams({ ...mine(), ...q }).toString()}`);

for (const { name, viewport } of SIZES) {
  test.describe(`on a ${name}`, () => {
    test.use({ viewport });
    test.beforeEach(async ({ context, baseURL }) => {
      await signInAs(context, baseURL!, people.supervisor);
    });

    test("shows scenarios by title and finds them by part of the title or the id", async ({ page }) => {
      for (const scenario of ["four-parts", "Dana's first week", "DANA’S FIRST WEEK"]) {
        await list(page, { scenario });
        await expect(page.getByRole("status")).toHaveText("2 sessions, page 1 of 1.");
        expect(await listed(page)).toEqual(ids("E", "A"));
      }
      await expect(page.getByRole("link", { name: DANA, exact: true }).filter({ visible: true })).toHaveCount(2);
      await expect(page.getByRole("textbox", { name: "Scenario (title or id)" })).toHaveValue("DANA’S FIRST WEEK");
      expect(await axeViolations(page)).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);

      // Typed into the form, as a person would.
      await list(page, {});
      await page.getByRole("textbox", { name: "Scenario (title or id)" }).fill("someone else's name");
      await page.getByRole("button", { name: "Show" }).click();
      await expect(page).toHaveURL(/scenario=someone/);
      await expect(page.getByRole("status")).toHaveText("1 session, page 1 of 1.");
      await expect(page.getByRole("link", { name: PLAN, exact: true }).filter({ visible: true })).toBeVisible();
    });

    test("hides sessions abandoned after 0 or 1 turns, says how many, and shows them when asked", async ({ page }) => {
      await list(page, { scenario: "four-parts" });
      expect(await listed(page)).toEqual(ids("E", "A"));
      const hint = page.getByText("2 sessions abandoned after 0 or 1 turns are not listed.");
      await expect(hint).toBeVisible();
      await page.getByRole("link", { name: "Show them" }).click();
      await expect(page.getByRole("status")).toHaveText("4 sessions, page 1 of 1.");
      expect(await listed(page)).toEqual(ids("E", "D", "C", "A"));
      // Nothing in them to review.
      await expect(page.getByText("Nothing to review").filter({ visible: true })).toHaveCount(2);
      await expect(page.getByRole("checkbox", { name: "Include sessions abandoned after 0 or 1 turns" })).toBeChecked();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("link", { name: "Hide them" }).click();
      await expect(page.getByRole("status")).toHaveText("2 sessions, page 1 of 1.");
      expect(await listed(page)).toEqual(ids("E", "A"));
      // The checkbox in the form does the same.
      await page.getByRole("checkbox", { name: "Include sessions abandoned after 0 or 1 turns" }).check();
      await page.getByRole("button", { name: "Show" }).click();
      await expect(page.getByRole("status")).toHaveText("4 sessions, page 1 of 1.");
    });

    test("filters to the sessions that need review: ended, not yet marked", async ({ page }) => {
      await list(page, {});
      await page.getByRole("combobox", { name: "Review" }).selectOption({ label: "Needs review" });
      await page.getByRole("button", { name: "Show" }).click();
      await expect(page).toHaveURL(/review=needed/);
      await expect(page.getByRole("status")).toHaveText("2 sessions, page 1 of 1.");
      expect(await listed(page)).toEqual(ids("E", "A"));
      expect(await axeViolations(page)).toEqual([]);
      await list(page, { review: "done" });
      expect(await listed(page)).toEqual(ids("B"));
    });

    test("shows the outcome and the review state of every session, and never scrolls sideways", async ({ page }) => {
      await list(page, {});
      expect(await listed(page)).toEqual(ids("F", "E", "B", "A"));
      const outcomeOfA = replay(s.A.scenario, s.A.choices.map((c) => c.id)).ending!.outcome;
      const item = (id: string) =>
        name === "phone"
          ? page.getByRole("listitem").filter({ has: page.locator(`a[href="/sessions/${id}"]`) })
          : page.getByRole("row").filter({ has: page.locator(`a[href="/sessions/${id}"]`) });
      await expect(item(s.A.id)).toContainText(outcomeOfA.charAt(0).toUpperCase() + outcomeOfA.slice(1));
      await expect(item(s.A.id)).toContainText("Needs review");
      await expect(item(s.B.id)).toContainText("Reviewed");
      await expect(item(s.E.id)).toContainText("Abandoned");
      await expect(item(s.F.id)).toContainText("Unfinished");
      await expect(item(s.F.id)).toContainText("Not finished");
      expect(await scrollsSideways(page)).toBe(false);
      if (name === "phone") {
        await expect(page.getByRole("table")).toBeHidden();
        // Every card's outcome and review state fit the screen's width.
        for (const box of await page.getByRole("list", { name: /^Sessions, sorted by/ }).getByRole("listitem").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) {
          expect(box).toBeLessThanOrEqual(390);
        }
      }
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}

test.describe("sorting", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await signInAs(context, baseURL!, people.supervisor);
  });

  test("column headings sort, show the direction and say it in aria-sort; the keyboard works them", async ({ page }) => {
    await list(page, {});
    const header = (label: string) => page.getByRole("columnheader", { name: new RegExp(`^${label}`) });
    await expect(header("Started")).toHaveAttribute("aria-sort", "descending");
    await expect(header("Turns")).not.toHaveAttribute("aria-sort", /.*/);
    await expect(page.getByRole("columnheader", { name: "Mode" })).not.toHaveAttribute("aria-sort", /.*/);

    await header("Turns").getByRole("link").click();
    await expect(header("Turns")).toHaveAttribute("aria-sort", "descending");
    await expect(header("Turns")).toContainText("▼");
    await expect(header("Started")).not.toHaveAttribute("aria-sort", /.*/);
    expect(await listed(page)).toEqual(ids("B", "A", "E", "F"));
    expect(await axeViolations(page)).toEqual([]);

    // The same heading again reverses the order; from the keyboard.
    await header("Turns").getByRole("link").focus();
    await page.keyboard.press("Enter");
    await expect(header("Turns")).toHaveAttribute("aria-sort", "ascending");
    await expect(header("Turns")).toContainText("▲");
    expect(await listed(page)).toEqual(ids("F", "E", "A", "B"));

    // Scenarios sort by title; the filters stay.
    await header("Scenario").getByRole("link").click();
    await expect(header("Scenario")).toHaveAttribute("aria-sort", "ascending");
    await expect(page).toHaveURL(/participant=/);
    expect(await listed(page)).toEqual(ids("F", "A", "E", "B"));
    await expect(page.getByRole("link", { name: MISSED, exact: true })).toBeVisible();

    await header("Review").getByRole("link").click();
    await expect(header("Review")).toHaveAttribute("aria-sort", "ascending");
    expect(await listed(page)).toEqual(ids("A", "E", "B", "F"));
  });

  test("works without JavaScript: the headings are links and the form is a plain form", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      await signInAs(context, baseURL!, people.supervisor);
      const page = await context.newPage();
      await list(page, {});
      await page.getByRole("columnheader", { name: /^Participant/ }).getByRole("link").click();
      await expect(page.getByRole("columnheader", { name: /^Participant/ })).toHaveAttribute("aria-sort", "ascending");
      await page.getByRole("combobox", { name: "Review" }).selectOption("needed");
      await page.getByRole("button", { name: "Show" }).click();
      await expect(page).toHaveURL(/review=needed/);
      // The sort chosen by the heading is kept by the form (equal names: oldest first).
      await expect(page).toHaveURL(/sort=participant/);
      await expect(page.getByRole("status")).toHaveText("2 sessions, page 1 of 1.");
      expect(await listed(page)).toEqual(ids("A", "E"));
    } finally {
      await context.close();
    }
  });

  test("on a phone, the order is chosen in the form and said above the cards", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await list(page, {});
    await expect(page.getByText("Sorted by Started, newest first.", { exact: true })).toBeVisible();
    await page.getByText("More filters and order").click();
    await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Turns" });
    await page.getByRole("combobox", { name: "Order" }).selectOption("desc");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByText("Sorted by Turns, most first.", { exact: true })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("4 sessions, page 1 of 1.");
    expect(await listed(page)).toEqual(ids("B", "A", "E", "F"));
    expect(await axeViolations(page)).toEqual([]);
  });
});
