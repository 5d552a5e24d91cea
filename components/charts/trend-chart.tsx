import { useId, type ReactNode } from "react";
import { ChartTable, type TableMode } from "./chart-table";
import { figure } from "./format";
import { LegendSwatch, Marker, seriesLook, YGridLines } from "./marks";
import { distinctLabels, labelledIndexes, linearScale, linePath, niceTicks, round, runsOf } from "./scale";

export interface TrendSeries {
  name: string;
  /** One value per point of the chart, in order; null where there is none (no questions asked, say). */
  values: readonly (number | null)[];
  /** Which of the series looks to draw it with (marks.tsx `SERIES_LOOKS`); its position by default. */
  look?: number;
}

export interface TrendReference {
  value: number;
  /** Drawn on the line ("good 2 : 1"). */
  label: string;
}

export interface TrendChartProps {
  caption: string;
  /** The x positions in time order, each named (a session's date): evenly spaced, so sessions on one day stay apart. */
  points: readonly { key: string; label: string }[];
  series: readonly TrendSeries[];
  /** The y axis; left out, from 0 to the largest value or reference, rounded up. */
  yDomain?: readonly [number, number];
  /** Thresholds drawn as thin dashed lines across (MITI's fair and good, say). */
  references?: readonly TrendReference[];
  /** Decimals in the table. */
  digits?: number;
  /** The table's first column heading. */
  xLabel?: string;
  table?: TableMode;
  note?: ReactNode;
}

/** Up to this many points, every value has its marker. */
const MARKERS_UP_TO = 60;

/** Whether the value at `i` has no neighbour to make a line with, so only its marker shows it. */
const lone = (values: readonly (number | null)[], i: number) => (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null;

const W = 360;
const H = 170;
const PAD = { l: 32, r: 12, t: 10, b: 28 };

/** The y axis a trend is drawn on: from 0 to the largest of its values and references, up to a round tick. */
export function trendDomain(series: readonly TrendSeries[], references: readonly TrendReference[] = []): [number, number] {
  const top = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)), ...references.map((r) => r.value));
  if (top === 0) return [0, 1];
  const ticks = niceTicks(0, top, 4);
  const last = ticks[ticks.length - 1]!;
  return [0, last >= top ? last : last + (ticks[1]! - ticks[0]!)];
}

/**
 * Values per session over time, small: one line per series with its own dash and markers, and
 * dashed reference lines with their labels. Sessions are spaced evenly in their order (time
 * order, oldest first); the first and last dates name the axis.
 */
export function TrendChart({ caption, points, series, yDomain, references = [], digits = 0, xLabel = "Session", table = "details", note }: TrendChartProps) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const domain = yDomain ?? trendDomain(series, references);
  const x = linearScale([0, Math.max(1, points.length - 1)], [PAD.l + 6, W - PAD.r - 6]);
  const y = linearScale(domain, [H - PAD.b, PAD.t]);
  const ticks = niceTicks(domain[0], domain[1], 4);
  // The first label is drawn from its point rightwards and the others centred on theirs, so two
  // neighbours need one and a half label widths between them (about 7 units a character at 12).
  const longest = Math.max(0, ...points.map((p) => p.label.length));
  const shownX = distinctLabels(
    labelledIndexes(points.length, W - PAD.l - PAD.r, Math.max(48, Math.ceil(longest * 7 * 1.5) + 8)),
    points.map((p) => p.label),
  );
  return (
    <figure className="chart space-y-2 break-inside-avoid" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm font-medium">
        {caption}
      </figcaption>
      {note && <p className="text-sm text-stone-700">{note}</p>}
      <p aria-hidden="true" className="flex flex-wrap gap-x-4 text-sm">
        {series.map((s, i) => (
          <span key={s.name}>
            <LegendSwatch look={seriesLook(s.look ?? i)} />
            {s.name}
          </span>
        ))}
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-xl" aria-hidden="true" focusable="false">
        <YGridLines ticks={ticks} y={y} left={PAD.l} right={W - PAD.r} stroke="#e7e5e4" />
        {references.map((r) => (
          <g key={r.label}>
            <line x1={PAD.l} x2={W - PAD.r} y1={round(y(r.value))} y2={round(y(r.value))} stroke="#44403c" strokeWidth="1" strokeDasharray="3 3" />
            <text x={W - PAD.r} y={round(y(r.value)) - 3} fontSize="10" textAnchor="end" fill="#44403c">
              {r.label}
            </text>
          </g>
        ))}
        {shownX.map((i) => (
          <text
            key={points[i]!.key}
            x={round(x(i))}
            y={H - PAD.b + 15}
            fontSize="12"
            textAnchor={points.length > 1 && i === 0 ? "start" : points.length > 1 && i === points.length - 1 ? "end" : "middle"}
            fill="#44403c"
          >
            {points[i]!.label}
          </text>
        ))}
        {series.map((s, si) => {
          const look = seriesLook(s.look ?? si);
          return (
            <g key={s.name}>
              {runsOf(s.values).map((run) => (
                <path
                  key={run.start}
                  d={linePath(run.values.map((v, k) => ({ x: x(run.start + k), y: y(v) })))}
                  fill="none"
                  stroke={look.colour}
                  strokeWidth="2"
                  strokeDasharray={look.dash}
                />
              ))}
              {/* Past a few dozen sessions the markers would run together; the line says it. A lone value always has its marker. */}
              {s.values.map((v, i) => (v === null || (points.length > MARKERS_UP_TO && !lone(s.values, i)) ? null : <Marker key={i} shape={look.marker} x={round(x(i))} y={round(y(v))} colour={look.colour} />))}
            </g>
          );
        })}
      </svg>
      <ChartTable
        mode={table}
        caption={caption}
        columns={[xLabel, ...series.map((s) => s.name)]}
        rows={points.map((p, i) => ({ key: p.key, cells: [p.label, ...series.map((s) => figure(s.values[i], digits))] }))}
      />
    </figure>
  );
}
