/**
 * The arithmetic of the charts, apart from their markup so it can be tested on its own: linear
 * scales, round tick values, which axis labels fit, and the SVG paths of lines and bands.
 */

/** A function from a value of `domain` to a position in `range`; a domain of one value maps to the range's middle. */
export type Scale = (value: number) => number;

/** A linear scale from `domain` to `range` (either may run backwards, as a y axis does). */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  if (d0 === d1) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * About `count` round values (1, 2 or 5 times a power of ten apart) from `min` to `max`, the
 * ends included when they are round; a chart's gridlines and axis labels.
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const [lo, hi] = min < max ? [min, max] : [max, min];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest the raw one (on a log scale), as d3-array's ticks choose it.
  const err = raw / power;
  const step = (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.SQRT2 ? 2 : 1) * power;
  const ticks: number[] = [];
  // Rounded to the step's decimals, so 0.1 + 0.2 is shown as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toFixed(decimals)));
  return ticks;
}

/**
 * Which of `count` evenly spaced labels to draw so that no two are closer than `minGap` units on
 * a `width`-unit axis: every k-th from the first, and the last always (a chart names where it ends).
 */
export function labelledIndexes(count: number, width: number, minGap: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [0];
  const gap = width / (count - 1);
  const every = Math.max(1, Math.ceil(minGap / gap));
  const shown: number[] = [];
  for (let i = 0; i < count; i += every) shown.push(i);
  const last = count - 1;
  // The last label replaces a k-th one that would sit too close to it.
  if (shown[shown.length - 1] !== last) {
    if ((last - shown[shown.length - 1]!) * gap < minGap && shown.length > 1) shown.pop();
    shown.push(last);
  }
  return shown;
}

/** Of the labelled indexes, those whose label differs from the one kept before it (sessions of one day are named once). */
export function distinctLabels(indexes: readonly number[], labels: readonly string[]): number[] {
  const kept: number[] = [];
  for (const i of indexes) if (kept.length === 0 || labels[kept[kept.length - 1]!] !== labels[i]) kept.push(i);
  return kept;
}

export interface Point {
  x: number;
  y: number;
}

/** An SVG path through the points in order (`M x,y L x,y …`); empty for no points. */
export function linePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${round(p.x)},${round(p.y)}`).join(" ");
}

/**
 * An SVG path of the area between an upper and a lower line over the same x positions: along the
 * upper one, back along the lower one, closed. One point gives a vertical stroke's worth of area.
 */
export function bandPath(upper: readonly Point[], lower: readonly Point[]): string {
  if (upper.length === 0 || upper.length !== lower.length) return "";
  return `${linePath([...upper, ...[...lower].reverse()])} Z`;
}

/**
 * The polylines of a series with gaps: each run of points without a missing value is its own
 * line, so a session without a figure breaks the line rather than bridging it.
 */
export function runsOf<T>(values: readonly (T | null)[]): { start: number; values: T[] }[] {
  const runs: { start: number; values: T[] }[] = [];
  let current: { start: number; values: T[] } | undefined;
  values.forEach((v, i) => {
    if (v === null) {
      current = undefined;
      return;
    }
    if (!current) {
      current = { start: i, values: [] };
      runs.push(current);
    }
    current.values.push(v);
  });
  return runs;
}

/** Two decimals at most: SVG coordinates need no more, and the markup stays short. */
export const round = (v: number) => Math.round(v * 100) / 100;
