/**
 * Who may do what with a practice session, decided from the signed-in account and the session
 * alone. Every route handler and page asks here (through the session service); nothing is
 * allowed only because a button was hidden.
 *
 * Until cohorts exist, a supervisor or trainer sees only their own sessions, like a trainee;
 * an administrator sees every session, including those stored before accounts existed.
 */
import type { Account } from "./accounts";
import type { SessionRow } from "./store";

const isAdmin = (account: Account) => account.roles.includes("admin");

/** Whether the account may read the session (its transcript, detail and exports). */
export function mayRead(account: Account, session: Pick<SessionRow, "userId">): boolean {
  return isAdmin(account) || (session.userId !== null && session.userId === account.id);
}

/** Whether the account may play the session on (choose, take back, end): only its owner. */
export function mayPlay(account: Account, session: Pick<SessionRow, "userId">): boolean {
  return session.userId !== null && session.userId === account.id;
}

/** Whether the account may comment on the session and mark it reviewed. */
export function mayReview(account: Account, session: Pick<SessionRow, "userId">): boolean {
  return isAdmin(account) && mayRead(account, session);
}

/** Whether the account may list every session rather than only its own. */
export function mayListAll(account: Account): boolean {
  return isAdmin(account);
}
