/**
 * A training program from its first start, in the browser, on a server of its own: the first
 * visit makes the administrator; the administrator makes two cohorts, invites a trainee and a
 * supervisor into one and a supervisor into the other, and assigns a scenario; the trainee sets a
 * password through the link, finds the assignment and plays it; the supervisor sees it done,
 * comments and marks it reviewed; the other cohort's supervisor gets the not-found page for it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { AdminModel } from "./models/admin.model";
import { PlayModel } from "./models/play.model";
import { libraryScenario, planFor } from "./plan";
import { freePort, killGroup, startServer, type ServerProcess } from "./server-process";
import { expect, test } from "./test";

const ID = "rapport-and-follow-up";
const scenario = libraryScenario(ID);
const plan = planFor(scenario, "first");

let dataDir: string;
let server: ServerProcess;
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pp-program-"));
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "1", TRUSTED_PROXIES: "127.0.0.1" });
});
test.afterAll(() => {
  killGroup(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A browser of its own for one person, from an address of its own (sign-ins are limited per address). */
async function browserFor(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.base, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": address } });
  return context.newPage();
}

/** Opens a one-time link, sets the password, and signs in with it. */
async function acceptInvitation(page: Page, link: string, email: string, password: string, name: string) {
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Set my password" }).click();
  await expect(page.getByRole("status")).toHaveText("Your password is set. Sign in with your email and the new password.");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(name)).toBeVisible();
}

test("from the first start to a reviewed assignment, and another cohort's supervisor sees none of it", async ({ browser }) => {
  // Five people, four passwords hashed, a whole conversation: much longer than most tests.
  test.setTimeout(180_000);

  // The first visit makes the administrator.
  const adminPage = await browserFor(browser, "198.51.100.60");
  await adminPage.goto("/");
  await expect(adminPage).toHaveURL(`${server.base}/setup`);
  await adminPage.getByLabel("Your name").fill("Ada Okafor");
  await adminPage.getByLabel("Email").fill("ada@example.org");
  await adminPage.getByLabel("Password", { exact: true }).fill("the administrator's password");
  await adminPage.getByLabel("Password again").fill("the administrator's password");
  await adminPage.getByRole("button", { name: "Make the administrator account" }).click();
  await expect(adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" })).toBeVisible();

  // Two cohorts.
  for (const name of ["Spring cohort", "Autumn cohort"]) {
    await adminPage.goto("/admin/cohorts");
    await adminPage.getByLabel("Name of the new cohort").fill(name);
    await adminPage.getByRole("form", { name: "New cohort" }).getByRole("button").click();
    // Made, the cohort's own page opens.
    await expect(adminPage.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  // Invitations, each into a cohort.
  const admin = new AdminModel(adminPage);
  await admin.goto();
  const trainee = { email: "tia@example.org", name: "Tia Mensah", password: "Tia's long password" };
  const supervisor = { email: "sue@example.org", name: "Sue Park", password: "Sue's long password" };
  const stranger = { email: "ola@example.org", name: "Ola Berg", password: "Ola's long password" };
  const traineeLink = await admin.makeAccount({ ...trainee, roles: ["Trainee"], cohort: "Spring cohort" });
  const supervisorLink = await admin.makeAccount({ ...supervisor, roles: ["Supervisor"], cohort: "Spring cohort" });
  const strangerLink = await admin.makeAccount({ ...stranger, roles: ["Supervisor"], cohort: "Autumn cohort" });

  // The administrator assigns the scenario to the spring cohort.
  await adminPage.goto("/cohorts");
  await adminPage.getByRole("link", { name: "Spring cohort", exact: true }).click();
  const assign = adminPage.getByRole("form", { name: "Assign a scenario" });
  await assign.getByLabel("Scenario").selectOption({ label: scenario.title });
  await assign.getByRole("radio", { name: /^Practice/ }).check();
  await assign.getByRole("button", { name: "Assign" }).click();
  await expect(assign.getByRole("status")).toHaveText(`Assigned “${scenario.title}” in practice mode.`);
  const cohortPath = new URL(adminPage.url()).pathname;

  // The trainee comes in through the link, finds the assignment and plays it to the end.
  const traineePage = await browserFor(browser, "198.51.100.61");
  await acceptInvitation(traineePage, traineeLink, trainee.email, trainee.password, trainee.name);
  await traineePage.goto("/");
  const assigned = traineePage.getByRole("region", { name: "Assigned to you" });
  await assigned.getByRole("link", { name: `Start ${scenario.title}` }).click();
  await traineePage.getByRole("button", { name: /^Practice/ }).click();
  const play = new PlayModel(traineePage);
  for (const t of plan.turns) await play.choose(t.choice.say);
  await play.openDebrief();
  await play.seeAllSaved();
  const sessionId = await play.serverId(ID);

  // Their supervisor sees it done, reads it, comments and marks it reviewed.
  const supervisorPage = await browserFor(browser, "198.51.100.62");
  await acceptInvitation(supervisorPage, supervisorLink, supervisor.email, supervisor.password, supervisor.name);
  await supervisorPage.goto(cohortPath);
  const row = supervisorPage.getByRole("row").filter({ has: supervisorPage.getByRole("rowheader", { name: new RegExp(trainee.name) }) });
  await expect(row.getByRole("cell")).toHaveText([/^Done/]);
  await row.getByRole("link", { name: `Transcript of ${trainee.name} on ${scenario.title}, practice` }).click();
  await expect(supervisorPage).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await supervisorPage.getByRole("button", { name: "Comment on the whole session" }).click();
  const whole = supervisorPage.getByRole("form", { name: "Comment on the whole session" });
  await whole.getByLabel("Your comment on the whole session").fill("You followed up without pushing. Well done.");
  await whole.getByRole("button", { name: "Save comment" }).click();
  await expect(supervisorPage.getByRole("listitem").filter({ hasText: "You followed up without pushing." })).toContainText(supervisor.name);
  await supervisorPage.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(supervisorPage.getByRole("button", { name: "Mark as not reviewed" })).toBeVisible();

  // The trainee reads the comment.
  await traineePage.goto(`/sessions/${sessionId}`);
  await expect(traineePage.getByText("You followed up without pushing. Well done.")).toBeVisible();
  await expect(traineePage.getByRole("definition").filter({ hasText: /^Reviewed$/ })).toBeVisible();

  // A supervisor of the other cohort: not found, for the page and the API alike (so the id is not confirmed).
  const strangerPage = await browserFor(browser, "198.51.100.63");
  await acceptInvitation(strangerPage, strangerLink, stranger.email, stranger.password, stranger.name);
  const response = await strangerPage.goto(`/sessions/${sessionId}`);
  expect(response?.status()).toBe(404);
  await expect(strangerPage.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  expect((await strangerPage.request.get(`/api/sessions/${sessionId}`)).status()).toBe(404);
  expect((await strangerPage.goto(cohortPath))?.status()).toBe(404);

  for (const page of [adminPage, traineePage, supervisorPage, strangerPage]) await page.context().close();
});
