/**
 * Cohorts and assignments in the browser, on the shared server, with people set up from the
 * command line: a supervisor assigns a scenario with a due date, the trainee finds it on the home
 * page and plays it to the end, the supervisor sees it done and reviews the session, the trainee
 * reads the comment, and a supervisor of another cohort finds none of it.
 */
import type { Browser, Page } from "@playwright/test";
import { axeViolations, expect, test } from "./test";
import { cohortWithPeople, signInAs, type CohortWithPeople } from "./cohort-people";
import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";
import type { Credentials } from "./sign-in";

// Each test walks several pages as two or three people; on a busy machine that takes more than the default 30 s.
test.describe.configure({ mode: "serial", timeout: 60_000 });

const ID = "inviting-atmosphere";
const scenario = libraryScenario(ID);
const plan = planFor(scenario, "first");
/** Assigned for the removal test: any other scenario of the library. */
const OTHER = libraryScenario("mutuality");

/** A week from today, as `<input type=date>` takes it and as the pages show it. */
const due = new Date(Date.now() + 7 * 24 * 3600 * 1000);
const dueOn = due.toISOString().slice(0, 10);
const dueShown = due.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

let people: CohortWithPeople;
let cohortPath = "";
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

const assignedSection = (page: Page) => page.getByRole("region", { name: "Assigned to you" });

test("a supervisor assigns a scenario with a due date to their cohort, and the trainee finds it on the home page", async ({ browser, baseURL }) => {
  const supervisor = await pageAs(browser, baseURL!, people.supervisor);
  await supervisor.goto("/");
  await supervisor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" }).click();
  await expect(supervisor.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  // Only their own cohort.
  await expect(supervisor.getByRole("link", { name: people.otherCohort, exact: true })).toHaveCount(0);
  await seeNoAxeViolations(supervisor);
  await supervisor.getByRole("link", { name: people.cohort, exact: true }).click();
  await expect(supervisor.getByRole("heading", { level: 1, name: people.cohort })).toBeVisible();
  cohortPath = new URL(supervisor.url()).pathname;
  await expect(supervisor.getByText("Nothing is assigned to this cohort yet.")).toBeVisible();
  await seeNoAxeViolations(supervisor);

  const form = supervisor.getByRole("form", { name: "Assign a scenario" });
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByText("Choose the scenario to assign.")).toBeVisible();
  await form.getByLabel("Scenario").selectOption({ label: scenario.title });
  await form.getByRole("radio", { name: /^Assessment/ }).check();
  await form.getByLabel("Due on (optional)").fill(dueOn);
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByRole("status")).toHaveText(`Assigned “${scenario.title}” in assessment mode.`);
  const assignment = supervisor.getByRole("listitem").filter({ has: supervisor.getByRole("heading", { name: scenario.title }) });
  await expect(assignment).toContainText(`Assessment · due ${dueShown}`);
  await expect(assignment.getByRole("list", { name: `Progress on “${scenario.title}”` })).toContainText("1 not started");
  await seeNoAxeViolations(supervisor);

  const trainee = await pageAs(browser, baseURL!, people.trainee);
  await trainee.goto("/");
  const item = assignedSection(trainee).getByRole("listitem").filter({ hasText: scenario.title });
  await expect(item).toContainText("Not started");
  await expect(item).toContainText(`Due ${dueShown}`);
  await expect(item).toContainText(`Assessment mode · ${people.cohort}`);
  await expect(item.getByRole("link", { name: `Start ${scenario.title}` })).toHaveAttribute("href", `/play/${ID}?mode=assessment`);
  await seeNoAxeViolations(trainee);
  await supervisor.context().close();
  await trainee.context().close();
});

test("the trainee starts it in the assigned mode, plays it to the end, and it shows as done with its transcript", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.trainee);
  await page.goto("/");
  await assignedSection(page).getByRole("link", { name: `Start ${scenario.title}` }).click();
  // The assigned mode comes first, marked, with the focus on it: Enter starts it.
  await expect(page.getByText("Your assignment asks for assessment mode")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Assessment\s*Assigned/ })).toBeFocused();
  await seeNoAxeViolations(page);
  await page.keyboard.press("Enter");
  const play = new PlayModel(page);
  await expect(play.choices.first()).toBeVisible();
  await play.dontSeeMeters();
  for (const t of plan.turns) await play.choose(t.choice.say);
  await play.openDebrief();
  await play.seeAllSaved();
  sessionId = await play.serverId(ID);

  await page.goto("/");
  const section = assignedSection(page);
  await expect(section).toContainText("Everything assigned to you is done.");
  await expect(section.getByRole("list", { name: "To do" })).toHaveCount(0);
  await section.getByText("Done (1)").click();
  const transcript = section.getByRole("list", { name: "Done" }).getByRole("link", { name: `Transcript of ${scenario.title}` });
  await expect(transcript).toHaveAttribute("href", `/sessions/${sessionId}`);
  await seeNoAxeViolations(page);
  await page.context().close();
});

test("the supervisor sees the trainee done, opens the transcript, comments and marks it reviewed", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.supervisor);
  await page.goto(cohortPath);
  const assignment = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: scenario.title }) });
  await expect(assignment.getByRole("list", { name: `Progress on “${scenario.title}”` })).toContainText("1 done");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(people.trainee.name) }) });
  await expect(row.getByRole("cell")).toHaveText([/^Done/]);
  await seeNoAxeViolations(page);
  await row.getByRole("link", { name: `Transcript of ${people.trainee.name} on ${scenario.title}, assessment` }).click();

  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  // The trainee is named in the session's summary, with a link to their progress.
  await expect(page.getByRole("main").getByRole("link", { name: `${people.trainee.name} (progress)`, exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Comment on the whole session" }).click();
  const whole = page.getByRole("form", { name: "Comment on the whole session" });
  await whole.getByLabel("Your comment on the whole session").fill("Warm and steady; next time name the gossip gently sooner.");
  await whole.getByRole("button", { name: "Save comment" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Warm and steady; next time name the gossip gently sooner." })).toContainText(
    people.supervisor.name,
  );
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByRole("button", { name: "Mark as not reviewed" })).toBeVisible();
  await expect(page).toHaveTitle(/Session transcript/);
  await seeNoAxeViolations(page);

  // From the cohort page, the trainee's sessions: the list narrowed to the cohort and to them.
  await page.goto(cohortPath);
  await page.getByRole("row").getByRole("link", { name: `Sessions of ${people.trainee.name}` }).click();
  await expect(page.getByRole("status")).toHaveText("1 session, page 1 of 1.");
  await expect(page.getByLabel("Cohort")).toHaveValue(cohortPath.split("/").pop()!);
  const listed = page.getByRole("row").filter({ has: page.locator(`a[href="/sessions/${sessionId}"]`) });
  await expect(listed).toContainText("Reviewed");
  await seeNoAxeViolations(page);
  await page.context().close();
});

test("the trainee reads the supervisor's comment, with no comment form and no reviewed toggle", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.trainee);
  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Warm and steady; next time name the gossip gently sooner." })).toContainText(
    people.supervisor.name,
  );
  await expect(page.getByRole("definition").filter({ hasText: /^Reviewed$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Turn \d+$/ })).toHaveCount(plan.turns.length);
  await expect(page.getByRole("form")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Comment on/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /reviewed/i })).toHaveCount(0);
  await seeNoAxeViolations(page);
  // Nor is the cohort page theirs.
  await page.goto(cohortPath);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await page.context().close();
});

test("a supervisor of another cohort gets the not-found page for that transcript and for that cohort's page", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.otherSupervisor);
  await page.goto("/cohorts");
  await expect(page.getByRole("link", { name: people.otherCohort, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: people.cohort, exact: true })).toHaveCount(0);
  for (const path of [`/sessions/${sessionId}`, cohortPath, "/cohorts/%ZZ"]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  }
  await seeNoAxeViolations(page);
  await page.context().close();
});

test("the supervisor removes an assignment after confirming, and the trainee no longer sees it", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, people.supervisor);
  await page.goto(cohortPath);
  const form = page.getByRole("form", { name: "Assign a scenario" });
  await form.getByLabel("Scenario").selectOption({ label: OTHER.title });
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByRole("status")).toHaveText(`Assigned “${OTHER.title}” in practice mode.`);
  const assignment = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: OTHER.title }) });
  await expect(assignment).toContainText("Practice · no due date");

  const trainee = await pageAs(browser, baseURL!, people.trainee);
  await trainee.goto("/");
  await expect(assignedSection(trainee).getByRole("link", { name: `Start ${OTHER.title}` })).toHaveAttribute("href", `/play/${OTHER.id}?mode=practice`);

  await assignment.getByRole("button", { name: `Remove the assignment “${OTHER.title}”, practice` }).click();
  const confirm = page.getByRole("group", { name: `Remove the assignment “${OTHER.title}”, practice?` });
  await expect(confirm.getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await seeNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(assignment.getByRole("button", { name: /^Remove/ })).toBeFocused();
  await assignment.getByRole("button", { name: /^Remove/ }).click();
  await confirm.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByRole("heading", { name: OTHER.title })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: scenario.title, level: 3 })).toBeVisible();

  await trainee.reload();
  await expect(assignedSection(trainee)).toBeVisible();
  await expect(trainee.getByRole("link", { name: `Start ${OTHER.title}` })).toHaveCount(0);
  await page.context().close();
  await trainee.context().close();
});
