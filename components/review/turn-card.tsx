import type { ExportedTurn } from "../../contracts/session-export";
import { CommentThread, type CommentView } from "./comment-thread";
import { signedDelta } from "./format";

/** A warning sign, beside the words that say what it warns of (never alone). */
export function WarningIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className={`inline-block shrink-0 ${className}`} fill="currentColor">
      <path d="M10 1.5a1.6 1.6 0 0 1 1.4.8l7.9 13.9a1.6 1.6 0 0 1-1.4 2.3H2.1A1.6 1.6 0 0 1 .7 16.2L8.6 2.3a1.6 1.6 0 0 1 1.4-.8zm-1 5.5v5h2V7zm0 7v2h2v-2z" />
    </svg>
  );
}

/** The mark on a turn whose response was of a harmful kind: an icon and the words, on a red ground. */
export function HarmfulMark() {
  return (
    <span className="inline-flex items-center gap-1 rounded border border-red-300 bg-red-50 px-2 py-0.5 text-sm font-semibold text-red-900">
      <WarningIcon />
      Harmful response
    </span>
  );
}

/** One meter's move at a turn: before → after, the change with its sign, and whether the meter stopped at its end. */
function MeterMove({ name, before, after, delta }: { name: string; before: number; after: number; delta: number }) {
  const clamped = before + delta !== after;
  return (
    <div className="flex flex-wrap items-center gap-x-2">
      <dt className="w-20 text-stone-700">{name}</dt>
      <dd className="flex items-center gap-2 tabular-nums">
        {/* Drawn with SVG attributes: the Content Security Policy allows no inline styles. */}
        <svg aria-hidden="true" focusable="false" viewBox="0 0 100 6" preserveAspectRatio="none" className="h-1.5 w-16 shrink-0 print:hidden">
          <rect width="100" height="6" rx="3" className="fill-stone-200" />
          <rect width={Math.max(0, Math.min(100, after))} height="6" rx="3" className="fill-stone-500" />
        </svg>
        <span>
          {before} → {after}{" "}
          <span className={delta < 0 ? "font-medium text-red-800" : delta > 0 ? "font-medium text-brand-800" : "text-stone-700"}>({signedDelta(delta)})</span>
          {clamped && <span className="text-stone-700"> · stopped at {after}</span>}
        </span>
      </dd>
    </div>
  );
}

/**
 * One turn of a transcript as a reviewer reads it: what the counterpart said, what the trainee
 * answered (under the trainee's name), their note on why, the response's kind (harmful ones
 * marked with an icon and words), both meters before and after, the time taken, the feedback,
 * the strongest option on offer when it was not the one chosen, and the comments on the turn.
 */
export function TurnCard({
  sessionId,
  turn,
  counterpart,
  participant,
  timeTaken,
  comments,
  canComment,
}: {
  sessionId: string;
  turn: ExportedTurn;
  counterpart: string;
  participant: string;
  /** How long the trainee took, written out. */
  timeTaken: string;
  comments: CommentView[];
  canComment: boolean;
}) {
  const harmful = turn.kind.effect === "harmful";
  const alt = turn.strongestAlternative;
  const headingId = `turn-${turn.number}`;
  return (
    <li
      aria-labelledby={headingId}
      className={`turn-card space-y-3 rounded-lg border bg-white p-4 ${harmful ? "border-red-300 border-l-4 border-l-red-700" : "border-stone-200"}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={headingId} className="text-lg font-semibold">
          Turn {turn.number}
        </h3>
        {harmful && <HarmfulMark />}
      </div>

      {turn.lines.length > 0 && (
        <div>
          <p className="text-xs font-semibold tracking-wide text-stone-600 uppercase">{counterpart}</p>
          <div className="mt-0.5 space-y-1 text-stone-800">
            {turn.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        </div>
      )}

      <div className="border-l-4 border-brand-600 pl-3">
        <p className="text-xs font-semibold tracking-wide text-brand-800 uppercase">{participant}</p>
        <p className="mt-0.5 whitespace-pre-line">{turn.choice.text}</p>
        {turn.note !== null && (
          // The trainee's own words, as text: line breaks kept, never markup.
          <p className="mt-1 whitespace-pre-line text-stone-800">
            <span className="font-medium">Why:</span> {turn.note}
          </p>
        )}
      </div>

      <div className="grid gap-2 text-sm sm:grid-cols-2">
        <p>
          <span className="text-stone-700">Kind: </span>
          <span className="font-medium">{turn.kind.label}</span>
          {turn.reflection && `, ${turn.reflection} reflection`} ({turn.kind.effect})
          <br />
          <span className="text-stone-700">Took {timeTaken}</span>
        </p>
        <dl className="space-y-0.5">
          <MeterMove name="Rapport" before={turn.before.rapport} after={turn.after.rapport} delta={turn.deltas.rapport} />
          <MeterMove name="Mutuality" before={turn.before.mutuality} after={turn.after.mutuality} delta={turn.deltas.mutuality} />
        </dl>
      </div>

      {turn.feedback && (
        <p className="text-sm text-stone-800">
          <span className="font-medium">Feedback: </span>
          {turn.feedback}
        </p>
      )}

      {alt && (
        <div className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          <p className="font-medium">Strongest option on offer</p>
          <p className="mt-0.5">“{alt.text}”</p>
          <p className="text-stone-700">
            {alt.kindLabel} · rapport {signedDelta(alt.deltas.rapport)}, mutuality {signedDelta(alt.deltas.mutuality)}
          </p>
        </div>
      )}

      <CommentThread sessionId={sessionId} turn={turn.number} comments={comments} canComment={canComment} />
    </li>
  );
}
