// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BandChart, xsOf } from "../../../../components/charts/band-chart";
import { BarChart, barFractions } from "../../../../components/charts/bar-chart";
import { TrendChart, trendDomain } from "../../../../components/charts/trend-chart";

afterEach(cleanup);

/** A table's body rows as the text of their cells. */
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));

describe("BarChart", () => {
  const outcomes = [
    { key: "connected", label: "Connected", count: 2, tone: "connected" as const },
    { key: "mixed", label: "Mixed", count: 1, tone: "mixed" as const },
    { key: "disengaged", label: "Disengaged", count: 1, tone: "disengaged" as const },
  ];

  it("has its caption in sight and its figures in a table named by it, the drawing hidden from screen readers", () => {
    const { container } = render(<BarChart caption="Outcomes of 4 sessions" data={outcomes} total={4} labelHeading="Outcome" countHeading="Sessions" />);
    expect(screen.getByRole("figure", { name: "Outcomes of 4 sessions" })).toBeVisible();
    const table = screen.getByRole("table", { name: "Outcomes of 4 sessions" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Outcome", "Sessions", "Share"]);
    expect(rowsOf(table)).toEqual([
      ["Connected", "2", "50%"],
      ["Mixed", "1", "25%"],
      ["Disengaged", "1", "25%"],
    ]);
    expect(container.querySelector("ul")).toHaveAttribute("aria-hidden", "true");
    // The drawing says each share with its counts, in text that is not scaled down.
    expect(container.querySelector("ul")).toHaveTextContent("Connected2 of 4, 50%");
  });

  it("draws shares against the total and counts against the largest count", () => {
    expect(barFractions([{ count: 2 }, { count: 1 }, { count: 0 }], 4)).toEqual([0.5, 0.25, 0]);
    expect(barFractions([{ count: 2 }, { count: 8 }])).toEqual([0.25, 1]);
    expect(barFractions([{ count: 0 }], 0)).toEqual([0]);
  });

  it("gives each bar the width of its share, with its tone's pattern", () => {
    const { container } = render(<BarChart caption="Outcomes" data={outcomes} total={4} />);
    const bars = [...container.querySelectorAll("li svg")].map((svg) => svg.querySelector("rect[data-bar]"));
    expect(bars.map((b) => b?.getAttribute("width"))).toEqual(["50%", "25%", "25%"]);
    // Connected is solid; mixed and disengaged are patterned, so they differ in black and white.
    expect(bars[0]?.getAttribute("fill")).toBe("#059669");
    expect(bars[1]?.getAttribute("fill")).toMatch(/^url\(#.+\)$/);
    expect(bars[2]?.getAttribute("fill")).not.toBe(bars[1]?.getAttribute("fill"));
  });

  it("lists counts without a share column when there is no total", () => {
    render(<BarChart caption="Responses" data={[{ key: "a", label: "Open question", note: "helpful", count: 3 }]} table="visible" />);
    expect(rowsOf(screen.getByRole("table", { name: "Responses" }))).toEqual([["Open question (helpful)", "3"]]);
  });

  it("folds its table under “Figures” by default, and keeps it for screen readers only when asked", () => {
    const { rerender } = render(<BarChart caption="Outcomes" data={outcomes} total={4} />);
    expect(screen.getByText("Figures").closest("details")).not.toHaveAttribute("open");
    rerender(<BarChart caption="Outcomes" data={outcomes} total={4} table="hidden" />);
    expect(screen.getByRole("table", { name: "Outcomes" })).toHaveClass("sr-only");
    expect(screen.queryByText("Figures")).toBeNull();
  });
});

describe("BandChart", () => {
  const series = [
    {
      name: "Rapport",
      points: [
        { x: 0, median: 50, p25: 50, p75: 50, n: 4 },
        { x: 1, median: 57.5, p25: 55, p75: 60, n: 4 },
        { x: 2, median: 62, p25: 48, p75: 70, n: 3 },
      ],
    },
    {
      name: "Mutuality",
      points: [
        { x: 0, median: 40, p25: 40, p75: 40, n: 4 },
        { x: 1, median: 42, p25: 40, p75: 45, n: 4 },
      ],
    },
  ];

  it("tabulates each turn's sessions, median and middle half of each series", () => {
    render(<BandChart caption="Meters by turn" series={series} xText={(x) => (x === 0 ? "Start" : String(x))} table="visible" />);
    const table = screen.getByRole("table", { name: "Meters by turn" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Turn",
      "Sessions",
      "Rapport median",
      "Rapport middle half",
      "Mutuality median",
      "Mutuality middle half",
    ]);
    expect(rowsOf(table)).toEqual([
      ["Start", "4", "50", "50 to 50", "40", "40 to 40"],
      ["1", "4", "57.5", "55 to 60", "42", "40 to 45"],
      ["2", "3", "62", "48 to 70", "none", "none"],
    ]);
  });

  it("draws one panel per series, each with a band of its own pattern and a median line", () => {
    const { container } = render(<BandChart caption="Meters by turn" series={series} />);
    const panels = container.querySelectorAll("svg");
    expect(panels).toHaveLength(2);
    const fills = [...panels].map((p) => p.querySelector("path")?.getAttribute("fill"));
    expect(fills[0]).toMatch(/^url\(#.+\)$/);
    expect(fills[1]).toMatch(/^url\(#.+\)$/);
    expect(fills[0]).not.toBe(fills[1]);
    for (const p of panels) expect(p.closest("[aria-hidden=true]")).not.toBeNull();
    // Each panel says which line and band is which in words.
    expect(screen.getByText(/line the median, band the middle half \(solid line, circles\)/)).toBeInTheDocument();
  });

  it("puts every x of every series on the axis once, in order", () => {
    expect(xsOf([{ name: "a", points: [{ x: 2, median: 0, p25: 0, p75: 0, n: 1 }] }, series[0]!])).toEqual([0, 1, 2]);
  });
});

describe("TrendChart", () => {
  const points = [
    { key: "s1", label: "3 Mar" },
    { key: "s2", label: "9 Mar" },
    { key: "s3", label: "12 Mar" },
  ];

  it("tabulates each session's values, saying where there is none", () => {
    render(
      <TrendChart
        caption="Reflections to questions per session"
        points={points}
        series={[{ name: "Reflections per question", values: [0.5, null, 2.25] }]}
        references={[{ value: 1, label: "fair 1 : 1" }, { value: 2, label: "good 2 : 1" }]}
        digits={1}
        table="visible"
      />,
    );
    expect(rowsOf(screen.getByRole("table", { name: "Reflections to questions per session" }))).toEqual([
      ["3 Mar", "0.5"],
      ["9 Mar", "none"],
      ["12 Mar", "2.3"],
    ]);
  });

  it("breaks its line where a value is missing and marks every value there is", () => {
    const { container } = render(<TrendChart caption="Ratio" points={points} series={[{ name: "Ratio", values: [0.5, null, 2.25] }]} />);
    const svg = container.querySelector("svg[viewBox='0 0 360 170']")!;
    expect(svg.querySelectorAll("path")).toHaveLength(2);
    expect(svg.querySelectorAll("circle")).toHaveLength(2);
  });

  it("keeps its date labels apart: one and a half label widths between neighbours", () => {
    // 50 sessions a week apart, each labelled with its date (10 characters).
    const dated = Array.from({ length: 50 }, (_, i) => ({ key: `s${i}`, label: new Date(Date.UTC(2025, 11, 1 + 7 * i)).toISOString().slice(0, 10) }));
    const { container } = render(<TrendChart caption="Dates" points={dated} series={[{ name: "v", values: dated.map((_, i) => i) }]} />);
    const labels = [...container.querySelectorAll("svg text")].filter((t) => /^\d{4}-\d\d-\d\d$/.test(t.textContent ?? ""));
    const xs = labels.map((t) => Number(t.getAttribute("x")));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(labels[0]!.textContent).toBe("2025-12-01");
    expect(labels.at(-1)!.textContent).toBe(dated.at(-1)!.label);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!, `${labels[i - 1]!.textContent} to ${labels[i]!.textContent}`).toBeGreaterThanOrEqual(10 * 7 * 1.5);
  });

  it("runs its axis from 0 to a round value above the largest value or reference", () => {
    expect(trendDomain([{ name: "a", values: [0.5, 2.25] }], [{ value: 2, label: "good" }])).toEqual([0, 2.5]);
    expect(trendDomain([{ name: "a", values: [73] }])).toEqual([0, 80]);
    expect(trendDomain([{ name: "a", values: [null] }])).toEqual([0, 1]);
  });
});
