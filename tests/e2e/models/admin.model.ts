import { type Page } from "@playwright/test";
import { axeViolations, expect } from "../test";

/** The administration pages, as an administrator uses them. */
export class AdminModel {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin");
    await expect(this.page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  }

  /** The person's entry in the list of accounts (a table row, or a card on a phone). */
  person(name: string) {
    const inTable = this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
    const inList = this.page.getByRole("listitem").filter({ has: this.page.getByRole("link", { name, exact: true }) });
    return inTable.or(inList);
  }

  /** Makes an account with the New account form; answers the one-time link, read from its field. */
  async makeAccount({ email, name, roles = ["Trainee"], cohort }: { email: string; name: string; roles?: string[]; cohort?: string }): Promise<string> {
    const form = this.page.getByRole("form", { name: "New account" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name", { exact: true }).fill(name);
    for (const role of ["Trainee", "Supervisor", "Trainer", "Administrator"]) {
      await form.getByRole("checkbox", { name: new RegExp(`^${role} `) }).setChecked(roles.includes(role));
    }
    if (cohort !== undefined) await form.getByLabel("Cohort (optional)").selectOption({ label: cohort });
    await form.getByRole("button", { name: "Make the account" }).click();
    const field = this.page.getByLabel(`Set-password link for ${name}`);
    await expect(field).toHaveValue(/\/set-password#token=/);
    return field.inputValue();
  }

  async openPerson(name: string) {
    await this.person(name).getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  async seeStatus(name: string, status: string) {
    await expect(this.person(name)).toContainText(status);
  }

  async seeNoAxeViolations() {
    expect(await axeViolations(this.page)).toEqual([]);
  }

  /** That the page does not scroll sideways at its width. */
  async seeNoSidewaysScroll() {
    const { scroll, width } = await this.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(width);
  }
}
