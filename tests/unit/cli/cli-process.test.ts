/** The command line as a real process: what reaches a pipe, and when it ends. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runProcess } from "./run-process";

const tmp = mkdtempSync(path.join(tmpdir(), "pp-cli-process-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI with its standard streams as pipes; `input` is written to it and, unless `keepOpen`, ended. */
const run = (args: string[], input?: string, keepOpen = false) => runProcess("cli/index.ts", args, { input, keepOpen });

/** A chain of turns whose choices have no feedback: one warning per choice. */
function warningScenario(id: string, turns: number): string {
  const nodes = Array.from({ length: turns }, (_, i) => {
    const next = i + 1 < turns ? `t${i + 1}` : "done";
    const choice = (kind: string) => `      - say: "A reply at turn ${i + 1}${kind === "open-question" ? "?" : "."}"\n        kind: ${kind}\n        next: ${next}\n`;
    return `  t${i}:\n    say: "Line ${i + 1}."\n    choices:\n${choice("listening-to")}${choice("advising")}${choice("open-question")}`;
  }).join("");
  return `format: 1\nid: ${id}\ntitle: Many warnings\nsummary: Choices without feedback.\nroles:\n  trainee: Peer specialist\n  counterpart:\n    name: Sam\nstart: t0\nnodes:\n${nodes}  done:\n    end: { outcome: connected }\n`;
}

const PLAY = "tests/fixtures/rules/no-feedback.scenario.yaml";

describe("the scenarios command line as a process", () => {
  it("writes the whole JSON report to a pipe, well over 64 KiB, before it exits", async () => {
    const dir = path.join(tmp, "many");
    const files = 80;
    const turns = 20;
    mkdirSync(dir);
    for (let f = 0; f < files; f++) writeFileSync(path.join(dir, `w-${f}.scenario.yaml`), warningScenario(`w-${f}`, turns));

    const { code, stdout } = await run(["check", "--format", "json", dir]);
    expect(stdout.length).toBeGreaterThan(1024 * 1024);
    const report = JSON.parse(stdout) as { files: { problems: { rule: string }[] }[]; errors: number; warnings: number };
    expect(code).toBe(0);
    expect(report.files).toHaveLength(files);
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(files * turns * 3);
    expect(report.files.flatMap((f) => f.problems).every((p) => p.rule === "no-feedback")).toBe(true);
  });

  it("ends play when its input ends", async () => {
    const { code, stdout } = await run(["play", PLAY]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().endsWith("Stopped.")).toBe(true);
  });

  it("ends play at an ending while its input is still open", async () => {
    const { code, stdout } = await run(["play", PLAY], "1\n", true);
    expect(code).toBe(0);
    expect(stdout).toContain("The end");
  });
});
