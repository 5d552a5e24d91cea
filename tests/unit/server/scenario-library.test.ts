import { reachableEndings } from "../../../machines/debrief";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIZE_LIMITS } from "../../../scenarios/size-limits";
import { findScenario, loadLibrary } from "../../../server/scenario-library";
import { startSession } from "../../../server/session-service";
import type { Store } from "../../../server/store";

const extra = mkdtempSync(path.join(tmpdir(), "pp-library-"));
// The library also lists published scenarios, from the app's store: a fresh one of its own.
const dataDir = mkdtempSync(path.join(tmpdir(), "pp-library-data-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

beforeAll(() => {
  copyFileSync("tests/fixtures/rules/trap.scenario.yaml", path.join(extra, "trap.scenario.yaml"));
  copyFileSync("tests/fixtures/rules/no-feedback.scenario.yaml", path.join(extra, "no-feedback.scenario.yaml"));
  // Same id as a built-in scenario, in another folder.
  copyFileSync("scenarios/library/mutuality.scenario.yaml", path.join(extra, "mutuality.scenario.yaml"));
  writeFileSync(path.join(extra, "notes.txt"), "not a scenario");
  // One line repeated 20,000 times through an alias: 80 kB that would be 40 MB on the play page.
  const bomb = readFileSync("tests/fixtures/rules/no-feedback.scenario.yaml", "utf8")
    .replace("id: no-feedback", "id: say-bomb")
    .replace(`say: "Hi. I'm not sure why I came."`, `say: [&l "${"Hi. ".repeat(500)}"${", *l".repeat(20_000)}]`);
  writeFileSync(path.join(extra, "say-bomb.scenario.yaml"), bomb);
  // A valid scenario padded past the file size limit with a comment.
  const huge = readFileSync("tests/fixtures/rules/no-feedback.scenario.yaml", "utf8").replace("id: no-feedback", "id: huge");
  writeFileSync(path.join(extra, "huge.scenario.yaml"), `${huge}# ${"x".repeat(SIZE_LIMITS.fileBytes)}\n`);
  process.env.SCENARIO_DIRS = extra;
});
afterAll(() => {
  delete process.env.SCENARIO_DIRS;
  rmSync(extra, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the scenario library on disk", () => {
  it("lists valid scenarios with their hash and length, and files with errors with those errors", async () => {
    const entries = await loadLibrary();
    const byFile = new Map(entries.map((e) => [path.basename(e.file), e]));
    const active = byFile.get("active-listening.scenario.yaml");
    expect(active).toMatchObject({ ok: true, id: "active-listening", hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(active?.ok && active.longestTurns).toBe(12);
    // Its reachable endings, worked out once for the debrief's "Endings found", are those the stats find.
    expect(active?.ok && active.reachableEndings).toEqual(active?.ok ? reachableEndings(active.scenario) : null);
    expect(active?.ok && active.reachableEndings?.length).toBeGreaterThanOrEqual(3);

    const trap = byFile.get("trap.scenario.yaml");
    expect(trap?.ok).toBe(false);
    expect(!trap?.ok && trap?.problems.map((p) => p.rule)).toEqual(["trap", "trap"]);

    // Warnings alone do not stop a scenario from being played.
    expect(byFile.get("no-feedback.scenario.yaml")?.ok).toBe(true);

    const dup = entries.filter((e) => e.id === "mutuality");
    expect(dup.map((e) => e.ok)).toEqual([true, false]);
    expect(!dup[1]!.ok && dup[1]!.problems[0]?.message).toBe('id: "mutuality" is already used by scenarios/library/mutuality.scenario.yaml');
    expect(byFile.has("notes.txt")).toBe(false);
  });

  it("lists a file whose aliases expand too far, or too large to read, with the error, and it cannot be started", async () => {
    const bomb = await findScenario("say-bomb");
    expect(bomb).toMatchObject({ ok: false, file: expect.stringMatching(/say-bomb\.scenario\.yaml$/) });
    expect(!bomb?.ok && bomb?.problems.map((p) => [p.rule, p.line, p.column])).toEqual([
      ["too-large", 11, 3],
      ["too-large", 12, 10010],
    ]);
    expect(!bomb?.ok && bomb?.problems[0]?.message).toBe(
      'node "hello" holds 40,002,212 characters of text once its aliases (*name) are expanded; a node may hold at most 20,000',
    );

    const huge = await findScenario("huge");
    expect(huge).toMatchObject({ ok: false, problems: [{ rule: "too-large", severity: "error", line: 1, column: 1 }] });
    const bytes = statSync(path.join(extra, "huge.scenario.yaml")).size.toLocaleString("en-US");
    expect(!huge?.ok && huge?.problems[0]?.message).toBe(
      `the file is ${bytes} bytes; a scenario file may be at most 5 MB (5,242,880 bytes), so it is not read`,
    );

    // Refused before the store is touched.
    const store = {} as Store;
    for (const scenarioId of ["say-bomb", "huge"]) {
      await expect(startSession(store, { id: "robin-account", email: "robin@example.org", name: "Robin", roles: ["trainee"] }, { scenarioId, mode: "practice" })).rejects.toThrow(
        expect.objectContaining({ status: 409, message: `scenario "${scenarioId}" has errors and cannot be played` }),
      );
    }
  });

  it("checks a changed file once when requests arrive together", async () => {
    const file = path.join(extra, "no-feedback.scenario.yaml");
    const before = (await loadLibrary()).find((e) => e.file.endsWith("no-feedback.scenario.yaml"));
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    const [a, b, c] = await Promise.all([loadLibrary(), loadLibrary(), findScenario("no-feedback")]);
    const entry = a.find((e) => e.file.endsWith("no-feedback.scenario.yaml"));
    expect(entry).not.toBe(before);
    expect(entry).toEqual(before);
    expect(b.find((e) => e.file.endsWith("no-feedback.scenario.yaml"))).toBe(entry);
    expect(c).toBe(entry);
  });

  it("lists playable scenarios first, by title", async () => {
    const entries = await loadLibrary();
    const firstBroken = entries.findIndex((e) => !e.ok);
    expect(entries.slice(firstBroken).every((e) => !e.ok)).toBe(true);
    const titles = entries.filter((e) => e.ok).map((e) => (e.ok ? e.scenario.title : ""));
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });

  it("finds one scenario by id", async () => {
    expect((await findScenario("rapport-and-follow-up"))?.ok).toBe(true);
    expect(await findScenario("no-such-thing")).toBeUndefined();
  });
});
