/**
 * How the charts tell series and categories apart without colour: each has a colour, and also a
 * line dash, a point marker and a fill pattern, so a chart printed in black and white, or read by
 * someone who does not see the colours, still says which is which (the caption names each).
 */
import { round } from "./scale";

/** A fill that prints: SVG fills are drawn in print, unlike CSS backgrounds. */
export type FillPattern = "solid" | "hatch" | "back-hatch" | "dots" | "cross" | "open";

export type MarkerShape = "circle" | "square" | "triangle" | "diamond";

export interface SeriesLook {
  colour: string;
  /** `stroke-dasharray`, or undefined for a solid line. */
  dash?: string;
  /** How the dash is said in a legend. */
  dashName: string;
  marker: MarkerShape;
  band: FillPattern;
}

/**
 * The looks of a chart's series, in order: the first two are the meters' own colours (rapport in
 * the brand green, mutuality in indigo, as on the play page), so a meter keeps its colour on every chart.
 */
export const SERIES_LOOKS: readonly SeriesLook[] = [
  { colour: "#1f6f61", dashName: "solid line, circles", marker: "circle", band: "hatch" },
  { colour: "#4f46e5", dash: "6 4", dashName: "dashed line, squares", marker: "square", band: "back-hatch" },
  { colour: "#b45309", dash: "2 3", dashName: "dotted line, triangles", marker: "triangle", band: "dots" },
  { colour: "#57534e", dash: "10 3 2 3", dashName: "dash-dot line, diamonds", marker: "diamond", band: "cross" },
];

export const seriesLook = (i: number): SeriesLook => SERIES_LOOKS[i % SERIES_LOOKS.length]!;

/** A category's colour and fill in a bar chart. */
export type BarTone = "helpful" | "neutral" | "harmful" | "connected" | "mixed" | "disengaged" | "unfinished" | "plain";

/**
 * The bar tones: the emerald, stone and amber the debrief and the studio's graph use for helpful,
 * neutral and harmful kinds and for the outcomes, each with a pattern of its own.
 */
export const BAR_TONES: Record<BarTone, { colour: string; pattern: FillPattern }> = {
  helpful: { colour: "#059669", pattern: "solid" },
  neutral: { colour: "#78716c", pattern: "dots" },
  harmful: { colour: "#b45309", pattern: "hatch" },
  connected: { colour: "#059669", pattern: "solid" },
  mixed: { colour: "#b45309", pattern: "back-hatch" },
  disengaged: { colour: "#be123c", pattern: "cross" },
  unfinished: { colour: "#57534e", pattern: "open" },
  plain: { colour: "#1f6f61", pattern: "solid" },
};

/** The `<pattern>` for a fill (none for solid and open fills, which need none); reference it as `url(#id)`. */
export function PatternDef({ id, pattern, colour }: { id: string; pattern: FillPattern; colour: string }) {
  switch (pattern) {
    case "hatch":
    case "back-hatch":
      return (
        <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform={`rotate(${pattern === "hatch" ? 45 : -45})`}>
          <rect width="6" height="6" fill={colour} fillOpacity="0.15" />
          <line x1="0" y1="0" x2="0" y2="6" stroke={colour} strokeWidth="2.5" />
        </pattern>
      );
    case "dots":
      return (
        <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill={colour} fillOpacity="0.15" />
          <circle cx="2.5" cy="2.5" r="1.4" fill={colour} />
        </pattern>
      );
    case "cross":
      return (
        <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={colour} fillOpacity="0.15" />
          <line x1="0" y1="0" x2="0" y2="6" stroke={colour} strokeWidth="1.5" />
          <line x1="0" y1="0" x2="6" y2="0" stroke={colour} strokeWidth="1.5" />
        </pattern>
      );
    default:
      return null;
  }
}

/** The `fill` attribute for a pattern defined by `PatternDef` with the same id. */
export function fillOf(id: string, pattern: FillPattern, colour: string): string {
  if (pattern === "solid") return colour;
  if (pattern === "open") return "white";
  return `url(#${id})`;
}

/** A point marker centred on (x, y). */
export function Marker({ shape, x, y, colour, size = 3.5 }: { shape: MarkerShape; x: number; y: number; colour: string; size?: number }) {
  const s = size;
  switch (shape) {
    case "circle":
      return <circle cx={x} cy={y} r={s} fill={colour} />;
    case "square":
      return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={colour} />;
    case "triangle":
      return <polygon points={`${x},${y - s * 1.2} ${x + s * 1.1},${y + s * 0.8} ${x - s * 1.1},${y + s * 0.8}`} fill={colour} />;
    case "diamond":
      return <polygon points={`${x},${y - s * 1.3} ${x + s * 1.1},${y} ${x},${y + s * 1.3} ${x - s * 1.1},${y}`} fill={colour} />;
  }
}

/** A tiny drawing of a series' line and marker for a legend. */
export function LegendSwatch({ look }: { look: SeriesLook }) {
  return (
    <svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true" focusable="false" className="mr-1 inline-block align-middle">
      <line x1="1" x2="27" y1="5" y2="5" stroke={look.colour} strokeWidth="2" strokeDasharray={look.dash} />
      <Marker shape={look.marker} x={14} y={5} colour={look.colour} size={3} />
    </svg>
  );
}

/** Horizontal grid lines across the plot from `left` to `right`, each with its value at the left. */
export function YGridLines({ ticks, y, left, right, stroke }: { ticks: readonly number[]; y: (v: number) => number; left: number; right: number; stroke: string }) {
  return (
    <>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={round(y(v))} y2={round(y(v))} stroke={stroke} strokeWidth="1" />
          <text x={left - 4} y={round(y(v)) + 3.5} fontSize="12" textAnchor="end" fill="#44403c">
            {v}
          </text>
        </g>
      ))}
    </>
  );
}
