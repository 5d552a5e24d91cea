/**
 * Who may do what, asked of a real server on SQLite and on PostgreSQL: every role (and a visitor
 * who is not signed in, and an account deactivated after it signed in) against every page and
 * every API route, each answer checked against the role table in README.md.
 *
 * Requests are made so that an allowed one gets past the access check and stops at a rule that
 * changes nothing (a turn that is not next, an empty body), so the table can be walked in any
 * order. The outcomes:
 *   ok      2xx
 *   pass    past the access check: anything but 401, 403 and 404 (and no server error)
 *   in      sign in first: a page redirects to /sign-in, an API route answers 401
 *   403/404 refused (404 where a 403 would confirm that the id exists)
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { draftTemplate } from "../../components/studio/draft-template";
import { expect, test } from "./test";
import { startPgCluster, type PgCluster } from "../../scripts/pg-cluster";
import { rawRequest } from "./raw-request";
import { freePort, killGroup, startServer, type ServerProcess } from "./server-process";
import { setUpAndSignIn } from "./sign-in";

const ROLES = ["anonymous", "trainee", "otherTrainee", "supervisor", "trainer", "otherSupervisor", "admin", "deactivated"] as const;
type Role = (typeof ROLES)[number];
type Outcome = "ok" | "pass" | "in" | 403 | 404;

const SCENARIO = "active-listening";
/** A scenario id that only a draft has. */
const DRAFTED = "drafted-for-the-table";
const PASSWORD = "a long enough password";

/** The program a matrix is asked about: North (a trainee, a supervisor, a trainer), South (a trainee, a supervisor), an administrator. */
interface Program {
  base: string;
  cookies: Record<Role, string | undefined>;
  ids: { trainee: string; north: string; south: string; session: string; assignment: string; draft: string };
  /** As the administrator (the cookie remembered for the server). */
  admin: (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;
}

async function request(base: string, cookie: string | undefined, method: string, url: string, body?: unknown) {
  const r = await rawRequest(base, {
    method,
    path: url,
    headers: { ...(body !== undefined && { "content-type": "application/json" }), ...(cookie && { cookie }) },
    signedIn: false,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  let parsed: any;
  try {
    parsed = JSON.parse(r.text);
  } catch {
    parsed = undefined;
  }
  return { status: r.status, location: r.headers.location, body: parsed, text: r.text };
}

let clientNumber = 0;

/** Signs in (as a distinct client address, so the sign-in limit does not count the whole program as one) and answers the cookie. */
async function signIn(base: string, email: string, password = PASSWORD): Promise<string> {
  const r = await rawRequest(base, {
    method: "POST",
    path: "/api/auth/sign-in/email",
    headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${++clientNumber % 250}` },
    body: JSON.stringify({ email, password }),
    signedIn: false,
  });
  if (r.status !== 200) throw new Error(`signing in as ${email} answered ${r.status}: ${r.text}`);
  return (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!).filter((c) => !c.endsWith("=")).join("; ");
}

async function setUpProgram(base: string): Promise<Program> {
  const adminCookie = await setUpAndSignIn(base);
  const admin = async (method: string, url: string, body?: unknown) => {
    const r = await request(base, adminCookie, method, url, body);
    return { status: r.status, body: r.body };
  };
  const must = async (method: string, url: string, body: unknown, status: number) => {
    const r = await admin(method, url, body);
    if (r.status !== status) throw new Error(`${method} ${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const north = (await must("POST", "/api/admin/cohorts", { name: "North" }, 201)).cohort.id as string;
  const south = (await must("POST", "/api/admin/cohorts", { name: "South" }, 201)).cohort.id as string;
  const person = async (name: string, roles: string[], cohortId: string) => {
    const made = await must("POST", "/api/admin/people", { email: `${name.toLowerCase()}@example.org`, name, roles, cohortId }, 201);
    const token = decodeURIComponent(String(made.link.url).split("#token=")[1]!);
    const set = await request(base, undefined, "POST", "/api/auth/reset-password", { token, newPassword: PASSWORD });
    if (set.status !== 200) throw new Error(`setting ${name}'s password answered ${set.status}: ${set.text}`);
    return { id: made.person.id as string, cookie: await signIn(base, `${name.toLowerCase()}@example.org`) };
  };
  const trainee = await person("Tia", ["trainee"], north);
  const otherTrainee = await person("Ned", ["trainee"], south);
  const supervisor = await person("Sue", ["supervisor"], north);
  const trainer = await person("Tom", ["trainer"], north);
  const otherSupervisor = await person("Ola", ["supervisor"], south);
  const deactivated = await person("Dee", ["trainee"], north);
  await must("POST", `/api/admin/people/${deactivated.id}/active`, { active: false }, 200);

  const started = await request(base, trainee.cookie, "POST", "/api/sessions", { scenarioId: SCENARIO, mode: "practice" });
  if (started.status !== 201) throw new Error(`starting a session answered ${started.status}: ${started.text}`);
  const assignment = (await must("POST", "/api/assignments", { cohortId: north, scenarioId: SCENARIO, mode: "practice", dueOn: null }, 201)).assignment.id;
  const draft = (await must("POST", "/api/studio/drafts", { scenarioId: DRAFTED, text: draftTemplate(DRAFTED) }, 201)).draft.id as string;
  return {
    base,
    admin,
    cookies: {
      anonymous: undefined,
      trainee: trainee.cookie,
      otherTrainee: otherTrainee.cookie,
      supervisor: supervisor.cookie,
      trainer: trainer.cookie,
      otherSupervisor: otherSupervisor.cookie,
      admin: adminCookie,
      deactivated: deactivated.cookie,
    },
    ids: { trainee: trainee.id, north, south, session: started.body.session.id, assignment, draft },
  };
}

interface Case {
  method: string;
  /** The path, or how to make it (for a request that needs something of its own to act on). */
  path: string | ((p: Program) => string | Promise<string>);
  body?: unknown;
  page?: boolean;
  expect: Record<Role, Outcome>;
}

/** Rows of the table: the same outcome for most roles, with exceptions. */
const all = (outcome: Outcome, except: Partial<Record<Role, Outcome>> = {}): Record<Role, Outcome> =>
  Object.fromEntries(ROLES.map((r) => [r, except[r] ?? (r === "anonymous" || r === "deactivated" ? "in" : outcome)])) as Record<Role, Outcome>;

const READ_SESSION = all(404, { trainee: "ok", supervisor: "ok", trainer: "ok", admin: "ok" });
const PLAY_SESSION = all(404, { trainee: "pass", supervisor: 403, trainer: 403, admin: 403 });
const REVIEW_SESSION = all(404, { trainee: 403, supervisor: "ok", trainer: "ok", admin: "ok" });
const STAFF_PAGE = all(404, { supervisor: "ok", trainer: "ok", otherSupervisor: "ok", admin: "ok" });
const NORTH_STAFF = all(404, { supervisor: "ok", trainer: "ok", admin: "ok" });
const ADMIN_PAGE = all(404, { admin: "ok" });
const ADMIN_API = (admin: Outcome): Record<Role, Outcome> => all(403, { admin });
const ANALYTICS = all(403, { supervisor: "ok", trainer: "ok", otherSupervisor: "ok", admin: "ok" });
const PROGRESS = all(404, { trainee: "ok", supervisor: "ok", trainer: "ok", admin: "ok" });
const AUTHORS = (outcome: Outcome): Record<Role, Outcome> => all(403, { trainer: outcome, admin: outcome });

const session = (p: Program) => `/api/sessions/${p.ids.session}`;

const CASES: Case[] = [
  // Pages.
  { method: "GET", page: true, path: "/", expect: all("ok", { anonymous: "ok", deactivated: "ok" }) },
  { method: "GET", page: true, path: "/sign-in", expect: all("ok", { anonymous: "ok", deactivated: "ok" }) },
  { method: "GET", page: true, path: "/set-password", expect: all("ok", { anonymous: "ok", deactivated: "ok" }) },
  { method: "GET", page: true, path: "/forgot-password", expect: all(404, { anonymous: 404, deactivated: 404 }) },
  { method: "GET", page: true, path: "/account", expect: all("ok") },
  { method: "GET", page: true, path: "/sessions", expect: all("ok") },
  { method: "GET", page: true, path: `/play/${SCENARIO}`, expect: all("ok") },
  { method: "GET", page: true, path: (p) => `/sessions/${p.ids.session}`, expect: READ_SESSION },
  { method: "GET", page: true, path: "/cohorts", expect: STAFF_PAGE },
  { method: "GET", page: true, path: (p) => `/cohorts/${p.ids.north}`, expect: NORTH_STAFF },
  { method: "GET", page: true, path: "/admin", expect: ADMIN_PAGE },
  { method: "GET", page: true, path: (p) => `/admin/people/${p.ids.trainee}`, expect: ADMIN_PAGE },
  { method: "GET", page: true, path: "/admin/cohorts", expect: ADMIN_PAGE },
  { method: "GET", page: true, path: (p) => `/admin/cohorts/${p.ids.north}`, expect: ADMIN_PAGE },
  { method: "GET", page: true, path: "/admin/audit", expect: ADMIN_PAGE },
  { method: "GET", page: true, path: "/studio", expect: all(404, { trainer: "ok", admin: "ok" }) },
  { method: "GET", page: true, path: (p) => `/studio/drafts/${p.ids.draft}`, expect: all(404, { trainer: "ok", admin: "ok" }) },
  { method: "GET", page: true, path: `/studio/scenarios/${DRAFTED}`, expect: all(404, { trainer: "ok", admin: "ok" }) },
  // A scenario's analytics and its printable report: any supervisor, trainer or administrator (each counting whom they may); trainees get the not-found page.
  { method: "GET", page: true, path: `/analytics/${SCENARIO}`, expect: STAFF_PAGE },
  { method: "GET", page: true, path: `/analytics/${SCENARIO}/report`, expect: STAFF_PAGE },
  // A cohort another supervisor cannot see is left out (and said), not refused.
  { method: "GET", page: true, path: (p) => `/analytics/${SCENARIO}?cohort=${p.ids.north}`, expect: STAFF_PAGE },
  { method: "GET", page: true, path: "/analytics/no-such-scenario", expect: all(404) },
  // A trainee's progress: the trainee, their cohort's staff, administrators.
  { method: "GET", page: true, path: (p) => `/people/${p.ids.trainee}`, expect: PROGRESS },

  // Sessions.
  { method: "POST", path: "/api/sessions", body: { scenarioId: SCENARIO, mode: "practice" }, expect: all("ok") },
  { method: "GET", path: session, expect: READ_SESSION },
  { method: "GET", path: (p) => `${session(p)}/export?format=json`, expect: READ_SESSION },
  { method: "GET", path: (p) => `${session(p)}/export?format=markdown`, expect: READ_SESSION },
  { method: "POST", path: (p) => `${session(p)}/choices`, body: { seq: 99, choiceId: "none", timeTakenMs: 10 }, expect: PLAY_SESSION },
  { method: "POST", path: (p) => `${session(p)}/take-back`, body: { seq: 99 }, expect: PLAY_SESSION },
  { method: "POST", path: (p) => `${session(p)}/end`, body: { status: "completed" }, expect: PLAY_SESSION },
  {
    method: "POST",
    // A note needs a choice to be on: the trainee makes turn 1 first (asked again for each role, it is answered as a retry).
    path: async (p) => {
      const chosen = await request(p.base, p.cookies.trainee, "POST", `${session(p)}/choices`, { seq: 1, choiceId: "reflect-sixty-days", timeTakenMs: 10 });
      if (chosen.status !== 201 && chosen.status !== 200) throw new Error(`choosing turn 1 answered ${chosen.status}: ${chosen.text}`);
      return `${session(p)}/choices/1/note`;
    },
    body: { note: "Why I chose it." },
    expect: PLAY_SESSION,
  },
  { method: "POST", path: (p) => `${session(p)}/comments`, body: { turn: null, body: "Seen." }, expect: REVIEW_SESSION },
  { method: "POST", path: (p) => `${session(p)}/review`, body: { reviewed: true }, expect: REVIEW_SESSION },

  // Assignments: staff to their own cohort, administrators to any.
  {
    method: "POST",
    path: "/api/assignments",
    body: undefined,
    expect: all(404, { supervisor: "ok", trainer: "ok", admin: "ok" }),
  },
  {
    method: "DELETE",
    // One of its own for each request, made by the administrator, so each allowed removal has something to remove.
    path: async (p) => `/api/assignments/${(await p.admin("POST", "/api/assignments", { cohortId: p.ids.north, scenarioId: SCENARIO, mode: "assessment", dueOn: null })).body.assignment.id}`,
    expect: all(404, { supervisor: "ok", trainer: "ok", admin: "ok" }),
  },

  // Administration: empty bodies get past the door and stop at the body check.
  { method: "POST", path: "/api/admin/people", body: {}, expect: ADMIN_API("pass") },
  { method: "POST", path: (p) => `/api/admin/people/${p.ids.trainee}/roles`, body: {}, expect: ADMIN_API("pass") },
  { method: "POST", path: (p) => `/api/admin/people/${p.ids.trainee}/active`, body: {}, expect: ADMIN_API("pass") },
  { method: "POST", path: (p) => `/api/admin/people/${p.ids.trainee}/erase`, body: {}, expect: ADMIN_API("pass") },
  { method: "POST", path: (p) => `/api/admin/people/${p.ids.trainee}/link`, body: {}, expect: ADMIN_API("ok") },
  { method: "GET", path: (p) => `/api/admin/people/${p.ids.trainee}/export`, expect: ADMIN_API("ok") },
  { method: "POST", path: "/api/admin/cohorts", body: {}, expect: ADMIN_API("pass") },
  { method: "POST", path: (p) => `/api/admin/cohorts/${p.ids.north}`, body: {}, expect: ADMIN_API("pass") },
  {
    method: "DELETE",
    path: async (p) => `/api/admin/cohorts/${(await p.admin("POST", "/api/admin/cohorts", { name: `Spare ${randomUUID().slice(0, 8)}` })).body.cohort.id}`,
    expect: ADMIN_API("ok"),
  },
  { method: "POST", path: (p) => `/api/admin/cohorts/${p.ids.north}/members`, body: {}, expect: ADMIN_API("pass") },
  { method: "DELETE", path: (p) => `/api/admin/cohorts/${p.ids.south}/members/${p.ids.trainee}`, expect: ADMIN_API(404) },
  { method: "GET", path: "/api/admin/audit", expect: ADMIN_API("ok") },

  // Analytics: staff (counting their cohorts' trainees) and administrators; a cohort only by those who may see it.
  { method: "GET", path: `/api/analytics/${SCENARIO}`, expect: ANALYTICS },
  { method: "GET", path: `/api/analytics/${SCENARIO}/choices.csv`, expect: ANALYTICS },
  { method: "GET", path: (p) => `/api/analytics/${SCENARIO}?cohort=${p.ids.north}`, expect: all(403, { supervisor: "ok", trainer: "ok", otherSupervisor: 404, admin: "ok" }) },
  { method: "GET", path: (p) => `/api/analytics/${SCENARIO}/pitfalls.csv?cohort=${p.ids.north}`, expect: all(403, { supervisor: "ok", trainer: "ok", otherSupervisor: 404, admin: "ok" }) },
  // A trainee's progress: the trainee, their cohort's staff, administrators.
  { method: "GET", path: (p) => `/api/people/${p.ids.trainee}/progress`, expect: PROGRESS },
  { method: "GET", path: (p) => `/api/people/${p.ids.trainee}/progress/sessions.csv`, expect: PROGRESS },

  // Drafts and publishing: trainers and administrators.
  { method: "GET", path: "/api/studio/drafts", expect: AUTHORS("ok") },
  { method: "POST", path: "/api/studio/drafts", body: {}, expect: AUTHORS("pass") },
  { method: "GET", path: (p) => `/api/studio/drafts/${p.ids.draft}`, expect: AUTHORS("ok") },
  { method: "POST", path: (p) => `/api/studio/drafts/${p.ids.draft}`, body: {}, expect: AUTHORS("pass") },
  { method: "POST", path: (p) => `/api/studio/drafts/${p.ids.draft}/publish`, body: { nothing: "expected" }, expect: AUTHORS("pass") },
  {
    method: "DELETE",
    path: async (p) => `/api/studio/drafts/${(await p.admin("POST", "/api/studio/drafts", { scenarioId: DRAFTED, text: draftTemplate(DRAFTED) })).body.draft.id}`,
    expect: AUTHORS("ok"),
  },
  // Never published: authors are told there are no versions; others are refused before that.
  { method: "GET", path: `/api/studio/scenarios/${DRAFTED}/versions`, expect: AUTHORS(404) },
  { method: "POST", path: `/api/studio/scenarios/${DRAFTED}/versions/${"0".repeat(64)}/publish`, body: {}, expect: AUTHORS(404) },
  { method: "POST", path: "/api/studio/imports", body: {}, expect: AUTHORS("pass") },
  { method: "GET", path: (p) => `/api/studio/exports/drafts/${p.ids.draft}?format=yaml`, expect: AUTHORS("ok") },
  { method: "GET", path: `/api/studio/exports/scenarios/${SCENARIO}?format=twee`, expect: AUTHORS("ok") },
];

/** What a role got, in the table's terms. */
function outcomeOf(c: Case, r: { status: number; location?: string | string[] }): Outcome | string {
  if (c.page && r.status >= 300 && r.status < 400 && String(r.location ?? "").includes("/sign-in")) return "in";
  if (!c.page && r.status === 401) return "in";
  if (r.status === 403 || r.status === 404) return r.status;
  if (r.status >= 200 && r.status < 300) return "ok";
  if (r.status < 500 && r.status !== 401) return "pass";
  return `status ${r.status}`;
}

const matches = (got: Outcome | string, want: Outcome) => got === want || (want === "pass" && got === "ok");

async function walk(p: Program): Promise<string[]> {
  const wrong: string[] = [];
  for (const c of CASES) {
    for (const role of ROLES) {
      const url = typeof c.path === "string" ? c.path : await c.path(p);
      const body = c.method === "POST" && url === "/api/assignments" && c.body === undefined ? { cohortId: p.ids.north, scenarioId: SCENARIO, mode: "practice", dueOn: null } : c.body;
      const r = await request(p.base, p.cookies[role], c.method, url, body);
      const got = outcomeOf(c, r);
      if (!matches(got, c.expect[role])) wrong.push(`${role.padEnd(15)} ${c.method} ${url}: expected ${c.expect[role]}, got ${got} ${r.text.slice(0, 120)}`);
    }
  }
  return wrong;
}

test.describe.configure({ mode: "serial" });

test("SQLite: every role against every page and API route", async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(tmpdir(), "pp-matrix-"));
  let server: ServerProcess | undefined;
  try {
    server = await startServer(await freePort(), { DATA_DIR: dir, WEB_CONCURRENCY: "1", TRUSTED_PROXIES: "127.0.0.1" });
    expect(await walk(await setUpProgram(server.base))).toEqual([]);
  } finally {
    if (server) killGroup(server);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("PostgreSQL: every role against every page and API route", async () => {
  test.setTimeout(240_000);
  let cluster: PgCluster | undefined;
  let server: ServerProcess | undefined;
  try {
    cluster = await startPgCluster(["matrix"], { fast: true });
    server = await startServer(await freePort(), { DATABASE_URL: cluster.url("matrix"), WEB_CONCURRENCY: "1", TRUSTED_PROXIES: "127.0.0.1" });
    expect(await walk(await setUpProgram(server.base))).toEqual([]);
  } finally {
    if (server) killGroup(server);
    cluster?.stop();
  }
});
