import type { Debrief } from "../../machines/debrief";
import { METER_MAX, METER_MIN } from "./meanings";

const W = 320;
const H = 160;
const PAD = { l: 28, r: 8, t: 8, b: 22 };

/**
 * Where a meter reached the top or the bottom of its range, in a sentence: a line that runs flat
 * along 100 is a meter that could go no higher, not responses that stopped helping. Null when
 * neither meter got there.
 */
export function meterEdgesNote(series: Debrief["series"]): string | null {
  const parts: string[] = [];
  for (const key of ["rapport", "mutuality"] as const) {
    for (const edge of [METER_MAX, METER_MIN]) {
      const at = series.find((p) => p[key] === edge);
      if (at) parts.push(`${key} reached ${edge} ${at.turn === 0 ? "at the start" : `at turn ${at.turn}`}`);
    }
  }
  if (parts.length === 0) return null;
  const said = parts.join("; ");
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}. The meters stop at ${METER_MIN} and ${METER_MAX}, so a line running flat along an edge is a meter that could go no further there.`;
}

/** Both meters per turn as an SVG line chart, with the same figures in a table for screen readers. */
export function MeterChart({ series }: { series: Debrief["series"] }) {
  const edges = meterEdgesNote(series);
  const last = Math.max(1, series.length - 1);
  const x = (i: number) => PAD.l + (i / last) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + (1 - v / 100) * (H - PAD.t - PAD.b);
  const line = (k: "rapport" | "mutuality") => series.map((p, i) => `${x(i)},${y(p[k])}`).join(" ");
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-xl" aria-hidden="true" focusable="false">
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} stroke="#d6d3d1" strokeWidth="1" />
            <text x={PAD.l - 4} y={y(v) + 3} fontSize="9" textAnchor="end" fill="#57534e">
              {v}
            </text>
          </g>
        ))}
        {series.map((p, i) => (
          <text key={p.turn} x={x(i)} y={H - 6} fontSize="9" textAnchor="middle" fill="#57534e">
            {p.turn}
          </text>
        ))}
        <polyline points={line("rapport")} fill="none" stroke="#1f6f61" strokeWidth="2.5" />
        <polyline points={line("mutuality")} fill="none" stroke="#4f46e5" strokeWidth="2.5" strokeDasharray="5 3" />
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-1 w-5 align-middle bg-brand-600" />
          Rapport
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-1 w-5 align-middle border-t-2 border-dashed border-indigo-600" />
          Mutuality (dashed)
        </span>
        <span className="text-stone-600">by turn (0 = start)</span>
      </figcaption>
      {edges && (
        <p className="text-sm text-stone-700" data-meter-edges>
          {edges}
        </p>
      )}
      <table className="sr-only">
        <caption>Meters after each turn</caption>
        <thead>
          <tr>
            <th scope="col">Turn</th>
            <th scope="col">Rapport</th>
            <th scope="col">Mutuality</th>
          </tr>
        </thead>
        <tbody>
          {series.map((p) => (
            <tr key={p.turn}>
              <th scope="row">{p.turn === 0 ? "Start" : p.turn}</th>
              <td>{p.rapport}</td>
              <td>{p.mutuality}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
