import { type Page } from "@playwright/test";
import { axeViolations, expect } from "../test";

export class LibraryModel {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Scenario library" })).toBeVisible();
  }

  entry(title: string) {
    return this.page.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: title }) });
  }

  // Exact: for staff, a card also has "Analytics of <title>".
  async seeScenario(title: string) {
    await expect(this.page.getByRole("link", { name: title, exact: true })).toBeVisible();
  }

  async dontSeeScenario(title: string) {
    await expect(this.page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  }

  async filterBy(skill: string) {
    await this.page.getByRole("navigation", { name: "Filter by skill" }).getByRole("link", { name: skill, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`skill=${skill}`));
  }

  async seeNoAxeViolations() {
    expect(await axeViolations(this.page)).toEqual([]);
  }
}
