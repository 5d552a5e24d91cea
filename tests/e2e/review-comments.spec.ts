/**
 * Comments on a session: one box per turn, opened on demand with "Comment on this turn"; the
 * author is the signed-in reviewer; they edit and delete their own comments, an administrator
 * deletes anyone's, and everyone else only reads them. On a phone the box is as wide as its card.
 * At desktop and phone sizes, axe-clean.
 */
import { signInAs, type CohortWithPeople } from "./cohort-people";
import { reviewCast, type Api, playSession, scrollsSideways, SessionPageModel, SIZES, type Played } from "./models/review.model";
import { ADMIN } from "./sign-in";
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

    test("a reviewer opens one comment box on a turn, writes, edits and deletes their own comment", async ({ page, context, baseURL }) => {
      const s: Played = await playSession(trainee, ID, { end: "completed" });
      await signInAs(context, baseURL!, people.supervisor);
      const review = new SessionPageModel(page);
      await review.goto(s.id);

      // No box until one is asked for: a button per turn, and one for the whole session.
      await expect(page.getByRole("textbox")).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^Comment on this turn/ })).toHaveCount(s.choices.length);
      await expect(page.getByRole("button", { name: "Comment on the whole session" })).toHaveCount(1);
      expect(await axeViolations(page)).toEqual([]);

      await review.commentButton(2).click();
      const box = page.getByRole("textbox", { name: "Your comment on turn 2" });
      await expect(box).toBeFocused();
      await expect(page.getByRole("textbox")).toHaveCount(1);
      // As wide as the card it is in, on a phone too.
      const [boxWidth, cardWidth] = await Promise.all([box.evaluate((e) => e.getBoundingClientRect().width), review.turn(2).evaluate((e) => e.clientWidth)]);
      expect(boxWidth).toBeGreaterThan(cardWidth - 2 * 16 - 2 * 12 - 4);
      if (name === "phone") expect(boxWidth).toBeGreaterThan(280);
      expect(await scrollsSideways(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);

      // Cancel closes it and gives focus back to the button.
      await page.getByRole("button", { name: "Cancel" }).click();
      await expect(page.getByRole("textbox")).toHaveCount(0);
      await expect(review.commentButton(2)).toBeFocused();

      await review.comment(2, "Good reflection.\nTry a question next.");
      await expect(review.commentButton(2)).toBeFocused();
      await expect(page.getByRole("status").filter({ hasText: "Comment added." })).toHaveCount(1);
      const item = review.commentItem(2, "Good reflection.");
      // Signed with the reviewer's account, line breaks kept.
      await expect(item).toContainText(people.supervisor.name);
      expect(await item.getByText("Good reflection.").innerText()).toBe("Good reflection.\nTry a question next.");
      expect(await axeViolations(page)).toEqual([]);

      // Edit: the text is in the box; saved, the comment says it was edited.
      await item.getByRole("button", { name: "Edit comment on turn 2" }).click();
      const edit = item.getByRole("textbox", { name: "Your comment" });
      await expect(edit).toBeFocused();
      await expect(edit).toHaveValue("Good reflection.\nTry a question next.");
      await edit.fill("Good reflection. An open question next would keep her talking.");
      await item.getByRole("button", { name: "Save changes" }).click();
      const edited = review.commentItem(2, "An open question next");
      await expect(edited).toContainText("edited");
      await expect(edited.getByRole("button", { name: "Edit comment on turn 2" })).toBeFocused();
      expect(await axeViolations(page)).toEqual([]);

      // Delete asks first; "Keep it" keeps it.
      await edited.getByRole("button", { name: "Delete comment on turn 2" }).click();
      const confirm = edited.getByRole("group", { name: "Delete this comment?" });
      await expect(confirm.getByRole("button", { name: "Delete" })).toBeFocused();
      expect(await axeViolations(page)).toEqual([]);
      await confirm.getByRole("button", { name: "Keep it" }).click();
      await expect(edited.getByRole("button", { name: "Delete comment on turn 2" })).toBeFocused();
      await edited.getByRole("button", { name: "Delete comment on turn 2" }).click();
      await edited.getByRole("group", { name: "Delete this comment?" }).getByRole("button", { name: "Delete" }).click();
      await expect(review.turn(2).getByRole("list", { name: "Comments on turn 2" })).toHaveCount(0);
      await expect(review.commentButton(2)).toBeFocused();
      await page.reload();
      await expect(page.getByText("An open question next")).toHaveCount(0);

      // The whole session has its own box.
      await page.getByRole("button", { name: "Comment on the whole session" }).click();
      await page.getByRole("textbox", { name: "Your comment on the whole session" }).fill("Steady all the way through.");
      await page.getByRole("button", { name: "Save comment" }).click();
      await expect(page.getByRole("list", { name: "Comments on the whole session" })).toContainText("Steady all the way through.");
    });

    test("someone else's comment: an administrator may delete it, not edit it; the trainee reads it", async ({ page, context, baseURL }) => {
      const s = await playSession(trainee, ID, { turns: 2, end: "abandoned" });
      const { comment } = await supervisor("POST", `/api/sessions/${s.id}/comments`, { turn: 1, body: "Stay with her words." });
      const review = new SessionPageModel(page);

      // The administrator every test signs in as.
      await review.goto(s.id);
      const item = review.commentItem(1, "Stay with her words.");
      await expect(item).toContainText(people.supervisor.name);
      await expect(item.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
      await expect(item.getByRole("button", { name: "Delete comment on turn 1" })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      // The trainee reads it, and can neither comment nor change it.
      await signInAs(context, baseURL!, people.trainee);
      await review.goto(s.id);
      await expect(review.commentItem(1, "Stay with her words.")).toContainText(people.supervisor.name);
      await expect(page.getByRole("button", { name: /Comment on|^Edit|^Delete/ })).toHaveCount(0);
      expect(await axeViolations(page)).toEqual([]);

      // Staff of another cohort do not see the session at all.
      await signInAs(context, baseURL!, people.otherSupervisor);
      const answer = await page.goto(`/sessions/${s.id}`);
      expect(answer?.status()).toBe(404);

      // The server refuses what the page does not offer.
      await signInAs(context, baseURL!, people.trainee);
      const refused = await page.request.patch(`/api/sessions/${s.id}/comments/${comment.id}`, { data: { body: "Mine now." } });
      expect(refused.status()).toBe(403);
      expect(ADMIN.name).not.toBe(people.supervisor.name);
    });

    test("a comment that cannot be saved stays in its box with the reason", async ({ page, context, baseURL }) => {
      const s = await playSession(trainee, ID, { turns: 1, end: "abandoned" });
      await signInAs(context, baseURL!, people.supervisor);
      const review = new SessionPageModel(page);
      await review.goto(s.id);
      await page.route(`**/api/sessions/${s.id}/comments`, (route) => route.abort("internetdisconnected"));
      await review.commentButton(1).click();
      await page.getByRole("textbox", { name: "Your comment on turn 1" }).fill("Kept while offline.");
      await page.getByRole("button", { name: "Save comment" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "cannot be reached" })).toHaveText("The server cannot be reached; your comment is still here to send again.");
      await expect(page.getByRole("textbox", { name: "Your comment on turn 1" })).toHaveValue("Kept while offline.");
      expect(await axeViolations(page)).toEqual([]);
      await page.unroute(`**/api/sessions/${s.id}/comments`);
      await page.getByRole("button", { name: "Save comment" }).click();
      await expect(review.commentItem(1, "Kept while offline.")).toBeVisible();
    });
  });
}
