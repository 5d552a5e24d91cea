/**
 * Saving drafts while they are written, against the studio's real route handlers on a SQLite
 * store, with a clock the test moves by hand.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveDraft } from "../../../../components/studio/draft-api";
import { DraftAutosave, KEEP_DELAY_MS, RETRY_DELAY_MS, SAVE_DELAY_MS, type AutosaveStatus, type KeptText } from "../../../../components/studio/draft-autosave";
import { draftTemplate } from "../../../../components/studio/draft-template";

const dataDir = mkdtempSync(path.join(tmpdir(), "pp-autosave-"));
process.env.DATA_DIR = dataDir;
delete process.env.SCENARIO_DIRS;
delete process.env.DATABASE_URL;

const drafts = await import("../../../../app/api/studio/drafts/route");
const draftRoute = await import("../../../../app/api/studio/drafts/[id]/route");

let cookie = "";
/** Whether requests reach the server; false stands for a lost connection. */
let online = true;

/** The browser's fetch, answered by the route handlers. */
const routeFetch: typeof fetch = async (input, init) => {
  if (!online) throw new TypeError("Failed to fetch");
  const url = new URL(String(input), "http://localhost");
  const request = new Request(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
  const id = url.pathname.split("/").pop()!;
  return draftRoute.POST(request, { params: Promise.resolve({ id }) });
};

/** Timers that run only when the test moves the clock. */
class FakeClock {
  time = 0;
  private timers: { at: number; fn: () => void; handle: number }[] = [];
  private next = 1;
  setTimeout = (fn: () => void, ms: number) => {
    const handle = this.next++;
    this.timers.push({ at: this.time + ms, fn, handle });
    return handle;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  };
  now = () => new Date(Date.UTC(2026, 0, 1) + this.time);
  advance(ms: number) {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = until;
  }
}

async function newDraft(scenarioId: string) {
  const res = await drafts.POST(
    new Request("http://localhost/api/studio/drafts", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ scenarioId, text: draftTemplate(scenarioId) }),
    }),
  );
  const { draft } = (await res.json()) as { draft: { id: string; text: string; revision: number; updatedAt: string } };
  return draft;
}

/** One editor on a draft: its autosave, what it kept in the browser and every status it showed. */
function editor(draft: { id: string; text: string; revision: number; updatedAt: string }, kept: KeptText | null = null) {
  const clock = new FakeClock();
  const seen: AutosaveStatus[] = [];
  const browser = { kept };
  let saving: Promise<unknown> = Promise.resolve();
  const autosave = new DraftAutosave(draft, kept, {
    save: (text, base, options) => {
      const p = saveDraft(draft.id, text, base, { ...options, fetch: routeFetch });
      saving = p;
      return p;
    },
    keep: (copy) => {
      browser.kept = copy;
    },
    onStatus: (s) => seen.push(s),
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    now: clock.now,
  });
  /** Moves the clock and waits for the save it started, if any, to be answered. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await saving;
    await new Promise((r) => setTimeout(r, 0));
  };
  return { autosave, clock, seen, browser, advance };
}

beforeAll(async () => {
  const { getStore } = await import("../../../../server/open-store");
  const { getAuth } = await import("../../../../server/auth");
  const { createAccount } = await import("../../../../server/accounts");
  const auth = await getAuth();
  const { db } = await (await getStore()).database();
  await createAccount(auth, db, { email: "tess@example.org", name: "Tess", password: "tess's long password", roles: ["trainer"] });
  const res = await auth.api.signInEmail({ body: { email: "tess@example.org", password: "tess's long password" }, asResponse: true });
  cookie = /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("DraftAutosave", () => {
  it("saves 800 ms after the last keystroke, not before, and then drops the browser's copy", async () => {
    const draft = await newDraft("autosave-debounce");
    const e = editor(draft);
    e.autosave.edit(draft.text + "# one\n");
    await e.advance(SAVE_DELAY_MS - 100);
    e.autosave.edit(draft.text + "# one two\n");
    await e.advance(SAVE_DELAY_MS - 100);
    expect(e.autosave.currentStatus.kind).toBe("pending");
    expect(e.browser.kept).toMatchObject({ text: draft.text + "# one two\n", baseRevision: 1 });
    await e.advance(100);
    expect(e.autosave.currentStatus.kind).toBe("saved");
    expect(e.seen.map((s) => s.kind)).toEqual(["pending", "saving", "saved"]);
    expect(e.browser.kept).toBeNull();
    expect(e.autosave.clean).toBe(true);
  });

  it("keeps text in the browser within a second while typing goes on, before any save", async () => {
    const draft = await newDraft("autosave-keep");
    const e = editor(draft);
    for (let i = 0; i < 6; i++) {
      e.autosave.edit(draft.text + "#".repeat(i + 1));
      await e.advance(300);
    }
    expect(e.clock.time).toBeGreaterThan(KEEP_DELAY_MS);
    expect(e.browser.kept?.text).toMatch(/#{3,}$/);
    expect(e.autosave.currentStatus.kind).toBe("pending");
  });

  it("saves at once when the page is left", async () => {
    const draft = await newDraft("autosave-flush");
    const e = editor(draft);
    e.autosave.edit(draft.text + "# leaving\n");
    e.autosave.flush();
    await e.advance(0);
    expect(e.autosave.currentStatus.kind).toBe("saved");
    expect(e.browser.kept).toBeNull();
  });

  it("says it is offline, keeps the text in the browser and saves once the server is reached again", async () => {
    const draft = await newDraft("autosave-offline");
    const e = editor(draft);
    online = false;
    e.autosave.edit(draft.text + "# offline\n");
    await e.advance(SAVE_DELAY_MS);
    expect(e.autosave.currentStatus.kind).toBe("offline");
    expect(e.browser.kept?.text).toBe(draft.text + "# offline\n");
    online = true;
    await e.advance(RETRY_DELAY_MS);
    expect(e.autosave.currentStatus.kind).toBe("saved");
    expect(e.browser.kept).toBeNull();
  });

  it("restores a copy kept in the browser and saves it", async () => {
    const draft = await newDraft("autosave-restore");
    const kept = { text: draft.text + "# typed before the crash\n", baseRevision: 1, keptAt: draft.updatedAt };
    const e = editor(draft, kept);
    expect(e.autosave.restored).toEqual(kept);
    expect(e.autosave.currentText).toBe(kept.text);
    await e.advance(0);
    expect(e.autosave.currentStatus.kind).toBe("saved");
  });

  it("shows both versions when another tab saved first, and keeping yours saves it on their revision", async () => {
    const draft = await newDraft("autosave-conflict");
    const first = editor(draft);
    const second = editor(draft);
    first.autosave.edit(draft.text + "# first tab\n");
    await first.advance(SAVE_DELAY_MS);
    expect(first.autosave.currentStatus.kind).toBe("saved");

    second.autosave.edit(draft.text + "# second tab\n");
    await second.advance(SAVE_DELAY_MS);
    const status = second.autosave.currentStatus;
    expect(status).toMatchObject({ kind: "conflict", theirs: { text: draft.text + "# first tab\n", revision: 2 }, yours: draft.text + "# second tab\n" });
    // Nothing more is sent while the author has not chosen; the text stays in the browser.
    second.autosave.edit(draft.text + "# second tab, more\n");
    await second.advance(SAVE_DELAY_MS * 3);
    expect(second.autosave.currentStatus.kind).toBe("conflict");
    expect(second.browser.kept?.text).toBe(draft.text + "# second tab, more\n");

    second.autosave.keepYours();
    await second.advance(0);
    expect(second.autosave.currentStatus.kind).toBe("saved");
    // The first tab's next save now conflicts in turn: no save is ever written over silently.
    first.autosave.edit(draft.text + "# first tab again\n");
    await first.advance(SAVE_DELAY_MS);
    expect(first.autosave.currentStatus).toMatchObject({ kind: "conflict", theirs: { text: draft.text + "# second tab, more\n", revision: 3 } });
    expect(first.autosave.keepTheirs()).toBe(draft.text + "# second tab, more\n");
    expect(first.autosave.currentStatus.kind).toBe("saved");
    expect(first.browser.kept).toBeNull();
    first.autosave.edit(draft.text + "# agreed\n");
    await first.advance(SAVE_DELAY_MS);
    expect(first.autosave.currentStatus.kind).toBe("saved");
  });

  it("restoring a copy based on an older revision than the server's shows the conflict instead of saving over it", async () => {
    const draft = await newDraft("autosave-stale-copy");
    const other = editor(draft);
    other.autosave.edit(draft.text + "# saved elsewhere\n");
    await other.advance(SAVE_DELAY_MS);
    const now = { ...draft, text: draft.text + "# saved elsewhere\n", revision: 2 };
    const e = editor(now, { text: draft.text + "# kept here\n", baseRevision: 1, keptAt: draft.updatedAt });
    await e.advance(0);
    expect(e.autosave.currentStatus).toMatchObject({ kind: "conflict", theirs: { revision: 2 }, yours: draft.text + "# kept here\n" });
  });
});
