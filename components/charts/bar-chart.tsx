import { useId, type ReactNode } from "react";
import { ChartTable, type TableMode } from "./chart-table";
import { percentText, shareText } from "./format";
import { BAR_TONES, fillOf, PatternDef, type BarTone } from "./marks";

export interface BarDatum {
  /** A short stable key (a kind's id, an outcome). */
  key: string;
  label: string;
  count: number;
  /** Colour and fill; `plain` when the bars are all of one sort. */
  tone?: BarTone;
  /** Said after the label, in the drawing and the table (such as "harmful"). */
  note?: string;
}

export interface BarChartProps {
  /** What the chart shows, visible above it and the table's caption. */
  caption: string;
  data: readonly BarDatum[];
  /**
   * What each count is a share of. Given, bars are shares ("2 of 4, 50%") and run to the full
   * width at 100%; left out, they are counts, the longest bar the largest count.
   */
  total?: number;
  /** The table's first column heading. */
  labelHeading?: string;
  /** The heading of the count column ("Sessions", "Choices"). */
  countHeading?: string;
  table?: TableMode;
  /** Said under the caption (what the total is, say). */
  note?: ReactNode;
}

/** How long each bar is, as a fraction of the full width: its share of the total, or of the largest count. */
export function barFractions(data: readonly Pick<BarDatum, "count">[], total?: number): number[] {
  const of = total ?? Math.max(0, ...data.map((d) => d.count));
  return data.map((d) => (of > 0 ? Math.min(1, Math.max(0, d.count / of)) : 0));
}

/**
 * Horizontal bars, one row each: the label and figure as text (never scaled down, so they read at
 * any width), the bar drawn in SVG with its tone's fill pattern (SVG fills print, CSS backgrounds
 * do not). The drawing is hidden from screen readers; the table says the same.
 */
export function BarChart({ caption, data, total, labelHeading = "Category", countHeading = "Count", table = "details", note }: BarChartProps) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const fractions = barFractions(data, total);
  const valueText = (d: BarDatum) => (total === undefined ? String(d.count) : shareText(d.count, total));
  const label = (d: BarDatum) => (d.note ? `${d.label} (${d.note})` : d.label);
  return (
    <figure className="chart space-y-2 break-inside-avoid" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm font-medium">
        {caption}
      </figcaption>
      {note && <p className="text-sm text-stone-700">{note}</p>}
      <ul aria-hidden="true" className="max-w-xl space-y-1.5">
        {data.map((d, i) => {
          const tone = BAR_TONES[d.tone ?? "plain"];
          const patternId = `${id}-bar-${i}`;
          return (
            <li key={d.key} className="text-sm">
              <div className="flex flex-wrap justify-between gap-x-3">
                <span className="min-w-0 break-words">{label(d)}</span>
                <span className="tabular-nums text-stone-700">{valueText(d)}</span>
              </div>
              <svg width="100%" height="14" className="block" focusable="false">
                <defs>
                  <PatternDef id={patternId} pattern={tone.pattern} colour={tone.colour} />
                </defs>
                <rect x="0" y="0" width="100%" height="14" fill="#f5f5f4" stroke="#d6d3d1" />
                {fractions[i]! > 0 && (
                  <rect
                    data-bar=""
                    x="0.5"
                    y="0.5"
                    width={`${fractions[i]! * 100}%`}
                    height="13"
                    fill={fillOf(patternId, tone.pattern, tone.colour)}
                    stroke={tone.colour}
                    strokeWidth="1"
                  />
                )}
              </svg>
            </li>
          );
        })}
      </ul>
      <ChartTable
        mode={table}
        caption={caption}
        columns={total === undefined ? [labelHeading, countHeading] : [labelHeading, countHeading, "Share"]}
        rows={data.map((d) => ({
          key: d.key,
          cells: total === undefined ? [label(d), d.count] : [label(d), d.count, percentText(d.count, total)],
        }))}
      />
    </figure>
  );
}
