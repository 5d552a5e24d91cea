// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { analyticsCsvHref, filterQuery, reportHref } from "../../../../components/analytics/analytics-links";
import { AnalyticsSections } from "../../../../components/analytics/analytics-sections";
import { filtersText } from "../../../../components/analytics/analytics-summary";
import { FilterForm } from "../../../../components/analytics/filter-form";
import { fakeAnalytics, HASH } from "./fake-analytics";

afterEach(cleanup);

const cells = (row: HTMLElement) => [...row.querySelectorAll("th, td")].map((c) => c.textContent);

describe("the analytics sections", () => {
  it("list each choice with the share of the sessions at its turn that took it, harmful ones marked", () => {
    render(<AnalyticsSections a={fakeAnalytics()} />);
    const table = screen.getByRole("table", { name: /^Choices at each turn/ });
    const rows = within(table).getAllByRole("row").filter((r) => r.querySelector("td"));
    expect(rows.map(cells)).toEqual([
      ["Choice good", "Listening to (helpful)", "2 of 4, 50%", "2", "2 (50%)"],
      ["Choice bad", "⚠ Judging (harmful)", "2 of 4, 50%", "2", "2 (50%)"],
      ["Choice good", "Validating (helpful)", "3 of 4, 75%", "3", "3 (75%)"],
      ["Choice bad", "⚠ Dominating (harmful)", "1 of 4, 25%", "1", "1 (25%)"],
    ]);
    // Each turn heads its group, with what is said there and how many sessions reached it.
    expect(within(table).getAllByRole("rowheader").filter((h) => h.getAttribute("scope") === "rowgroup").map((h) => h.textContent)).toEqual([
      "Turn one“A line.”Reached in 4 sessions",
      "Turn two“A line.”Reached in 4 sessions",
    ]);
  });

  it("show each pitfall with its share, the feedback trainees saw, and their notes linked to the transcript", () => {
    render(<AnalyticsSections a={fakeAnalytics()} />);
    const pitfalls = within(screen.getByRole("region", { name: "Most common pitfalls" })).getAllByRole("listitem").filter((li) => li.querySelector("h3"));
    expect(pitfalls).toHaveLength(2);
    expect(pitfalls[0]).toHaveTextContent("Judging (harmful) · taken in 2 of 4, 50% of the sessions that reached the turn");
    expect(pitfalls[0]).toHaveTextContent("This choice has no feedback of its own.");
    const second = pitfalls[1]!;
    expect(within(second).getByRole("heading", { name: "Pitfall 2: “Choice bad”" })).toBeInTheDocument();
    expect(second).toHaveTextContent("Taking over the conversation leaves them out of it.");
    expect(second).toHaveTextContent("“I wanted to move things on.” — Kit Lee,");
    expect(within(second).getByRole("link", { name: "turn 2 of their session (transcript)" })).toHaveAttribute("href", "/sessions/11111111-1111-4111-8111-111111111111");
    expect(second).toHaveTextContent("and 2 more notes.");
  });

  it("tabulate outcomes, meters and kinds beside their charts, and times in words", () => {
    render(<AnalyticsSections a={fakeAnalytics()} />);
    expect(within(screen.getByRole("table", { name: "Outcomes of the 4 sessions that reached an ending" })).getAllByRole("row").slice(1).map(cells)).toEqual([
      ["Connected", "3", "75%"],
      ["Mixed", "0", "0%"],
      ["Disengaged", "1", "25%"],
    ]);
    expect(within(screen.getByRole("table", { name: "Meters after each turn, across sessions" })).getAllByRole("row").slice(1).map(cells)).toEqual([
      ["Start", "4", "50", "50 to 50", "50", "50 to 50"],
      ["1", "4", "50", "42.5 to 60", "50", "46.3 to 55"],
      ["2", "4", "55", "47.5 to 65", "52.5", "45 to 60"],
    ]);
    expect(within(screen.getByRole("table", { name: "Time taken to choose at each turn" })).getAllByRole("row").slice(1).map(cells)).toEqual([
      ["one“A line.”", "4", "4 s", "3 s to 1 min 1 s"],
      ["two“A line.”", "4", "850 ms", "500 ms to 1 s"],
    ]);
    expect(screen.getByText("No session counted was abandoned.")).toBeInTheDocument();
  });

  it("link each table to its CSV with the filters applied", () => {
    render(<AnalyticsSections a={fakeAnalytics()} />);
    expect(screen.getByRole("link", { name: "Download CSV of the choices" })).toHaveAttribute("href", "/api/analytics/fake/choices.csv?cohort=c1&mode=practice");
    expect(screen.getByRole("link", { name: "Download CSV: reflections of the reflection metrics" })).toHaveAttribute("href", "/api/analytics/fake/reflections.csv?cohort=c1&mode=practice");
  });

  it("put the nodes in a table in place of the graph when there is none (the printable report)", () => {
    render(<AnalyticsSections a={fakeAnalytics()} />);
    const nodes = screen.getByRole("table", { name: "Nodes reached, with their visits, sessions and trainees" });
    expect(within(nodes).getAllByRole("row").slice(1).map(cells)).toEqual([
      ["one“A line.”", "Turn", "4", "4", "4"],
      ["two“A line.”", "Turn", "4", "4", "4"],
      ["well“Thanks.”", "Ending", "3", "3", "3"],
      ["badly", "Ending", "1", "1", "1"],
    ]);
  });
});

describe("the filters", () => {
  it("keep the applied filters in every link, in one order", () => {
    const f = { cohort: { id: "c1", name: "Spring" }, mode: "assessment" as const, from: "2031-03-01", to: "2031-04-01", version: HASH };
    expect(filterQuery(f)).toBe(`?cohort=c1&mode=assessment&from=2031-03-01&to=2031-04-01&version=${HASH}`);
    expect(filterQuery({ cohort: null, mode: null, from: null, to: null, version: null })).toBe("");
    expect(reportHref("a-b", f)).toMatch(/^\/analytics\/a-b\/report\?cohort=c1&/);
    expect(analyticsCsvHref("a-b", "nodes", { ...f, version: null, from: null, to: null })).toBe("/api/analytics/a-b/nodes.csv?cohort=c1&mode=assessment");
  });

  it("are said in words, the ones not set too", () => {
    expect(filtersText({ cohort: null, mode: null, from: null, to: null, version: null }, "All your cohorts")).toBe("All your cohorts · both modes · any date · every version");
    expect(filtersText({ cohort: { id: "c1", name: "Spring" }, mode: "practice", from: "2031-03-01", to: null, version: HASH }, "Every cohort")).toBe(
      `Cohort Spring · practice mode · started on 2031-03-01 or later · version ${HASH.slice(0, 12)}`,
    );
  });

  it("are a plain GET form to the page, showing what is applied and only the cohorts the viewer may see", () => {
    const a = fakeAnalytics();
    render(<FilterForm action="/analytics/fake" filters={a.filters} cohorts={a.cohorts} allCohorts="All your cohorts" versions={a.versions} />);
    const form = screen.getByRole("form", { name: "Filters" });
    expect(form).toHaveAttribute("method", "get");
    expect(form).toHaveAttribute("action", "/analytics/fake");
    const cohort = screen.getByLabelText("Cohort") as HTMLSelectElement;
    expect([...cohort.options].map((o) => o.textContent)).toEqual(["All your cohorts", "Spring", "Autumn"]);
    expect(cohort.value).toBe("c1");
    expect((screen.getByLabelText("Mode") as HTMLSelectElement).value).toBe("practice");
    expect([...(screen.getByLabelText("Version") as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      "Every version",
      `${HASH.slice(0, 12)} · A fake scenario (current) · 4 sessions`,
    ]);
    expect(screen.getByRole("link", { name: "Clear" })).toHaveAttribute("href", "/analytics/fake");
  });
});
