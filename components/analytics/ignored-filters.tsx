import { Notice } from "../ui/notice";

/** Values of the address that were left out, each in a sentence. */
export function Ignored({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <Notice as="section" tone="warning" aria-labelledby="ignored-heading">
      <h2 id="ignored-heading" className="font-medium">
        {problems.length === 1 ? "One filter was left out" : `${problems.length} filters were left out`}
      </h2>
      <ul className="mt-1 list-disc space-y-1 pl-5 break-words">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Notice>
  );
}
