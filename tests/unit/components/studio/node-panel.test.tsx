// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { draftTemplate } from "../../../../components/studio/draft-template";
import { NodePanel } from "../../../../components/studio/node-panel";
import { checkScenario } from "../../../../scenarios/check-scenario";

afterEach(cleanup);

const TEMPLATE = draftTemplate("first-meeting");

/** The panel as the draft page holds it: the text and the selected node in state, every edit kept. */
function renderPanel(nodeId: string | null, text = TEMPLATE) {
  const edits: string[] = [];
  const selected: string[] = [];
  function Page() {
    const [current, setCurrent] = useState(text);
    const [node, setNode] = useState(nodeId);
    return (
      <NodePanel
        text={current}
        nodeId={node}
        onEdit={(t) => {
          edits.push(t);
          setCurrent(t);
        }}
        onSelectNode={(id) => {
          selected.push(id);
          setNode(id);
        }}
      />
    );
  }
  render(<Page />);
  return { edits, selected, last: () => edits[edits.length - 1]! };
}

const choice = (n: number) => within(screen.getByRole("group", { name: new RegExp(`^Choice ${n}\\b`) }));

describe("NodePanel", () => {
  it("shows a turn's line and its choices as a form", () => {
    renderPanel("hello");
    expect(screen.getByRole("heading", { level: 2 })).toHaveAccessibleName("Turn hello, start");
    expect(screen.getByLabelText("What Sam says")).toHaveValue("(Sam sits on the edge of the chair.) I don't really know what I'm supposed to say here.");
    expect(choice(1).getByLabelText("What the trainee says")).toHaveValue("There's no right thing to say. What made you come today?");
    expect(choice(2).getByLabelText("Kind of response")).toHaveValue("reassuring");
    expect(choice(2).getByLabelText("Kind of response")).toHaveAccessibleDescription(
      "Reassuring: premature reassurance, cheerleading, brushing off. Harmful; by default -5 rapport, -5 mutuality.",
    );
    expect(choice(2).getByRole("option", { name: "Validating (+10 rapport, +5 mutuality): names a feeling or strength as real" })).toBeInTheDocument();
    expect(choice(2).getByLabelText("Rapport change")).toHaveAttribute("placeholder", "-5");
    expect(choice(2).getByLabelText("Leads to")).toHaveValue("what-brought-you");
  });

  it("changes a choice's kind and text, and each change answers the whole new text", () => {
    const { edits, last } = renderPanel("hello");
    fireEvent.change(choice(2).getByLabelText("Kind of response"), { target: { value: "validating" } });
    expect(edits).toHaveLength(1);
    expect(last()).toBe(TEMPLATE.replace("kind: reassuring", "kind: validating"));
    expect(choice(2).getByLabelText("Kind of response")).toHaveAccessibleDescription(/^Validating: names a feeling or strength as real\. Helpful; by default \+10 rapport, \+5 mutuality\.$/);

    const say = choice(2).getByLabelText("What the trainee says") as HTMLTextAreaElement;
    say.focus();
    fireEvent.change(say, { target: { value: "That sounds like a lot to walk in with." } });
    expect(last()).toBe(
      TEMPLATE.replace("kind: reassuring", "kind: validating").replace(
        `"Don't worry, everybody feels that way at first. You'll like it here."`,
        `"That sounds like a lot to walk in with."`,
      ),
    );
    // The same control, still focused, with what was typed: the text came back and the form followed it.
    expect(choice(2).getByLabelText("What the trainee says")).toBe(say);
    expect(document.activeElement).toBe(say);
    expect(say).toHaveValue("That sounds like a lot to walk in with.");
    expect(checkScenario(last()).scenario!.nodes.hello).toMatchObject({ choices: [{}, { kind: "validating", say: "That sounds like a lot to walk in with." }] });
  });

  it("sets and clears a delta, falling back to the kind's default", () => {
    const { last } = renderPanel("hello");
    const rapport = choice(1).getByLabelText("Rapport change");
    fireEvent.change(rapport, { target: { value: "7" } });
    expect(last()).toContain("        kind: open-question\n        rapport: 7\n        feedback:");
    fireEvent.change(rapport, { target: { value: "" } });
    expect(last()).toBe(TEMPLATE);
    fireEvent.change(rapport, { target: { value: "250" } });
    expect(last()).toBe(TEMPLATE);
    expect(rapport).toHaveAccessibleDescription("A whole number from -100 to 100");
  });

  it("adds, moves and removes choices", () => {
    const { last } = renderPanel("hello");
    fireEvent.click(screen.getByRole("button", { name: "Add a choice" }));
    expect(checkScenario(last()).scenario!.nodes.hello).toMatchObject({ choices: [{}, {}, { id: "choice-3", kind: "closed-question" }] });
    expect(document.activeElement).toBe(choice(3).getByLabelText("What the trainee says"));
    fireEvent.click(screen.getByRole("button", { name: "Move choice 3 up" }));
    expect(checkScenario(last()).scenario!.nodes.hello).toMatchObject({ choices: [{ id: "no-right-thing" }, { id: "choice-3" }, { id: "you-will-like-it" }] });
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move choice 2 up" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove choice 2" }));
    expect(last()).toBe(TEMPLATE);
  });

  it("makes a new ending from where a choice leads, and shows it", () => {
    const { last, selected } = renderPanel("what-brought-you");
    fireEvent.change(choice(1).getByLabelText("Leads to"), { target: { value: "\u0000new:ending" } });
    expect(selected).toEqual(["new-ending"]);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Ending new-ending");
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2 }));
    expect(checkScenario(last()).scenario!.nodes["what-brought-you"]).toMatchObject({ choices: [{ next: "new-ending" }, { next: "how-it-ends" }] });
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "connected" } });
    expect(checkScenario(last()).scenario!.nodes["new-ending"]).toMatchObject({ type: "ending", outcome: "connected" });
  });

  it("renames a node and everything that leads to it, and says why an id cannot be used", () => {
    const { last, selected } = renderPanel("how-it-ends");
    fireEvent.click(screen.getByText("Rename this node"));
    const input = screen.getByLabelText("New id");
    fireEvent.change(input, { target: { value: "Sam Stays" } });
    expect(input).toHaveAccessibleDescription(/^Cannot rename: an id is lowercase letters and digits/);
    fireEvent.change(input, { target: { value: "sam-stays" } });
    expect(input).toHaveAccessibleDescription('Cannot rename: "sam-stays" is already the id of another node.');
    fireEvent.click(screen.getByRole("button", { name: "Rename" }));
    expect(selected).toEqual([]);

    fireEvent.change(input, { target: { value: "after-the-talk" } });
    fireEvent.click(screen.getByRole("button", { name: "Rename" }));
    expect(last()).toBe(TEMPLATE.replaceAll("next: how-it-ends", "next: after-the-talk").replace("  how-it-ends:\n", "  after-the-talk:\n"));
    expect(selected).toEqual(["after-the-talk"]);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Branch after-the-talk");
  });

  it("edits a branch entry's condition and an ending's debrief", () => {
    const { last } = renderPanel("how-it-ends");
    const entry = within(screen.getByRole("group", { name: "Entry 1: when" }));
    fireEvent.change(entry.getByLabelText("Rapport: value"), { target: { value: "70" } });
    expect(last()).toBe(TEMPLATE.replace('rapport: ">= 65"', 'rapport: ">= 70"'));
    fireEvent.change(entry.getByLabelText("Mutuality: compared how"), { target: { value: "<" } });
    expect(last()).toContain('- when: { rapport: ">= 70", mutuality: "< 50" }');
    cleanup();

    const ending = renderPanel("sam-leaves");
    fireEvent.change(screen.getByLabelText("Debrief (optional)"), { target: { value: "" } });
    expect(ending.last()).toBe(TEMPLATE.replace(`      debrief: "Sam left feeling told rather than heard."\n`, ""));
  });

  it("explains a node that is not in the text, a text that does not read, and no selection", () => {
    renderPanel("gone");
    expect(screen.getByText(/There is no node/).textContent).toBe(
      "There is no node gone in the text: it may have been renamed or removed there. Select a node to change it here.",
    );
    cleanup();
    renderPanel("hello", "format: 1\nnodes: [\n");
    expect(screen.getByText(/The form is not available/).textContent).toMatch(/^The form is not available while the text cannot be read as a scenario: the YAML has a syntax error/);
    cleanup();
    renderPanel(null);
    expect(screen.getByText("Select a node in the graph or the outline to change it here.")).toBeInTheDocument();
  });

  it("refuses to remove the start, and removes another node after asking", () => {
    renderPanel("hello");
    expect(screen.getByText(/is where the scenario starts, so it cannot be removed/)).toBeInTheDocument();
    cleanup();
    const other = renderPanel("sam-is-polite");
    fireEvent.click(screen.getByRole("button", { name: "Remove this node…" }));
    expect(screen.getByRole("group", { name: "Remove this node?" }).textContent).toContain("One choice or entry leads here");
    fireEvent.click(screen.getByRole("button", { name: "Remove node" }));
    expect(other.last()).not.toContain("sam-is-polite:");
    expect(other.selected).toEqual(["how-it-ends"]);
  });
});
