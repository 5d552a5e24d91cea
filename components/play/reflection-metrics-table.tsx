import { MITI_THRESHOLDS, type Band, type ReflectionMetrics } from "../../machines/debrief";

const bandText = (b: Band | null) => (b === null ? "not enough to tell" : b);

interface Measure {
  /** What is measured, with the counts it comes from. */
  name: string;
  value: string;
  fair: string;
  good: string;
  level: string;
}

function measuresOf(m: ReflectionMetrics): Measure[] {
  const { reflectionToQuestion: rq, percentComplex: pc } = MITI_THRESHOLDS;
  return [
    {
      name: `Reflections to questions (${m.reflections} : ${m.questions})`,
      value: m.ratio !== null ? `${m.ratio.toFixed(1)} : 1` : m.reflections > 0 ? "reflections, no questions" : "none yet",
      fair: `${rq.fair} : 1`,
      good: `${rq.good} : 1`,
      level: bandText(m.ratioBand),
    },
    {
      name: `Complex reflections (${m.complex} of ${m.reflections})`,
      value: m.percentComplex === null ? "no reflections" : `${m.percentComplex}%`,
      fair: `${pc.fair}%`,
      good: `${pc.good}%`,
      level: bandText(m.percentComplexBand),
    },
  ];
}

const LEVEL_STYLE: Record<string, string> = {
  good: "bg-emerald-100 text-emerald-900",
  fair: "bg-sky-100 text-sky-900",
  "below fair": "bg-amber-100 text-amber-900",
};

/**
 * Reflections to questions and the share of complex reflections beside MITI's fair and good
 * thresholds: one trainee's in the debrief, a cohort's pooled on the analytics page. A table
 * where there is room for its five columns (32rem); in a narrower place, such as a phone, one
 * card per measure, so the figures never run into each other.
 */
export function ReflectionMetricsTable({ metrics: m, who, caption }: { metrics: ReflectionMetrics; who: string; caption?: string }) {
  const measures = measuresOf(m);
  return (
    <div className="@container">
      <table className="hidden w-full text-left text-sm @lg:table">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-1 pr-3">
              Measure
            </th>
            <th scope="col" className="pr-3">
              {who}
            </th>
            <th scope="col" className="pr-3">
              Fair
            </th>
            <th scope="col" className="pr-3">
              Good
            </th>
            <th scope="col">Level</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((r, i) => (
            <tr key={r.name} className={i < measures.length - 1 ? "border-b border-stone-200" : undefined}>
              <th scope="row" className="py-1 pr-3 font-normal">
                {r.name}
              </th>
              <td className="pr-3">{r.value}</td>
              <td className="pr-3">{r.fair}</td>
              <td className="pr-3">{r.good}</td>
              <td>{r.level}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-2 text-sm @lg:hidden" aria-label={caption ?? "Reflection metrics"}>
        {measures.map((r) => (
          <li key={r.name} className="rounded-lg border border-stone-200 bg-white p-3">
            <p className="font-medium">{r.name}</p>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              <dt className="text-stone-700">{who}</dt>
              <dd>
                {r.value}{" "}
                <span className={`ml-1 rounded px-1.5 py-0.5 text-xs font-medium ${LEVEL_STYLE[r.level] ?? "bg-stone-100 text-stone-800"}`}>{r.level}</span>
              </dd>
              <dt className="text-stone-700">MITI</dt>
              <dd>
                fair {r.fair}, good {r.good}
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the thresholds are worth, said under every table of them. */
export const MITI_NOTE =
  "Thresholds from MITI 4.2.1, which sets them by expert opinion rather than normative data; read them as a rough guide, especially in peer support, where there is often no change goal.";
