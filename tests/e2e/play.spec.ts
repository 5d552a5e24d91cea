import { RESPONSE_KINDS } from "../../scenarios/kinds";
import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";
import { ADMIN } from "./sign-in";
import { expect, test } from "./test";

const ID = "active-listening";
const scenario = libraryScenario(ID);
const plan = planFor(scenario, "first");
const outcomeLabel = (o: string) => o[0]!.toUpperCase() + o.slice(1);

test.describe("playing a scenario", () => {
  test("a trainee plays to the debrief by mouse, with feedback and meters in practice mode", async ({ page }) => {
    const play = new PlayModel(page);
    await play.goto(ID);
    if (scenario.contentNote) await expect(page.getByRole("complementary", { name: "Content note" })).toContainText(scenario.contentNote);
    // The trainee plays as the signed-in account, without giving a name.
    await expect(page.getByText(new RegExp(`^Playing as ${ADMIN.name}:`))).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveCount(0);
    await play.start("Practice");
    await play.seeMeters(scenario.meters.rapport, scenario.meters.mutuality);
    await play.seeNoAxeViolations();
    for (const turn of plan.turns) {
      await play.seeLine(turn.lines[turn.lines.length - 1]!);
      await play.seeTurn(turn.index + 1);
      await play.choose(turn.choice.say);
      await play.seeMeters(turn.after.rapport, turn.after.mutuality);
      await expect(play.feedbackCards()).toHaveCount(turn.index + 1);
      await expect(play.feedbackCards().last()).toHaveText(new RegExp(RESPONSE_KINDS[turn.kind].label));
    }
    await play.openDebrief();
    await expect(page.getByText(`Outcome: ${outcomeLabel(plan.ending!.outcome)}`)).toBeVisible();
    await expect(page.getByText(`Final meters: rapport ${plan.meters.rapport}, mutuality ${plan.meters.mutuality}`)).toBeVisible();
    // The chart's figures are in a table for screen readers: one row for the start and one per turn.
    const table = page.getByRole("table", { name: "Meters after each turn" });
    await expect(table.getByRole("row")).toHaveCount(plan.turns.length + 2);
    await expect(page.getByRole("heading", { name: "Reflection metrics" })).toBeVisible();
    await expect(page.getByText("indicators from a short simulated exchange", { exact: false })).toBeVisible();
    // The full transcript is folded; opened, it has one heading per turn.
    const transcript = page.getByRole("region", { name: /Full transcript/ });
    await transcript.getByRole("button", { name: /Full transcript/ }).click();
    await expect(transcript.getByRole("heading", { name: /^Turn \d+: / })).toHaveCount(plan.turns.length);
    await play.seeNoAxeViolations();
    // The debrief survives a reload.
    await page.reload();
    await play.seeDebrief();
    await page.getByRole("button", { name: "Play again" }).click();
    await expect(page.getByRole("button", { name: /^Practice/ })).toBeVisible();
  });

  test("a trainee plays by keyboard alone, with focus where it should be", async ({ page }) => {
    const play = new PlayModel(page);
    await play.goto(ID);
    await expect(page.getByRole("button", { name: /^Practice/ })).toBeVisible();
    // Tab to the practice button and press Enter.
    const tabTo = async (found: () => Promise<boolean>) => {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press("Tab");
        if (await found()) return;
      }
      throw new Error("never reached by Tab");
    };
    await tabTo(() => page.evaluate(() => (document.activeElement?.textContent ?? "").startsWith("Practice")));
    await page.keyboard.press("Enter");
    await expect(play.choices.first()).toBeVisible();
    // The focus goes to the counterpart's first line, not the page.
    await expect(play.log.locator("[data-counterpart-lines]").first()).toBeFocused();
    for (const turn of plan.turns) {
      await play.seeLine(turn.lines[turn.lines.length - 1]!);
      await play.chooseByKey(turn.choice.say);
      if (turn.index < plan.turns.length - 1) await expect(play.choices.first()).toBeFocused();
    }
    const debrief = page.getByRole("button", { name: "Open the debrief" });
    await expect(debrief).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: /^Debrief:/ })).toBeFocused();
  });

  test("assessment mode shows no feedback, meters or take-back until the debrief", async ({ page }) => {
    const play = new PlayModel(page);
    await play.goto(ID);
    await play.start("Assessment");
    for (const turn of plan.turns) {
      await play.choose(turn.choice.say);
      await play.dontSeeMeters();
      await play.dontSeeTakeBack();
      await expect(play.feedbackCards()).toHaveCount(0);
    }
    await play.openDebrief();
    // Only now is each turn's effect shown: in the full transcript's turn headings.
    const transcript = page.getByRole("region", { name: /Full transcript/ });
    await transcript.getByRole("button", { name: /Full transcript/ }).click();
    await expect(transcript.getByRole("heading", { name: /^Turn \d+: .*\((helps|hurts|neutral)\)$/ })).toHaveCount(plan.turns.length);
  });

  test("the last choice can be taken back in practice mode", async ({ page }) => {
    const play = new PlayModel(page);
    await play.goto(ID);
    await play.start("Practice");
    const [first, second] = plan.turns;
    await play.choose(first!.choice.say);
    await play.choose(second!.choice.say);
    await play.seeTurn(3);
    await play.takeBack();
    await play.seeTurn(2);
    await play.seeMeters(first!.after.rapport, first!.after.mutuality);
    await expect(play.log.getByText(second!.choice.say)).toHaveCount(0);
    await expect(play.choices.filter({ hasText: second!.choice.say })).toHaveCount(1);
    // What was taken back stays taken back after a reload.
    await page.reload();
    await play.seeTurn(2);
  });

  test("an unfinished session resumes after a reload", async ({ page }) => {
    const play = new PlayModel(page);
    await play.goto(ID);
    await play.start("Practice");
    const three = plan.turns.slice(0, 3);
    for (const t of three) await play.choose(t.choice.say);
    await page.reload();
    await expect(page.getByText("Resumed where you left off, after 3 turns.")).toBeVisible();
    await play.seeTurn(4);
    for (const t of three) await expect(play.log.getByText(t.choice.say)).toBeVisible();
    await play.seeMeters(three[2]!.after.rapport, three[2]!.after.mutuality);
  });

  test("a trainee can pause and resume, or start over", async ({ page }) => {
    const play = new PlayModel(page);
    await play.goto(ID);
    await play.start("Practice");
    await play.choose(plan.turns[0]!.choice.say);
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByRole("heading", { name: "Paused" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Resume" })).toBeFocused();
    await expect(play.choices).toHaveCount(0);
    await page.getByRole("button", { name: "Resume" }).click();
    await play.seeTurn(2);
    // Starting over asks first.
    await page.getByRole("button", { name: "Start over", exact: true }).click();
    await page.getByRole("alertdialog", { name: "Start over?" }).getByRole("button", { name: "Yes, start over" }).click();
    await expect(page.getByRole("button", { name: /^Assessment/ })).toBeVisible();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the library, the conversation and the debrief fit 360 px without sideways scrolling", async ({ page }) => {
    const fits = async () => {
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    };
    await page.goto("/");
    await fits();
    const play = new PlayModel(page);
    await play.goto(ID);
    await play.start("Practice");
    for (const turn of plan.turns) await play.choose(turn.choice.say);
    await fits();
    await play.openDebrief();
    await fits();
  });
});
