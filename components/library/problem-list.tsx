import type { Problem } from "../../scenarios/problem";

/** The problems of a scenario file, each with its line and column. */
export function ProblemList({ file, problems }: { file: string; problems: Problem[] }) {
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {problems.map((p, i) => (
        <li key={i} className="font-mono text-red-900 [overflow-wrap:anywhere]">
          <span className="sr-only">Problem: </span>
          {file}:{p.line}:{p.column} <span className="font-sans">{p.message}</span>
        </li>
      ))}
    </ul>
  );
}
