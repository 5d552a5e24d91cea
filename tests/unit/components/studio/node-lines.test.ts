/** Which node a line of the text is in, and the line a node starts at: the editor and the graph select each other through these. */
import { describe, expect, it } from "vitest";
import { answerCheck } from "../../../../components/studio/check-draft-text";
import { draftTemplate } from "../../../../components/studio/draft-template";
import { lineOfNode, nodeAtLine } from "../../../../components/studio/node-lines";
import { changeBetween } from "../../../../components/studio/text-change";

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("node lines", () => {
  const text = draftTemplate("first-meeting");
  const { drawing } = answerCheck({ seq: 1, text, scenarioId: "first-meeting" });

  it("answers each node's first line, and the node a line is in", () => {
    expect(drawing?.complete).toBe(true);
    const lines = drawing!.lines;
    expect(lineOfNode(lines, "hello")).toBe(lineOf(text, "  hello:"));
    expect(lineOfNode(lines, "sam-leaves")).toBe(lineOf(text, "  sam-leaves:"));
    expect(nodeAtLine(lines, lineOf(text, "tired-of-stuck"))).toBe("what-brought-you");
    expect(nodeAtLine(lines, lineOf(text, "rapport: \">= 45\""))).toBe("how-it-ends");
    expect(nodeAtLine(lines, lineOf(text, "Sam left feeling told"))).toBe("sam-leaves");
  });

  it("answers no node above the nodes or below them, where other keys start", () => {
    const lines = drawing!.lines;
    expect(nodeAtLine(lines, lineOf(text, "title:"))).toBeNull();
    expect(nodeAtLine(lines, lineOf(text, "nodes:"))).toBeNull();
    // The start named after the nodes: its line is in no node.
    const startLast = `${text.replace("start: hello\n", "")}start: hello\n`;
    const after = answerCheck({ seq: 2, text: startLast, scenarioId: "first-meeting" }).drawing!;
    expect(after.complete).toBe(true);
    expect(nodeAtLine(after.lines, lineOf(startLast, "start: hello"))).toBeNull();
    expect(nodeAtLine(after.lines, lineOf(startLast, "start: hello") - 2)).toBe("sam-leaves");
  });

  it("draws a scenario whose choices lead to missing nodes as a sketch, and nothing for text that is not a scenario", () => {
    const broken = text.replace("next: what-brought-you\n      - id: you-will-like-it", "next: what-brougt-you\n      - id: you-will-like-it");
    const answer = answerCheck({ seq: 3, text: broken, scenarioId: "first-meeting" });
    expect(answer.check.errors).toBeGreaterThan(0);
    expect(answer.drawing?.complete).toBe(false);
    expect(answer.drawing?.scenario.nodes["hello"]).toBeDefined();
    expect(answerCheck({ seq: 4, text: "format: 1\nid: [", scenarioId: "first-meeting" }).drawing).toBeUndefined();
  });
});

describe("changeBetween", () => {
  it("answers the one change between two texts, and none for the same text", () => {
    expect(changeBetween("abc", "abc")).toBeNull();
    expect(changeBetween("say: hello\nnext: a\n", "say: hello\nnext: bb\n")).toEqual({ from: 17, to: 18, insert: "bb" });
    expect(changeBetween("aaa", "aaaa")).toEqual({ from: 3, to: 3, insert: "a" });
    expect(changeBetween("xaaa", "aaa")).toEqual({ from: 0, to: 1, insert: "" });
    for (const [a, b] of [["", "abc"], ["abc", ""], ["abab", "ab"], ["hello world", "hello brave world"]] as const) {
      const c = changeBetween(a, b)!;
      expect(a.slice(0, c.from) + c.insert + a.slice(c.to)).toBe(b);
    }
  });
});
