import type { SaveState } from "../../machines/play-lifecycle";
import { Button, ButtonLink } from "../ui/button";

const changes = (n: number) => `${n} ${n === 1 ? "change is" : "changes are"}`;

function sentence(state: SaveState, keptInBrowser: boolean): string {
  switch (state.state) {
    case "saved":
      return "All changes saved";
    case "saving":
      return "Saving…";
    case "offline":
      return `Offline: ${changes(state.waiting)} kept in this browser and will be sent when the connection returns`;
    case "signed-out":
      return keptInBrowser
        ? `Your sign-in has expired. ${changes(state.waiting)} kept in this browser and will be sent once you sign in again.`
        : `Your sign-in has expired. ${changes(state.waiting)} kept on this page only, as this browser is not saving the session: sign in again in a new tab, then come back here.`;
    case "refused":
      return `The server did not accept a change: ${state.message}`;
  }
}

export interface SaveStatusProps {
  /** What the outbox last reported; null before its first report. */
  state: SaveState | null;
  /** The page to come back to after signing in again (the play page). */
  returnTo: string;
  /** False when the browser will not store the session, so leaving the page would lose what waits. */
  keptInBrowser: boolean;
  /** Sends what waits now (after signing in again in another tab). */
  onRetry: () => void;
  /** For layout only. */
  className?: string;
  /** For layout only, in place of `className` while the indicator is a notice. */
  loudClassName?: string;
}

/** The states a trainee must know about at once: something is kept back or was refused. */
const LOUD: Record<SaveState["state"], string | null> = {
  saved: null,
  saving: null,
  offline: "border-amber-300 bg-amber-50 text-stone-900",
  "signed-out": "border-amber-300 bg-amber-50 text-stone-900",
  refused: "border-red-300 bg-red-50 text-stone-900",
};

/**
 * Whether the server has everything, announced politely to screen readers; quiet while all is
 * well ("Saved", "Saving…", in small grey type), a full-width notice when changes wait or were
 * refused; when the sign-in has expired, the ways to sign in again.
 *
 * Signing in again goes through the sign-in page in this tab and back to the play page: the
 * session and the waiting changes are both in the browser's storage, and the play page reopens
 * the same session from there and sends them, so nothing depends on this page staying open. Only
 * a browser that stores nothing needs this page kept: then sign-in opens in a new tab, and the
 * changes go when the trainee comes back here (the outbox tries again on focus) or presses Try
 * again, which also serves anyone who signed in in another tab of their own accord.
 */
export function SaveStatus({ state, returnTo, keptInBrowser, onRetry, className, loudClassName = className }: SaveStatusProps) {
  const loud = state ? LOUD[state.state] : null;
  // The live region stays the same element whatever the state, so each change is announced; the
  // actions sit outside it, so they are not read out again with every count.
  return (
    <div
      data-save-state={state?.state}
      className={[loud ? `rounded-lg border px-3 py-2 text-sm ${loud}` : "text-xs text-stone-600", loud ? loudClassName : className].filter(Boolean).join(" ")}
    >
      {/* Quiet, it keeps its one line of height before the first report, so nothing moves when it comes. */}
      <p role="status" className={loud ? "font-medium" : "flex min-h-4 items-center gap-1 whitespace-nowrap"}>
        {state === null ? null : state.state === "saved" ? (
          <>
            <span aria-hidden="true" className="text-emerald-700">
              ✓
            </span>
            <span className="sr-only">All changes saved</span>
            <span aria-hidden="true">Saved</span>
          </>
        ) : state.state === "saving" ? (
          <>
            <span aria-hidden="true" className="inline-block h-1.5 w-1.5 rounded-full bg-stone-400 motion-safe:animate-pulse" />
            Saving…
          </>
        ) : (
          sentence(state, keptInBrowser)
        )}
      </p>
      {state?.state === "signed-out" && (
        <div className="mt-2 flex flex-wrap gap-2">
          {keptInBrowser ? (
            <ButtonLink variant="primary" size="sm" href={`/sign-in?next=${encodeURIComponent(returnTo)}`}>
              Sign in again
            </ButtonLink>
          ) : (
            <ButtonLink variant="primary" size="sm" href="/sign-in" target="_blank" rel="noopener">
              Sign in again in a new tab
            </ButtonLink>
          )}
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        </div>
      )}
    </div>
  );
}
