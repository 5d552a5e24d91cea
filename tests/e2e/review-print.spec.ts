/**
 * A transcript printed: a Print button that opens the browser's print dialog, and a print view
 * without navigation and buttons, in which a turn never splits across pages and headings stay
 * with what follows them. At desktop and phone sizes.
 */
import { signInAs, type CohortWithPeople } from "./cohort-people";
import { reviewCast, type Api, harmfulFirst, playSession, SessionPageModel, SIZES } from "./models/review.model";
import { axeViolations, expect, test } from "./test";

const ID = "four-parts-of-connection";

let people: CohortWithPeople;
let trainee: Api;
let supervisor: Api;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  ({ people, trainee, supervisor } = await reviewCast(baseURL!));
});

for (const { name, viewport } of SIZES) {
  test.describe(`on a ${name}`, () => {
    test.use({ viewport });

    test("the Print button prints, and the print view keeps turns whole, without navigation or buttons", async ({ page, context, baseURL }) => {
      const s = await playSession(trainee, ID, { pick: harmfulFirst, end: "completed" });
      await supervisor("POST", `/api/sessions/${s.id}/comments`, { turn: 1, body: "Printed with the turn." });
      await signInAs(context, baseURL!, people.supervisor);
      const review = new SessionPageModel(page);
      await review.goto(s.id);

      // A real button, which opens the print dialog (counted here instead).
      await page.evaluate(() => {
        const w = window as unknown as { printed: number };
        w.printed = 0;
        window.print = () => {
          w.printed++;
        };
      });
      const print = page.getByRole("button", { name: "Print" });
      await expect(print).toBeVisible();
      await print.click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      await expect(page.getByText("Print the page for a clean document.")).toHaveCount(0);
      expect(await axeViolations(page)).toEqual([]);

      await page.emulateMedia({ media: "print" });
      await expect(page.getByRole("heading", { name: "Turn 1", exact: true })).toBeVisible();
      await expect(review.commentItem(1, "Printed with the turn.")).toBeVisible();
      await expect(page.getByText("Harmful response").first()).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
      await expect(page.getByRole("link", { name: "All sessions" })).toBeHidden();
      await expect(page.getByRole("link", { name: "Markdown" })).toBeHidden();
      // No button of any kind is printed.
      for (const button of await page.getByRole("button").all()) await expect(button).toBeHidden();

      // Page breaks: never inside a turn, never between a heading and what follows it.
      const turn = review.turn(1);
      expect(await turn.evaluate((e) => getComputedStyle(e).breakInside)).toBe("avoid");
      expect(await turn.getByRole("heading", { name: "Turn 1" }).evaluate((e) => getComputedStyle(e).breakAfter)).toBe("avoid");
      expect(await page.getByRole("heading", { name: "Turns", exact: true }).evaluate((e) => getComputedStyle(e).breakAfter)).toBe("avoid");
      expect(await page.getByRole("heading", { level: 1 }).evaluate((e) => getComputedStyle(e).breakAfter)).toBe("avoid");
      for (const card of await page.locator(".turn-card").all()) expect(await card.evaluate((e) => getComputedStyle(e).breakInside)).toBe("avoid");
    });
  });
}
