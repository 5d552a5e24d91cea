// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import path from "node:path";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { outlineItemId, ScenarioOutline } from "../../../../components/studio/scenario-outline";
import { checkScenario } from "../../../../scenarios/check-scenario";

afterEach(cleanup);

function checked(file: string) {
  const result = checkScenario(readFileSync(path.join(process.cwd(), "tests/fixtures/rules", file), "utf8"), file);
  return { scenario: result.scenario!, problems: result.problems };
}

const itemOf = (nodeId: string) => {
  const item = document.getElementById(outlineItemId(nodeId));
  if (!item) throw new Error(`no outline item for ${nodeId}`);
  return item;
};

describe("ScenarioOutline", () => {
  it("lists every node with its type, start, outcome and what the counterpart says", () => {
    const { scenario, problems } = checked("unreachable.scenario.yaml");
    render(<ScenarioOutline scenario={scenario} problems={problems} />);
    const nodes = within(screen.getByRole("list", { name: "Nodes" }));
    expect(nodes.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual([
      "Turn hello, start",
      "Ending orphan, outcome mixed",
      "Ending well, outcome connected",
      "Ending badly, outcome disengaged",
    ]);
    expect(within(itemOf("hello")).getByText(/Says: “Hi\. I'm not sure why I came\.”/)).toBeInTheDocument();
  });

  it("lists each choice with its kind, class and target, and selects the target", () => {
    const { scenario, problems } = checked("unreachable.scenario.yaml");
    const select = vi.fn();
    render(<ScenarioOutline scenario={scenario} problems={problems} onSelectNode={select} />);
    const choices = within(within(itemOf("hello")).getByRole("list", { name: "Choices" })).getAllByRole("listitem");
    expect(choices.map((c) => c.textContent)).toEqual([
      "Listening to (helpful): “Something brought you in, even if you're not sure what.” → go to well",
      "Advising (harmful): “You should join the Tuesday group.” → go to badly",
    ]);
    fireEvent.click(within(choices[1]!).getByRole("button", { name: "→ go to badly" }));
    expect(select).toHaveBeenLastCalledWith("badly");
    fireEvent.click(screen.getByRole("button", { name: "Ending well, outcome connected" }));
    expect(select).toHaveBeenLastCalledWith("well");
  });

  it("says the checker's findings at a node in words", () => {
    const { scenario, problems } = checked("unreachable.scenario.yaml");
    render(<ScenarioOutline scenario={scenario} problems={problems} />);
    const findings = within(itemOf("orphan")).getByRole("list", { name: "Checker findings" });
    expect(findings.textContent).toMatch(/^Unreachable \(error, unreachable\): node "orphan" is never reached/);
    expect(within(itemOf("hello")).queryByRole("list", { name: "Checker findings" })).toBeNull();
  });

  it("says a dead end, and a condition on a choice", () => {
    const { scenario, problems } = checked("choices-all-hidden.scenario.yaml");
    render(<ScenarioOutline scenario={scenario} problems={problems} />);
    const ask = within(itemOf("ask"));
    expect(ask.getByRole("list", { name: "Checker findings" }).textContent).toContain("Dead end (error, choices-all-hidden)");
    expect(ask.getAllByRole("listitem").some((li) => li.textContent?.startsWith("Validating (helpful), only when its condition holds"))).toBe(true);
  });

  it("marks the selected node as current", () => {
    const { scenario } = checked("unreachable.scenario.yaml");
    const { rerender } = render(<ScenarioOutline scenario={scenario} selectedNodeId="well" />);
    expect(itemOf("well")).toHaveAttribute("aria-current", "true");
    expect(itemOf("hello")).not.toHaveAttribute("aria-current");
    rerender(<ScenarioOutline scenario={scenario} selectedNodeId="hello" />);
    expect(itemOf("hello")).toHaveAttribute("aria-current", "true");
    expect(itemOf("well")).not.toHaveAttribute("aria-current");
  });
});
