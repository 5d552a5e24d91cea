import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findScenario, loadLibrary } from "../../../server/scenario-library";

const extra = mkdtempSync(path.join(tmpdir(), "pp-library-"));

beforeAll(() => {
  copyFileSync("tests/fixtures/rules/trap.scenario.yaml", path.join(extra, "trap.scenario.yaml"));
  copyFileSync("tests/fixtures/rules/no-feedback.scenario.yaml", path.join(extra, "no-feedback.scenario.yaml"));
  // Same id as a built-in scenario, in another folder.
  copyFileSync("scenarios/library/mutuality.scenario.yaml", path.join(extra, "mutuality.scenario.yaml"));
  writeFileSync(path.join(extra, "notes.txt"), "not a scenario");
  process.env.SCENARIO_DIRS = extra;
});
afterAll(() => {
  delete process.env.SCENARIO_DIRS;
  rmSync(extra, { recursive: true, force: true });
});

describe("the scenario library on disk", () => {
  it("lists valid scenarios with their hash and length, and files with errors with those errors", async () => {
    const entries = await loadLibrary();
    const byFile = new Map(entries.map((e) => [path.basename(e.file), e]));
    const active = byFile.get("active-listening.scenario.yaml");
    expect(active).toMatchObject({ ok: true, id: "active-listening", hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(active?.ok && active.longestTurns).toBe(11);

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
