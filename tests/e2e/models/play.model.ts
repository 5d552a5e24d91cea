import { type Page } from "@playwright/test";
import { axeViolations, expect } from "../test";

export class PlayModel {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/play/${id}`);
  }

  get choices() {
    return this.page.getByRole("group", { name: /Your response/ }).getByRole("button");
  }

  get log() {
    return this.page.getByRole("log", { name: "Conversation" });
  }

  /** Starts a session in this mode, as the signed-in account. */
  async start(mode: "Practice" | "Assessment") {
    await this.page.getByRole("button", { name: new RegExp(`^${mode}`) }).click();
    await expect(this.choices.first()).toBeVisible();
  }

  /** Clicks the choice that says exactly this. */
  async choose(say: string) {
    await this.choices.filter({ hasText: say }).click();
  }

  /** Presses the number key of the choice that says this, as a keyboard user would. */
  async chooseByKey(say: string) {
    const texts = await this.choices.allInnerTexts();
    const index = texts.findIndex((t) => t.includes(say));
    expect(index, `"${say}" is on offer`).toBeGreaterThanOrEqual(0);
    await this.page.keyboard.press(String(index + 1));
  }

  async seeLine(text: string) {
    await expect(this.log.getByText(text, { exact: false }).last()).toBeVisible();
  }

  async seeMeters(rapport: number, mutuality: number) {
    await expect(this.page.getByRole("meter", { name: "Rapport" })).toHaveAttribute("aria-valuenow", String(rapport));
    await expect(this.page.getByRole("meter", { name: "Mutuality" })).toHaveAttribute("aria-valuenow", String(mutuality));
  }

  async dontSeeMeters() {
    await expect(this.page.getByRole("meter")).toHaveCount(0);
  }

  feedbackCards() {
    return this.log.getByText(/^(Helps|Hurts|Neutral):/);
  }

  /** The bar's progress says turn `n` ("Turn 3", or "Turn 3 of up to 11" when the longest play is known). */
  async seeTurn(n: number) {
    await expect(this.page.getByText(new RegExp(`^Turn ${n}( of up to \\d+)?$`))).toBeVisible();
  }

  async takeBack() {
    await this.page.getByRole("button", { name: "Take back last choice" }).click();
  }

  async dontSeeTakeBack() {
    await expect(this.page.getByRole("button", { name: "Take back last choice" })).toHaveCount(0);
  }

  async openDebrief() {
    await this.page.getByRole("button", { name: "Open the debrief" }).click();
    await this.seeDebrief();
  }

  async seeDebrief() {
    await expect(this.page.getByRole("heading", { name: /^Debrief:/ })).toBeVisible();
  }

  /** The save status line: saved, saving, offline or refused. */
  saveStatus() {
    return this.page.locator("[data-save-state]");
  }

  async seeAllSaved() {
    await expect(this.saveStatus()).toHaveAttribute("data-save-state", "saved");
  }

  /** The session's id on the server, as this browser keeps it. */
  async serverId(scenarioId: string): Promise<string> {
    // Kept under the signed-in account's id and the scenario's.
    const raw = await this.page.evaluate((id) => {
      const key = Object.keys(window.localStorage).find((k) => k.startsWith("peer-practice:session:") && k.endsWith(`:${id}`));
      return key === undefined ? null : window.localStorage.getItem(key);
    }, scenarioId);
    const id = (JSON.parse(raw ?? "{}") as { serverId?: string }).serverId;
    expect(id, "the session has a server id").toBeTruthy();
    return id!;
  }

  async seeNoAxeViolations() {
    expect(await axeViolations(this.page)).toEqual([]);
  }
}
