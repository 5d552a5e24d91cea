/** The folders the library reads: said at start, with a warning for one that is missing or cannot be read. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIO_FILE } from "../../../scenarios/scenario-file";
import { loadFiles, logScenarioFolders, scenarioDirs, scenarioFolderProblem, scenarioFolderReport, scenarioFolderStates } from "../../../server/scenario-library";

const root = mkdtempSync(path.join(tmpdir(), "pp-folders-"));
const good = path.join(root, "extra");
const empty = path.join(root, "empty");
const missing = path.join(root, "extar");
const file = path.join(root, "a-file.yaml");
const loop = path.join(root, "loop");
const saved = process.env.SCENARIO_DIRS;
const BUILT_IN = readdirSync("scenarios/library").filter((n) => SCENARIO_FILE.test(n)).length;

beforeAll(() => {
  mkdirSync(good);
  mkdirSync(empty);
  copyFileSync("tests/fixtures/rules/no-feedback.scenario.yaml", path.join(good, "no-feedback.scenario.yaml"));
  writeFileSync(path.join(good, "notes.txt"), "not a scenario");
  writeFileSync(file, "id: x\n");
  // A link to itself: the folder cannot be read (ELOOP), whatever the permissions (the tests may run as root).
  symlinkSync(loop, loop);
});
afterAll(() => {
  if (saved === undefined) delete process.env.SCENARIO_DIRS;
  else process.env.SCENARIO_DIRS = saved;
  rmSync(root, { recursive: true, force: true });
});

const withDirs = (...dirs: string[]) => (process.env.SCENARIO_DIRS = dirs.join(path.delimiter));

describe("the scenario folders", () => {
  it("are the built-in library, then each SCENARIO_DIRS folder in order, with their scenario files counted", () => {
    withDirs(good, "", empty);
    const states = scenarioFolderStates();
    expect(states.map((s) => [s.source, s.state, s.files])).toEqual([
      ["built-in", "ok", BUILT_IN],
      ["SCENARIO_DIRS", "ok", 1],
      ["SCENARIO_DIRS", "ok", 0],
    ]);
    expect(states[0]!.given).toBe(path.join("scenarios", "library"));
    expect(scenarioDirs()).toEqual(states.map((s) => s.dir));
    expect(states.map(scenarioFolderProblem)).toEqual([undefined, undefined, undefined]);
  });

  it("tell a missing folder, a file and one that cannot be read apart", () => {
    withDirs(missing, file, loop, path.join(file, "below"));
    const states = scenarioFolderStates().slice(1);
    expect(states.map((s) => [s.state, s.code])).toEqual([
      ["missing", "ENOENT"],
      ["not-a-folder", undefined],
      ["unreadable", "ELOOP"],
      ["missing", "ENOTDIR"],
    ]);
    expect(scenarioFolderProblem(states[0]!)).toBe(`The folder "${missing}" named in SCENARIO_DIRS does not exist, so no scenario in it is offered.`);
    expect(scenarioFolderProblem(states[1]!)).toBe(`The folder "${file}" named in SCENARIO_DIRS is a file, not a folder, so no scenario in it is offered.`);
    expect(scenarioFolderProblem(states[2]!)).toBe(`The folder "${loop}" named in SCENARIO_DIRS cannot be read (ELOOP), so no scenario in it is offered.`);
  });

  it("name a relative folder as written and where it was looked for", () => {
    withDirs("tests/fixtures/library-extar");
    const [, state] = scenarioFolderStates();
    expect(scenarioFolderProblem(state!)).toBe(
      `The folder "tests/fixtures/library-extar" (${path.resolve("tests/fixtures/library-extar")}) named in SCENARIO_DIRS does not exist, so no scenario in it is offered.`,
    );
  });

  it("are listed on one line at start, with a warning for each that offers nothing, and the library still loads", async () => {
    withDirs(good, missing);
    const report = scenarioFolderReport();
    expect(report.info).toBe(`Scenario folders read: ${path.join("scenarios", "library")} (${BUILT_IN} scenario files), ${good} (1 scenario file), ${missing} (does not exist)`);
    expect(report.warnings).toEqual([
      `The folder "${missing}" named in SCENARIO_DIRS does not exist, so no scenario in it is offered. Check the spelling; folders in SCENARIO_DIRS are separated by "${path.delimiter}".`,
    ]);
    const said: string[][] = [];
    logScenarioFolders({ log: (...a: unknown[]) => said.push(["log", ...a.map(String)]), warn: (...a: unknown[]) => said.push(["warn", ...a.map(String)]) });
    expect(said).toEqual([
      ["log", `[server] ${report.info}`],
      ["warn", `[server] warning: ${report.warnings[0]}`],
    ]);
    // A missing folder is left out of the library, as before; the others are read.
    const files = await loadFiles();
    expect(files.map((f) => f.id)).toContain("no-feedback");
  });

  it("say nothing to warn about when every folder is there", () => {
    delete process.env.SCENARIO_DIRS;
    expect(scenarioFolderReport()).toEqual({ info: `Scenario folders read: ${path.join("scenarios", "library")} (${BUILT_IN} scenario files)`, warnings: [] });
  });
});
