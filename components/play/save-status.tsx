import type { SaveState } from "../../machines/play-lifecycle";
import { Button, ButtonLink } from "../ui/button";
import { Notice } from "../ui/notice";

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
  state: SaveState;
  /** The page to come back to after signing in again (the play page). */
  returnTo: string;
  /** False when the browser will not store the session, so leaving the page would lose what waits. */
  keptInBrowser: boolean;
  /** Sends what waits now (after signing in again in another tab). */
  onRetry: () => void;
}

/**
 * Whether the server has everything, announced politely to screen readers; when the sign-in has
 * expired, the ways to sign in again.
 *
 * Signing in again goes through the sign-in page in this tab and back to the play page: the
 * session and the waiting changes are both in the browser's storage, and the play page reopens
 * the same session from there and sends them, so nothing depends on this page staying open. Only
 * a browser that stores nothing needs this page kept: then sign-in opens in a new tab, and the
 * changes go when the trainee comes back here (the outbox tries again on focus) or presses Try
 * again, which also serves anyone who signed in in another tab of their own accord.
 */
export function SaveStatus({ state, returnTo, keptInBrowser, onRetry }: SaveStatusProps) {
  const tone = state.state === "offline" || state.state === "signed-out" ? "warning" : state.state === "refused" ? "error" : "plain";
  // The live region stays the same element whatever the state, so each change is announced; the
  // actions sit outside it, so they are not read out again with every count.
  return (
    <Notice tone={tone} as="div" className="mb-3" data-save-state={state.state}>
      <p role="status">{sentence(state, keptInBrowser)}</p>
      {state.state === "signed-out" && (
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
    </Notice>
  );
}
