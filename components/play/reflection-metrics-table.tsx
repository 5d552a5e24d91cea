import { MITI_THRESHOLDS, type Band, type ReflectionMetrics } from "../../machines/debrief";

const bandText = (b: Band | null) => (b === null ? "not enough to tell" : b);

/**
 * Reflections to questions and the share of complex reflections beside MITI's fair and good
 * thresholds: one trainee's in the debrief, a cohort's pooled on the analytics page.
 */
export function ReflectionMetricsTable({ metrics: m, who, caption }: { metrics: ReflectionMetrics; who: string; caption?: string }) {
  return (
    <table className="w-full text-left text-sm">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr className="border-b border-stone-300">
          <th scope="col" className="py-1">
            Measure
          </th>
          <th scope="col">{who}</th>
          <th scope="col">Fair</th>
          <th scope="col">Good</th>
          <th scope="col">Level</th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-b border-stone-200">
          <th scope="row" className="py-1 font-normal">
            Reflections to questions ({m.reflections} : {m.questions})
          </th>
          <td>{m.ratio !== null ? `${m.ratio.toFixed(1)} : 1` : m.reflections > 0 ? "reflections, no questions" : "none yet"}</td>
          <td>{MITI_THRESHOLDS.reflectionToQuestion.fair} : 1</td>
          <td>{MITI_THRESHOLDS.reflectionToQuestion.good} : 1</td>
          <td>{bandText(m.ratioBand)}</td>
        </tr>
        <tr>
          <th scope="row" className="py-1 font-normal">
            Complex reflections ({m.complex} of {m.reflections})
          </th>
          <td>{m.percentComplex === null ? "no reflections" : `${m.percentComplex}%`}</td>
          <td>{MITI_THRESHOLDS.percentComplex.fair}%</td>
          <td>{MITI_THRESHOLDS.percentComplex.good}%</td>
          <td>{bandText(m.percentComplexBand)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** What the thresholds are worth, said under every table of them. */
export const MITI_NOTE =
  "Thresholds from MITI 4.2.1, which sets them by expert opinion rather than normative data; read them as a rough guide, especially in peer support, where there is often no change goal.";
