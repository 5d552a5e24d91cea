// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ReflectionMetricsTable } from "../../../../components/play/reflection-metrics-table";
import { metricsFromCounts } from "../../../../machines/debrief";

afterEach(cleanup);

const row = (name: RegExp) => screen.getByRole("row", { name });

describe("the reflection metrics table", () => {
  it("rates reflections with no questions good, and says why there is no ratio", () => {
    render(<ReflectionMetricsTable metrics={metricsFromCounts({ reflections: 4, simple: 3, complex: 1, questions: 0 })} who="You" />);
    expect(row(/Reflections to questions \(4 : 0\)/).textContent).toContain("reflections, no questions");
    expect(row(/Reflections to questions/).textContent).toMatch(/good$/);
    // The share counts the same 4 reflections: 1 of 4 = 25%.
    expect(row(/Complex reflections \(1 of 4\)/).textContent).toContain("25%");
    expect(row(/Complex reflections/).textContent).toMatch(/below fair$/);
  });

  it("has nothing to rate without reflections or questions", () => {
    render(<ReflectionMetricsTable metrics={metricsFromCounts({ reflections: 0, simple: 0, complex: 0, questions: 0 })} who="You" />);
    expect(row(/Reflections to questions/).textContent).toContain("none yet");
    expect(row(/Reflections to questions/).textContent).toMatch(/not enough to tell$/);
    expect(row(/Complex reflections \(0 of 0\)/).textContent).toContain("no reflections");
  });

  it("prints a ratio as so many to one", () => {
    render(<ReflectionMetricsTable metrics={metricsFromCounts({ reflections: 3, simple: 1, complex: 2, questions: 2 })} who="You" />);
    expect(row(/Reflections to questions \(3 : 2\)/).textContent).toContain("1.5 : 1");
    expect(row(/Reflections to questions/).textContent).toMatch(/fair$/);
  });
});

describe("the reflection metrics on a narrow screen", () => {
  it("lays each measure out as a card of its own, so no columns run into each other", () => {
    render(<ReflectionMetricsTable metrics={metricsFromCounts({ reflections: 3, simple: 1, complex: 2, questions: 2 })} who="You" />);
    // Both are written; CSS shows the table where there is room for its columns (32rem) and the cards elsewhere.
    expect(screen.getByRole("table")).toHaveClass("hidden", "@lg:table");
    const cards = screen.getByRole("list", { name: "Reflection metrics" });
    expect(cards).toHaveClass("@lg:hidden");
    const items = within(cards).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "Reflections to questions (3 : 2)You1.5 : 1 fairMITIfair 1 : 1, good 2 : 1",
      "Complex reflections (2 of 3)You67% goodMITIfair 40%, good 50%",
    ]);
  });
});
