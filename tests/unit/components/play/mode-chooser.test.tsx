// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ModeChooser } from "../../../../components/play/mode-chooser";
import { fakeScenario } from "../../../fakes";

afterEach(cleanup);

const show = (assigned?: "practice" | "assessment" | null) => {
  const onStart = vi.fn();
  render(<ModeChooser scenario={fakeScenario()} participant="Robin" onStart={onStart} busy={false} notice={null} error={null} assigned={assigned} />);
  const modes = screen.getByRole("group", { name: "How do you want to play?" });
  const buttons = () => [...modes.querySelectorAll("button")];
  return { onStart, modes, buttons };
};

describe("the mode chooser", () => {
  it("offers practice, then assessment, when no assignment asks for a mode", () => {
    const { buttons, modes } = show();
    expect(buttons().map((b) => b.textContent)).toEqual([expect.stringMatching(/^Practice/), expect.stringMatching(/^Assessment/)]);
    expect(modes).not.toHaveTextContent("Your assignment asks");
    expect(document.activeElement).toBe(document.body);
  });

  it("puts the mode an assignment asks for first, marked and focused, and still lets the other be chosen", () => {
    const { buttons, modes, onStart } = show("assessment");
    expect(modes).toHaveTextContent("Your assignment asks for assessment mode: only a session played in that mode counts as done.");
    const [first, second] = buttons();
    expect(first).toHaveTextContent(/^AssessmentAssigned/);
    expect(first).toHaveFocus();
    expect(second).toHaveTextContent(/^Practice/);
    expect(second).not.toHaveTextContent("Assigned");
    fireEvent.click(screen.getByRole("button", { name: /^Assessment/ }));
    expect(onStart).toHaveBeenLastCalledWith("assessment", "Robin");
    fireEvent.click(screen.getByRole("button", { name: /^Practice/ }));
    expect(onStart).toHaveBeenLastCalledWith("practice", "Robin");
  });

  it("is a plain form back to the page with ?start=<mode>, so a click before the page's script runs still chooses", () => {
    const { modes } = show("assessment");
    const form = modes.closest("form")!;
    expect(form).toHaveAttribute("method", "get");
    expect(form).toHaveAttribute("action", "/play/fake");
    expect(screen.getByRole("button", { name: /^Practice/ })).toHaveAttribute("type", "submit");
    expect(new FormData(form, screen.getByRole("button", { name: /^Practice/ })).get("start")).toBe("practice");
    // The assignment's mode goes along, so the page still marks it.
    expect(new FormData(form).get("mode")).toBe("assessment");
  });
});
