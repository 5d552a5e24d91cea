/**
 * The library on a phone (390 × 844): the filters take one row, not the first screen; the first
 * scenario shows on the first screen; nothing is wider than the screen; every family can be
 * reached in its row; and it is all axe-clean.
 */
import { SKILL_FAMILIES } from "../../scenarios/skills";
import { LibraryModel } from "./models/library.model";
import { expect, test } from "./test";

test.use({ viewport: { width: 390, height: 844 } });

test("keeps the filters to one row and the first scenario on the first screen", async ({ page }) => {
  const library = new LibraryModel(page);
  await library.goto();
  const row = await library.families.boundingBox();
  expect(row).not.toBeNull();
  // One row of chips (with room for the focus ring), not a screenful.
  expect(row!.height).toBeLessThan(60);
  const search = await library.searchField.boundingBox();
  expect(search!.y + search!.height).toBeLessThan(844 / 2);
  const first = await page.locator("#scenario-list li").first().boundingBox();
  expect(first!.y).toBeLessThan(844 * 0.75);

  // The page is never wider than the screen: the row of families scrolls on its own.
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await library.seeNoAxeViolations();

  // The last family, out of sight at first, is reached and picked.
  const last = SKILL_FAMILIES.at(-1)!.label;
  await library.pickFamily(last);
  await expect(library.status).toHaveText(new RegExp(`in ${last}$`));
  const chip = await library.chip(last).boundingBox();
  expect(chip!.x + chip!.width).toBeLessThanOrEqual(390);
  await library.seeNoAxeViolations();
});

test("searches on a phone as on a desktop, and the skill glossary opens", async ({ page }) => {
  const library = new LibraryModel(page);
  await library.goto();
  await library.searchField.fill("Tasha");
  await expect(library.status).toHaveText(/^1 of \d+ scenarios for “Tasha”$/);
  await page.getByText("What the skills mean").click();
  await expect(page.getByRole("heading", { level: 3, name: "Power and mutuality" })).toBeVisible();
  await library.seeNoAxeViolations();
});
