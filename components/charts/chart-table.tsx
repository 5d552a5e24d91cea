import type { ReactNode } from "react";

/**
 * Where a chart's table of figures goes. The drawing itself is hidden from screen readers, so the
 * table is what they read, always:
 * - `details`: folded under "Figures", for anyone who wants the exact numbers;
 * - `hidden`: for screen readers only, when the page already says the figures another way;
 * - `visible`: shown under the drawing, where the page wants the table in plain sight (and in print).
 */
export type TableMode = "details" | "hidden" | "visible";

export interface ChartTableProps {
  mode: TableMode;
  /** The table's caption: what its rows are. */
  caption: string;
  /** Column headings; the first column holds each row's heading. */
  columns: readonly string[];
  rows: readonly { key: string; cells: readonly ReactNode[] }[];
}

/** A chart's figures as a table: row headings in the first column, numbers right-aligned. */
export function ChartTable({ mode, caption, columns, rows }: ChartTableProps) {
  const table = (
    <table className={mode === "hidden" ? "sr-only" : "w-full text-left text-sm tabular-nums"}>
      <caption className={mode === "visible" ? "sr-only" : "py-1 text-left text-sm font-medium"}>{caption}</caption>
      <thead>
        <tr className="border-b border-stone-300">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={`py-1 pr-3 align-bottom ${i === 0 ? "" : "text-right"}`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-stone-200 align-top">
            {r.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="py-1 pr-3 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className="py-1 pr-3 text-right">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (mode === "details") {
    return (
      <details className="chart-figures text-sm">
        <summary className="cursor-pointer text-brand-700 underline">
          Figures<span className="sr-only">: {caption}</span>
        </summary>
        <div className="overflow-x-auto">{table}</div>
      </details>
    );
  }
  return mode === "visible" ? <div className="max-w-4xl overflow-x-auto">{table}</div> : table;
}
