/**
 * The debrief in the browser, at 1280×800 and on a phone (390×844): a one-screen summary with the
 * turns that mattered most and the endings found, the transcript folded under it and unfolded by
 * keyboard, practice replays from any turn that never touch the session, and the supervisor's
 * comments reaching the trainee (on a later visit too).
 */
import type { Page } from "@playwright/test";
import { keyTurns, strongestAlternative } from "../../machines/debrief";
import { compileScenario } from "../../machines/compile-scenario";
import { replay, type Replay } from "../../machines/replay";
import { offeredChoices } from "../../machines/select-view";
import type { Scenario } from "../../scenarios/types";
import { cohortWithPeople, signInAs, type CohortWithPeople } from "./cohort-people";
import { PlayModel } from "./models/play.model";
import { libraryScenario } from "./plan";
import { axeViolations, expect, test } from "./test";

// Several plays and page visits per test; on a busy machine that takes more than the default 30 s.
test.describe.configure({ mode: "serial", timeout: 120_000 });

/**
 * The play that takes, at each turn, the choice on offer at that position in file order (-1: the
 * last; past the pattern, the first).
 */
function planWith(scenario: Scenario, pattern: readonly number[]): Replay {
  const machine = compileScenario(scenario);
  const ids: string[] = [];
  for (let i = 0; ; i++) {
    const r = replay(scenario, ids, machine);
    if (r.done) return r;
    const offered = offeredChoices(scenario, r.snapshot);
    const p = pattern[i] ?? 0;
    ids.push((p < 0 ? offered[offered.length - 1] : offered[Math.min(p, offered.length - 1)])!.id);
  }
}

async function playThrough(page: Page, id: string, plan: Replay, mode: "Practice" | "Assessment" = "Assessment") {
  const play = new PlayModel(page);
  await play.goto(id);
  await play.start(mode);
  for (const t of plan.turns) await play.choose(t.choice.say);
  await play.openDebrief();
  await play.seeAllSaved();
  return play;
}

async function seeNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

const keyTurnsRegion = (page: Page) => page.getByRole("region", { name: "The turns that mattered most" });
const transcriptToggle = (page: Page) => page.getByRole("button", { name: /^Full transcript/ });
const turnHeadings = (page: Page) => page.getByRole("heading", { name: /^Turn \d+: / });

/** The page is no wider than the window: nothing scrolls sideways. */
async function fitsTheWidth(page: Page) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(inner!);
}

test.describe("the debrief at 1280×800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  const ID = "cultural-humility";
  const scenario = libraryScenario(ID);
  // A harmful response at turn 2 (the last on offer there), the first on offer everywhere else: connected.
  const first = planWith(scenario, [0, -1]);
  // The last on offer at every turn: the trainee leaves early.
  const second = planWith(scenario, [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
  const mattered = keyTurns(first.turns);

  let people: CohortWithPeople;
  let trainee: Page;
  let sessionId = "";

  test.beforeAll(async ({ browser, baseURL }) => {
    // A handful of command-line runs, each a process of its own.
    test.setTimeout(180_000);
    people = await cohortWithPeople(`debrief${Date.now().toString(36)}`);
    // One browser for the trainee through every test: a later visit finds the debrief this browser keeps.
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, storageState: { cookies: [], origins: [] } });
    await signInAs(context, baseURL!, people.trainee);
    trainee = await context.newPage();
  });
  test.afterAll(async () => {
    await trainee?.context().close();
  });

  test("opens as a one-screen summary, with the transcript folded and unfolded by keyboard", async () => {
    expect(first.ending?.id, "the plan ends").toBe("connected-end");
    expect(mattered.length).toBe(3);
    expect(mattered.some((k) => k.harmful)).toBe(true);
    const play = await playThrough(trainee, ID, first);
    sessionId = await play.serverId(ID);
    const page = trainee;
    await expect(page.getByRole("heading", { name: `Debrief: ${scenario.title}` })).toBeFocused();
    await expect(page.getByText("Outcome: Connected")).toBeVisible();
    await expect(page.getByText(`Final meters: rapport ${first.meters.rapport}, mutuality ${first.meters.mutuality}, after ${first.turns.length} turns`)).toBeVisible();
    // A new trainee's first session of a scenario whose four endings can all be reached.
    await expect(page.getByTestId("endings-found")).toContainText("Endings found: 1 of 4");
    await expect(page.getByTestId("endings-found")).toContainText("Different endings you have reached in your sessions of this scenario.");
    await expect(page.getByTestId("endings-found")).not.toContainText("Checking");

    // The turns that mattered, in turn order, each with why.
    const items = keyTurnsRegion(page).locator("ol > li");
    await expect(items).toHaveCount(3);
    for (const [i, k] of mattered.entries()) {
      await expect(items.nth(i)).toContainText(`Turn ${k.turn.index + 1}:`);
      await expect(items.nth(i)).toContainText(k.turn.choice.say);
    }
    const harmful = mattered.find((k) => k.harmful)!;
    await expect(keyTurnsRegion(page).getByRole("list", { name: `Why turn ${harmful.turn.index + 1} mattered` })).toContainText("A harmful response");

    // Outcome, chart and reflection metrics side by side; the metrics' column is too narrow for
    // their table's five columns, so each measure is a card.
    const metrics = page.getByRole("region", { name: "Reflection metrics" });
    const tops = await Promise.all(
      [page.getByRole("region", { name: "Outcome" }), page.getByRole("region", { name: "Meters over the conversation" }), metrics].map(async (r) => (await r.boundingBox())!.y),
    );
    expect(Math.max(...tops) - Math.min(...tops), "the summary's first row").toBeLessThan(40);
    await expect(metrics.getByRole("table")).toBeHidden();
    await expect(metrics.getByRole("list", { name: "Reflection metrics" }).getByRole("listitem")).toHaveCount(2);
    await expect(metrics).toContainText("indicators from a short simulated exchange");
    await expect(metrics).toContainText("Thresholds from MITI 4.2.1");
    await expect(page.getByText(/^No comments yet\./)).toBeVisible();

    // The summary is about a screen: the transcript's heading starts within the second screen.
    const toggle = transcriptToggle(page);
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(turnHeadings(page)).toHaveCount(0);
    // Measured from the debrief's heading: the scenario's header above it belongs to the play page.
    const top = await toggle.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const start = await page.getByRole("heading", { name: `Debrief: ${scenario.title}` }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(top - start, "the summary's height").toBeLessThan(1.5 * 800);
    await seeNoAxeViolations(page);

    // Unfolded by keyboard: a heading for each turn, each kind explained once.
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(turnHeadings(page)).toHaveCount(first.turns.length);
    await expect(turnHeadings(page).nth(harmful.turn.index)).toContainText("(hurts)");
    const transcript = page.getByRole("region", { name: /^Full transcript/ });
    await expect(transcript.getByRole("heading", { name: "The kinds of response you chose" })).toBeVisible();
    const kinds = new Set(first.turns.map((t) => t.kind));
    await expect(transcript.locator("dl > div")).toHaveCount(kinds.size);
    const alt = strongestAlternative(harmful.turn)!;
    await expect(transcript).toContainText(`Strongest option on offer: “${alt.say}”`);
    await seeNoAxeViolations(page);
    await page.keyboard.press("Space");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(turnHeadings(page)).toHaveCount(0);
  });

  test("practises from a turn and plays the strongest option in place, never touching the session", async () => {
    const page = trainee;
    const harmful = mattered.find((k) => k.harmful)!;
    const n = harmful.turn.index + 1;
    const before = await page.request.get(`/api/sessions/${sessionId}`);
    const stored = (await before.json()) as { session: { status: string; turns: number; outcome: string }; choices: { choiceId: string }[] };
    expect(stored.session).toMatchObject({ status: "completed", turns: first.turns.length, outcome: "connected" });

    const trigger = keyTurnsRegion(page).getByRole("button", { name: `Try another option from here (turn ${n})` });
    await trigger.click();
    await expect(page.getByRole("heading", { name: `Practice from turn ${n}` })).toBeFocused();
    await expect(page.getByRole("heading", { name: /^Debrief:/ })).toBeHidden();
    // The meters the trainee had at that turn.
    await expect(page.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuenow", String(harmful.turn.before.rapport));
    await expect(page.getByRole("meter", { name: "Mutuality" })).toHaveAttribute("aria-valuenow", String(harmful.turn.before.mutuality));
    const log = page.getByRole("log", { name: "Conversation" });
    await expect(log).toContainText(harmful.turn.lines[harmful.turn.lines.length - 1]!);
    // Another option than the one chosen, with the play page's feedback.
    const other = harmful.turn.offered.find((c) => c.id !== harmful.turn.choice.id && c.id !== harmful.missed?.id)!;
    await page.getByRole("group", { name: /Your response/ }).getByRole("button", { name: other.say }).click();
    await expect(log.getByText(/^(Helps|Hurts|Neutral):/)).toHaveCount(1);
    await expect(log).toContainText(other.say);
    await seeNoAxeViolations(page);
    await page.getByRole("button", { name: "Back to the debrief" }).first().click();
    await expect(page.getByRole("heading", { name: `Debrief: ${scenario.title}` })).toBeVisible();
    await expect(trigger).toBeFocused();

    // The shortcut plays the strongest option first.
    await keyTurnsRegion(page).getByRole("button", { name: `Try the strongest option at turn ${n}` }).click();
    await expect(page.getByRole("heading", { name: `Practice from turn ${n}` })).toBeFocused();
    await expect(log).toContainText(harmful.missed!.say);
    await expect(log.getByText(/^Helps:/)).toHaveCount(1);
    await page.getByRole("button", { name: "Back to the debrief" }).first().click();

    // The session on the server is as it was.
    const after = (await (await page.request.get(`/api/sessions/${sessionId}`)).json()) as typeof stored;
    expect(after.session).toEqual(stored.session);
    expect(after.choices.map((c) => c.choiceId)).toEqual(stored.choices.map((c) => c.choiceId));
    await expect(page.getByText(`Final meters: rapport ${first.meters.rapport}, mutuality ${first.meters.mutuality}`)).toBeVisible();
  });

  test("shows the supervisor's comments to the trainee, in the summary and under their turn, on a later visit", async ({ browser, baseURL }) => {
    const harmful = mattered.find((k) => k.harmful)!;
    const n = harmful.turn.index + 1;
    const supervisor = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    await signInAs(supervisor, baseURL!, people.supervisor);
    const post = (body: unknown) =>
      supervisor.request.post(`/api/sessions/${sessionId}/comments`, { data: body, headers: { "content-type": "application/json" } });
    expect((await post({ turn: n, body: "Here the advice landed before she had finished." })).status()).toBe(201);
    expect((await post({ turn: null, body: "Warm and curious overall. Ask before assuming." })).status()).toBe(201);
    await supervisor.close();

    const page = trainee;
    await page.reload();
    await expect(page.getByRole("heading", { name: `Debrief: ${scenario.title}` })).toBeVisible();
    const comments = page.getByRole("region", { name: /^Comments on your session/ });
    await expect(comments.getByRole("listitem")).toHaveCount(2);
    await expect(comments.getByRole("listitem").first()).toContainText(people.supervisor.name);
    await expect(comments.getByRole("listitem").first()).toContainText("on the whole session");
    await expect(comments.getByRole("listitem").first()).toContainText("Warm and curious overall. Ask before assuming.");
    await expect(comments.getByRole("listitem").nth(1)).toContainText(`on turn ${n}`);
    await seeNoAxeViolations(page);
    await comments.getByRole("button", { name: `on turn ${n}` }).click();
    const heading = page.getByRole("heading", { name: new RegExp(`^Turn ${n}: `) });
    await expect(heading).toBeFocused();
    await expect(page.getByRole("list", { name: `Comments on turn ${n}` })).toContainText("Here the advice landed before she had finished.");
    await seeNoAxeViolations(page);
  });

  test("counts the endings found over the trainee's sessions of the scenario", async () => {
    expect(second.ending?.id).toBe("leaves-early");
    const page = trainee;
    await page.getByRole("button", { name: "Play again" }).click();
    await expect(page.getByRole("button", { name: /^Assessment/ })).toBeVisible();
    await playThrough(page, ID, second);
    await expect(page.getByTestId("endings-found")).toContainText("Endings found: 2 of 4");
    await expect(page.getByText("Outcome: Disengaged")).toBeVisible();
  });
});

test.describe("the debrief on a phone (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  const ID = "self-disclosure-with-purpose";
  const scenario = libraryScenario(ID);
  // The second on offer at the first turns, then the first.
  const plan = planWith(scenario, [1, 1, 0, 2]);
  const mattered = keyTurns(plan.turns);

  test("fits the width, shows the metrics as cards, unfolds the transcript and practises from a turn", async ({ page }) => {
    const play = await playThrough(page, ID, plan, "Practice");
    const sessionId = await play.serverId(ID);
    await expect(page.getByRole("heading", { name: `Debrief: ${scenario.title}` })).toBeFocused();
    await fitsTheWidth(page);
    await expect(page.getByTestId("endings-found")).toContainText(/Endings found: \d of 5/);
    const metrics = page.getByRole("region", { name: "Reflection metrics" });
    await expect(metrics.getByRole("table")).toBeHidden();
    const cards = metrics.getByRole("list", { name: "Reflection metrics" });
    await expect(cards.getByRole("listitem")).toHaveCount(2);
    await expect(cards.getByRole("listitem").first()).toContainText("Reflections to questions");
    await seeNoAxeViolations(page);

    await transcriptToggle(page).click();
    await expect(turnHeadings(page)).toHaveCount(plan.turns.length);
    await fitsTheWidth(page);
    await seeNoAxeViolations(page);

    const k = mattered[0]!;
    const n = k.turn.index + 1;
    const trigger = page.getByRole("region", { name: /^Full transcript/ }).getByRole("button", { name: `Try another option from here (turn ${n})` });
    await trigger.click();
    await expect(page.getByRole("heading", { name: `Practice from turn ${n}` })).toBeFocused();
    await expect(page.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuenow", String(k.turn.before.rapport));
    await page.getByRole("group", { name: /Your response/ }).getByRole("button").first().click();
    await expect(page.getByRole("log", { name: "Conversation" }).getByText(/^(Helps|Hurts|Neutral):/)).toHaveCount(1);
    await fitsTheWidth(page);
    await seeNoAxeViolations(page);
    await page.getByRole("button", { name: "Back to the debrief" }).first().click();
    await expect(trigger).toBeFocused();

    // A comment written on the session (an administrator may comment on any, their own too) shows on the next visit.
    const posted = await page.request.post(`/api/sessions/${sessionId}/comments`, {
      data: { turn: n, body: "Try the strongest option here and see how she answers." },
      headers: { "content-type": "application/json" },
    });
    expect(posted.status()).toBe(201);
    await page.reload();
    const comments = page.getByRole("region", { name: /^Comments on your session/ });
    await expect(comments.getByRole("listitem")).toHaveCount(1);
    await expect(comments).toContainText("Try the strongest option here and see how she answers.");
    await expect(comments).toContainText(`on turn ${n}`);
    await fitsTheWidth(page);
    await seeNoAxeViolations(page);
  });
});
