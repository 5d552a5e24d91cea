/**
 * Two small cookies that let the server draw the play page as the browser will show it, before
 * any script has run:
 *
 * - `pp-intro-seen`: the trainee has dismissed the "How this works" card or started a session, so
 *   the card is no longer shown first (it stays one click away);
 * - `pp-saved-<scenario id>`, on that scenario's play page only: this browser keeps a session of
 *   it for the account whose id is the value (`<account id>.<server session id>` when the server
 *   knows the session), so the page opens on that session as the server has it, or on "Loading
 *   your session…", rather than on the mode choice it would replace a moment later.
 *
 * They are hints only: the session itself is in the browser's storage (stored-session.ts), and a
 * wrong hint costs nothing more than a screen replaced once the page's script has read it.
 */

export const INTRO_SEEN_COOKIE = "pp-intro-seen";

/** The cookie that says this browser keeps a session of the scenario. */
export const savedHintCookie = (scenarioId: string) => `pp-saved-${scenarioId}`;

const YEAR = 60 * 60 * 24 * 365;

function setCookie(name: string, value: string, path: string, maxAge: number) {
  if (typeof document === "undefined") return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=${path}; Max-Age=${maxAge}; SameSite=Lax${secure}`;
}

/** Remembers that the trainee has seen how the simulator works. */
export function rememberIntroSeen() {
  setCookie(INTRO_SEEN_COOKIE, "1", "/play", YEAR);
}

/**
 * Says whether this browser keeps a session of the scenario for the account `owner` (its id), and
 * which server session it is when there is one.
 */
export function hintSavedSession(scenarioId: string, owner: string, kept: boolean, serverId?: string) {
  const path = `/play/${encodeURIComponent(scenarioId)}`;
  if (kept) setCookie(savedHintCookie(scenarioId), serverId ? `${owner}.${serverId}` : owner, path, YEAR);
  else setCookie(savedHintCookie(scenarioId), "", path, 0);
}

/**
 * What the saved-session cookie's value says for the signed-in account `owner`: whether this
 * browser keeps a session of the scenario for it, and the server session's id when given.
 */
export function readSavedHint(value: string | undefined, owner: string): { kept: boolean; serverId?: string } {
  if (value === undefined) return { kept: false };
  const dot = value.indexOf(".");
  const account = dot < 0 ? value : value.slice(0, dot);
  if (account !== owner) return { kept: false };
  const serverId = dot < 0 ? "" : value.slice(dot + 1);
  return serverId ? { kept: true, serverId } : { kept: true };
}
