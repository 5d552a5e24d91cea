// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { diffSummary, lineDiff } from "../../../../components/studio/line-diff";
import { VersionDiff } from "../../../../components/studio/version-diff";

afterEach(cleanup);

const numbered = (n: number, change?: (i: number) => string | undefined) =>
  Array.from({ length: n }, (_, i) => change?.(i + 1) ?? `line ${i + 1}`).join("\n") + "\n";

describe("lineDiff", () => {
  it("finds a changed line as one removed and one added, with three unchanged lines around it and both line numbers", () => {
    const diff = lineDiff(numbered(20), numbered(20, (i) => (i === 10 ? "line ten" : undefined)));
    expect(diff).toMatchObject({ kind: "changed", added: 1, removed: 1, hiddenLines: 0 });
    if (diff.kind !== "changed") return;
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]).toMatchObject({ oldStart: 7, newStart: 7 });
    expect(diff.hunks[0]!.lines).toEqual([
      { kind: "same", text: "line 7", oldLine: 7, newLine: 7 },
      { kind: "same", text: "line 8", oldLine: 8, newLine: 8 },
      { kind: "same", text: "line 9", oldLine: 9, newLine: 9 },
      { kind: "removed", text: "line 10", oldLine: 10 },
      { kind: "added", text: "line ten", newLine: 10 },
      { kind: "same", text: "line 11", oldLine: 11, newLine: 11 },
      { kind: "same", text: "line 12", oldLine: 12, newLine: 12 },
      { kind: "same", text: "line 13", oldLine: 13, newLine: 13 },
    ]);
    expect(diffSummary(diff)).toBe("1 line added, 1 removed.");
  });

  it("keeps changes far apart in hunks of their own, and numbers added lines by the newer text", () => {
    const before = numbered(40);
    const after = numbered(40, (i) => (i === 5 ? "line 5\nnew a\nnew b" : i === 35 ? "" : undefined)).replace("\n\n", "\n");
    const diff = lineDiff(before, after);
    if (diff.kind !== "changed") throw new Error(diff.kind);
    expect(diff.hunks.map((h) => h.lines.filter((l) => l.kind !== "same").map((l) => `${l.kind} ${l.oldLine ?? l.newLine} ${l.text}`))).toEqual([
      ["added 6 new a", "added 7 new b"],
      ["removed 35 line 35"],
    ]);
    expect(diffSummary(diff)).toBe("2 lines added, 1 removed.");
  });

  it("says so when nothing changed, and gives up (rather than holding up the server) when too much did", () => {
    expect(lineDiff("a\n", "a\n")).toEqual({ kind: "same" });
    expect(diffSummary(lineDiff("a\n", "a\n"))).toBe("No lines changed: the two versions have the same text.");
    const rewritten = lineDiff(numbered(500), numbered(500, (i) => `other ${i}`), { maxEdits: 100 });
    expect(rewritten).toEqual({ kind: "too-different" });
    expect(diffSummary(rewritten)).toMatch(/differ too much to compare line by line/);
  });

  it("shows at most maxLines lines, counting the rest", () => {
    const diff = lineDiff(numbered(100), numbered(100, (i) => (i % 10 === 0 ? `changed ${i}` : undefined)), { maxLines: 20 });
    if (diff.kind !== "changed") throw new Error(diff.kind);
    const shown = diff.hunks.reduce((n, h) => n + h.lines.length, 0);
    expect(shown).toBeLessThanOrEqual(20);
    expect(diff.hiddenLines).toBeGreaterThan(0);
    expect(diff.added).toBe(10);
  });
});

describe("VersionDiff", () => {
  it("marks added and removed lines by sign and in words, after a summary that describes the changes", () => {
    render(<VersionDiff before={"title: One\nsummary: Same\n"} after={"title: Two\nsummary: Same\n"} label="Changes from one to two" />);
    const group = screen.getByRole("group", { name: "Changes from one to two" });
    expect(group).toHaveAccessibleDescription("1 line added, 1 removed.");
    const removed = group.querySelector("del")!;
    const added = group.querySelector("ins")!;
    expect(removed).toHaveTextContent("Removed: title: One");
    expect(added).toHaveTextContent("Added: title: Two");
    expect(removed.closest("[data-kind]")).toHaveTextContent("−");
    expect(added.closest("[data-kind]")).toHaveTextContent("+");
    expect(added.closest("[data-kind]")!.className).toMatch(/bg-emerald-50/);
    expect(removed.closest("[data-kind]")!.className).toMatch(/bg-red-50/);
    expect(group).toHaveTextContent("summary: Same");
  });

  it("shows no lines when the texts are the same", () => {
    render(<VersionDiff before="a\n" after="a\n" label="Changes" />);
    expect(screen.getByText("No lines changed: the two versions have the same text.")).toBeInTheDocument();
    expect(screen.queryByRole("group")).toBeNull();
  });
});
