/**
 * Administration in the browser, on the shared server as its administrator: making an account and
 * handing over its one-time link, which a fresh browser uses to set a password and sign in;
 * deactivating it; exporting and erasing a person; cohorts and their members; the audit log.
 * Every administration page is checked with axe.
 */
import { readFileSync } from "node:fs";
import type { Browser } from "@playwright/test";
import { axeViolations, expect, test } from "./test";
import { AdminModel } from "./models/admin.model";

/** A browser that has never signed in here, from an address of its own (sign-ins are limited per address). */
async function freshBrowser(browser: Browser, address: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": address } });
  return { context, page: await context.newPage() };
}

test("an account made with the form is opened with its one-time link, which sets its password; deactivated, it is signed out and cannot sign in", async ({
  page,
  browser,
}) => {
  // Two browsers, four sign-ins and two passwords hashed: longer than most tests.
  test.slow();
  const admin = new AdminModel(page);
  await admin.goto();
  await admin.seeNoAxeViolations();
  const jo = { email: "jo.okafor@example.org", name: "Jo Okafor", password: "Jo's own long password" };
  const link = await admin.makeAccount(jo);
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);
  await expect(page.getByText(/It works once, for 72 hours/)).toBeVisible();
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Copied\.|The link is selected/ })).toBeVisible();
  await admin.seeStatus(jo.name, "Invited, no password yet");
  await admin.seeNoAxeViolations();

  const { context, page: theirs } = await freshBrowser(browser, "198.51.100.31");
  try {
    await theirs.goto(link);
    await expect(theirs.getByRole("heading", { name: "Set your password" })).toBeVisible();
    // The token is read, then taken out of the address bar.
    await expect.poll(() => theirs.url()).not.toContain("token");
    expect(await axeViolations(theirs)).toEqual([]);
    await theirs.getByLabel("New password", { exact: true }).fill(jo.password);
    await theirs.getByLabel("New password again").fill(jo.password);
    await theirs.getByRole("button", { name: "Set my password" }).click();
    await expect(theirs.getByRole("status")).toHaveText("Your password is set. Sign in with your email and the new password.");
    await theirs.getByLabel("Email").fill(jo.email);
    await theirs.getByLabel("Password").fill(jo.password);
    await theirs.getByRole("button", { name: "Sign in" }).click();
    await expect(theirs.getByRole("navigation", { name: "Main" }).getByText(jo.name)).toBeVisible();

    // A trainee finds no administration, in the pages or the API.
    await theirs.goto("/admin");
    await expect(theirs.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await theirs.request.get("/api/admin/audit")).status()).toBe(403);

    // The link worked once.
    await theirs.goto(link);
    await theirs.getByLabel("New password", { exact: true }).fill("a second long password");
    await theirs.getByLabel("New password again").fill("a second long password");
    await theirs.getByRole("button", { name: "Set my password" }).click();
    await expect(theirs.getByRole("main").getByRole("alert")).toHaveText("This link has expired or was already used. Ask your administrator for a new link.");

    await theirs.goto("/sessions");
    await expect(theirs.getByRole("heading", { name: "Sessions" })).toBeVisible();
    const ownData = () => theirs.evaluate(async () => (await fetch("/api/sessions/00000000-0000-4000-8000-000000000000")).status);
    expect(await ownData()).toBe(404);

    await admin.goto();
    await admin.seeStatus(jo.name, "Active");
    await admin.openPerson(jo.name);
    await admin.seeNoAxeViolations();
    await page.getByRole("button", { name: `Deactivate ${jo.name}` }).click();
    await expect(page.getByRole("button", { name: `Reactivate ${jo.name}` })).toBeVisible();
    await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();

    // Their open page can no longer load their data, and reloading it asks them to sign in.
    expect(await ownData()).toBe(401);
    await theirs.reload();
    await expect(theirs.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await theirs.getByLabel("Email").fill(jo.email);
    await theirs.getByLabel("Password").fill(jo.password);
    await theirs.getByRole("button", { name: "Sign in" }).click();
    await expect(theirs.getByRole("main").getByRole("alert")).toHaveText("This account has been deactivated. Ask your program's administrator.");
  } finally {
    await context.close();
  }

  await admin.goto();
  await admin.seeStatus(jo.name, "Deactivated");
});

test("a person's data is exported as a JSON download, and erasing them asks for their email and goes back to the list", async ({ page }) => {
  const admin = new AdminModel(page);
  const made = await page.request.post("/api/admin/people", { data: { email: "rae.lindqvist@example.org", name: "Rae Lindqvist", roles: ["trainee"] } });
  expect(made.status()).toBe(201);
  await admin.goto();
  await admin.openPerson("Rae Lindqvist");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export personal data (JSON)" }).click()]);
  expect(download.suggestedFilename()).toBe("peer-practice-rae-lindqvist.json");
  const data = JSON.parse(readFileSync((await download.path())!, "utf8")) as { account: { email: string }; sessions: unknown[]; audit: { action: string }[] };
  expect(data.account.email).toBe("rae.lindqvist@example.org");
  expect(data.sessions).toEqual([]);
  expect(data.audit.map((e) => e.action)).toEqual(expect.arrayContaining(["account-created", "link-issued"]));

  // The export is recorded under the person's recent activity.
  await page.reload();
  await expect(page.getByRole("region", { name: "Recent activity" }).getByText("Personal data exported")).toBeVisible();

  const erase = page.getByRole("form", { name: "Erase Rae Lindqvist" });
  await erase.getByLabel("Keep their sessions without their name, for statistics").check();
  const confirm = erase.getByLabel("Type Rae Lindqvist's email to confirm");
  await confirm.fill("rae@example.org");
  await erase.getByRole("button", { name: "Erase Rae Lindqvist" }).click();
  await expect(confirm).toHaveAccessibleDescription("Type rae.lindqvist@example.org exactly to confirm.");
  await confirm.fill("rae.lindqvist@example.org");
  await erase.getByRole("button", { name: "Erase Rae Lindqvist" }).click();

  await expect(page).toHaveURL(/\/admin\?erased=1$/);
  await expect(page.getByRole("status").filter({ hasText: "The account was erased." })).toBeVisible();
  await expect(admin.person("Rae Lindqvist")).toHaveCount(0);
  await admin.seeNoAxeViolations();

  // The audit log keeps the erasure, without the name.
  await page.goto("/admin/audit");
  const erased = page.getByRole("listitem").filter({ hasText: "Account erased" }).first();
  await expect(erased).toContainText("about Erased account");
  await expect(erased).toContainText("Their sessions were kept without a name, for statistics.");
  await expect(page.getByRole("main")).not.toContainText("Rae Lindqvist");
});

test("cohorts are made, filled with members whose roles fit, renamed and deleted; the audit log filters by person", async ({ page }) => {
  test.slow();
  const admin = new AdminModel(page);
  for (const [email, name, roles] of [
    ["tam.nguyen@example.org", "Tam Nguyen", ["trainee"]],
    ["sol.abara@example.org", "Sol Abara", ["supervisor"]],
  ] as const) {
    expect((await page.request.post("/api/admin/people", { data: { email, name, roles } })).status()).toBe(201);
  }
  await admin.goto();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Cohorts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  await admin.seeNoAxeViolations();

  await page.getByLabel("Name of the new cohort").fill("Evening group");
  await page.getByRole("button", { name: "Make the cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evening group" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Assign scenarios/ })).toHaveAttribute("href", /^\/cohorts\/[\w-]+$/);
  await admin.seeNoAxeViolations();

  const add = page.getByRole("form", { name: "Add a member" });
  await expect(add.getByLabel("Person").getByRole("option", { name: /Tam Nguyen/ })).toHaveCount(1);
  await expect(add.getByLabel("Person").getByRole("option", { name: /Sol Abara/ })).toHaveCount(0);
  await add.getByLabel("Person").selectOption({ label: "Tam Nguyen (tam.nguyen@example.org)" });
  await add.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("region", { name: "Trainees (1)" }).getByRole("link", { name: "Tam Nguyen" })).toBeVisible();

  await add.getByLabel("Supervisor or trainer").check();
  await expect(add.getByLabel("Person").getByRole("option", { name: /Tam Nguyen/ })).toHaveCount(0);
  await add.getByLabel("Person").selectOption({ label: "Sol Abara (sol.abara@example.org)" });
  await add.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("region", { name: "Supervisors and trainers (1)" }).getByRole("link", { name: "Sol Abara" })).toBeVisible();
  await admin.seeNoAxeViolations();

  await page.getByRole("button", { name: "Remove Tam Nguyen from the cohort" }).click();
  await expect(page.getByRole("region", { name: "Trainees (0)" })).toContainText("No trainees yet.");

  const rename = page.getByRole("form", { name: "Rename the cohort" });
  await rename.getByLabel("Name").fill("Evening group, spring");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evening group, spring" })).toBeVisible();

  // On a phone, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await admin.seeNoSidewaysScroll();
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Delete this cohort…" }).click();
  await page.getByRole("button", { name: "Yes, delete Evening group, spring" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Evening group, spring" })).toHaveCount(0);

  await page.goto("/admin/audit");
  await admin.seeNoAxeViolations();
  await page.getByLabel("Person").selectOption({ label: "Tam Nguyen (tam.nguyen@example.org)" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/person=/);
  const entries = page.getByRole("main").getByRole("listitem");
  await expect(entries.first()).toContainText("Removed from a cohort");
  await expect(entries.first()).toContainText("From cohort “Evening group”, where they were trainee.");
  await expect(entries.filter({ hasText: "Account created" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Sol Abara" })).toHaveCount(0);
  await admin.seeNoAxeViolations();

  for (const path of ["/admin", "/admin/cohorts", "/admin/audit"]) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    await admin.seeNoSidewaysScroll();
  }
});
