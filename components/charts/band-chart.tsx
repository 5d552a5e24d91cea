import { useId, type ReactNode } from "react";
import { ChartTable, type TableMode } from "./chart-table";
import { fillOf, Marker, PatternDef, seriesLook, YGridLines } from "./marks";
import { bandPath, labelledIndexes, linearScale, linePath, niceTicks, round } from "./scale";

/** One x position of a series: the median and the middle half (25th to 75th percentile) of the values there. */
export interface BandPoint {
  x: number;
  median: number;
  p25: number;
  p75: number;
  /** How many values the figures are of (sessions that reached the turn). */
  n: number;
}

export interface BandSeries {
  name: string;
  points: readonly BandPoint[];
}

export interface BandChartProps {
  caption: string;
  series: readonly BandSeries[];
  /** What x counts ("Turn"); the table's first column. */
  xLabel?: string;
  /** How an x value is said in the table (turn 0 is "Start", say). */
  xText?: (x: number) => string;
  yDomain?: readonly [number, number];
  table?: TableMode;
  note?: ReactNode;
}

/** A figure to one decimal at most: quantiles fall between whole meter values, but no finer than that is worth reading. */
const tenths = (v: number) => Math.round(v * 10) / 10;

const W = 340;
const H = 190;
const PAD = { l: 30, r: 12, t: 10, b: 30 };

/** The panel's x positions: every x of every series, once each, in order. */
export function xsOf(series: readonly BandSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
}

/** One series' band and median line, drawn against the shared axes. */
function Panel({ s, index, xs, yDomain, patternId }: { s: BandSeries; index: number; xs: number[]; yDomain: readonly [number, number]; patternId: string }) {
  const look = seriesLook(index);
  const x = linearScale([xs[0] ?? 0, xs[xs.length - 1] ?? 1], [PAD.l, W - PAD.r]);
  const y = linearScale(yDomain, [H - PAD.b, PAD.t]);
  const ticks = niceTicks(yDomain[0], yDomain[1], 4);
  const shownX = labelledIndexes(xs.length, W - PAD.l - PAD.r, 22);
  const pts = s.points;
  const upper = pts.map((p) => ({ x: x(p.x), y: y(p.p75) }));
  const lower = pts.map((p) => ({ x: x(p.x), y: y(p.p25) }));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" aria-hidden="true" focusable="false">
      <defs>
        <PatternDef id={patternId} pattern={look.band} colour={look.colour} />
      </defs>
      <YGridLines ticks={ticks} y={y} left={PAD.l} right={W - PAD.r} stroke="#d6d3d1" />
      {shownX.map((i) => (
        <text key={xs[i]} x={round(x(xs[i]!))} y={H - PAD.b + 14} fontSize="12" textAnchor="middle" fill="#44403c">
          {xs[i]}
        </text>
      ))}
      {pts.length > 1 ? (
        <path d={bandPath(upper, lower)} fill={fillOf(patternId, look.band, look.colour)} stroke={look.colour} strokeOpacity="0.5" strokeWidth="1" />
      ) : (
        pts.map((p) => <rect key={p.x} x={round(x(p.x)) - 5} y={round(y(p.p75))} width="10" height={Math.max(1, round(y(p.p25) - y(p.p75)))} fill={fillOf(patternId, look.band, look.colour)} stroke={look.colour} />)
      )}
      <path d={linePath(pts.map((p) => ({ x: x(p.x), y: y(p.median) })))} fill="none" stroke={look.colour} strokeWidth="2.5" strokeDasharray={look.dash} />
      {pts.length <= 40 && pts.map((p) => <Marker key={p.x} shape={look.marker} x={round(x(p.x))} y={round(y(p.median))} colour={look.colour} />)}
    </svg>
  );
}

/**
 * Per-turn medians with the middle half of the values as a shaded band, one small panel per
 * series on the same axes (two bands drawn over each other would hide each other); each panel's
 * band has a fill pattern of its own, so it reads in black and white. Fits a phone's width: the
 * panels stack there and sit side by side on wider screens.
 */
export function BandChart({ caption, series, xLabel = "Turn", xText = String, yDomain = [0, 100], table = "details", note }: BandChartProps) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const xs = xsOf(series);
  const at = (s: BandSeries, x: number) => s.points.find((p) => p.x === x);
  return (
    <figure className="chart space-y-2 break-inside-avoid" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm font-medium">
        {caption}
      </figcaption>
      {note && <p className="text-sm text-stone-700">{note}</p>}
      <div aria-hidden="true" className="grid max-w-4xl gap-4 sm:grid-cols-2">
        {series.map((s, i) => (
          <div key={s.name} className="min-w-0">
            <p className="text-sm">
              <span className="font-medium">{s.name}</span>: line the median, band the middle half ({seriesLook(i).dashName})
            </p>
            <Panel s={s} index={i} xs={xs} yDomain={yDomain} patternId={`${id}-band-${i}`} />
            <p className="text-center text-xs text-stone-700">{xLabel}</p>
          </div>
        ))}
      </div>
      <ChartTable
        mode={table}
        caption={caption}
        columns={[xLabel, "Sessions", ...series.flatMap((s) => [`${s.name} median`, `${s.name} middle half`])]}
        rows={xs.map((x) => {
          const n = Math.max(0, ...series.map((s) => at(s, x)?.n ?? 0));
          return {
            key: String(x),
            cells: [
              xText(x),
              n,
              ...series.flatMap((s) => {
                const p = at(s, x);
                return p ? [tenths(p.median), `${tenths(p.p25)} to ${tenths(p.p75)}`] : ["none", "none"];
              }),
            ],
          };
        })}
      />
    </figure>
  );
}
