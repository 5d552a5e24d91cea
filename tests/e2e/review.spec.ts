/**
 * A supervisor reviews a trainee's session: finds it by the scenario's title, reads a transcript at
 * least as complete as the Markdown export (the trainee's lines under their name, harmful turns
 * marked with an icon and words, the strongest option where it was not chosen, the take-back,
 * notes, meters per turn), marks it reviewed and exports it; at desktop and phone sizes.
 */
import { strongestAlternative } from "../../machines/debrief";
import { replay } from "../../machines/replay";
import { cohortWithPeople, signInAs, type CohortWithPeople } from "./cohort-people";
import { apiAs, cookieOf, harmfulFirst, playSession, scrollsSideways, SessionPageModel, SIZES, type Played } from "./models/review.model";
import { axeViolations, expect, test } from "./test";

const ID = "four-parts-of-connection";
const TITLE = "Dana's first week out";
const NOTE = "I wanted her to feel watched over.";

let people: CohortWithPeople;
let trainee: ReturnType<typeof apiAs>;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  people = await cohortWithPeople();
  trainee = apiAs(baseURL!, await cookieOf(baseURL!, people.trainee));
});

/** A practice session to its ending: a harmful first turn with a note on it, the second turn taken back once. */
const played = () => playSession(trainee, ID, { pick: harmfulFirst, takeBackAt: 2, note: { turn: 1, text: NOTE }, end: "completed" });

for (const { name, viewport } of SIZES) {
  test.describe(`on a ${name}`, () => {
    test.use({ viewport });

    test("a supervisor finds the session by title and reads everything the export has", async ({ page, context, baseURL }) => {
      const s: Played = await played();
      await signInAs(context, baseURL!, people.supervisor);

      await page.goto(`/sessions?${new URLSearchParams({ scenario: "Dana's first week", participant: people.trainee.name }).toString()}`);
      const link = page.getByRole("link", { name: TITLE }).and(page.locator(`a[href="/sessions/${s.id}"]`)).filter({ visible: true });
      await expect(link).toHaveCount(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);
      await link.click();

      const review = new SessionPageModel(page);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
      await expect(page.getByRole("heading", { name: /^Turn \d+$/ })).toHaveCount(s.choices.length);
      // The trainee's line under their name, never "You:".
      const first = review.turn(1);
      await expect(first.getByText(people.trainee.name, { exact: true })).toBeVisible();
      await expect(first.getByText(s.choices[0]!.say, { exact: true })).toBeVisible();
      await expect(page.getByText(/^You:/)).toHaveCount(0);
      // The harmful turn is marked with an icon and words.
      const mark = first.getByText("Harmful response", { exact: true });
      await expect(mark).toBeVisible();
      await expect(mark.locator("svg")).toHaveCount(1);
      await expect(review.turn(2).getByText("Harmful response")).toHaveCount(0);
      // The strongest option on offer, where it was not the one chosen.
      const turns = replay(s.scenario, s.choices.map((c) => c.id)).turns;
      const alt = strongestAlternative(turns[0]!)!;
      await expect(first.getByText("Strongest option on offer")).toBeVisible();
      await expect(first.getByText(`“${alt.say}”`)).toBeVisible();
      // The note, the meters before and after, the time taken.
      await expect(first.getByText(`Why: ${NOTE}`)).toBeVisible();
      const t1 = turns[0]!;
      await expect(first.getByText(new RegExp(`^${t1.before.rapport} → ${t1.after.rapport}`))).toBeVisible();
      await expect(first.getByText(new RegExp(`^${t1.before.mutuality} → ${t1.after.mutuality}`))).toBeVisible();
      await expect(first.getByText("Took 3.1 s")).toBeVisible();
      // The take-back, in the summary.
      await expect(page.getByText("A choice taken back once")).toBeVisible();
      await expect(page.getByText("1 harmful response")).toBeVisible();
      expect(await scrollsSideways(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);

      // The reviewed mark, and the list says so.
      await page.getByRole("button", { name: "Mark as reviewed" }).click();
      await expect(page.getByRole("button", { name: "Mark as not reviewed" })).toBeFocused();
      await expect(page.getByRole("definition").filter({ hasText: /^Reviewed$/ })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`/sessions?${new URLSearchParams({ scenario: "four-parts", participant: people.trainee.name, review: "done" }).toString()}`);
      await expect(page.locator(`a[href="/sessions/${s.id}"]`).filter({ visible: true })).toHaveCount(1);
    });
  });
}

test("the exports carry the comments, the note and every turn", async ({ page, context, baseURL }) => {
  const s = await played();
  await signInAs(context, baseURL!, people.supervisor);
  const review = new SessionPageModel(page);
  await review.goto(s.id);
  await review.comment(1, "A warm, specific opening would land better.");
  const md = await page.request.get(`/api/sessions/${s.id}/export?format=markdown`);
  expect(md.headers()["content-type"]).toContain("text/markdown");
  const text = await md.text();
  expect(text).toContain("A warm, specific opening would land better.");
  expect(text).toContain(`**Why:** ${NOTE}`);
  const json = (await (await page.request.get(`/api/sessions/${s.id}/export?format=json`)).json()) as { format: string; turns: unknown[] };
  expect(json.format).toBe("peer-practice-session");
  expect(json.turns).toHaveLength(s.choices.length);
  const xapi = (await (await page.request.get(`/api/sessions/${s.id}/export?format=xapi`)).json()) as { verb: { id: string } }[];
  expect(xapi.filter((st) => st.verb.id.endsWith("/responded"))).toHaveLength(s.choices.length);
  expect((await page.request.get(`/api/sessions/${s.id}/export?format=pdf`)).status()).toBe(400);
});

test("an unfinished session can be resumed from the sessions list by the person who played it", async ({ page, context, baseURL }) => {
  const s = await playSession(trainee, ID, { turns: 2 });
  await signInAs(context, baseURL!, people.trainee);
  await page.goto(`/sessions?${new URLSearchParams({ scenario: ID, status: "active" }).toString()}`);
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/sessions/${s.id}"]`) });
  await expect(row.getByText("Unfinished")).toBeVisible();
  await row.getByRole("link", { name: `resume ${TITLE}` }).click();
  await expect(page).toHaveURL(new RegExp(`/play/${ID}\\?session=${s.id}$`));
  for (const c of s.choices) await expect(page.getByText(c.say).first()).toBeVisible();

  // Their supervisor reads it, but is not offered to play it on.
  await signInAs(context, baseURL!, people.supervisor);
  await page.goto(`/sessions?${new URLSearchParams({ scenario: ID, status: "active", participant: people.trainee.name }).toString()}`);
  const theirs = page.getByRole("row").filter({ has: page.locator(`a[href="/sessions/${s.id}"]`) });
  await expect(theirs.getByText("Unfinished")).toBeVisible();
  await expect(theirs.getByRole("link", { name: /resume/ })).toHaveCount(0);
});
