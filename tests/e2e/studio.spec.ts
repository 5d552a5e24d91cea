/**
 * The studio in the browser, as a trainer on the shared server: a draft from the template, a
 * broken `next` found at its line and on the graph, fixed with the node form, played to an ending
 * by keyboard, published and then in the library; the draft kept across a reload; a second tab
 * that saved first gets the conflict notice, never an overwrite.
 */
import type { Browser, Page } from "@playwright/test";
import { generateScenario } from "../../bench/generate-scenario";
import { draftTemplate } from "../../components/studio/draft-template";
import { ALL_EDGES_LAID_OUT_UP_TO } from "../../components/studio/layout-options";
import { scenarioToYaml } from "../../scenarios/serialize-scenario";
import { PlayModel } from "./models/play.model";
import { axeViolations, expect, test } from "./test";

test.describe.configure({ mode: "serial", timeout: 150_000 });

const SCENARIO_ID = "first-meeting-in-the-studio";

interface Person {
  email: string;
  name: string;
  password: string;
  roles: string[];
  /** The address the person's browser signs in from (sign-ins are limited per address). */
  address: string;
}

const trainer: Person = { email: "tess.trainer@example.org", name: "Tess Trainer", password: "Tess's long password", roles: ["trainer"], address: "198.51.100.90" };
const trainee: Person = { email: "tom.trainee@example.org", name: "Tom Trainee", password: "Tom's long password", roles: ["trainee"], address: "198.51.100.91" };

/** The person, made by the administrator (the shared server's signed-in browser) with a one-time link used at once, signed in in a browser of their own. */
async function personPage(browser: Browser, adminPage: Page, person: Person): Promise<Page> {
  const made = await adminPage.request.post("/api/admin/people", { data: { email: person.email, name: person.name, roles: person.roles } });
  if (made.status() === 201) {
    const token = decodeURIComponent(String((await made.json()).link.url).split("#token=")[1] ?? "");
    const origin = new URL(adminPage.url()).origin;
    expect((await adminPage.request.post("/api/auth/reset-password", { data: { token, newPassword: person.password }, headers: { origin } })).status()).toBe(200);
  }
  const context = await browser.newContext({ baseURL: new URL(adminPage.url()).origin, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": person.address } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(person.name)).toBeVisible();
  return page;
}

const trainerPage = (browser: Browser, adminPage: Page) => personPage(browser, adminPage, trainer);

/** Replaces the whole text in the editor, as typing would. */
async function replaceText(page: Page, text: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

const status = (page: Page) => page.getByRole("status").filter({ hasText: /^(Saved|Saving…|Not saved)/ });

let draftPath = "";

test("a trainer makes a draft from the template, finds a broken next at its line and on the graph, fixes it with the form, plays it to an ending and publishes it into the library", async ({ page, browser }) => {
  await page.goto("/");
  const studio = await trainerPage(browser, page);
  await studio.goto("/studio");
  await expect(studio.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
  expect(await axeViolations(studio)).toEqual([]);
  await studio.getByLabel("Scenario id of the new draft").fill(SCENARIO_ID);
  await studio.getByRole("form", { name: "New draft" }).getByRole("button", { name: "New draft" }).click();
  await expect(studio).toHaveURL(/\/studio\/drafts\/[0-9a-f-]{36}$/);
  draftPath = new URL(studio.url()).pathname;
  await expect(studio.locator(".cm-content")).toBeVisible();
  await expect(studio.getByText("No problems found.")).toBeVisible();

  // Help from the scenario format while writing: completion by keyboard, and a key's meaning on hover.
  await studio.locator(".cm-line").filter({ hasText: /^\s*kind: open-question$/ }).click();
  await studio.keyboard.press("End");
  for (let i = 0; i < "open-question".length; i++) await studio.keyboard.press("Backspace");
  await studio.keyboard.insertText("sha");
  await studio.keyboard.press("Control+Space");
  const completions = studio.getByRole("listbox", { name: "Completions" });
  await expect(completions.getByRole("option", { name: /^sharing-with/ })).toContainText("rapport +5, mutuality +10");
  await studio.keyboard.press("Escape");
  await expect(completions).toHaveCount(0);
  await studio.locator(".cm-line").filter({ hasText: /^\s*trainee: Peer specialist$/ }).getByText("trainee", { exact: true }).hover();
  await expect(studio.getByRole("tooltip")).toContainText("trainee (required): Who the trainee plays");

  const text = draftTemplate(SCENARIO_ID);
  const broken = text.replace("next: what-brought-you", "next: what-brought-yuo");
  const line = broken.split("\n").findIndex((l) => l.includes("what-brought-yuo")) + 1;
  await replaceText(studio, broken);
  const finding = studio.getByRole("button", { name: new RegExp(`^${line}:\\d+ error`) });
  await expect(finding).toContainText("what-brought-yuo");
  await expect(studio.getByRole("button", { name: "Publish" })).toBeDisabled();
  // The finding takes the cursor to its line.
  await finding.click();
  await expect(studio.locator(".cm-activeLine")).toContainText("what-brought-yuo");
  // On the graph, the node with the broken choice is marked, and the outline says where it leads.
  const views = studio.getByRole("region", { name: "Views of the scenario" });
  const hello = views.locator('.react-flow__node[data-id="hello"]');
  await expect(hello).toContainText("Error");
  await expect(views.getByText("Some choices lead to nodes that do not exist; they are marked.")).toBeVisible();
  // Selecting a node takes the text to its lines; moving the cursor selects the node it is in.
  await views.getByRole("button", { name: /fit view/i }).click();
  await views.locator('.react-flow__node[data-id="sam-leaves"]').click();
  await expect(studio.locator(".cm-activeLine")).toContainText("sam-leaves:");
  await views.getByRole("tab", { name: "Outline" }).click();
  const outline = views.getByRole("tabpanel", { name: "Outline" });
  await expect(outline.getByRole("listitem").filter({ has: studio.getByRole("heading", { name: /sam-leaves/ }) })).toHaveAttribute("aria-current", "true");
  await expect(outline.getByText("→ what-brought-yuo (no such node)")).toBeVisible();
  await finding.click();
  await expect(outline.getByRole("listitem").filter({ has: studio.getByRole("heading", { name: /^Turn hello/ }) })).toHaveAttribute("aria-current", "true");

  // Fixed with the form, reached by keyboard: the tabs move with the arrow keys.
  await views.getByRole("tab", { name: "Outline" }).focus();
  await studio.keyboard.press("ArrowLeft");
  await expect(views.getByRole("tab", { name: "Edit node" })).toBeFocused();
  const form = views.getByRole("tabpanel", { name: "Edit node" });
  await expect(form.getByRole("heading", { name: /^Turn hello/ })).toBeVisible();
  const leadsTo = form.getByRole("group", { name: /^Choice 1/ }).getByLabel("Leads to");
  await expect(leadsTo).toHaveValue("");
  await expect(leadsTo.getByRole("option", { name: "what-brought-yuo (no such node)" })).toBeAttached();
  await leadsTo.focus();
  await leadsTo.selectOption("what-brought-you");
  await expect(studio.getByText("No problems found.")).toBeVisible();
  await expect(status(studio)).toHaveText("Saved");
  // Only the broken id changed: the saved text is the template again, line for line.
  const saved = await studio.request.get(`/api/studio${draftPath.replace(/^\/studio/, "")}`);
  expect((await saved.json()).draft.text).toBe(text);
  expect(await axeViolations(studio)).toEqual([]);

  // Played to an ending in the playtest panel, by keyboard, before publishing.
  await views.getByRole("tab", { name: "Edit node" }).focus();
  await studio.keyboard.press("End");
  await expect(views.getByRole("tab", { name: "Playtest" })).toBeFocused();
  const playtest = views.getByRole("tabpanel", { name: "Playtest" });
  for (const say of ["There's no right thing to say. What made you come today?", "Tired of feeling stuck, and hoping this might be different."]) {
    const choice = playtest.getByRole("button", { name: say });
    await choice.focus();
    await studio.keyboard.press("Enter");
    await expect(playtest.getByText(say).first()).toBeVisible();
  }
  await expect(playtest.getByText("The conversation ended at sam-stays: connected.")).toBeVisible();
  await expect(playtest.getByRole("group", { name: "Where the play is" })).toContainText("Ended at sam-stays: connected, after 2 choices");
  expect(await axeViolations(studio)).toEqual([]);

  await studio.getByRole("button", { name: "Publish" }).click();
  await expect(studio.getByText(`Published as the current version of ${SCENARIO_ID}.`)).toBeVisible();

  // In the library, for everyone.
  await page.goto("/");
  // (Other specs may publish the template under other ids: this one is found by its link.)
  await expect(page.getByRole("heading", { name: "A first conversation" }).getByRole("link").and(page.locator(`a[href="/play/${SCENARIO_ID}"]`))).toBeVisible();
  await studio.context().close();
});

test("the draft keeps what was typed across a reload, and a second tab that saved first gets the conflict notice", async ({ page, browser }) => {
  await page.goto("/");
  const first = await trainerPage(browser, page);
  await first.goto(draftPath);
  await expect(status(first)).toHaveText("Saved");
  const text = draftTemplate(SCENARIO_ID);
  await replaceText(first, `# Kept across a reload\n${text}`);
  await expect(status(first)).toHaveText("Saved");
  await first.reload();
  await expect(first.locator(".cm-content")).toContainText("# Kept across a reload");

  // A second tab opens the same draft, and saves first.
  const second = await first.context().newPage();
  await second.goto(draftPath);
  await expect(status(second)).toHaveText("Saved");
  await replaceText(second, `# Written in the second tab\n${text}`);
  await expect(status(second)).toHaveText("Saved");

  // The first tab, still on the older revision, is not allowed to write over it.
  await replaceText(first, `# Written in the first tab\n${text}`);
  await expect(first.getByRole("heading", { name: "This draft was saved elsewhere while you were editing" })).toBeVisible();
  await expect(first.getByLabel("Their version")).toContainText("# Written in the second tab");
  await expect(first.getByLabel("Your version")).toContainText("# Written in the first tab");
  expect(await axeViolations(first)).toEqual([]);
  await first.context().close();
});

test("a trainee plays the published scenario; a changed version published later leaves their transcript as they played it", async ({ page, browser }) => {
  await page.goto("/");
  const learner = await personPage(browser, page, trainee);
  const play = new PlayModel(learner);
  await play.goto(SCENARIO_ID);
  await play.start("Practice");
  const firstLine = "I don't really know what I'm supposed to say here.";
  await play.seeLine(firstLine);
  await play.choose("There's no right thing to say. What made you come today?");
  await play.choose("Tired of feeling stuck, and hoping this might be different.");
  await play.seeLine("Can I come back next week?");
  await play.seeAllSaved();
  const sessionId = await play.serverId(SCENARIO_ID);

  // The trainer changes Sam's first line and publishes again.
  const studio = await trainerPage(browser, page);
  await studio.goto(draftPath);
  await expect(status(studio)).toHaveText("Saved");
  const changedLine = "I've never been to anything like this before.";
  await replaceText(studio, draftTemplate(SCENARIO_ID).replace(firstLine, changedLine));
  await expect(studio.getByText("No problems found.")).toBeVisible();
  await expect(status(studio)).toHaveText("Saved");
  await studio.getByRole("button", { name: "Publish" }).click();
  await expect(studio.getByText(`Published as the current version of ${SCENARIO_ID}.`)).toBeVisible();

  // The earlier transcript replays on the version it was played on.
  await learner.goto(`/sessions/${sessionId}`);
  await expect(learner.getByText(firstLine)).toBeVisible();
  await expect(learner.getByText(changedLine)).toHaveCount(0);
  // A new session starts on the new version.
  const another = new PlayModel(page);
  await another.goto(SCENARIO_ID);
  await another.start("Practice");
  await another.seeLine(changedLine);
  await studio.context().close();
  await learner.context().close();
});

test("a large scenario is drawn as the tree of its ways on from the start, opening on the start", async ({ page, browser }) => {
  await page.goto("/");
  const studio = await trainerPage(browser, page);
  // 300 nodes with loops: more ways on than a graph laid out with every edge (ALL_EDGES_LAID_OUT_UP_TO).
  const large = generateScenario({ nodes: 300, seed: 7 });
  const text = scenarioToYaml(large);
  expect(text.match(/\bnext:/g)!.length).toBeGreaterThan(ALL_EDGES_LAID_OUT_UP_TO);
  const made = await studio.request.post("/api/studio/drafts", { data: { scenarioId: large.id, text }, headers: { origin: new URL(studio.url()).origin } });
  expect(made.status()).toBe(201);
  // What the page sends its workers, in order.
  await studio.addInitScript(() => {
    const Native = window.Worker;
    const sent: unknown[] = ((window as unknown as { sentToWorkers: unknown[] }).sentToWorkers = []);
    window.Worker = class extends Native {
      postMessage(message: unknown, options?: StructuredSerializeOptions | Transferable[]) {
        sent.push(message);
        return super.postMessage(message, options as StructuredSerializeOptions);
      }
    };
  });
  await studio.goto(`/studio/drafts/${(await made.json()).draft.id}`);
  const graph = studio.getByRole("group", { name: `Graph of ${large.title}` });
  await expect(graph.locator(".react-flow__node").first()).toBeVisible({ timeout: 60_000 });
  await expect(graph.getByRole("status")).toHaveCount(0);
  await expect(graph.getByRole("alert")).toHaveCount(0);
  // The start is shown (a graph too big to read whole opens on its start).
  await expect(graph.locator(".react-flow__node").filter({ hasText: "Start" })).toBeVisible();
  // The layout worker was asked for a tree, and the start is in the graph's first row (nodes no play reaches start trees of their own beside it).
  const sent = await studio.evaluate(() => (window as unknown as { sentToWorkers: Record<string, unknown>[] }).sentToWorkers.filter((m) => "requestId" in m).map((m) => m.method));
  expect(sent).toEqual(["tree"]);
  const tops = await graph.locator(".react-flow__node").evaluateAll((nodes) =>
    nodes.map((n) => ({ text: n.textContent ?? "", top: Math.round(n.getBoundingClientRect().top) })),
  );
  const topmost = Math.min(...tops.map((t) => t.top));
  expect(tops.filter((t) => t.top === topmost).filter((t) => t.text.includes("Start"))).toHaveLength(1);
  await studio.context().close();
});
