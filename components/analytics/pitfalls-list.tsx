import Link from "next/link";
import type { ChoiceStat, Pitfall } from "../../contracts/analytics-answers";
import { shareText } from "../charts/format";
import { kindLabel } from "./node-names";

/**
 * The harmful choices picked most often, each with its turn (what the counterpart said), how many
 * of the sessions at that turn took it, the feedback trainees saw after it, and their own notes
 * on why they chose it, each linked to its transcript.
 */
export function PitfallsList({ pitfalls, choices }: { pitfalls: readonly Pitfall[]; choices: readonly ChoiceStat[] }) {
  if (pitfalls.length === 0) return <p className="text-sm">No harmful choice was picked in the sessions counted.</p>;
  const reached = (p: Pitfall) => choices.find((c) => c.nodeId === p.nodeId && c.choiceId === p.choiceId)?.reached ?? Math.round(p.sessions / (p.share || 1));
  return (
    <ol className="grid items-start gap-3 lg:grid-cols-2 print:block print:space-y-3">
      {pitfalls.map((p, i) => (
        <li key={`${p.nodeId}/${p.choiceId}`} className="break-inside-avoid space-y-2 rounded border border-l-4 border-stone-200 border-l-amber-600 bg-white p-3">
          <h3 className="font-semibold">
            <span className="sr-only">Pitfall {i + 1}:</span> “{p.choiceText}”
          </h3>
          <p className="text-sm">
            <span aria-hidden="true">⚠ </span>
            {kindLabel(p.kind)} (harmful) · taken in <strong>{shareText(p.sessions, reached(p))}</strong> of the sessions that reached the turn
            {p.picks !== p.sessions && <> · {p.picks} picks</>}
          </p>
          <p className="text-sm text-stone-700">
            Turn <span className="font-mono text-xs">{p.nodeId}</span>
            {p.turnLines.length > 0 && <>: “{p.turnLines.join(" ")}”</>}
          </p>
          <div className="text-sm">
            <p className="font-medium">Feedback trainees saw (in practice mode)</p>
            <p className="text-stone-800">{p.feedback ?? "This choice has no feedback of its own."}</p>
          </div>
          {p.notes.length > 0 && (
            <div className="text-sm">
              <p className="font-medium">Trainees’ notes on why they chose it</p>
              <ul className="mt-1 space-y-1">
                {p.notes.map((n) => (
                  <li key={`${n.sessionId}/${n.turn}`} className="rounded bg-stone-100 px-2 py-1">
                    “{n.text}” <span className="text-stone-700">— {n.participant},</span>{" "}
                    <Link href={`/sessions/${n.sessionId}`} className="text-brand-700 underline">
                      turn {n.turn} of their session <span className="sr-only">(transcript)</span>
                    </Link>
                  </li>
                ))}
              </ul>
              {p.notesTotal > p.notes.length && (
                <p className="mt-1 text-stone-700">
                  and {p.notesTotal - p.notes.length} more {p.notesTotal - p.notes.length === 1 ? "note" : "notes"}.
                </p>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
