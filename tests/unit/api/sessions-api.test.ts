import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import {
  choiceAnswerSchema,
  commentAnswerSchema,
  commentDeleteAnswerSchema,
  commentEditAnswerSchema,
  endAnswerSchema,
  errorAnswerSchema,
  noteAnswerSchema,
  reviewAnswerSchema,
  sessionDetailAnswerSchema,
  startAnswerSchema,
  takeBackAnswerSchema,
} from "../../../contracts/session-answers";
import { sessionExportSchema } from "../../../contracts/session-export";
import { pathRewrites } from "../../../server/path-rewrites.mjs";

// A fresh SQLite store in a temp folder, and the fixture folder with a scenario that has errors.
const dataDir = mkdtempSync(path.join(tmpdir(), "pp-api-"));
process.env.DATA_DIR = dataDir;
process.env.SCENARIO_DIRS = "tests/fixtures/library-extra";
delete process.env.DATABASE_URL;

/**
 * A route's handler whose every answer is parsed by its contract (the answer schema for a 2xx,
 * the error schema otherwise), so a test fails as soon as the server says something the
 * contract does not.
 */
function checked<A extends unknown[]>(handler: (...args: A) => Promise<Response>, ok: z.core.$ZodType) {
  return async (...args: A): Promise<Response> => {
    const res = await handler(...args);
    const body: unknown = await res.clone().json();
    const r = z.safeParse(res.ok ? ok : errorAnswerSchema, body);
    if (!r.success) throw new Error(`answer ${res.status} breaks its contract: ${z.prettifyError(r.error)}\n${JSON.stringify(body)}`);
    return res;
  };
}

const sessions = { POST: checked((await import("../../../app/api/sessions/route")).POST, startAnswerSchema) };
const detail = { GET: checked((await import("../../../app/api/sessions/[id]/route")).GET, sessionDetailAnswerSchema) };
const choices = { POST: checked((await import("../../../app/api/sessions/[id]/choices/route")).POST, choiceAnswerSchema) };
const takeBackRoute = { POST: checked((await import("../../../app/api/sessions/[id]/take-back/route")).POST, takeBackAnswerSchema) };
const endRoute = { POST: checked((await import("../../../app/api/sessions/[id]/end/route")).POST, endAnswerSchema) };
const comments = { POST: checked((await import("../../../app/api/sessions/[id]/comments/route")).POST, commentAnswerSchema) };
const commentRoute = await import("../../../app/api/sessions/[id]/comments/[commentId]/route");
const comment = {
  PATCH: checked(commentRoute.PATCH, commentEditAnswerSchema),
  DELETE: checked(commentRoute.DELETE, commentDeleteAnswerSchema),
  GET: commentRoute.GET,
};
const noteRoute = { POST: checked((await import("../../../app/api/sessions/[id]/choices/[seq]/note/route")).POST, noteAnswerSchema) };
const review = { POST: checked((await import("../../../app/api/sessions/[id]/review/route")).POST, reviewAnswerSchema) };
const { replay } = await import("../../../machines/replay");
const { findScenario } = await import("../../../server/scenario-library");
type Scenario = import("../../../scenarios/types").Scenario;

/** The sign-in cookie requests carry: Robin's (a trainee who also administers) unless a test says otherwise. */
let cookie = "";
let kitCookie = "";
const post = (body: unknown, raw?: string, headers: Record<string, string> = { cookie }) =>
  new Request("http://localhost/api", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: raw ?? JSON.stringify(body),
  });
const get = (url = "http://localhost", headers: Record<string, string> = { cookie }) => new Request(url, { headers });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
async function answer(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
}

const ID = "active-listening";
let firstChoices: string[] = [];
let scenario: Scenario;

beforeAll(async () => {
  const { getStore } = await import("../../../server/open-store");
  const { getAuth } = await import("../../../server/auth");
  const { createAccount, createFirstAdmin } = await import("../../../server/accounts");
  const auth = await getAuth();
  const { db } = await (await getStore()).database();
  await createFirstAdmin(auth, db, { email: "robin@example.org", name: "Robin", password: "robin's long password" });
  await createAccount(auth, db, { email: "kit@example.org", name: "Kit", password: "kit's long password", roles: ["trainee"] });
  const signIn = async (email: string, password: string) => {
    const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    return /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  };
  cookie = await signIn("robin@example.org", "robin's long password");
  kitCookie = await signIn("kit@example.org", "kit's long password");
  const entry = await findScenario(ID);
  if (!entry?.ok) throw new Error("library scenario missing");
  // The play that takes the first choice on offer at every turn.
  const s = entry.scenario;
  const ids: string[] = [];
  for (;;) {
    const r = replay(s, ids);
    if (r.done) break;
    const node = s.nodes[String(r.snapshot.value)];
    if (node?.type !== "turn") break;
    ids.push(node.choices.find((c) => r.snapshot.can({ type: "choice.select", choiceId: c.id }))!.id);
  }
  firstChoices = ids;
  scenario = s;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(mode: "practice" | "assessment" = "practice") {
  const r = await answer(await sessions.POST(post({ scenarioId: ID, mode })));
  expect(r.status).toBe(201);
  return (r.body.session as { id: string }).id;
}
const choose = async (id: string, seq: number, choiceId: string) =>
  answer(await choices.POST(post({ seq, choiceId, timeTakenMs: 1200 }), ctx(id)));

describe("starting a session", () => {
  it("starts on the scenario's current version", async () => {
    const r = await answer(await sessions.POST(post({ scenarioId: ID, mode: "assessment" })));
    expect(r.status).toBe(201);
    expect(r.body.session).toMatchObject({ scenarioId: ID, mode: "assessment", participant: "Robin", status: "active", turns: 0 });
  });

  it("answers malformed JSON with 400", async () => {
    expect(await answer(await sessions.POST(post(null, "{ not json")))).toEqual({ status: 400, body: { error: "the request body is not valid JSON" } });
  });

  it("answers wrong types and unknown keys with 400 naming the field", async () => {
    const r = await answer(await sessions.POST(post({ scenarioId: ID, mode: "fun" })));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^the request body is not valid: mode /);
    const extra = await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice", rapport: 100 })));
    expect(extra.status).toBe(400);
    expect(extra.body.error).toContain("rapport");
  });

  it("answers an unknown scenario with 404 and one with errors with 409", async () => {
    expect(await answer(await sessions.POST(post({ scenarioId: "nope", mode: "practice" })))).toEqual({
      status: 404,
      body: { error: 'no scenario "nope"' },
    });
    expect(await answer(await sessions.POST(post({ scenarioId: "stuck-loop", mode: "practice" })))).toEqual({
      status: 409,
      body: { error: 'scenario "stuck-loop" has errors and cannot be played' },
    });
  });

  it("refuses a body over 16 kB with 413", async () => {
    const r = await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice", padding: "x".repeat(20_000) })));
    expect(r).toEqual({ status: 413, body: { error: "the request body is over 16384 bytes" } });
  });
});

describe("choices", () => {
  it("are stored in order, and the server's replay gives the meters", async () => {
    const id = await start();
    expect((await choose(id, 1, firstChoices[0]!)).status).toBe(201);
    expect((await choose(id, 2, firstChoices[1]!)).status).toBe(201);
    const r = await answer(await detail.GET(get(), ctx(id)));
    expect(r.status).toBe(200);
    const transcript = r.body.transcript as { turns: { choiceId: string; after: unknown }[]; meters: unknown };
    expect(transcript.turns.map((t) => t.choiceId)).toEqual(firstChoices.slice(0, 2));
    const entry = await findScenario(ID);
    expect(transcript.meters).toEqual(entry?.ok && replay(entry.scenario, firstChoices.slice(0, 2)).meters);
  });

  it("answers a retried turn as the first time, never doubling it", async () => {
    const id = await start();
    expect((await choose(id, 1, firstChoices[0]!)).status).toBe(201);
    const again = await choose(id, 1, firstChoices[0]!);
    expect(again.status).toBe(200);
    expect(again.body.repeated).toBe(true);
    const both = await Promise.all([choose(id, 2, firstChoices[1]!), choose(id, 2, firstChoices[1]!)]);
    expect(both.map((b) => b.status).sort()).toEqual([200, 201]);
    const r = await answer(await detail.GET(get(), ctx(id)));
    expect((r.body.choices as unknown[]).length).toBe(2);
  });

  it("refuses a different choice at a taken turn, a gap, and a choice not on offer, with 409 and the reason", async () => {
    const id = await start();
    await choose(id, 1, firstChoices[0]!);
    expect(await choose(id, 1, "something-else")).toEqual({ status: 409, body: { error: `turn 1 was already answered with "${firstChoices[0]}"` } });
    expect(await choose(id, 5, firstChoices[1]!)).toEqual({ status: 409, body: { error: "the next turn is 2, not 5" } });
    const r = await choose(id, 2, "no-such-choice");
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/^node "[a-z0-9-]+": choice "no-such-choice" is not on offer at turn 2$/);
  });

  it("never takes scores from the client", async () => {
    const id = await start();
    const r = await answer(await choices.POST(post({ seq: 1, choiceId: firstChoices[0], timeTakenMs: 5, rapport: 100 }), ctx(id)));
    expect(r.status).toBe(400);
    expect(r.body.error).toContain("rapport");
  });

  it("answers wrong types with 400 and unknown sessions with 404", async () => {
    const id = await start();
    const r = await answer(await choices.POST(post({ seq: "one", choiceId: firstChoices[0], timeTakenMs: 5 }), ctx(id)));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^the request body is not valid: seq /);
    expect(await choose("00000000-0000-4000-8000-000000000000", 1, "x")).toEqual({
      status: 404,
      body: { error: 'no session "00000000-0000-4000-8000-000000000000"' },
    });
    expect((await choose("not-a-uuid", 1, "x")).status).toBe(404);
  });
});

describe("taking back, ending and abandoning", () => {
  it("takes back the last choice in practice mode only", async () => {
    const id = await start();
    await choose(id, 1, firstChoices[0]!);
    await choose(id, 2, firstChoices[1]!);
    expect((await answer(await takeBackRoute.POST(post({ seq: 1 }), ctx(id)))).body.error).toBe("only the last choice (turn 2) can be taken back");
    const r = await answer(await takeBackRoute.POST(post({ seq: 2 }), ctx(id)));
    expect(r.status).toBe(200);
    expect((r.body.session as { turns: number }).turns).toBe(1);
    const assessment = await start("assessment");
    await choose(assessment, 1, firstChoices[0]!);
    expect(await answer(await takeBackRoute.POST(post({ seq: 1 }), ctx(assessment)))).toEqual({
      status: 409,
      body: { error: "choices can be taken back in practice mode only" },
    });
  });

  it("completes a session only at an ending, with the outcome from the server's replay", async () => {
    const id = await start();
    expect(await answer(await endRoute.POST(post({ status: "completed" }), ctx(id)))).toEqual({
      status: 409,
      body: { error: "the conversation has not reached an ending yet" },
    });
    for (const [i, c] of firstChoices.entries()) expect((await choose(id, i + 1, c)).status).toBe(201);
    const r = await answer(await endRoute.POST(post({ status: "completed" }), ctx(id)));
    expect(r.status).toBe(200);
    const entry = await findScenario(ID);
    const expected = entry?.ok ? replay(entry.scenario, firstChoices) : undefined;
    expect(r.body.session).toMatchObject({ status: "completed", outcome: expected?.ending?.outcome, finalMeters: expected?.meters });
  });

  it("refuses choices once a session is abandoned", async () => {
    const id = await start();
    expect((await answer(await endRoute.POST(post({ status: "abandoned" }), ctx(id)))).status).toBe(200);
    expect(await choose(id, 1, firstChoices[0]!)).toEqual({ status: 409, body: { error: "the session is abandoned; no more choices can be added" } });
    expect((await answer(await endRoute.POST(post({ status: "finished" }), ctx(id)))).status).toBe(400);
  });
});

describe("notes on choices", () => {
  const noteCtx = (id: string, seq: number | string) => ({ params: Promise.resolve({ id, seq: String(seq) }) });
  const note = async (id: string, seq: number | string, body: unknown, headers?: Record<string, string>) =>
    answer(await noteRoute.POST(post(body, undefined, headers), noteCtx(id, seq)));

  it("sets a note, trimmed, answers a retry the same, replaces and clears it, and the session detail carries it", async () => {
    const id = await start();
    await choose(id, 1, firstChoices[0]!);
    await choose(id, 2, firstChoices[1]!);
    const first = await note(id, 2, { note: "  I wanted to hear more <script>alert(1)</script>\nbefore advising.  ", choiceId: firstChoices[1] });
    expect(first).toMatchObject({
      status: 200,
      body: { choice: { seq: 2, choiceId: firstChoices[1], note: "I wanted to hear more <script>alert(1)</script>\nbefore advising." } },
    });
    expect(await note(id, 2, { note: "  I wanted to hear more <script>alert(1)</script>\nbefore advising.  ", choiceId: firstChoices[1] })).toEqual(first);
    const r = await answer(await detail.GET(get(), ctx(id)));
    expect((r.body.choices as { note: string | null }[]).map((c) => c.note)).toEqual([null, "I wanted to hear more <script>alert(1)</script>\nbefore advising."]);

    expect((await note(id, 2, { note: "Changed my mind." })).body.choice).toMatchObject({ note: "Changed my mind." });
    expect((await note(id, 2, { note: "   " })).body.choice).toMatchObject({ note: null });
  });

  it("takes a note after the session has ended", async () => {
    const id = await start();
    await choose(id, 1, firstChoices[0]!);
    await answer(await endRoute.POST(post({ status: "abandoned" }), ctx(id)));
    expect(await note(id, 1, { note: "Looking back: too quick." })).toMatchObject({ status: 200, body: { choice: { note: "Looking back: too quick." } } });
  });

  it("refuses a note in assessment mode with a sentence", async () => {
    const id = await start("assessment");
    await choose(id, 1, firstChoices[0]!);
    expect(await note(id, 1, { note: "Why not." })).toEqual({
      status: 409,
      body: { error: "notes on choices are for practice mode only; an assessment is played without them" },
    });
  });

  it("answers a missing choice with 404 and a choice replaced after a take-back with 409", async () => {
    const id = await start();
    expect(await note(id, 1, { note: "Too early." })).toEqual({ status: 404, body: { error: "no choice at turn 1; the session has 0 turns" } });
    expect((await note(id, 0, { note: "Zero." })).status).toBe(404);
    expect((await note(id, "01", { note: "Padded." })).status).toBe(404);
    expect((await note("00000000-0000-4000-8000-000000000000", 1, { note: "Nobody." })).status).toBe(404);
    await choose(id, 1, firstChoices[0]!);
    const r = await note(id, 1, { note: "About another.", choiceId: "some-other-choice" });
    expect(r).toEqual({
      status: 409,
      body: { error: `turn 1 is now answered with "${firstChoices[0]}", not "some-other-choice"; the note was not saved` },
    });
  });

  it("refuses a note over 500 characters, with control characters, or with unknown keys", async () => {
    const id = await start();
    await choose(id, 1, firstChoices[0]!);
    const long = await note(id, 1, { note: "x".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error).toBe("the request body is not valid: note must be at most 500 characters");
    expect((await note(id, 1, { note: ` ${"x".repeat(500)} ` })).status).toBe(200);
    expect((await note(id, 1, { note: "bell\u0007" })).status).toBe(400);
    expect((await note(id, 1, { note: "ok", rapport: 100 })).status).toBe(400);
    expect((await note(id, 1, {})).status).toBe(400);
  });

  it("is for the session's owner only: 403 for a reviewer who may read it, 404 for anyone else", async () => {
    const kits = (await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice" }, undefined, { cookie: kitCookie })))).body.session as { id: string };
    await answer(await choices.POST(post({ seq: 1, choiceId: firstChoices[0], timeTakenMs: 1 }, undefined, { cookie: kitCookie }), ctx(kits.id)));
    // Robin administers, so reads Kit's session, but the note is Kit's to write.
    expect(await note(kits.id, 1, { note: "Not mine." })).toEqual({
      status: 403,
      body: { error: "only the person who played a session can write notes on its choices" },
    });
    const robins = await start();
    await choose(robins, 1, firstChoices[0]!);
    expect((await note(robins, 1, { note: "Not Kit's." }, { cookie: kitCookie })).status).toBe(404);
    expect((await note(robins, 1, { note: "Signed out." }, {})).status).toBe(401);
    expect((await note(kits.id, 1, { note: "Mine." }, { cookie: kitCookie })).status).toBe(200);
  });

  it("is on the API whitelist, and nothing near it is", () => {
    const source = pathRewrites().beforeFiles[1]!.source;
    const allowed = new RegExp(`^(?:${/\(\?!\(\?:(.*)\)\$\)/.exec(source)![1]!})$`, "i");
    const uuid = "0b7c6a4e-2f1d-4c3b-9a8e-7d6c5b4a3f21";
    for (const p of [`sessions/${uuid}/choices/1/note`, `sessions/${uuid}/choices/99999/note`]) expect(allowed.test(p), p).toBe(true);
    for (const p of [`sessions/${uuid}/choices/0/note`, `sessions/${uuid}/choices/01/note`, `sessions/${uuid}/choices/1`, `sessions/${uuid}/choices/x/note`, `sessions/${uuid}/choices/1/notes`]) {
      expect(allowed.test(p), p).toBe(false);
    }
  });

  it("refuses what another site's page sends (403) and a body that is not JSON (415)", async () => {
    const id = await start();
    await choose(id, 1, firstChoices[0]!);
    expect(await note(id, 1, { note: "Forged." }, { cookie, origin: "https://attacker.example.net" })).toEqual({
      status: 403,
      body: { error: "requests from another site are refused" },
    });
    const form = new Request("http://localhost/api", { method: "POST", headers: { cookie, "content-type": "text/plain" }, body: '{"note":"x"}' });
    expect((await answer(await noteRoute.POST(form, noteCtx(id, 1)))).status).toBe(415);
  });
});

describe("review", () => {
  it("stores comments on a turn or the whole session, and refuses a turn that does not exist", async () => {
    const id = await start();
    await choose(id, 1, firstChoices[0]!);
    const ok = await answer(await comments.POST(post({ turn: 1, body: "Nice reflection." }), ctx(id)));
    expect(ok.status).toBe(201);
    expect(ok.body.comment).toMatchObject({ turn: 1, body: "Nice reflection." });
    expect((await answer(await comments.POST(post({ turn: null, body: "Overall: good." }), ctx(id)))).status).toBe(201);
    expect(await answer(await comments.POST(post({ turn: 4, body: "?" }), ctx(id)))).toEqual({
      status: 400,
      body: { error: "turn 4 does not exist; the session has 1 turns" },
    });
    const r = await answer(await detail.GET(get(), ctx(id)));
    expect((r.body.comments as unknown[]).length).toBe(2);
  });

  describe("editing and deleting a comment", () => {
    const commentCtx = (id: string, commentId: string) => ({ params: Promise.resolve({ id, commentId }) });
    const send = (method: "PATCH" | "DELETE", body?: unknown, raw?: string, headers: Record<string, string> = { cookie }) =>
      new Request("http://localhost/api", {
        method,
        headers: { "content-type": "application/json", ...headers },
        ...(body !== undefined || raw !== undefined ? { body: raw ?? JSON.stringify(body) } : {}),
      });
    /** A session of Kit's, which Robin (an administrator) comments on. */
    async function commented() {
      const r = await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice" }, undefined, { cookie: kitCookie })));
      const id = (r.body.session as { id: string }).id;
      await answer(await choices.POST(post({ seq: 1, choiceId: firstChoices[0], timeTakenMs: 1 }, undefined, { cookie: kitCookie }), ctx(id)));
      const c = await answer(await comments.POST(post({ turn: 1, body: "First words." }), ctx(id)));
      return { id, commentId: (c.body.comment as { id: string }).id };
    }

    it("edits the author's comment, trimmed, and answers a retry the same", async () => {
      const { id, commentId } = await commented();
      const first = await answer(await comment.PATCH(send("PATCH", { body: "  Better words.\nTwo lines.  " }), commentCtx(id, commentId)));
      expect(first.status).toBe(200);
      expect(first.body.comment).toMatchObject({ id: commentId, body: "Better words.\nTwo lines.", author: "Robin", editedAt: expect.any(String) });
      const again = await answer(await comment.PATCH(send("PATCH", { body: "Better words.\nTwo lines." }), commentCtx(id, commentId)));
      expect(again).toEqual(first);
      const r = await answer(await detail.GET(get(), ctx(id)));
      expect(r.body.comments).toEqual([first.body.comment]);
    });

    it("refuses a hostile edit: a huge body (413), a body over 4,000 characters, control characters, other fields (400), another site (403)", async () => {
      const { id, commentId } = await commented();
      const at = commentCtx(id, commentId);
      expect(await answer(await comment.PATCH(send("PATCH", { body: "x".repeat(20_000) }), at))).toEqual({
        status: 413,
        body: { error: "the request body is over 16384 bytes" },
      });
      const long = await answer(await comment.PATCH(send("PATCH", { body: "x".repeat(4001) }), at));
      expect(long.status).toBe(400);
      expect(long.body.issues).toEqual([expect.objectContaining({ path: "body" })]);
      expect((await answer(await comment.PATCH(send("PATCH", { body: "bell\u0007" }), at))).status).toBe(400);
      expect((await answer(await comment.PATCH(send("PATCH", { body: " \u200b " }), at))).status).toBe(400);
      expect((await answer(await comment.PATCH(send("PATCH", { body: "Moved.", turn: 2 }), at))).status).toBe(400);
      expect((await answer(await comment.PATCH(send("PATCH", { body: "Forged." }, undefined, { cookie, origin: "https://attacker.example.net" }), at))).status).toBe(403);
      expect((await answer(await comment.PATCH(send("PATCH", undefined, "{ not json"), at))).status).toBe(400);
      expect((await answer(await detail.GET(get(), ctx(id)))).body.comments).toEqual([expect.objectContaining({ body: "First words.", editedAt: null })]);
    });

    it("refuses someone else's comment: the trainee who played the session (403), and answers a comment id that is no UUID with 404", async () => {
      const { id, commentId } = await commented();
      const asKit = { cookie: kitCookie };
      expect(await answer(await comment.PATCH(send("PATCH", { body: "Mine." }, undefined, asKit), commentCtx(id, commentId)))).toEqual({
        status: 403,
        body: { error: "only its author can edit a comment" },
      });
      expect((await answer(await comment.DELETE(send("DELETE", undefined, undefined, asKit), commentCtx(id, commentId)))).status).toBe(403);
      expect((await answer(await comment.DELETE(send("DELETE"), commentCtx(id, "not-a-uuid")))).status).toBe(404);
      expect((await answer(await comment.DELETE(send("DELETE", undefined, undefined, {}), commentCtx(id, commentId)))).status).toBe(401);
      expect((await answer(await detail.GET(get(), ctx(id)))).body.comments).toEqual([expect.objectContaining({ id: commentId, body: "First words." })]);
    });

    it("deletes a comment; a retried delete is 404 and deletes nothing more", async () => {
      const { id, commentId } = await commented();
      expect(await answer(await comment.DELETE(send("DELETE"), commentCtx(id, commentId.toUpperCase())))).toEqual({ status: 200, body: { deleted: commentId } });
      expect((await answer(await comment.DELETE(send("DELETE"), commentCtx(id, commentId)))).status).toBe(404);
      expect((await answer(await detail.GET(get(), ctx(id)))).body.comments).toEqual([]);
      const other = comment.GET(new Request("http://localhost/api"));
      expect([other.status, other.headers.get("allow")]).toEqual([405, "DELETE, OPTIONS, PATCH"]);
    });

    it("is on the API whitelist, and nothing near it is", () => {
      const source = pathRewrites().beforeFiles[1]!.source;
      const allowed = new RegExp(`^(?:${/\(\?!\(\?:(.*)\)\$\)/.exec(source)![1]!})$`, "i");
      const uuid = "0b7c6a4e-2f1d-4c3b-9a8e-7d6c5b4a3f21";
      expect(allowed.test(`sessions/${uuid}/comments/${uuid}`)).toBe(true);
      for (const p of [`sessions/${uuid}/comments/nope`, `sessions/${uuid}/comments/${uuid}/x`, `sessions/${uuid}/comments/`]) expect(allowed.test(p), p).toBe(false);
    });
  });

  it("marks a session reviewed", async () => {
    const id = await start();
    expect(await answer(await review.POST(post({ reviewed: true }), ctx(id)))).toEqual({ status: 200, body: { reviewed: true } });
    const r = await answer(await detail.GET(get(), ctx(id)));
    expect((r.body.session as { reviewed: boolean }).reviewed).toBe(true);
    expect((await answer(await review.POST(post({ reviewed: "yes" }), ctx(id)))).status).toBe(400);
  });
});

describe("a session whose stored rows were damaged", () => {
  // Only the JSON format is JSON; a refusal is JSON whatever the format asked.
  const exportRoute = import("../../../app/api/sessions/[id]/export/route").then(({ GET }) => ({
    GET: async (request: Request, c: ReturnType<typeof ctx>) => {
      const json = new URL(request.url).searchParams.get("format") === "json";
      const res = await GET(request, c);
      return res.ok && !json ? res : checked(() => Promise.resolve(res), sessionExportSchema)();
    },
  }));

  /** Edits the database behind the API as a person with a SQL prompt would. */
  function edit(statement: string, ...params: unknown[]) {
    const db = new SqliteDatabase(path.join(dataDir, "peer-practice.sqlite"));
    try {
      // As by hand: without the checks the app's own connection makes.
      db.pragma("foreign_keys = OFF");
      db.prepare(statement).run(...params);
    } finally {
      db.close();
    }
  }

  async function readEverything(id: string) {
    const got = await answer(await detail.GET(get(), ctx(id)));
    const exports = await Promise.all(
      ["markdown", "json", "xapi"].map(async (format) => (await exportRoute).GET(get(`http://localhost/api/sessions/${id}/export?format=${format}`), ctx(id))),
    );
    return { got, exports };
  }

  it("is read up to the last turn that replays, with a notice, never a 500", async () => {
    const id = await start();
    for (const [i, c] of firstChoices.slice(0, 3).entries()) expect((await choose(id, i + 1, c)).status).toBe(201);
    edit("UPDATE choices SET choice_id = 'not-a-choice' WHERE session_id = ? AND seq = 2", id);

    const { got, exports } = await readEverything(id);
    expect(got.status).toBe(200);
    const transcript = got.body.transcript as { notice: string; turns: unknown[] };
    expect(transcript.turns).toHaveLength(1);
    expect(transcript.notice).toMatch(/^Turn 2 of this session \(choice "not-a-choice" at "[a-z0-9-]+"\) was not on offer in the scenario version it was played on, so only turn 1 can be shown\.$/);
    expect(exports.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await exports[0]!.text()).toContain("**Note:** Turn 2 of this session");
    expect(JSON.parse(await exports[1]!.text()).notice).toBe(transcript.notice);

    // It takes no more choices, says why, and can be repaired by taking back or abandoned.
    const more = await choose(id, 4, firstChoices[3]!);
    expect(more.status).toBe(409);
    expect(more.body.error).toBe(`this session's stored choices are damaged: turn 2 ("not-a-choice" at "${firstNodeAfter(1)}") no longer replays; take back the last choice or abandon the session`);
    expect((await answer(await takeBackRoute.POST(post({ seq: 3 }), ctx(id)))).status).toBe(200);
    expect((await answer(await takeBackRoute.POST(post({ seq: 2 }), ctx(id)))).status).toBe(200);
    expect((await choose(id, 2, firstChoices[1]!)).status).toBe(201);
    const repaired = await answer(await detail.GET(get(), ctx(id)));
    expect((repaired.body.transcript as { notice: string | null }).notice).toBeNull();
  });

  it("is read when a turn is missing, and can be abandoned", async () => {
    const id = await start();
    for (const [i, c] of firstChoices.slice(0, 3).entries()) await choose(id, i + 1, c);
    edit("DELETE FROM choices WHERE session_id = ? AND seq = 2", id);

    const { got, exports } = await readEverything(id);
    expect(got.status).toBe(200);
    expect((got.body.transcript as { notice: string }).notice).toBe("Turn 2 of this session is missing from the database, so only turn 1 can be shown.");
    expect(exports.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await choose(id, 4, firstChoices[3]!)).toEqual({
      status: 409,
      body: { error: "this session's stored choices are damaged: turn 2 is missing; take back the last choice or abandon the session" },
    });
    const abandoned = await answer(await endRoute.POST(post({ status: "abandoned" }), ctx(id)));
    expect(abandoned).toMatchObject({ status: 200, body: { session: { status: "abandoned", outcome: null } } });
  });

  it("is read when it is recorded as completed but its choices do not reach the ending", async () => {
    const id = await start();
    for (const [i, c] of firstChoices.entries()) await choose(id, i + 1, c);
    expect((await answer(await endRoute.POST(post({ status: "completed" }), ctx(id)))).status).toBe(200);
    edit("DELETE FROM choices WHERE session_id = ? AND seq = ?", id, firstChoices.length);

    const { got, exports } = await readEverything(id);
    expect(got.status).toBe(200);
    expect((got.body.transcript as { notice: string }).notice).toMatch(/^This session is recorded as completed with the outcome [a-z]+, but its stored choices do not reach an ending;/);
    expect(exports.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("is refused with the reason when its scenario version is missing", async () => {
    const id = await start();
    // Pointed at a version the database does not have (foreign keys are off on a plain connection).
    edit("UPDATE sessions SET scenario_hash = ? WHERE id = ?", "0".repeat(64), id);
    const { got, exports } = await readEverything(id);
    expect(got).toEqual({
      status: 409,
      body: { error: "the scenario version this session was played on (000000000000) is missing or damaged in the database, so the session cannot be replayed" },
    });
    expect(exports.map((r) => r.status)).toEqual([409, 409, 409]);
  });
});

/** The node the first-choice play stands at after `turns` choices. */
function firstNodeAfter(turns: number): string {
  return String(replay(scenario, firstChoices.slice(0, turns)).snapshot.value);
}

describe("who may use the session API", () => {
  it("answers a request without a sign-in with 401, before looking at anything else", async () => {
    expect(await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice" }, undefined, {})))).toEqual({
      status: 401,
      body: { error: "sign in first: this needs a signed-in account" },
    });
    const id = await start();
    expect((await answer(await detail.GET(get("http://localhost", {}), ctx(id)))).status).toBe(401);
    expect((await answer(await choices.POST(post({ seq: 1, choiceId: firstChoices[0], timeTakenMs: 1 }, undefined, {}), ctx(id)))).status).toBe(401);
  });

  it("refuses what another site's page sends (403) and a body that is not JSON (415)", async () => {
    const crossSite = await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice" }, undefined, { cookie, origin: "https://attacker.example.net" })));
    expect(crossSite).toEqual({ status: 403, body: { error: "requests from another site are refused" } });
    const form = new Request("http://localhost/api", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "scenarioId=active-listening&mode=practice",
    });
    expect((await answer(await sessions.POST(form))).status).toBe(415);
  });

  it("records the signed-in account as the participant, whatever the body says", async () => {
    const r = await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice", participant: "Someone Else" })));
    expect(r.status).toBe(400);
    const kit = await answer(await sessions.POST(post({ scenarioId: ID, mode: "practice" }, undefined, { cookie: kitCookie })));
    expect(kit.body.session).toMatchObject({ participant: "Kit" });
  });

  it("hides a session from another trainee (404) and keeps it from their writes", async () => {
    const id = await start();
    const asKit = { cookie: kitCookie };
    expect((await answer(await detail.GET(get("http://localhost", asKit), ctx(id)))).status).toBe(404);
    expect((await answer(await choices.POST(post({ seq: 1, choiceId: firstChoices[0], timeTakenMs: 1 }, undefined, asKit), ctx(id)))).status).toBe(404);
    expect((await answer(await endRoute.POST(post({ status: "abandoned" }, undefined, asKit), ctx(id)))).status).toBe(404);
    expect((await answer(await comments.POST(post({ turn: null, body: "Hm." }, undefined, asKit), ctx(id)))).status).toBe(404);
    expect((await answer(await review.POST(post({ reviewed: true }, undefined, asKit), ctx(id)))).status).toBe(404);
    const own = await answer(await detail.GET(get(), ctx(id)));
    expect(own.body).toMatchObject({ session: { status: "active", turns: 0, reviewed: false }, comments: [] });
  });
});

describe("where exports point, and the times in them", () => {
  const exportGet = import("../../../app/api/sessions/[id]/export/route").then((m) => m.GET);
  /** Each format's text, asked as a browser would at `url` naming `host`. */
  async function exportsOf(id: string, url: string, headers: Record<string, string>) {
    const GET = await exportGet;
    const texts: Record<string, string> = {};
    for (const format of ["markdown", "json", "xapi"]) {
      const res = await GET(get(`${url}/api/sessions/${id}/export?format=${format}`, { cookie, ...headers }), ctx(id));
      expect(res.status).toBe(200);
      texts[format] = await res.text();
    }
    return texts;
  }
  /** Runs `body` with these settings in the environment, as the server reads them on each request. */
  async function withEnv<T>(env: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
    const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    const set = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    };
    set(env);
    try {
      return await body();
    } finally {
      set(before);
    }
  }

  let id = "";
  beforeAll(async () => {
    id = await start();
    for (const [i, c] of firstChoices.slice(0, 2).entries()) expect((await choose(id, i + 1, c)).status).toBe(201);
    expect((await answer(await comments.POST(post({ turn: 1, body: "Good start." }), ctx(id)))).status).toBe(201);
  });

  it("builds every xAPI id on PUBLIC_URL, whatever Host a request names", async () => {
    const texts = await withEnv({ PUBLIC_URL: "https://practice.example.org/", TIME_ZONE: undefined }, () =>
      exportsOf(id, "http://0.0.0.0:3100", { host: "evil.example.net", "x-forwarded-proto": "http" }),
    );
    const statements = JSON.parse(texts.xapi!) as { actor: { account: { homePage: string } }; object: { id: string }; result: { extensions?: Record<string, unknown> } }[];
    expect(statements).toHaveLength(2);
    for (const s of statements) {
      expect(s.actor.account.homePage).toBe("https://practice.example.org");
      expect(s.object.id.startsWith("https://practice.example.org/scenarios/active-listening/nodes/")).toBe(true);
      for (const key of Object.keys(s.result.extensions ?? {})) expect(key.startsWith("https://practice.example.org/xapi/extensions/")).toBe(true);
    }
    for (const [format, text] of Object.entries(texts)) {
      expect(text, format).not.toContain("evil.example.net");
      expect(text, format).not.toContain("0.0.0.0");
    }
  });

  it("builds them, without PUBLIC_URL, on the Host the browser used, never on the listen address", async () => {
    const texts = await withEnv({ PUBLIC_URL: undefined }, () => exportsOf(id, "http://0.0.0.0:3100", { host: "practice.test:3100" }));
    const statements = JSON.parse(texts.xapi!) as { actor: { account: { homePage: string } } }[];
    expect(statements[0]!.actor.account.homePage).toBe("http://practice.test:3100");
    expect(texts.xapi).not.toContain("0.0.0.0");
    // With no Host header at all, a wildcard listen address becomes localhost.
    const bare = await withEnv({ PUBLIC_URL: undefined }, () => exportsOf(id, "http://0.0.0.0:3100", {}));
    expect((JSON.parse(bare.xapi!) as { actor: { account: { homePage: string } } }[])[0]!.actor.account.homePage).toBe("http://localhost:3100");
  });

  it("gives times with their zone: ISO 8601 UTC in JSON and xAPI, UTC or TIME_ZONE named in Markdown", async () => {
    const utc = await withEnv({ TIME_ZONE: undefined }, () => exportsOf(id, "http://localhost", {}));
    const json = JSON.parse(utc.json!) as { session: { startedAt: string }; turns: { chosenAt: string; comments: { createdAt: string }[] }[] };
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
    expect(json.session.startedAt).toMatch(iso);
    expect(json.turns[0]!.chosenAt).toMatch(iso);
    expect(json.turns[0]!.comments[0]!.createdAt).toMatch(iso);
    for (const s of JSON.parse(utc.xapi!) as { timestamp: string }[]) expect(s.timestamp).toMatch(iso);
    expect(utc.markdown).toMatch(/- \*\*Started:\*\* \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(utc.markdown).toMatch(/- \*\*Robin\*\*, \d{4}-\d\d-\d\d \d\d:\d\d UTC: Good start\./);

    const paris = await withEnv({ TIME_ZONE: "Europe/Paris" }, () => exportsOf(id, "http://localhost", {}));
    expect(paris.markdown).toMatch(/- \*\*Started:\*\* \d{4}-\d\d-\d\d \d\d:\d\d Europe\/Paris \(UTC\+0[12]:00\)\n/);
    // Only the Markdown is written for people; the JSON's times stay in UTC.
    expect(JSON.parse(paris.json!).session.startedAt).toBe(json.session.startedAt);
  });
});
