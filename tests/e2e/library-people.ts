/**
 * People for the library's end-to-end tests: made by the shared server's administrator through
 * the API (a one-time link used at once), then signed in, each in a browser context of its own.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { signInAs } from "./cohort-people";
import { rawRequest } from "./raw-request";
import { ADMIN_STATE, type Credentials } from "./sign-in";
import { expect } from "./test";

export type Person = Credentials & { id: string };

/** Makes an account with these roles (names and emails carry `tag`), in a cohort if given, its password set. */
export async function makePerson(browser: Browser, baseURL: string, name: string, roles: string[], tag: string, cohortId?: string): Promise<Person> {
  const handle = name.split(" ")[0]!.toLowerCase();
  const person: Person = { id: "", name: `${name} ${tag}`, email: `${handle}.library.${tag}@example.org`, password: `${handle}'s long library password` };
  const admin = await browser.newContext({ baseURL, storageState: ADMIN_STATE });
  const made = await admin.request.post("/api/admin/people", { data: { email: person.email, name: person.name, roles, ...(cohortId && { cohortId }) } });
  expect(made.status(), await made.text()).toBe(201);
  const body = (await made.json()) as { person: { id: string }; link: { url: string } };
  person.id = body.person.id;
  const token = decodeURIComponent(body.link.url.split("#token=")[1]!);
  const set = await rawRequest(baseURL, {
    method: "POST",
    path: "/api/auth/reset-password",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, newPassword: person.password }),
    signedIn: false,
  });
  expect(set.status, set.text).toBe(200);
  await admin.close();
  return person;
}

/** A page signed in as `who`, in a context of its own with these options (a viewport, no JavaScript). */
export async function pageAs(browser: Browser, baseURL: string, who: Person, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, ...options });
  await signInAs(context, baseURL, who);
  return context.newPage();
}

/** A page of a visitor who is not signed in. */
export async function visitorPage(browser: Browser, baseURL: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, ...options });
  return context.newPage();
}
