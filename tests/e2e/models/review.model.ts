/**
 * The review pages for the end-to-end tests: sessions played over the API by a signed-in person
 * (so a spec's sessions are its own, whatever else the shared server holds), and the session
 * page's parts as a reviewer finds them.
 */
import type { Locator, Page } from "@playwright/test";
import { compileScenario } from "../../../machines/compile-scenario";
import { replay } from "../../../machines/replay";
import { offeredChoices } from "../../../machines/select-view";
import { RESPONSE_KINDS } from "../../../scenarios/kinds";
import type { Choice, Scenario } from "../../../scenarios/types";
import { cohortWithPeople, type CohortWithPeople } from "../cohort-people";
import { libraryScenario } from "../plan";
import { rawRequest } from "../raw-request";
import { jsonRequest } from "../server-process";
import type { Credentials } from "../sign-in";
import { expect } from "../test";

/** The two screen sizes every review behaviour is tried at. */
export const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

let address = 0;

/** Signs `who` in over HTTP and answers the `cookie` header (each sign-in from an address of its own). */
export async function cookieOf(base: string, who: Credentials): Promise<string> {
  const answer = await rawRequest(base, {
    method: "POST",
    path: "/api/auth/sign-in/email",
    headers: { "content-type": "application/json", origin: new URL(base).origin, "x-forwarded-for": `10.88.${Math.floor(++address / 250)}.${address % 250}` },
    body: JSON.stringify({ email: who.email, password: who.password }),
    signedIn: false,
  });
  if (answer.status !== 200) throw new Error(`signing in as ${who.email} answered ${answer.status}: ${answer.text}`);
  return (answer.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0]!.trim())
    .filter((p) => p.includes("=") && !p.endsWith("="))
    .join("; ");
}

/** The API as one person: `(method, path, body?)`. */
export type Api = ReturnType<typeof apiAs>;

/** The session API as the person whose cookie this is. */
export function apiAs(base: string, cookie: string) {
  return async (method: string, path: string, body?: unknown) => {
    const r = await jsonRequest(base, method, path, body, { signedIn: false, headers: { cookie } });
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>;
  };
}

const effect = (c: Choice) => RESPONSE_KINDS[c.kind].effect;

/** At the first turn a harmful choice, then the first helpful one on offer (else the first). */
export const harmfulFirst = (offered: Choice[], turn: number): Choice =>
  (turn === 1 ? offered.find((c) => effect(c) === "harmful") : offered.find((c) => effect(c) === "helpful")) ?? offered[0]!;

export interface Played {
  id: string;
  scenario: Scenario;
  /** The choices stored, in order. */
  choices: Choice[];
  /** The choice taken back, when one was. */
  takenBack?: Choice;
}

/**
 * Plays a library scenario over the API: `turns` choices (all the way to an ending when absent),
 * each picked by `pick`; with `takeBackAt`, the choice at that turn is first another one, taken
 * back; `note` is the trainee's note on a turn; `end` completes (at an ending) or abandons it.
 */
export async function playSession(
  api: ReturnType<typeof apiAs>,
  scenarioId: string,
  o: {
    mode?: "practice" | "assessment";
    pick?: (offered: Choice[], turn: number) => Choice;
    turns?: number;
    takeBackAt?: number;
    note?: { turn: number; text: string };
    end?: "completed" | "abandoned";
  } = {},
): Promise<Played> {
  const scenario = libraryScenario(scenarioId);
  const machine = compileScenario(scenario);
  const pick = o.pick ?? ((offered) => offered[0]!);
  const { session } = await api("POST", "/api/sessions", { scenarioId, mode: o.mode ?? "practice" });
  const id = session.id as string;
  const choices: Choice[] = [];
  let takenBack: Choice | undefined;
  for (let turn = 1; o.turns === undefined || turn <= o.turns; turn++) {
    const r = replay(scenario, choices.map((c) => c.id), machine);
    if (r.done) break;
    const offered = offeredChoices(scenario, r.snapshot);
    const chosen = pick(offered, turn);
    if (turn === o.takeBackAt) {
      takenBack = offered.find((c) => c.id !== chosen.id)!;
      await api("POST", `/api/sessions/${id}/choices`, { seq: turn, choiceId: takenBack.id, timeTakenMs: 2000 });
      await api("POST", `/api/sessions/${id}/take-back`, { seq: turn });
    }
    await api("POST", `/api/sessions/${id}/choices`, { seq: turn, choiceId: chosen.id, timeTakenMs: 3000 + turn * 100 });
    choices.push(chosen);
  }
  if (o.note) await api("POST", `/api/sessions/${id}/choices/${o.note.turn}/note`, { note: o.note.text });
  if (o.end) await api("POST", `/api/sessions/${id}/end`, { status: o.end });
  return { id, scenario, choices, ...(takenBack && { takenBack }) };
}

/** The session page as a reviewer uses it. */
export class SessionPageModel {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/sessions/${id}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** The card of turn `n`. */
  turn(n: number): Locator {
    return this.page.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: `Turn ${n}`, exact: true }) });
  }

  /** The button that opens a comment box on turn `n`. */
  commentButton(n: number): Locator {
    return this.turn(n).getByRole("button", { name: `Comment on this turn (turn ${n})` });
  }

  /** Opens turn `n`'s comment box, writes and saves, and waits for the comment to show. */
  async comment(n: number, text: string) {
    await this.commentButton(n).click();
    const form = this.page.getByRole("form", { name: `Comment on turn ${n}` });
    await form.getByLabel(`Your comment on turn ${n}`).fill(text);
    await form.getByRole("button", { name: "Save comment" }).click();
    await expect(this.turn(n).getByRole("list", { name: `Comments on turn ${n}` }).getByText(text)).toBeVisible();
    await expect(form).toHaveCount(0);
  }

  /** A comment on turn `n` with this text. */
  commentItem(n: number, text: string): Locator {
    return this.turn(n).getByRole("list", { name: `Comments on turn ${n}` }).getByRole("listitem").filter({ hasText: text });
  }
}

/** Whether the page scrolls sideways (its content is wider than the window). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** A fresh cohort with its people, and the API as its trainee and as its supervisor. */
export async function reviewCast(base: string): Promise<{ people: CohortWithPeople; trainee: Api; supervisor: Api }> {
  const people = await cohortWithPeople();
  return { people, trainee: apiAs(base, await cookieOf(base, people.trainee)), supervisor: apiAs(base, await cookieOf(base, people.supervisor)) };
}
