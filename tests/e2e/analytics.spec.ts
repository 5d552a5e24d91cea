/**
 * Scenario analytics and trainee progress in the browser, on the shared server: a cohort with a
 * supervisor and four trainees, each of whom plays "Sixty days" through the API with choices
 * fixed in advance; the supervisor opens the scenario's analytics and sees each node's visits,
 * each choice's share of the sessions at its turn, and the most common pitfall with the feedback
 * trainees saw; a table's CSV has the same rows; the printable report has no site navigation; a
 * trainee opens their own progress but not another's (not found).
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { compileScenario } from "../../machines/compile-scenario";
import { replay } from "../../machines/replay";
import { offeredChoices } from "../../machines/select-view";
import { signInAs } from "./cohort-people";
import { libraryScenario } from "./plan";
import { rawRequest } from "./raw-request";
import { ADMIN_STATE, type Credentials } from "./sign-in";
import { axeViolations, expect, test } from "./test";

// Six people and four whole conversations: serial, and longer than the default on a busy machine.
test.describe.configure({ mode: "serial", timeout: 90_000 });

const ID = "active-listening";
const scenario = libraryScenario(ID);
const machine = compileScenario(scenario);
/** The harmful first response the test makes two of the four trainees pick. */
const PITFALL = "waitlist-today";
const pitfall = (() => {
  const first = scenario.nodes[scenario.start];
  if (first?.type !== "turn") throw new Error(`${ID} does not start with a turn`);
  return first.choices.find((c) => c.id === PITFALL)!;
})();

/** A whole play: `first` at the first turn, then the first choice on offer in file order, to an ending. */
function playFrom(first: string): string[] {
  const choices = [first];
  for (;;) {
    const r = replay(scenario, choices, machine);
    if (r.done) return choices;
    const next = offeredChoices(scenario, r.snapshot)[0];
    if (!next) throw new Error(`no choice on offer after ${choices.join(", ")}`);
    choices.push(next.id);
  }
}

/** Each trainee's first response: two fall into the pitfall, two reflect or ask. */
const FIRSTS = [PITFALL, PITFALL, "reflect-home", "ask-since-letter"] as const;

const tag = Date.now().toString(36);
const PASSWORD = "a long enough password for analytics";
const person = (name: string, handle: string): Credentials & { id: string } => ({ id: "", name: `${name} ${tag}`, email: `${handle}.${tag}@example.org`, password: PASSWORD });
const supervisor = person("Ines Duarte", "ines");
const trainees = [person("Ari Moss", "ari"), person("Bo Kaplan", "bo"), person("Cy Adeyemi", "cy"), person("Di Novak", "di")];
let cohortId = "";

/** A page in a browser context of its own, signed in as `who`. */
async function pageAs(browser: Browser, baseURL: string, who: Credentials): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  await signInAs(context, baseURL, who);
  return context.newPage();
}

/** Plays `choices` to the end as the signed-in trainee of `context`, through the API, each choice taking 4 s. */
async function play(context: BrowserContext, choices: readonly string[]): Promise<string> {
  const started = await context.request.post("/api/sessions", { data: { scenarioId: ID, mode: "practice" } });
  expect(started.status()).toBe(201);
  const id = ((await started.json()) as { session: { id: string } }).session.id;
  for (const [i, choiceId] of choices.entries()) {
    const r = await context.request.post(`/api/sessions/${id}/choices`, { data: { seq: i + 1, choiceId, timeTakenMs: 4000 } });
    expect(r.status(), `choice ${i + 1} (${choiceId}): ${await r.text()}`).toBe(201);
  }
  const ended = await context.request.post(`/api/sessions/${id}/end`, { data: { status: "completed" } });
  expect(ended.ok(), await ended.text()).toBe(true);
  return id;
}

test("four trainees of a cohort play the scenario, two of them into the same pitfall", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await browser.newContext({ baseURL: baseURL!, storageState: ADMIN_STATE });
  const cohort = await admin.request.post("/api/admin/cohorts", { data: { name: `Analytics ${tag}` } });
  expect(cohort.status()).toBe(201);
  cohortId = ((await cohort.json()) as { cohort: { id: string } }).cohort.id;
  // Each made into the cohort, with a password set through their one-time link.
  for (const [p, role] of [[supervisor, "supervisor"], ...trainees.map((t) => [t, "trainee"] as const)] as const) {
    const made = await admin.request.post("/api/admin/people", { data: { email: p.email, name: p.name, roles: [role], cohortId } });
    expect(made.status(), await made.text()).toBe(201);
    const body = (await made.json()) as { person: { id: string }; link: { url: string } };
    p.id = body.person.id;
    const token = decodeURIComponent(body.link.url.split("#token=")[1]!);
    const set = await rawRequest(baseURL!, {
      method: "POST",
      path: "/api/auth/reset-password",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, newPassword: PASSWORD }),
      signedIn: false,
    });
    expect(set.status, set.text).toBe(200);
  }
  await admin.close();
  for (const [i, t] of trainees.entries()) {
    const page = await pageAs(browser, baseURL!, t);
    await play(page.context(), playFrom(FIRSTS[i]!));
    await page.context().close();
  }
});

test("the supervisor sees the visits, the shares and the pitfall with its feedback, and downloads a table as CSV", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, supervisor);
  // From the library's card of the scenario.
  await page.goto("/");
  await page.getByRole("link", { name: `Analytics of ${scenario.title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Analytics: ${scenario.title}` })).toBeVisible();
  await expect(page.getByText("4 sessions by 4 trainees: 4 completed, 0 abandoned, 0 unfinished.")).toBeVisible();

  // The first turn: reached by all four; the pitfall taken in two of them.
  const graph = page.getByRole("group", { name: `Graph of ${scenario.title}` });
  await expect(graph.getByText("Reached 4 times in 4 sessions").first()).toBeVisible();
  // Helpful and harmful choices both lead on to the same branch: side by side, each arrow says its class and share.
  await expect(graph.getByText("harmful 50%")).toBeVisible();
  await expect(graph.getByText("helpful 50%")).toBeVisible();

  const choices = page.getByRole("region", { name: "Choices at each turn" });
  const row = choices.getByRole("row").filter({ has: page.getByRole("rowheader", { name: pitfall.say }) });
  await expect(row.getByRole("cell")).toHaveText(["⚠ Advising (harmful)", "2 of 4, 50%", "2", "2 (50%)"]);
  const home = choices.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Eleven years\./ }) });
  await expect(home.getByRole("cell").nth(1)).toHaveText("1 of 4, 25%");

  const pitfalls = page.getByRole("region", { name: "Most common pitfalls" });
  const first = pitfalls.getByRole("listitem").first();
  await expect(first.getByRole("heading", { name: `Pitfall 1: “${pitfall.say}”` })).toBeVisible();
  await expect(first).toContainText("taken in 2 of 4, 50% of the sessions that reached the turn");
  await expect(first).toContainText(pitfall.feedback!);

  const outcomes = page.getByRole("table", { name: /^Outcomes of the 4 sessions that reached an ending/ });
  await expect(outcomes.getByRole("row")).toHaveCount(4);
  expect(await axeViolations(page)).toEqual([]);

  // The choices table as CSV: the same figures, one row per choice.
  const [download] = await Promise.all([page.waitForEvent("download"), choices.getByRole("link", { name: "Download CSV of the choices" }).click()]);
  expect(download.suggestedFilename()).toBe(`${ID}-choices.csv`);
  const csv = (await (await download.createReadStream()).toArray()).join("").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("node_id,choice_id,text,kind,effect,picks,sessions,reached,share,trainees,trainee_share,in_drawn_version");
  expect(lines.find((l) => l.startsWith(`${scenario.start},${PITFALL},`))).toMatch(/,advising,harmful,2,2,4,0\.5,2,0\.5,true$/);
  // Every choice of the turn, the one nobody took too.
  expect(lines.filter((l) => l.startsWith(`${scenario.start},`))).toHaveLength(4);

  // The filters are a plain form: practice sessions only keeps all four, assessment ones leave none.
  await page.getByLabel("Mode").selectOption("assessment");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]mode=assessment/);
  await expect(page.getByText("No sessions match these filters")).toBeVisible();
  await expect(page.getByRole("region", { name: "Choices at each turn" })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.context().close();
});

test("the printable report keeps the filters, shows no site navigation, and has a Print button", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, supervisor);
  await page.goto(`/analytics/${ID}?cohort=${cohortId}`);
  await page.getByRole("link", { name: "Printable cohort report" }).click();
  await expect(page).toHaveURL(new RegExp(`/analytics/${ID}/report\\?cohort=${cohortId}$`));
  await expect(page.getByRole("heading", { level: 1, name: scenario.title })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.getByText(`Cohort Analytics ${tag}`)).toBeVisible();
  // Every table in sight, the nodes among them since there is no graph.
  await expect(page.getByRole("table", { name: "Nodes reached, with their visits, sessions and trainees" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.context().close();
});

test("a trainee opens their own progress from the header, but another trainee's is not found", async ({ browser, baseURL }) => {
  const [ari, bo] = trainees as [(typeof trainees)[0], (typeof trainees)[0]];
  const page = await pageAs(browser, baseURL!, ari);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My progress" }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${ari.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "My progress" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Every session, newest first" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("figure", { name: "Final meters of the 1 completed session, oldest first" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const other = await page.goto(`/people/${bo.id}`);
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  // Nor their analytics.
  expect((await page.goto(`/analytics/${ID}`))?.status()).toBe(404);
  await page.context().close();
});

test("the supervisor reaches a trainee's progress from the cohort page and from the transcript", async ({ browser, baseURL }) => {
  const [ari] = trainees;
  const page = await pageAs(browser, baseURL!, supervisor);
  await page.goto(`/cohorts/${cohortId}`);
  await page.getByRole("link", { name: `Progress of ${ari!.name}` }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: `Progress of ${ari!.name}` })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // The session's transcript names the trainee (in its summary) with a link back to their progress.
  await page.getByRole("table", { name: "Every session, newest first" }).getByRole("link", { name: /\(transcript\)$/ }).click();
  await page.getByRole("main").getByRole("link", { name: `${ari!.name} (progress)`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${ari!.id}$`));
  await page.context().close();
});
