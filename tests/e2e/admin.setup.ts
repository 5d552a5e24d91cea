/**
 * Before the tests on the shared server: its first administrator, made and signed in, with the
 * browser storage the tests start from (ADMIN_STATE).
 */
import { ADMIN, ADMIN_STATE, setUpAndSignIn, signInBrowser } from "./sign-in";
import { expect, test as setup } from "./test";

setup("the shared server's administrator, signed in", async ({ page, baseURL }) => {
  await signInBrowser(page.context(), baseURL!, await setUpAndSignIn(baseURL!));
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(ADMIN.name)).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
