/**
 * Progress marks on the library's cards, at desktop and phone sizes: a trainee's session under way
 * marks its card "In progress" with Continue (which resumes that session), completed ones mark
 * "Completed", abandoned ones nothing; the marks are the trainee's own (another trainee and a
 * visitor see none of them); what is assigned to the trainee stays above the library.
 */
import type { APIRequestContext } from "@playwright/test";
import { compileScenario } from "../../machines/compile-scenario";
import { replay } from "../../machines/replay";
import { offeredChoices } from "../../machines/select-view";
import { ADMIN_STATE } from "./sign-in";
import { makePerson, pageAs, visitorPage, type Person } from "./library-people";
import { LibraryModel } from "./models/library.model";
import { libraryScenario } from "./plan";
import { expect, test } from "./test";

test.describe.configure({ mode: "serial", timeout: 90_000 });

const UNDER_WAY = libraryScenario("active-listening");
const DONE = libraryScenario("mutuality");
const ABANDONED = libraryScenario("crisis-and-safety");
const ASSIGNED = libraryScenario("cultural-humility");
const tag = Date.now().toString(36);

/** The first choice on offer at every turn, to an ending. */
function wholePlay(id: string): string[] {
  const scenario = libraryScenario(id);
  const machine = compileScenario(scenario);
  const choices: string[] = [];
  for (;;) {
    const r = replay(scenario, choices, machine);
    if (r.done) return choices;
    choices.push(offeredChoices(scenario, r.snapshot)[0]!.id);
  }
}

async function start(request: APIRequestContext, scenarioId: string): Promise<string> {
  const started = await request.post("/api/sessions", { data: { scenarioId, mode: "practice" } });
  expect(started.status(), await started.text()).toBe(201);
  return ((await started.json()) as { session: { id: string } }).session.id;
}

async function end(request: APIRequestContext, id: string, status: "completed" | "abandoned") {
  const ended = await request.post(`/api/sessions/${id}/end`, { data: { status } });
  expect(ended.ok(), await ended.text()).toBe(true);
}

async function playToTheEnd(request: APIRequestContext, scenarioId: string) {
  const id = await start(request, scenarioId);
  for (const [i, choiceId] of wholePlay(scenarioId).entries()) {
    const r = await request.post(`/api/sessions/${id}/choices`, { data: { seq: i + 1, choiceId, timeTakenMs: 3000 } });
    expect(r.status(), await r.text()).toBe(201);
  }
  await end(request, id, "completed");
}

let trainee: Person;
let underWay = "";

test("a trainee of a cohort with an assignment plays: one session under way, one completed, one abandoned", async ({ browser, baseURL }) => {
  const admin = await browser.newContext({ baseURL: baseURL!, storageState: ADMIN_STATE });
  const cohort = await admin.request.post("/api/admin/cohorts", { data: { name: `Library marks ${tag}` } });
  expect(cohort.status(), await cohort.text()).toBe(201);
  const cohortId = ((await cohort.json()) as { cohort: { id: string } }).cohort.id;
  const assigned = await admin.request.post("/api/assignments", { data: { cohortId, scenarioId: ASSIGNED.id, mode: "practice", dueOn: null } });
  expect(assigned.status(), await assigned.text()).toBe(201);
  await admin.close();

  trainee = await makePerson(browser, baseURL!, "Rosa Quintero", ["trainee"], tag, cohortId);
  const page = await pageAs(browser, baseURL!, trainee);
  underWay = await start(page.request, UNDER_WAY.id);
  await playToTheEnd(page.request, DONE.id);
  await end(page.request, await start(page.request, ABANDONED.id), "abandoned");
  await page.context().close();
});

for (const [size, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`on a ${size}, the cards say what the trainee has under way and completed, below what is assigned`, async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL!, trainee, { viewport });
    const library = new LibraryModel(page);
    await library.goto();

    // Assigned to you first, then the library.
    const headings = await page.getByRole("heading", { level: 2 }).allInnerTexts();
    expect(headings.indexOf("Assigned to you")).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf("Assigned to you")).toBeLessThan(headings.indexOf("All scenarios"));

    const under = library.entry(UNDER_WAY.title);
    await expect(under).toContainText("In progress");
    await expect(under).not.toContainText("Completed");
    await expect(under.getByRole("link", { name: `Continue ${UNDER_WAY.title}` })).toHaveAttribute(
      "href",
      `/play/${UNDER_WAY.id}?mode=practice&session=${underWay}`,
    );
    await expect(library.entry(DONE.title)).toContainText("Completed");
    await expect(library.entry(DONE.title)).not.toContainText("In progress");
    for (const other of [ABANDONED, ASSIGNED]) {
      await expect(library.entry(other.title)).not.toContainText("In progress");
      await expect(library.entry(other.title)).not.toContainText("Completed");
    }
    await library.seeNoAxeViolations();

    // Continue resumes that very session.
    await under.getByRole("link", { name: `Continue ${UNDER_WAY.title}` }).click();
    await expect(page).toHaveURL(new RegExp(`/play/${UNDER_WAY.id}\\?mode=practice&session=${underWay}$`));
    await expect(page.getByRole("heading", { level: 1, name: UNDER_WAY.title })).toBeVisible();
    await page.context().close();
  });
}

test("a second completion is counted, and nobody else sees the trainee's marks", async ({ browser, baseURL }) => {
  const theirs = await pageAs(browser, baseURL!, trainee);
  await playToTheEnd(theirs.request, DONE.id);
  const library = new LibraryModel(theirs);
  await library.goto();
  await expect(library.entry(DONE.title)).toContainText("Completed twice");
  await theirs.context().close();

  const someoneElse = await pageAs(browser, baseURL!, await makePerson(browser, baseURL!, "Sol Baptiste", ["trainee"], tag));
  for (const other of [someoneElse, await visitorPage(browser, baseURL!)]) {
    const view = new LibraryModel(other);
    await view.goto();
    await expect(view.entry(UNDER_WAY.title)).not.toContainText("In progress");
    await expect(view.entry(DONE.title)).not.toContainText("Completed");
  }
});
