/** The editor's check: the command line's findings, and the worker's answers to its requests. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerCheck, checkDraftText } from "../../../../components/studio/check-draft-text";
import { draftTemplate } from "../../../../components/studio/draft-template";
import { checkScenario } from "../../../../scenarios/check-scenario";

describe("checkDraftText", () => {
  it("finds nothing in a new draft's template", () => {
    expect(checkDraftText(draftTemplate("first-meeting"), "first-meeting")).toEqual({ errors: 0, warnings: 0, problems: [] });
  });

  it("reports a broken next reference at its line and column with the command line's rule and message", () => {
    const text = draftTemplate("first-meeting").replace("next: what-brought-you\n      - id: you-will-like-it", "next: what-brougt-you\n      - id: you-will-like-it");
    const check = checkDraftText(text, "first-meeting");
    const cli = checkScenario(text, "first-meeting.scenario.yaml");
    expect(check.errors).toBeGreaterThan(0);
    const broken = check.problems.find((p) => p.severity === "error")!;
    const line = text.split("\n").findIndex((l) => l.includes("what-brougt-you")) + 1;
    expect(broken).toMatchObject({ line, column: 15 });
    expect(check.problems.map((p) => [p.rule, p.line, p.column, p.message])).toEqual(cli.problems.map((p) => [p.rule, p.line, p.column, p.message]));
  });

  it("holds the id to the draft's scenario id, as publishing does", () => {
    const check = checkDraftText(draftTemplate("first-meeting"), "other-id");
    expect(check.problems.map((p) => p.rule)).toContain("id-mismatch");
  });
});

describe("answerCheck", () => {
  it("answers with the request's sequence number", () => {
    const answer = answerCheck({ seq: 7, text: "format: 1\n", scenarioId: "x" });
    expect(answer.seq).toBe(7);
    expect(answer.check.errors).toBeGreaterThan(0);
  });

  it("checks a library-size scenario well within the editor's 300 ms", () => {
    const text = readFileSync("scenarios/library/supervising-a-new-peer-specialist.scenario.yaml", "utf8");
    answerCheck({ seq: 0, text, scenarioId: "supervising-a-new-peer-specialist" });
    const start = performance.now();
    const answer = answerCheck({ seq: 1, text, scenarioId: "supervising-a-new-peer-specialist" });
    expect(answer.check.errors).toBe(0);
    expect(performance.now() - start).toBeLessThan(150);
  });
});
