/**
 * The play page as a trainee meets it, at a laptop's size and a phone's: the bar that stays in
 * view, "How this works", the meters' edges, starting over, a mode chosen before the page's
 * script has run, endings, where the focus and the scroll go, the layout and the favicon.
 */
import type { Page } from "@playwright/test";
import { replay, type Replay } from "../../machines/replay";
import { compileScenario } from "../../machines/compile-scenario";
import { offeredChoices } from "../../machines/select-view";
import { RESPONSE_KIND_IDS, RESPONSE_KINDS } from "../../scenarios/kinds";
import { longestPlay, scenarioStats } from "../../scenarios/stats";
import type { Scenario } from "../../scenarios/types";
import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";
import { axeViolations, expect, test } from "./test";

const ID = "active-listening";
const scenario = libraryScenario(ID);
const NAME = scenario.roles.counterpart.name;
const LONGEST = longestPlay(scenarioStats(scenario)) as number;
const plan = planFor(scenario, "first");

/** Text as React writes it into the page's HTML. */
const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** The play that always takes the choice that raises the meters most: it reaches 100. */
function strongestPlan(s: Scenario): Replay {
  const machine = compileScenario(s);
  const choices: string[] = [];
  for (;;) {
    const r = replay(s, choices, machine);
    if (r.done) return r;
    const best = [...offeredChoices(s, r.snapshot)].sort((a, b) => b.rapport + b.mutuality - (a.rapport + a.mutuality))[0]!;
    choices.push(best.id);
  }
}

const clamped = (t: Replay["turns"][number]) =>
  t.before.rapport + t.choice.rapport !== t.after.rapport || t.before.mutuality + t.choice.mutuality !== t.after.mutuality;

const SIZES = [
  { name: "laptop", viewport: { width: 1280, height: 800 }, phone: false },
  { name: "phone", viewport: { width: 390, height: 844 }, phone: true },
] as const;

async function seeNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function noSidewaysScroll(page: Page) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(inner!);
}

for (const size of SIZES) {
  test.describe(`playing on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test("the bar keeps progress, the meters and their meaning, saving, Take back and Pause in view while answering", async ({ page, context }) => {
      const play = new PlayModel(page);
      await play.goto(ID);
      await play.start("Practice");
      const bar = page.getByRole("region", { name: "Your progress" });
      await expect(bar.getByText(`Turn 1 of up to ${LONGEST}`, { exact: true })).toBeVisible();
      // The counterpart's portrait (initials in a circle) and who they are.
      await expect(page.locator(`header [data-portrait="${NAME[0]}"]`)).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: scenario.title })).toBeVisible();
      for (const t of plan.turns.slice(0, 3)) await play.choose(t.choice.say);
      await expect(bar.getByText(`Turn 4 of up to ${LONGEST}`, { exact: true })).toBeVisible();

      // Scrolled down to answer, the bar is still there.
      await play.choices.last().scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 3000);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
      await expect(bar).toBeInViewport();
      for (const control of [
        page.getByRole("meter", { name: "Rapport" }),
        page.getByRole("meter", { name: "Mutuality" }),
        page.getByRole("button", { name: "Take back last choice" }),
        page.getByRole("button", { name: "Pause" }),
      ]) {
        await expect(control).toBeInViewport();
      }
      const barBox = (await bar.boundingBox())!;
      const logBox = (await play.log.boundingBox())!;
      if (size.phone) {
        // Across the top of the screen, and short.
        expect(barBox.y).toBeLessThanOrEqual(1);
        expect(barBox.height).toBeLessThan(130);
      } else {
        // A column beside the conversation, which uses the width of the screen.
        expect(barBox.x).toBeGreaterThanOrEqual(logBox.x + logBox.width);
        expect(barBox.x + barBox.width - logBox.x).toBeGreaterThan(1000);
      }

      // Saved is said quietly; waiting changes loudly.
      const save = play.saveStatus();
      await play.seeAllSaved();
      await expect(save).toContainText("Saved");
      expect((await save.boundingBox())!.height).toBeLessThan(30);
      await context.setOffline(true);
      await play.choose(plan.turns[3]!.choice.say);
      await expect(save).toHaveAttribute("data-save-state", "offline");
      await expect(save).toContainText("Offline: 1 change is kept in this browser");
      await expect(save).toBeInViewport();
      expect((await save.boundingBox())!.height).toBeGreaterThan(40);
      await context.setOffline(false);
      await play.seeAllSaved();

      // Each meter's meaning, on hover and on keyboard focus; Escape hides it.
      const rapport = page.getByRole("meter", { name: "Rapport" });
      const tip = page.getByRole("tooltip");
      await rapport.hover();
      await expect(tip).toHaveText(`How much ${NAME} trusts you and feels heard by you.`);
      await expect(tip).toBeInViewport({ ratio: 1 });
      await page.mouse.move(0, size.viewport.height - 1);
      await expect(tip).toHaveCount(0);
      await page.getByRole("meter", { name: "Mutuality" }).focus();
      await expect(tip).toHaveText("How much the relationship is two-way, with power shared between you.");
      await expect(tip).toBeInViewport({ ratio: 1 });
      await seeNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await expect(tip).toHaveCount(0);

      await noSidewaysScroll(page);
      await expect(page.locator("body")).not.toContainText(/\b1 (turns|changes)\b/);
    });

    test("how this works comes before the first session, is remembered once dismissed, and stays one click away", async ({ page }) => {
      const play = new PlayModel(page);
      await play.goto(ID);
      const card = page.getByRole("region", { name: "How this works" });
      await expect(card).toBeVisible();
      await expect(card).toContainText(`Rapport: How much ${NAME} trusts you and feels heard by you.`);
      await expect(card).toContainText("Mutuality: How much the relationship is two-way, with power shared between you.");
      await expect(card).toContainText("They stop at 100 and at 0");
      await expect(card).toContainText("Practice: feedback after every response");
      await expect(card).toContainText("Assessment: no feedback, meters or take-backs until the debrief");
      await card.getByText("The twelve kinds, one line each").click();
      for (const k of RESPONSE_KIND_IDS) {
        const term = card.locator("dt", { hasText: new RegExp(`^${RESPONSE_KINDS[k].label}$`) });
        await expect(term).toBeVisible();
        await expect(term.locator("+ dd")).toHaveText(new RegExp(RESPONSE_KINDS[k].does.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "i"));
      }
      await seeNoAxeViolations(page);
      await card.getByRole("button", { name: "Got it" }).click();
      await expect(card).toHaveCount(0);

      await page.reload();
      await expect(page.getByRole("button", { name: /^Practice/ })).toBeVisible();
      await expect(page.getByRole("region", { name: "How this works" })).toHaveCount(0);
      const again = page.getByRole("button", { name: "How this works" });
      await again.click();
      const dialog = page.getByRole("dialog", { name: "How this works" });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText("Twelve kinds of response");
      await seeNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(again).toBeFocused();
      await noSidewaysScroll(page);
    });

    test("Start over asks first, in a dialog that keeps the focus, and only then starts over", async ({ page }) => {
      const play = new PlayModel(page);
      await play.goto(ID);
      await play.start("Practice");
      await play.choose(plan.turns[0]!.choice.say);
      const startOver = page.getByRole("button", { name: "Start over", exact: true });
      await startOver.click();
      const dialog = page.getByRole("alertdialog", { name: "Start over?" });
      await expect(dialog).toContainText("The 1 turn you have played so far will be set aside");
      await expect(dialog.getByRole("button", { name: "Keep playing" })).toBeFocused();
      await seeNoAxeViolations(page);
      // Number keys do nothing behind the dialog.
      await page.keyboard.press("1");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await play.seeTurn(2);
      await expect(startOver).toBeFocused();

      await startOver.click();
      await dialog.getByRole("button", { name: "Yes, start over" }).click();
      await expect(page.getByRole("heading", { name: "How do you want to play?" })).toBeFocused();
      await expect(page.getByRole("button", { name: /^Practice/ })).toBeVisible();
    });

    test("the meters stop at 100 and say so; the ending reads as an ending and leads to the debrief, whose chart says so too", async ({ page }) => {
      const strongest = strongestPlan(scenario);
      const first = strongest.turns.findIndex(clamped);
      expect(first, "the strongest play pushes a meter past 100").toBeGreaterThanOrEqual(0);
      const play = new PlayModel(page);
      await play.goto(ID);
      await play.start("Practice");
      for (const t of strongest.turns) {
        await play.choose(t.choice.say);
        await expect(play.feedbackCards()).toHaveCount(t.index + 1);
        if (t.index === first) await expect(play.log.locator("li[data-turn]").last()).toContainText(/stopped at 100: the meters run from 0 to 100/);
      }
      await expect(page.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuetext", "100 of 100, as high as it goes");
      // The counterpart's last words are closing words, then the conversation ends, plainly.
      await expect(play.log.locator("[data-counterpart-lines]").last()).toContainText(`${NAME} · closing words`);
      const ending = page.getByRole("region", { name: "End of the conversation" });
      await expect(ending).toContainText("there is nothing more to answer");
      await expect(page.getByText("The conversation has ended.")).toHaveCount(0);
      await expect(play.choices).toHaveCount(0);
      await expect(page.getByText(`Ended after ${strongest.turns.length} turns`)).toBeVisible();
      await expect(page.getByRole("button", { name: "Open the debrief" })).toBeFocused();
      await expect(page.getByRole("button", { name: "Open the debrief" })).toBeInViewport();
      await seeNoAxeViolations(page);
      await play.openDebrief();
      const reached = strongest.turns.find((t) => t.after.rapport === 100)!;
      await expect(page.locator("[data-meter-edges]")).toContainText(`Rapport reached 100 at turn ${reached.index + 1}`);
      await expect(page.locator("[data-meter-edges]")).toContainText("The meters stop at 0 and 100");
      await noSidewaysScroll(page);
    });

    test("after a reload the page scrolls to the current choices, and counts turns in good English", async ({ page }) => {
      const play = new PlayModel(page);
      await play.goto(ID);
      await play.start("Practice");
      await play.choose(plan.turns[0]!.choice.say);
      await page.reload();
      await expect(page.getByText("Resumed where you left off, after 1 turn.")).toBeVisible();
      for (const t of plan.turns.slice(1, 5)) await play.choose(t.choice.say);
      await play.seeAllSaved();
      // The server already knows (from a cookie) that this browser keeps this session, so the
      // page it sends draws the conversation as the server has it, rather than offering modes
      // or a loading line the browser's storage would replace.
      const html = await (await page.request.get(`/play/${ID}`)).text();
      expect(html).toContain("Resumed where you left off, after 5 turns.");
      // (The stage direction at the start of a line is drawn apart from its words.)
      expect(html).toContain(escapeHtml(plan.turns[5]!.lines.at(-1)!.replace(/^\([^)]*\)\s*/, "")));
      expect(html).not.toContain("How do you want to play?");
      expect(html).not.toContain("Loading your session…");
      // Whatever the browser would restore, the page goes to where the conversation is.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.reload();
      await play.seeTurn(6);
      await expect(play.choices.first()).toBeInViewport();
      await expect(play.log.locator("[data-counterpart-lines]").last()).toBeInViewport();
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
      await expect(page.locator("body")).not.toContainText(/\b1 turns\b/);
    });

    test("Enter on Practice puts the focus on the first line; number keys are offered only where there are keys", async ({ page }) => {
      const play = new PlayModel(page);
      await play.goto(ID);
      const practice = page.getByRole("button", { name: /^Practice/ });
      await expect(practice).toBeVisible();
      await practice.focus();
      await page.keyboard.press("Enter");
      await expect(play.log.locator("[data-counterpart-lines]").first()).toBeFocused();
      const hint = page.getByText("(press a number key or pick one)");
      if (size.phone) await expect(hint).toBeHidden();
      else await expect(hint).toBeVisible();
      await page.keyboard.press("1");
      await play.seeTurn(2);
      await expect(play.choices.first()).toBeFocused();
      await expect(play.choices.first()).toBeInViewport();
    });

    test("a mode clicked before the page has hydrated still starts", async ({ page }) => {
      const mode = size.phone ? "Assessment" : "Practice";
      // Hold back every script of the page until after the click.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/_next\/static\/.+\.js(\?.*)?$/, async (route) => {
        await held;
        await route.continue().catch(() => undefined);
      });
      await page.goto(`/play/${ID}`, { waitUntil: "commit" });
      const button = page.getByRole("button", { name: new RegExp(`^${mode}`) });
      await expect(button).toBeVisible();
      // React has not taken over the button: no handler of its own is on it.
      expect(await button.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__react")))).toBe(false);
      const sent = page.waitForRequest((r) => r.isNavigationRequest() && r.url().includes(`start=${mode.toLowerCase()}`));
      await button.click();
      await sent;
      release();
      await expect(modelOf(page).choices.first()).toBeVisible();
      if (mode === "Practice") await modelOf(page).seeMeters(scenario.meters.rapport, scenario.meters.mutuality);
      else await modelOf(page).dontSeeMeters();
      const kept = await page.evaluate((id) => {
        const key = Object.keys(localStorage).find((k) => k.startsWith("peer-practice:session:") && k.endsWith(`:${id}`));
        return key ? (JSON.parse(localStorage.getItem(key)!) as { mode: string }).mode : null;
      }, ID);
      expect(kept).toBe(mode.toLowerCase());
      // The address no longer asks to start, so a reload resumes rather than starting again.
      await expect(page).toHaveURL(new RegExp(`/play/${ID}$`));
      await page.reload();
      await expect(modelOf(page).choices.first()).toBeVisible();
      await modelOf(page).seeTurn(1);
    });

    test("a mode clicked as soon as its button is there starts", async ({ page }) => {
      await page.goto(`/play/${ID}`, { waitUntil: "commit" });
      await page.getByRole("button", { name: /^Practice/ }).click();
      await expect(modelOf(page).choices.first()).toBeVisible();
      await modelOf(page).seeMeters(scenario.meters.rapport, scenario.meters.mutuality);
    });
  });
}

const modelOf = (page: Page) => new PlayModel(page);

test("the favicon answers, as /favicon.ico and as the icon the pages link to, and a page loads nothing that is missing", async ({ page, request }) => {
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.goto(`/play/${ID}`);
  await expect(page.getByRole("button", { name: /^Practice/ })).toBeVisible();
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const hrefs = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(hrefs.some((h) => /\/icon\.svg/.test(h))).toBe(true);
  for (const href of hrefs) {
    const r = await request.get(href);
    expect(r.status(), href).toBe(200);
  }
  expect(missing).toEqual([]);
});
