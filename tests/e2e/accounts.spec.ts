/**
 * Accounts on a new installation, in the browser, against a server of its own (a fresh SQLite
 * folder): the first administrator, signing out and in, the answers a stranger gets, and the
 * pages that send a signed-out visitor to sign in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { libraryScenario } from "./plan";
import { freePort, jsonRequest, killGroup, startServer, type ServerProcess } from "./server-process";
import { axeViolations, expect, test } from "./test";

// A browser that has never signed in here (not the shared server's administrator).
test.use({ storageState: { cookies: [], origins: [] } });

let dataDir: string;
let server: ServerProcess;
test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pp-accounts-"));
  server = await startServer(await freePort(), { DATA_DIR: dataDir, WEB_CONCURRENCY: "1" });
});
test.afterAll(() => {
  killGroup(server);
  rmSync(dataDir, { recursive: true, force: true });
});

const admin = { name: "Ada Okafor", email: "ada@example.org", password: "a long enough password" };

test("a new installation asks for its first administrator, who is then signed in", async ({ page }) => {
  // The first visit, to any page, ends on the set-up page.
  await page.goto(`${server.base}/`);
  await expect(page).toHaveURL(`${server.base}/setup`);
  await expect(page.getByRole("heading", { name: "Set up Peer Practice" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Password again").fill("short");
  await page.getByRole("button", { name: "Make the administrator account" }).click();
  await expect(page.getByText(/This must be at least 10 characters/)).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Password again").fill(admin.password);
  await page.getByRole("button", { name: "Make the administrator account" }).click();
  await expect(page.getByRole("heading", { name: "Scenario library" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(admin.name)).toBeVisible();

  // Once there is an administrator, setting up again is refused, in the page and in the API.
  await page.goto(`${server.base}/setup`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const again = await jsonRequest(server.base, "POST", "/api/setup", { ...admin, email: "eve@example.org" });
  expect(again.status).toBe(409);
});

test("signing out, then in: a wrong password and an unknown email get the same answer", async ({ page }) => {
  const signIn = await jsonRequest(server.base, "POST", "/api/auth/sign-in/email", { email: admin.email, password: admin.password });
  expect(signIn.status).toBe(200);

  await page.goto(`${server.base}/sign-in`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  const refusal = page.getByRole("main").getByRole("alert");
  await expect(refusal).toHaveText("That email and password do not match an account.");

  await page.getByLabel("Email").fill("nobody@example.org");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(refusal).toHaveText("That email and password do not match an account.");

  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByText(admin.name)).toBeVisible();

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a signed-out visitor of the sessions list or a play page is sent to sign in, and brought back there", async ({ page }) => {
  // The administrator made by the first test (made here when this test runs alone).
  expect([201, 409]).toContain((await jsonRequest(server.base, "POST", "/api/setup", admin)).status);
  const nav = page.getByRole("navigation", { name: "Main" });
  const pages: [string, string][] = [
    ["/sessions", "Sessions"],
    ["/play/active-listening", libraryScenario("active-listening").title],
  ];
  for (const [asked, heading] of pages) {
    await page.goto(`${server.base}${asked}`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    const at = new URL(page.url());
    expect([at.pathname, at.searchParams.get("next")], asked).toEqual(["/sign-in", asked]);

    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${server.base}${asked}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByText(admin.name)).toBeVisible();

    await nav.getByRole("button", { name: "Sign out" }).click();
    await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  }
});

test("a signed-in person changes their password, and then signs in with the new one only", async ({ page }) => {
  const newPassword = "another long enough password";
  await page.goto(`${server.base}/sign-in?next=/account`);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const main = page.getByRole("main");
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(main.getByRole("alert")).toHaveText(/The current password is not right/);

  await page.getByLabel("Current password").fill(admin.password);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(main.getByRole("status")).toHaveText(/Your password is changed/);

  const old = await jsonRequest(server.base, "POST", "/api/auth/sign-in/email", { email: admin.email, password: admin.password }, { signedIn: false });
  expect(old.status).toBe(401);
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(admin.name)).toBeVisible();
});
