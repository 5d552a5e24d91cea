import { useId } from "react";
import { diffSummary, lineDiff, type DiffLine } from "./line-diff";

const LINE: Record<DiffLine["kind"], { row: string; sign: string; said: string }> = {
  added: { row: "bg-emerald-50 text-emerald-950", sign: "+", said: "Added: " },
  removed: { row: "bg-red-50 text-red-950", sign: "−", said: "Removed: " },
  same: { row: "text-stone-700", sign: " ", said: "" },
};

function Line({ line }: { line: DiffLine }) {
  const look = LINE[line.kind];
  const text = (
    <span className="whitespace-pre-wrap break-words">
      <span className="sr-only">{look.said}</span>
      {line.text === "" ? "\u200b" : line.text}
    </span>
  );
  return (
    <div className={`grid grid-cols-[2.75rem_2.75rem_1.25rem_1fr] ${look.row}`} data-kind={line.kind}>
      <span aria-hidden="true" className="select-none pr-2 text-right text-stone-500">
        {line.oldLine ?? ""}
      </span>
      <span aria-hidden="true" className="select-none pr-2 text-right text-stone-500">
        {line.newLine ?? ""}
      </span>
      <span aria-hidden="true" className="select-none text-center font-semibold">
        {look.sign}
      </span>
      {line.kind === "added" ? (
        <ins className="no-underline">{text}</ins>
      ) : line.kind === "removed" ? (
        <del className="no-underline">{text}</del>
      ) : (
        text
      )}
    </div>
  );
}

/**
 * The changes from one text to another as a unified line diff: added lines green with a +,
 * removed ones red with a −, a few unchanged lines around each change, and a sentence first
 * saying how many lines were added and removed (read before the lines by screen readers).
 */
export function VersionDiff({ before, after, label }: { before: string; after: string; label: string }) {
  const summaryId = useId();
  const diff = lineDiff(before, after);
  return (
    <div className="space-y-2">
      <p id={summaryId} className="font-medium">
        {diffSummary(diff)}
      </p>
      {diff.kind === "changed" && (
        <div role="group" aria-label={label} aria-describedby={summaryId} className="overflow-hidden rounded border border-stone-300 bg-white font-mono text-xs sm:text-sm">
          {diff.hunks.map((h) => (
            <div key={`${h.oldStart}-${h.newStart}`} className="border-t border-stone-200 first:border-t-0">
              <p className="bg-stone-100 px-2 py-0.5 font-sans text-xs text-stone-700">
                From line {h.oldStart} before, line {h.newStart} after
              </p>
              {h.lines.map((line, i) => (
                <Line key={i} line={line} />
              ))}
            </div>
          ))}
          {diff.hiddenLines > 0 && (
            <p className="border-t border-stone-200 bg-stone-100 px-2 py-1 font-sans text-sm text-stone-700">
              {diff.hiddenLines.toLocaleString("en-US")} more lines of changes are not shown; download both versions to compare them whole.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
