/**
 * The administration API (people, cohorts, the audit log) through its route handlers, called with
 * real Requests over a real store on SQLite and on PostgreSQL, with real sign-ins: who may call
 * each route, the one-time set-password links, roles, deactivation, export and erasure, cohorts
 * and their members, and the audit log's pages.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as z from "zod/mini";
import {
  auditAnswerSchema,
  cohortAnswerSchema,
  doneAnswerSchema,
  linkAnswerSchema,
  newPersonAnswerSchema,
  personAnswerSchema,
} from "../../../contracts/people-answers";
import { commentAnswerSchema, errorAnswerSchema, startAnswerSchema } from "../../../contracts/session-answers";
import type { Store } from "../../../server/store";

// Nothing here may fall back on a store in the project's own ./data folder.
const dir = mkdtempSync(path.join(tmpdir(), "pp-admin-api-"));
process.env.DATA_DIR = dir;
delete process.env.DATABASE_URL;

const { openPostgresStore, openSqliteStore } = await import("../../../server/open-store");
const { createAccount, createFirstAdmin } = await import("../../../server/accounts");
const { audit, AUDIT_PAGE_SIZE } = await import("../../../server/audit");
const { getAuth, CLIENT_HEADER } = await import("../../../server/auth");
const { ERASED_NAME } = await import("../../../server/people");
const { findScenario } = await import("../../../server/scenario-library");
const { replay } = await import("../../../machines/replay");

const routes = {
  people: await import("../../../app/api/admin/people/route"),
  link: await import("../../../app/api/admin/people/[id]/link/route"),
  roles: await import("../../../app/api/admin/people/[id]/roles/route"),
  active: await import("../../../app/api/admin/people/[id]/active/route"),
  exportPerson: await import("../../../app/api/admin/people/[id]/export/route"),
  erase: await import("../../../app/api/admin/people/[id]/erase/route"),
  cohorts: await import("../../../app/api/admin/cohorts/route"),
  cohort: await import("../../../app/api/admin/cohorts/[id]/route"),
  members: await import("../../../app/api/admin/cohorts/[id]/members/route"),
  member: await import("../../../app/api/admin/cohorts/[id]/members/[userId]/route"),
  audit: await import("../../../app/api/admin/audit/route"),
  auth: await import("../../../app/api/auth/[...all]/route"),
  sessions: await import("../../../app/api/sessions/route"),
  choices: await import("../../../app/api/sessions/[id]/choices/route"),
  comments: await import("../../../app/api/sessions/[id]/comments/route"),
};

const opened: Store[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function postgresStore(): Promise<Store> {
  const provided = inject("postgres");
  if ("error" in provided) throw new Error(`PostgreSQL for the tests did not start:\n${provided.error}`);
  const name = `admin_api_${randomUUID().replaceAll("-", "")}`;
  const client = new pg.Client({ connectionString: provided.url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(provided.url);
  url.pathname = `/${name}`;
  return openPostgresStore(url.toString());
}

const backends: [string, () => Promise<Store>][] = [
  ["SQLite", () => openSqliteStore(path.join(dir, `${randomUUID()}.sqlite`))],
  ["PostgreSQL", postgresStore],
];

/** The app's one store and its authentication instances (server/open-store.ts, server/auth.ts) are kept on globalThis: the tests put theirs there. */
const app = globalThis as typeof globalThis & { __peerPracticeStore?: Promise<Store>; __peerPracticeAuth?: unknown };

const HOST = "practice.test";
type Ctx = { params: Promise<any> };
const ctx = (params: Record<string, string> = {}): Ctx => ({ params: Promise.resolve(params) });

interface Call {
  method?: "GET" | "POST" | "DELETE";
  body?: unknown;
  /** A body sent as written (not JSON-encoded). */
  raw?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

function request(url: string, { method, body, raw, cookie, headers = {} }: Call = {}): Request {
  const m = method ?? (body === undefined && raw === undefined ? "GET" : "POST");
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  // As a browser sends them: a body with its length, a JSON POST with its type, a DELETE with neither.
  return new Request(`http://${HOST}${url}`, {
    method: m,
    headers: {
      host: HOST,
      ...(m === "POST" || text !== undefined ? { "content-type": "application/json" } : {}),
      ...(text !== undefined && { "content-length": String(Buffer.byteLength(text)) }),
      ...(cookie !== undefined && { cookie }),
      ...headers,
    },
    ...(text !== undefined && { body: text }),
  });
}

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * An answer, checked against its contract: the answer schema for a 2xx (unless it is a file), the
 * error schema otherwise (unless `library`: the authentication library's answers are its own).
 */
async function answer(res: Response, ok?: z.core.$ZodType, { library = false } = {}): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  if (res.headers.get("content-type")?.startsWith("application/json")) body = JSON.parse(text);
  const schema = res.ok ? ok : library ? undefined : errorAnswerSchema;
  if (schema) {
    const r = z.safeParse(schema, body);
    if (!r.success) throw new Error(`answer ${res.status} breaks its contract: ${z.prettifyError(r.error)}\n${text}`);
  }
  return { status: res.status, body, headers: res.headers };
}

type Handler = (request: Request, context: Ctx) => Promise<Response>;

describe.each(backends)("the administration API on %s", (backend, openStore) => {
  let store: Store;
  let db: Kysely<any>;
  /** Robin, the administrator; Kit, a trainee. */
  let admin: { id: string; cookie: string };
  let kit: { id: string; cookie: string };
  let addressSeq = 0;
  const net = backend === "SQLite" ? 1 : 2;

  /** Signs in through the app's own sign-in route, from an address of its own (sign-ins are limited per address). */
  async function signIn(email: string, password: string): Promise<Answer & { cookie: string | undefined }> {
    const res = await routes.auth.POST(
      request("/api/auth/sign-in/email", {
        body: { email, password },
        headers: { origin: `http://${HOST}`, [CLIENT_HEADER]: `10.${net}.0.${++addressSeq}` },
      }),
    );
    const cookie = /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    return { ...(await answer(res, z.looseObject({}), { library: true })), cookie };
  }

  /** Sets a password with a link's token, as the set-password page does. */
  async function setPassword(token: string, newPassword: string): Promise<Answer> {
    return answer(
      await routes.auth.POST(request("/api/auth/reset-password", { body: { newPassword, token }, headers: { origin: `http://${HOST}` } })),
      z.looseObject({}),
      { library: true },
    );
  }

  const tokenOf = (url: string) => decodeURIComponent(/#token=(.+)$/.exec(url)![1]!);

  /** Makes an account through the API as Robin; answers it and its link. */
  async function invite(email: string, name: string, roles: string[], cohortId: string | null = null) {
    const r = await answer(await routes.people.POST(request("/api/admin/people", { body: { email, name, roles, cohortId }, cookie: admin.cookie })), newPersonAnswerSchema);
    expect(r.status).toBe(201);
    return r.body as z.output<typeof newPersonAnswerSchema>;
  }

  /** Makes an account with a password, signed in. */
  async function member(email: string, name: string, roles: string[]) {
    const made = await invite(email, name, roles);
    const password = `${name}'s long password`;
    expect((await setPassword(tokenOf(made.link.url), password)).status).toBe(200);
    const signedIn = await signIn(email, password);
    expect(signedIn.status).toBe(200);
    return { id: made.person.id, cookie: signedIn.cookie!, password, email };
  }

  async function newCohort(name: string): Promise<string> {
    const r = await answer(await routes.cohorts.POST(request("/api/admin/cohorts", { body: { name }, cookie: admin.cookie })), cohortAnswerSchema);
    expect(r.status).toBe(201);
    return (r.body as z.output<typeof cohortAnswerSchema>).cohort.id;
  }

  async function addToCohort(cohortId: string, userId: string, membership: "trainee" | "staff") {
    return answer(
      await routes.members.POST(request(`/api/admin/cohorts/${cohortId}/members`, { body: { userId, membership }, cookie: admin.cookie }), ctx({ id: cohortId })),
      doneAnswerSchema,
    );
  }

  async function auditOf(personId: string) {
    const r = await answer(await routes.audit.GET(request(`/api/admin/audit?person=${personId}`, { cookie: admin.cookie })), auditAnswerSchema);
    return (r.body as z.output<typeof auditAnswerSchema>).entries;
  }

  beforeAll(async () => {
    store = await openStore();
    opened.push(store);
    app.__peerPracticeStore = Promise.resolve(store);
    delete app.__peerPracticeAuth;
    db = (await store.database()).db as Kysely<any>;
    const auth = await getAuth();
    const robin = await createFirstAdmin(auth, db, { email: "robin@example.org", name: "Robin", password: "robin's long password" });
    const kitAccount = await createAccount(auth, db, { email: "kit@example.org", name: "Kit", password: "kit's long password", roles: ["trainee"] });
    admin = { id: robin.id, cookie: (await signIn("robin@example.org", "robin's long password")).cookie! };
    kit = { id: kitAccount.id, cookie: (await signIn("kit@example.org", "kit's long password")).cookie! };
  });

  describe("who may call each route", () => {
    const ID = "some-account-id";
    const COHORT = "some-cohort-id";
    const table: { name: string; handler: () => Handler; method: "GET" | "POST" | "DELETE"; url: string; params: Record<string, string>; body?: unknown; bad?: unknown }[] = [
      { name: "POST /api/admin/people", handler: () => routes.people.POST, method: "POST", url: "/api/admin/people", params: {}, body: { email: "x@example.org", name: "X", roles: ["trainee"] }, bad: { email: "not an email", name: "", roles: ["king"] } },
      { name: "POST /api/admin/people/<id>/link", handler: () => routes.link.POST, method: "POST", url: `/api/admin/people/${ID}/link`, params: { id: ID } },
      { name: "POST /api/admin/people/<id>/roles", handler: () => routes.roles.POST, method: "POST", url: `/api/admin/people/${ID}/roles`, params: { id: ID }, body: { roles: ["trainee"] }, bad: { roles: [] } },
      { name: "POST /api/admin/people/<id>/active", handler: () => routes.active.POST, method: "POST", url: `/api/admin/people/${ID}/active`, params: { id: ID }, body: { active: false }, bad: { active: "no" } },
      { name: "GET /api/admin/people/<id>/export", handler: () => routes.exportPerson.GET, method: "GET", url: `/api/admin/people/${ID}/export`, params: { id: ID } },
      { name: "POST /api/admin/people/<id>/erase", handler: () => routes.erase.POST, method: "POST", url: `/api/admin/people/${ID}/erase`, params: { id: ID }, body: { mode: "delete", confirmEmail: "x@example.org" }, bad: { mode: "shred", confirmEmail: "x@example.org" } },
      { name: "POST /api/admin/cohorts", handler: () => routes.cohorts.POST, method: "POST", url: "/api/admin/cohorts", params: {}, body: { name: "Spring" }, bad: { name: "   " } },
      { name: "POST /api/admin/cohorts/<id>", handler: () => routes.cohort.POST, method: "POST", url: `/api/admin/cohorts/${COHORT}`, params: { id: COHORT }, body: { name: "Autumn" }, bad: { name: 7 } },
      { name: "DELETE /api/admin/cohorts/<id>", handler: () => routes.cohort.DELETE, method: "DELETE", url: `/api/admin/cohorts/${COHORT}`, params: { id: COHORT } },
      { name: "POST /api/admin/cohorts/<id>/members", handler: () => routes.members.POST, method: "POST", url: `/api/admin/cohorts/${COHORT}/members`, params: { id: COHORT }, body: { userId: ID, membership: "trainee" }, bad: { userId: "no spaces allowed", membership: "guest" } },
      { name: "DELETE /api/admin/cohorts/<id>/members/<userId>", handler: () => routes.member.DELETE, method: "DELETE", url: `/api/admin/cohorts/${COHORT}/members/${ID}`, params: { id: COHORT, userId: ID } },
      { name: "GET /api/admin/audit", handler: () => routes.audit.GET, method: "GET", url: "/api/admin/audit", params: {} },
    ];

    for (const route of table) {
      it(`${route.name} refuses anyone signed out (401) and anyone not an administrator (403)`, async () => {
        const call = (cookie?: string) => route.handler()(request(route.url, { method: route.method, body: route.body, cookie }), ctx(route.params));
        const anonymous = await answer(await call());
        expect(anonymous.status).toBe(401);
        expect(anonymous.body.error).toMatch(/^sign in first/);
        const trainee = await answer(await call(kit.cookie));
        expect(trainee.status).toBe(403);
        expect(trainee.body.error).toMatch(/^only administrators can /);
      });

      if (route.method !== "GET") {
        it(`${route.name} refuses what another site's page sends (403) and a body that is not JSON (415)`, async () => {
          for (const headers of [{ "sec-fetch-site": "cross-site" }, { origin: "https://elsewhere.example" }] as Record<string, string>[]) {
            const r = await answer(await route.handler()(request(route.url, { method: route.method, body: route.body, cookie: admin.cookie, headers }), ctx(route.params)));
            expect(r).toMatchObject({ status: 403, body: { error: "requests from another site are refused" } });
          }
          const form = await answer(
            await route.handler()(request(route.url, { method: route.method, raw: "a=1", cookie: admin.cookie, headers: { "content-type": "application/x-www-form-urlencoded" } }), ctx(route.params)),
          );
          expect(form.status).toBe(415);
        });
      }

      if (route.bad !== undefined) {
        it(`${route.name} answers a malformed body with 400 and one issue per field`, async () => {
          const bad = await answer(await route.handler()(request(route.url, { method: route.method, body: route.bad, cookie: admin.cookie }), ctx(route.params)));
          expect(bad.status).toBe(400);
          expect(bad.body.issues.length).toBeGreaterThan(0);
          const broken = await answer(await route.handler()(request(route.url, { method: route.method, raw: "{ not json", cookie: admin.cookie }), ctx(route.params)));
          expect(broken).toMatchObject({ status: 400, body: { error: "the request body is not valid JSON" } });
          const extra = await answer(await route.handler()(request(route.url, { method: route.method, body: { ...(route.body as object), extra: 1 }, cookie: admin.cookie }), ctx(route.params)));
          expect(extra.status).toBe(400);
          expect(extra.body.issues).toEqual([expect.objectContaining({ path: "(body)" })]);
        });
      }
    }

    it("answers an id that cannot be an account's or a cohort's with 404", async () => {
      const r = await answer(await routes.roles.POST(request("/api/admin/people/x/roles", { body: { roles: ["trainee"] }, cookie: admin.cookie }), ctx({ id: "no such/id" })));
      expect(r).toEqual(expect.objectContaining({ status: 404, body: { error: 'no account "no such/id"' } }));
      const unknown = await answer(await routes.link.POST(request("/api/admin/people/nobody/link", { method: "POST", cookie: admin.cookie }), ctx({ id: "nobody" })));
      expect(unknown).toMatchObject({ status: 404, body: { error: 'no account "nobody"' } });
    });
  });

  describe("accounts and their set-password links", () => {
    it("makes an account with no password whose one-time link sets one, after which it signs in", async () => {
      const made = await invite("Ari@Example.org", "Ari Mensah", ["trainee"]);
      expect(made.person).toMatchObject({ email: "ari@example.org", name: "Ari Mensah", roles: ["trainee"], active: true, passwordSet: false, cohorts: [] });
      expect(made.link.url).toMatch(new RegExp(`^http://${HOST}/set-password#token=[^&]+$`));
      const hours = (Date.parse(made.link.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(71.9);
      expect(hours).toBeLessThanOrEqual(72);

      expect((await signIn("ari@example.org", "any password at all")).status).toBe(401);
      expect((await setPassword(tokenOf(made.link.url), "short")).status).toBe(400);
      expect((await setPassword(tokenOf(made.link.url), "Ari's chosen password")).status).toBe(200);
      const signedIn = await signIn("ari@example.org", "Ari's chosen password");
      expect(signedIn.status).toBe(200);
      expect(signedIn.cookie).toBeDefined();

      const entries = await auditOf(made.person.id);
      expect(entries.map((e) => e.action)).toEqual(["sign-in", "password-set", "link-issued", "account-created"]);
      expect(entries[3]).toMatchObject({ actor: { id: admin.id, name: "Robin" }, subject: { id: made.person.id, name: "Ari Mensah" }, detail: { email: "ari@example.org", roles: ["trainee"] } });
    });

    it("puts the new account in a cohort when one is named, and refuses an email in use and a cohort that does not exist", async () => {
      const cohortId = await newCohort("Invitations");
      const made = await invite("bea@example.org", "Bea", ["supervisor"], cohortId);
      expect(made.person.cohorts).toEqual([{ id: cohortId, name: "Invitations", membership: "staff" }]);
      const again = await answer(await routes.people.POST(request("/api/admin/people", { body: { email: "BEA@example.org", name: "Bea 2", roles: ["trainee"] }, cookie: admin.cookie })));
      expect(again).toMatchObject({ status: 409, body: { error: "an account with the email bea@example.org already exists" } });
      const nowhere = await answer(await routes.people.POST(request("/api/admin/people", { body: { email: "cy@example.org", name: "Cy", roles: ["trainee"], cohortId: "no-such-cohort" }, cookie: admin.cookie })));
      expect(nowhere).toMatchObject({ status: 404, body: { error: 'no cohort "no-such-cohort"' } });
    });

    it("builds the link on the address the administrator used, over HTTPS when a proxy in front says so", async () => {
      const made = await invite("dee@example.org", "Dee", ["trainee"]);
      const r = await answer(
        await routes.link.POST(
          new Request("http://10.0.0.5:3000/api/admin/people/x/link", {
            method: "POST",
            headers: { host: "practice.example.org", "x-forwarded-proto": "https", "content-type": "application/json", cookie: admin.cookie },
          }),
          ctx({ id: made.person.id }),
        ),
        linkAnswerSchema,
      );
      expect(r.body.link.url).toMatch(/^https:\/\/practice\.example\.org\/set-password#token=/);
    });

    it("builds the link on PUBLIC_URL when it is set, whatever Host the request names", async () => {
      const made = await invite("dov@example.org", "Dov", ["trainee"]);
      const before = process.env.PUBLIC_URL;
      process.env.PUBLIC_URL = "https://practice.example.org";
      try {
        const r = await answer(
          await routes.link.POST(
            new Request("http://0.0.0.0:3100/api/admin/people/x/link", {
              method: "POST",
              headers: { host: "evil.example.net", "content-type": "application/json", cookie: admin.cookie },
            }),
            ctx({ id: made.person.id }),
          ),
          linkAnswerSchema,
        );
        expect(r.body.link.url).toMatch(/^https:\/\/practice\.example\.org\/set-password#token=/);
      } finally {
        if (before === undefined) delete process.env.PUBLIC_URL;
        else process.env.PUBLIC_URL = before;
      }
    });

    it("lets a link be used once, and refuses one that has expired", async () => {
      const made = await invite("eli@example.org", "Eli", ["trainee"]);
      const first = tokenOf(made.link.url);
      expect((await setPassword(first, "Eli's first password")).status).toBe(200);
      const reused = await setPassword(first, "Eli's other password");
      expect(reused).toMatchObject({ status: 400, body: { code: "INVALID_TOKEN" } });
      expect((await signIn("eli@example.org", "Eli's other password")).status).toBe(401);

      // A new link for a forgotten password, which then expires before it is used.
      const fresh = await answer(await routes.link.POST(request("/api/admin/people/x/link", { method: "POST", cookie: admin.cookie }), ctx({ id: made.person.id })), linkAnswerSchema);
      expect(fresh.status).toBe(200);
      const token = tokenOf(fresh.body.link.url);
      const row = await db.selectFrom("auth_verification").select("expiresAt").where("identifier", "=", `reset-password:${token}`).executeTakeFirstOrThrow();
      const past = new Date(Date.now() - 60_000);
      const stored: unknown = row.expiresAt;
      await db
        .updateTable("auth_verification")
        .set({ expiresAt: stored instanceof Date ? past : typeof stored === "number" ? past.getTime() : past.toISOString() })
        .where("identifier", "=", `reset-password:${token}`)
        .execute();
      expect(await setPassword(token, "Eli's newest password")).toMatchObject({ status: 400, body: { code: "INVALID_TOKEN" } });
      expect((await signIn("eli@example.org", "Eli's first password")).status).toBe(200);
    });
  });

  describe("roles", () => {
    it("changes an account's roles, and its cohort places go with the role that gave them", async () => {
      const made = await invite("fay@example.org", "Fay", ["trainee", "supervisor"]);
      const cohortId = await newCohort("Roles");
      expect((await addToCohort(cohortId, made.person.id, "staff")).status).toBe(200);
      const r = await answer(await routes.roles.POST(request("/api/admin/people/x/roles", { body: { roles: ["trainer", "trainee", "trainee"] }, cookie: admin.cookie }), ctx({ id: made.person.id })), personAnswerSchema);
      expect(r.body.person).toMatchObject({ roles: ["trainee", "trainer"], cohorts: [{ id: cohortId, membership: "staff" }] });
      const dropped = await answer(await routes.roles.POST(request("/api/admin/people/x/roles", { body: { roles: ["trainee"] }, cookie: admin.cookie }), ctx({ id: made.person.id })), personAnswerSchema);
      expect(dropped.body.person).toMatchObject({ roles: ["trainee"], cohorts: [] });
      expect((await auditOf(made.person.id)).slice(0, 2).map((e) => [e.action, e.detail])).toEqual([
        ["roles-changed", { from: ["trainee", "trainer"], to: ["trainee"] }],
        ["cohort-member-removed", { cohortId, cohort: "Roles", membership: "staff" }],
      ]);
    });

    it("never takes the role from the only active administrator", async () => {
      const refused = await answer(await routes.roles.POST(request("/api/admin/people/x/roles", { body: { roles: ["trainee"] }, cookie: admin.cookie }), ctx({ id: admin.id })));
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe("Robin is the only active administrator; make someone else an administrator before taking the role away");

      const other = await member("gus@example.org", "Gus", ["admin"]);
      const ok = await answer(await routes.roles.POST(request("/api/admin/people/x/roles", { body: { roles: ["admin", "trainee"] }, cookie: admin.cookie }), ctx({ id: admin.id })), personAnswerSchema);
      expect(ok.body.person.roles).toEqual(["trainee", "admin"]);
      // With Gus deactivated, Robin is again the only active administrator.
      expect((await answer(await routes.active.POST(request("/x", { body: { active: false }, cookie: admin.cookie }), ctx({ id: other.id })))).status).toBe(200);
      const again = await answer(await routes.roles.POST(request("/x", { body: { roles: ["trainee"] }, cookie: admin.cookie }), ctx({ id: admin.id })));
      expect(again.status).toBe(409);
    });
  });

  describe("deactivating and reactivating", () => {
    it("ends the account's sign-ins and refuses new ones, saying why; reactivating lets it sign in again", async () => {
      const hal = await member("hal@example.org", "Hal", ["trainee"]);
      const asHal = async () => (await answer(await routes.audit.GET(request("/api/admin/audit", { cookie: hal.cookie })))).status;
      expect(await asHal()).toBe(403);

      const off = await answer(await routes.active.POST(request("/x", { body: { active: false }, cookie: admin.cookie }), ctx({ id: hal.id })), personAnswerSchema);
      expect(off.body.person).toMatchObject({ active: false });
      expect(await asHal()).toBe(401);
      expect(await db.selectFrom("auth_session").select("id").where("userId", "=", hal.id).execute()).toEqual([]);

      const refused = await signIn(hal.email, hal.password);
      expect(refused).toMatchObject({ status: 403, body: { code: "ACCOUNT_DEACTIVATED", message: "This account has been deactivated. Ask your program's administrator." } });
      expect(refused.cookie).toBeUndefined();
      const link = await answer(await routes.link.POST(request("/x", { method: "POST", cookie: admin.cookie }), ctx({ id: hal.id })));
      expect(link).toMatchObject({ status: 409, body: { error: "Hal's account is deactivated; reactivate it first" } });

      const on = await answer(await routes.active.POST(request("/x", { body: { active: true }, cookie: admin.cookie }), ctx({ id: hal.id })), personAnswerSchema);
      expect(on.body.person).toMatchObject({ active: true });
      expect((await signIn(hal.email, hal.password)).status).toBe(200);
      expect((await auditOf(hal.id)).slice(0, 4).map((e) => e.action)).toEqual(["sign-in", "account-reactivated", "sign-in-refused", "account-deactivated"]);
    });

    it("refuses to deactivate the administrator's own account", async () => {
      const r = await answer(await routes.active.POST(request("/x", { body: { active: false }, cookie: admin.cookie }), ctx({ id: admin.id })));
      expect(r).toMatchObject({ status: 409, body: { error: "you cannot deactivate your own account" } });
    });
  });

  describe("export and erasure", () => {
    /**
     * Sam (trainee and supervisor) plays a session with one choice, on which Robin comments, and
     * comments on a session of Kit's (a trainee of the cohort Sam supervises).
     */
    async function samWithData(email: string, name: string) {
      const sam = await member(email, name, ["trainee", "supervisor"]);
      const cohortId = await newCohort(`Supervised by ${email.split("@")[0]!.split(".")[1]}`);
      expect((await addToCohort(cohortId, sam.id, "staff")).status).toBe(200);
      expect((await addToCohort(cohortId, kit.id, "trainee")).status).toBe(200);
      const start = async (cookie: string) => {
        const r = await answer(await routes.sessions.POST(request("/api/sessions", { body: { scenarioId: "active-listening", mode: "practice" }, cookie })), startAnswerSchema);
        expect(r.status).toBe(201);
        return (r.body.session as { id: string }).id;
      };
      const samSession = await start(sam.cookie);
      const kitSession = await start(kit.cookie);
      const entry = await findScenario("active-listening");
      if (!entry?.ok) throw new Error("the library's active-listening scenario is missing");
      const first = replay(entry.scenario, []);
      const node = entry.scenario.nodes[String(first.snapshot.value)];
      if (node?.type !== "turn") throw new Error("active-listening does not start with a turn");
      const choiceId = node.choices.find((c) => first.snapshot.can({ type: "choice.select", choiceId: c.id }))!.id;
      const chose = await routes.choices.POST(request("/x", { body: { seq: 1, choiceId, timeTakenMs: 900 }, cookie: sam.cookie }), ctx({ id: samSession }));
      expect(chose.status).toBe(201);
      // Their own note on the choice (practice mode), written as the note route writes it.
      await db.updateTable("choices").set({ note: "I wanted to hear her first." }).where("session_id", "=", samSession).execute();
      const comment = async (cookie: string, sessionId: string, body: string) =>
        expect((await answer(await routes.comments.POST(request("/x", { body: { turn: null, body }, cookie }), ctx({ id: sessionId })), commentAnswerSchema)).status).toBe(201);
      await comment(admin.cookie, samSession, "A good first question.");
      await comment(sam.cookie, kitSession, "Sam's note for Kit.");
      return { sam, samSession, kitSession, choiceId };
    }

    it("exports the person's account, cohorts, sessions with choices and comments, comments written and audit entries, as a download that is itself audited", async () => {
      const { sam, samSession, kitSession, choiceId } = await samWithData("sam.export@example.org", "Sam Rivera");
      const r = await answer(await routes.exportPerson.GET(request("/x", { cookie: admin.cookie }), ctx({ id: sam.id })));
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(r.headers.get("content-disposition")).toBe('attachment; filename="peer-practice-sam-rivera.json"');
      expect(r.headers.get("cache-control")).toBe("no-store");
      const data = r.body;
      expect(data.account).toMatchObject({ id: sam.id, email: "sam.export@example.org", name: "Sam Rivera", roles: ["trainee", "supervisor"], active: true, passwordSet: true });
      expect(data.cohorts).toEqual([expect.objectContaining({ name: "Supervised by export", membership: "staff" })]);
      expect(data.sessions).toEqual([
        expect.objectContaining({
          id: samSession,
          scenarioId: "active-listening",
          participant: "Sam Rivera",
          choices: [expect.objectContaining({ turn: 1, choiceId, timeTakenMs: 900, note: "I wanted to hear her first." })],
          comments: [expect.objectContaining({ author: "Robin", body: "A good first question." })],
        }),
      ]);
      expect(data.signIns).toEqual([expect.objectContaining({ since: expect.stringMatching(/^\d{4}-/), until: expect.stringMatching(/^\d{4}-/), address: expect.stringMatching(/^10\./) })]);
      expect(JSON.stringify(data)).not.toContain(sam.cookie.split("=")[1]!.split(".")[0]!);
      expect(data.commentsWritten).toEqual([expect.objectContaining({ sessionId: kitSession, body: "Sam's note for Kit." })]);
      const actions = (data.audit as { action: string }[]).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["account-created", "link-issued", "password-set", "sign-in", "cohort-member-added"]));
      expect((await auditOf(sam.id))[0]).toMatchObject({ action: "account-exported", actor: { id: admin.id }, subject: { id: sam.id, name: "Sam Rivera" } });

      const unknown = await answer(await routes.exportPerson.GET(request("/x", { cookie: admin.cookie }), ctx({ id: "nobody" })));
      expect(unknown.status).toBe(404);
    });

    it("names the file by the account's id when its name has no letters or digits to use", async () => {
      const made = await invite("zoe@example.org", "☺ ☺", ["trainee"]);
      const r = await answer(await routes.exportPerson.GET(request("/x", { cookie: admin.cookie }), ctx({ id: made.person.id })));
      expect(r.headers.get("content-disposition")).toBe(`attachment; filename="peer-practice-${made.person.id}.json"`);
    });

    async function expectForgotten(sam: { id: string; email: string; name: string }, kitSession: string) {
      for (const table of ["auth_user"]) expect(await db.selectFrom(table).select("id").where("id", "=", sam.id).execute()).toEqual([]);
      for (const table of ["auth_session", "auth_account"]) expect(await db.selectFrom(table).select("id").where("userId", "=", sam.id).execute()).toEqual([]);
      for (const table of ["user_roles", "cohort_members", "deactivated_users"]) expect(await db.selectFrom(table).selectAll().where("user_id", "=", sam.id).execute()).toEqual([]);
      expect(await db.selectFrom("auth_verification").selectAll().where("value", "=", sam.id).execute()).toEqual([]);
      // The comment Sam wrote on Kit's session stays for Kit, under "Erased account".
      const written = await db.selectFrom("comments").select(["author", "author_id", "body"]).where("session_id", "=", kitSession).execute();
      expect(written).toEqual([{ author: ERASED_NAME, author_id: null, body: "Sam's note for Kit." }]);
      // Their name and email leave the audit log; the entries about them stay, with the erasure.
      const entries = await auditOf(sam.id);
      expect(entries[0]).toMatchObject({ action: "account-erased", actor: { id: admin.id, name: "Robin" }, subject: { id: sam.id, name: ERASED_NAME } });
      expect(entries.length).toBeGreaterThan(4);
      const text = JSON.stringify(await db.selectFrom("audit_log").selectAll().execute());
      expect(text).not.toContain(sam.name);
      expect(text).not.toContain(sam.email);
    }

    it("erases a person and deletes their sessions, with their choices and the comments on them", async () => {
      const { sam, samSession, kitSession } = await samWithData("sam.delete@example.org", "Sam Deleted");
      // An invitation link not used yet must die with the account.
      expect((await answer(await routes.link.POST(request("/x", { method: "POST", cookie: admin.cookie }), ctx({ id: sam.id })))).status).toBe(200);
      const r = await answer(
        await routes.erase.POST(request("/x", { body: { mode: "delete", confirmEmail: " SAM.DELETE@example.org " }, cookie: admin.cookie }), ctx({ id: sam.id })),
        doneAnswerSchema,
      );
      expect(r).toMatchObject({ status: 200, body: { done: true } });
      expect(await db.selectFrom("sessions").select("id").where("id", "=", samSession).execute()).toEqual([]);
      expect(await db.selectFrom("choices").select("seq").where("session_id", "=", samSession).execute()).toEqual([]);
      expect(await db.selectFrom("comments").select("id").where("session_id", "=", samSession).execute()).toEqual([]);
      await expectForgotten({ ...sam, name: "Sam Deleted" }, kitSession);
      expect((await auditOf(sam.id))[0]!.detail).toEqual({ sessions: "delete" });
      expect((await signIn(sam.email, sam.password)).status).toBe(401);
    });

    it("erases a person and keeps their sessions without owner or name for the statistics, the comments on them deleted", async () => {
      const { sam, samSession, kitSession, choiceId } = await samWithData("sam.keep@example.org", "Sam Kept");
      const r = await answer(
        await routes.erase.POST(request("/x", { body: { mode: "anonymise", confirmEmail: "sam.keep@example.org" }, cookie: admin.cookie }), ctx({ id: sam.id })),
        doneAnswerSchema,
      );
      expect(r.status).toBe(200);
      expect(await db.selectFrom("sessions").select(["user_id", "participant"]).where("id", "=", samSession).execute()).toEqual([{ user_id: null, participant: ERASED_NAME }]);
      // The choices stay for the statistics; the trainee's own words on them do not.
      expect(await db.selectFrom("choices").select(["choice_id", "note"]).where("session_id", "=", samSession).execute()).toEqual([{ choice_id: choiceId, note: null }]);
      expect(await db.selectFrom("comments").select("id").where("session_id", "=", samSession).execute()).toEqual([]);
      await expectForgotten({ ...sam, name: "Sam Kept" }, kitSession);
    });

    it("refuses an erasure whose confirmation is not the account's email, and erasing oneself", async () => {
      const made = await invite("ivy@example.org", "Ivy", ["trainee"]);
      const wrong = await answer(await routes.erase.POST(request("/x", { body: { mode: "delete", confirmEmail: "ivy@example.com" }, cookie: admin.cookie }), ctx({ id: made.person.id })));
      expect(wrong).toMatchObject({ status: 400, body: { error: "type the account's email exactly to confirm the erasure" } });
      expect(await db.selectFrom("auth_user").select("id").where("id", "=", made.person.id).execute()).toHaveLength(1);
      const self = await answer(await routes.erase.POST(request("/x", { body: { mode: "delete", confirmEmail: "robin@example.org" }, cookie: admin.cookie }), ctx({ id: admin.id })));
      expect(self).toMatchObject({ status: 409, body: { error: "you cannot erase your own account" } });
    });
  });

  describe("cohorts", () => {
    it("makes a cohort, refusing a name in use whatever its case, renames and deletes it", async () => {
      const id = await newCohort("Spring 2027");
      const dup = await answer(await routes.cohorts.POST(request("/x", { body: { name: "SPRING 2027" }, cookie: admin.cookie })));
      expect(dup).toMatchObject({ status: 409, body: { error: 'a cohort named "SPRING 2027" already exists' } });
      await newCohort("Autumn 2027");

      const renamed = await answer(await routes.cohort.POST(request("/x", { body: { name: "Spring 2027, evenings" }, cookie: admin.cookie }), ctx({ id })), doneAnswerSchema);
      expect(renamed.status).toBe(200);
      expect(await db.selectFrom("cohorts").select("name").where("id", "=", id).executeTakeFirst()).toEqual({ name: "Spring 2027, evenings" });
      const clash = await answer(await routes.cohort.POST(request("/x", { body: { name: "autumn 2027" }, cookie: admin.cookie }), ctx({ id })));
      expect(clash.status).toBe(409);

      expect((await answer(await routes.cohort.DELETE(request("/x", { method: "DELETE", cookie: admin.cookie }), ctx({ id })), doneAnswerSchema)).status).toBe(200);
      expect((await answer(await routes.cohort.DELETE(request("/x", { method: "DELETE", cookie: admin.cookie }), ctx({ id })))).status).toBe(404);
      expect((await answer(await routes.cohort.POST(request("/x", { body: { name: "Gone" }, cookie: admin.cookie }), ctx({ id })))).status).toBe(404);
      const all = await answer(await routes.audit.GET(request("/api/admin/audit", { cookie: admin.cookie })), auditAnswerSchema);
      const mine = (all.body as z.output<typeof auditAnswerSchema>).entries.filter((e) => e.detail?.cohortId === id).map((e) => [e.action, e.detail]);
      expect(mine).toEqual([
        ["cohort-deleted", { cohortId: id, cohort: "Spring 2027, evenings" }],
        ["cohort-renamed", { cohortId: id, from: "Spring 2027", to: "Spring 2027, evenings" }],
        ["cohort-created", { cohortId: id, cohort: "Spring 2027" }],
      ]);
    });

    it("adds members whose roles fit how they belong, and removes them", async () => {
      const id = await newCohort("Members");
      const sup = await invite("jo@example.org", "Jo", ["supervisor"]);
      expect((await addToCohort(id, kit.id, "trainee")).status).toBe(200);
      expect((await addToCohort(id, sup.person.id, "staff")).status).toBe(200);
      const notTrainee = await addToCohort(id, sup.person.id, "trainee");
      expect(notTrainee).toMatchObject({ status: 409, body: { error: "Jo does not hold the trainee role" } });
      const notStaff = await addToCohort(id, kit.id, "staff");
      expect(notStaff).toMatchObject({ status: 409, body: { error: "Kit holds neither the supervisor nor the trainer role" } });
      expect((await addToCohort(id, "nobody", "trainee")).status).toBe(404);
      expect((await addToCohort("no-cohort", kit.id, "trainee")).status).toBe(404);
      const members = await db.selectFrom("cohort_members").select(["user_id", "membership"]).where("cohort_id", "=", id).orderBy("membership").execute();
      expect(members).toEqual([
        { user_id: sup.person.id, membership: "staff" },
        { user_id: kit.id, membership: "trainee" },
      ]);

      const remove = async (userId: string) =>
        answer(await routes.member.DELETE(request("/x", { method: "DELETE", cookie: admin.cookie }), ctx({ id, userId })), doneAnswerSchema);
      expect((await remove(kit.id)).status).toBe(200);
      expect(await remove(kit.id)).toMatchObject({ status: 404, body: { error: "that person is not in that cohort" } });
      expect((await auditOf(kit.id))[0]).toMatchObject({ action: "cohort-member-removed", detail: { cohortId: id, cohort: "Members", membership: "trainee" } });
    });
  });

  describe("the audit log", () => {
    it("is read newest first, a page at a time, and filtered by person", async () => {
      const subject = { id: `subject-${backend}`, name: "Paged Person" };
      for (let i = 1; i <= AUDIT_PAGE_SIZE + 5; i++) await audit(db, "link-issued", { id: admin.id, name: "Robin" }, subject, { n: i });
      const page = async (query: string) => {
        const r = await answer(await routes.audit.GET(request(`/api/admin/audit?${query}`, { cookie: admin.cookie })), auditAnswerSchema);
        expect(r.status).toBe(200);
        return r.body as z.output<typeof auditAnswerSchema>;
      };
      const one = await page(`person=${subject.id}`);
      expect(one.total).toBe(AUDIT_PAGE_SIZE + 5);
      expect(one.entries.map((e) => e.detail?.n)).toEqual(Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => AUDIT_PAGE_SIZE + 5 - i));
      const two = await page(`person=${subject.id}&page=2`);
      expect(two.entries.map((e) => e.detail?.n)).toEqual([5, 4, 3, 2, 1]);
      expect((await page(`person=${subject.id}&page=3`)).entries).toEqual([]);

      // Unfiltered, the entries about everyone else come after these newest ones.
      const all = await page("page=1");
      expect(all.total).toBeGreaterThan(one.total);
      expect(all.entries).toEqual(one.entries);
      const rest = await page(`page=2`);
      expect(rest.entries.slice(0, 5).map((e) => e.detail?.n)).toEqual([5, 4, 3, 2, 1]);
      expect(rest.entries.slice(5).every((e) => e.subject?.id !== subject.id)).toBe(true);
    });

    it("answers a page or person that is not one with 400, naming it", async () => {
      for (const query of ["page=0", "page=two", "page=1.5", "person=no%20spaces", "sort=at"]) {
        const r = await answer(await routes.audit.GET(request(`/api/admin/audit?${query}`, { cookie: admin.cookie })));
        expect(r.status, query).toBe(400);
        expect(r.body.issues, query).toEqual([expect.objectContaining({ path: query.split("=")[0] === "sort" ? "(query)" : query.split("=")[0] })]);
      }
    });
  });
});
