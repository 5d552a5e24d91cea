// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { FilterSelect, labelled } from "../../../../components/ui/filter-select";

afterEach(cleanup);

describe("a filter select", () => {
  it("offers Any first, then each value by its label, and shows the value chosen", () => {
    render(<FilterSelect label="Mode" name="mode" value="assessment" options={labelled(["practice", "assessment"] as const, { practice: "Practice", assessment: "Assessment" })} />);
    const select = screen.getByLabelText("Mode") as HTMLSelectElement;
    expect(select.name).toBe("mode");
    expect(within(select).getAllByRole("option").map((o) => [(o as HTMLOptionElement).value, o.textContent])).toEqual([
      ["", "Any"],
      ["practice", "Practice"],
      ["assessment", "Assessment"],
    ]);
    expect(select.value).toBe("assessment");
  });

  it("leaves the filter out when nothing is chosen, under the word given for none", () => {
    render(<FilterSelect label="Cohort" name="cohort" value={undefined} any="All your cohorts" options={[{ value: "c1", label: "Spring" }]} />);
    const select = screen.getByLabelText("Cohort") as HTMLSelectElement;
    expect(select.value).toBe("");
    expect(select.selectedOptions[0]?.textContent).toBe("All your cohorts");
  });
});
