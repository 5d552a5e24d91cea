/** The /sessions page with filters that do not make sense: the list is shown, and what was ignored is said. */
import { jsonRequest } from "./server-process";
import { ADMIN, signInFromState } from "./sign-in";
import { axeViolations, expect, test } from "./test";

// No other test plays this scenario on the shared server: filtered by it, the list holds just the two sessions made here.
const ID = "mutuality";

test.describe("the sessions list with a bad query", () => {
  // Sessions carry the name of the account that started them: the administrator every test signs in as.
  const participant = ADMIN.name;

  test.beforeAll(async ({ baseURL }) => {
    signInFromState(baseURL!);
    for (let i = 0; i < 2; i++) {
      const r = await jsonRequest(baseURL!, "POST", "/api/sessions", { scenarioId: ID, mode: "practice" });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });

  test("names each ignored value under the form and still lists the sessions", async ({ page }) => {
    const q = new URLSearchParams({ participant, scenario: ID, from: "garbage", to: "2026-13-45", page: "1.5", mode: "fun" });
    const response = await page.goto(`/sessions?${q.toString()}`);
    expect(response?.status()).toBe(200);
    const ignored = page.getByRole("region", { name: "4 values were ignored" });
    await expect(ignored.getByRole("listitem")).toHaveText([
      '"fun" is not a mode (practice, assessment); the filter "Mode" was ignored',
      '"garbage" is not a date (YYYY-MM-DD); the filter "Started from" was ignored',
      '"2026-13-45" is not a date that exists; the filter "Started before" was ignored',
      '"1.5" is not a page number; the first page is shown',
    ]);
    await expect(page.getByRole("status")).toHaveText("2 sessions, page 1 of 1.");
    await expect(page.getByRole("row").filter({ hasText: participant })).toHaveCount(2);
    // The fields show what was applied, not what was refused.
    await expect(page.getByLabel("Started from", { exact: true })).toHaveValue("");
    await expect(page.getByRole("textbox", { name: "Participant" })).toHaveValue(participant);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("compares dates as dates: a far-future start matches nothing, a six-digit year is ignored", async ({ page }) => {
    await page.goto(`/sessions?${new URLSearchParams({ participant, scenario: ID, from: "9999-12-31" }).toString()}`);
    await expect(page.getByRole("status")).toHaveText("No sessions match.");
    await expect(page.getByRole("region", { name: /ignored/ })).toHaveCount(0);

    await page.goto(`/sessions?${new URLSearchParams({ participant, scenario: ID, from: "+275760-09-13" }).toString()}`);
    await expect(page.getByRole("region", { name: "One value was ignored" })).toContainText('"+275760-09-13" is not a date (YYYY-MM-DD)');
    await expect(page.getByRole("status")).toHaveText("2 sessions, page 1 of 1.");
  });

  test("answers a NUL in the participant filter and absurd pages with the page, not an error", async ({ page }) => {
    for (const [name, value] of [
      ["participant", "Sam\u0000"],
      ["page", "1e20"],
      ["page", "0"],
      ["page", "-1"],
      ["order", "sideways"],
      ["review", "later"],
      ["short", "yes"],
      ["scenario", "two\nlines"],
    ]) {
      const response = await page.goto(`/sessions?${new URLSearchParams({ [name!]: value! }).toString()}`);
      expect(response?.status(), `${name}=${value}`).toBe(200);
      await expect(page.getByRole("region", { name: "One value was ignored" })).toContainText(JSON.stringify(value));
    }
  });
});
