import { type Page } from "@playwright/test";
import { axeViolations, expect } from "../test";

export class LibraryModel {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Scenario library" })).toBeVisible();
  }

  /** A scenario's card in the list (not its assignment above it). */
  entry(title: string) {
    return this.page.locator("#scenario-list").getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: title }) });
  }

  // Exact: for staff, a card also has "Analytics of <title>".
  async seeScenario(title: string) {
    await expect(this.page.getByRole("link", { name: title, exact: true })).toBeVisible();
  }

  async dontSeeScenario(title: string) {
    await expect(this.page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  }

  get searchField() {
    return this.page.getByRole("searchbox", { name: "Search scenarios" });
  }

  /** The line that says how many scenarios are shown. */
  get status() {
    return this.page.getByRole("status").filter({ hasText: /scenario/ });
  }

  /** The family filter: one group of radio buttons. */
  get families() {
    return this.page.getByRole("group", { name: "Skill family" });
  }

  /** A family's radio button, named "Listening, 8 scenarios". */
  family(label: string) {
    return this.families.getByRole("radio", { name: this.familyName(label) });
  }

  private familyName(label: string) {
    return new RegExp(`^${label}, \\d+ scenarios?$`);
  }

  /** A family's chip, the label that holds its radio button. */
  chip(label: string) {
    return this.families.locator("label").filter({ has: this.page.getByRole("radio", { name: this.familyName(label) }) });
  }

  /** Picks a family as a pointer does: its chip is what is clicked. */
  async pickFamily(label: string) {
    await this.chip(label).click();
    await expect(this.family(label)).toBeChecked();
  }

  /** The scenario titles shown, in order. */
  async shownTitles(): Promise<string[]> {
    return this.page.locator("#scenario-list h3").allInnerTexts();
  }

  async seeNoAxeViolations() {
    expect(await axeViolations(this.page)).toEqual([]);
  }
}
