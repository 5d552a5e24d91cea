/**
 * Notes on choices ("why I chose this"), on the shared server with people set up from the command
 * line: a supervisor assigns a scenario asking for a note on one more turn than the scenario
 * itself asks on; the trainee plays it in practice mode, writes a note on a turn nobody asked
 * about and on the turn the scenario asks for, and goes on past an asked turn without one; the
 * supervisor reads the notes in the transcript and in the Markdown export. Assessment mode offers
 * no note at all.
 *
 * The scenario is tests/fixtures/library-extra/why-this-response.scenario.yaml (the e2e server
 * reads that folder): it asks on `the-shifts`; the assignment adds `lonely`.
 */
import type { Browser, Locator, Page } from "@playwright/test";
import { axeViolations, expect, test } from "./test";
import { cohortWithPeople, signInAs, type CohortWithPeople } from "./cohort-people";
import { PlayModel } from "./models/play.model";
import type { Credentials } from "./sign-in";

test.describe.configure({ mode: "serial", timeout: 60_000 });

const ID = "why-this-response";
const TITLE = "Why this response";
const WHY = "Why did you choose this? (optional)";
const ASKED = "Your trainer asks for a note on this turn. It is optional: you can go on without one.";
/** The three turns, as played: what the trainee says at each. */
const SAYS = [
  "Fine, but you don't sound sure.",
  "What are the mornings like for you right now?",
  "Up before the whole world, and nobody to share it with.",
];
// Markup in a note is text, everywhere it shows.
const FIRST_NOTE = "He said *fine* but didn't sound it <b>at all</b>.";
const SECOND_NOTE = "Asking about mornings keeps it about him,\nnot about fixing his sleep.";

let people: CohortWithPeople;
let sessionId = "";

test.beforeAll(async () => {
  // A handful of command-line runs, each a process of its own.
  test.setTimeout(180_000);
  people = await cohortWithPeople();
});

/** A page in a browser context of its own, signed in as `who`. */
async function pageAs(browser: Browser, baseURL: string, who: Credentials): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  await signInAs(context, baseURL, who);
  return context.newPage();
}

async function seeNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** The turn of the conversation where the trainee said this. */
const turnOf = (play: PlayModel, say: string): Locator => play.log.getByRole("listitem").filter({ hasText: say });

test("a supervisor assigns the scenario in practice mode, asking for a note on one more turn", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.supervisor);
  await page.goto("/cohorts");
  await page.getByRole("link", { name: people.cohort, exact: true }).click();
  const form = page.getByRole("form", { name: "Assign a scenario" });
  await form.getByLabel("Scenario").selectOption({ label: TITLE });
  await form.getByText("Ask for a note on chosen turns (optional)").click();
  // The scenario already asks on the shifts: shown ticked, and not the assigner's to untick.
  await expect(form.getByRole("checkbox", { name: /The shifts start at five/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /The shifts start at five/ })).toBeDisabled();
  await form.getByRole("checkbox", { name: /Honestly\? Lonely/ }).check();
  await seeNoAxeViolations(page);
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByRole("status")).toHaveText(`Assigned “${TITLE}” in practice mode, asking for a note on 1 turn.`);
  const assignment = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: TITLE }) });
  await expect(assignment).toContainText("Asks why they chose on one turn: “Honestly? Lonely. Everyone else is asleep.”");
  await seeNoAxeViolations(page);
  await page.context().close();
});

test("the trainee notes a choice nobody asked about and the turn the scenario asks on, and goes on past an asked turn without one", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.trainee);
  const play = new PlayModel(page);
  await play.goto(ID);
  await play.start("Practice");

  // Turn 1: nobody asks; the note is one folded button away.
  await play.choose(SAYS[0]!);
  const first = turnOf(play, SAYS[0]!);
  await expect(first.getByText(ASKED)).toHaveCount(0);
  // The next choices keep the focus: the note never stands in the way.
  await expect(play.choices.first()).toBeFocused();
  await first.getByRole("button", { name: WHY }).click();
  const firstField = first.getByRole("textbox", { name: WHY });
  await expect(firstField).toBeFocused();
  await firstField.fill(FIRST_NOTE);
  await first.getByRole("button", { name: "Save note" }).click();
  await expect(first.getByRole("status")).toHaveText("Note saved.");

  // Turn 2: the scenario asks, so the field is open with the trainer's line; saved by keyboard.
  await play.choose(SAYS[1]!);
  const second = turnOf(play, SAYS[1]!);
  await expect(second.getByText(ASKED)).toBeVisible();
  const secondField = second.getByRole("textbox", { name: WHY });
  await secondField.focus();
  await page.keyboard.type(SECOND_NOTE);
  await page.keyboard.press("Control+Enter");
  await expect(second.getByRole("status")).toHaveText("Note saved.");
  await play.seeNoAxeViolations();

  // Turn 3: the assignment asks; the trainee goes on without a note.
  await play.choose(SAYS[2]!);
  const third = turnOf(play, SAYS[2]!);
  await expect(third.getByText(ASKED)).toBeVisible();
  await expect(third.getByRole("textbox", { name: WHY })).toHaveValue("");
  await play.openDebrief();
  await play.seeAllSaved();
  sessionId = await play.serverId(ID);
  await page.context().close();
});

test("the supervisor of the trainee's cohort reads the notes in the transcript and in the Markdown export", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.supervisor);
  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByRole("main").getByRole("link", { name: `${people.trainee.name} (progress)`, exact: true })).toBeVisible();
  const turns = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Turn \d+$/ }) });
  await expect(turns).toHaveCount(3);
  // The trainee's line stands under their name.
  await expect(turns.nth(0)).toContainText(people.trainee.name);
  await expect(turns.nth(0)).toContainText(SAYS[0]!);
  await expect(turns.nth(0)).not.toContainText("You:");
  await expect(turns.nth(0)).toContainText(`Why: ${FIRST_NOTE}`);
  await expect(turns.nth(1)).toContainText("Why: Asking about mornings keeps it about him,");
  await expect(turns.nth(2)).not.toContainText("Why:");
  // The note's markup is shown as the characters typed.
  await expect(page.locator("b", { hasText: "at all" })).toHaveCount(0);
  await seeNoAxeViolations(page);

  const md = await (await page.request.get(`/api/sessions/${sessionId}/export?format=markdown`)).text();
  expect(md).toContain("**Why:** He said \\*fine\\* but didn't sound it \\<b\\>at all\\</b\\>.");
  expect(md).toContain("**Why:** Asking about mornings keeps it about him,\\\nnot about fixing his sleep.");
  expect(md.match(/\*\*Why:\*\*/g)).toHaveLength(2);
  await page.context().close();
});

test("assessment mode offers no note, even on the turns the scenario and the assignment ask on", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.trainee);
  const play = new PlayModel(page);
  await play.goto(ID);
  await play.start("Assessment");
  await play.choose(SAYS[0]!);
  await play.choose(SAYS[1]!);
  await play.seeTurn(3);
  await expect(page.getByRole("button", { name: WHY })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByText(ASKED)).toHaveCount(0);
  await page.context().close();
});
