/**
 * The door to administration: the people, cohort and audit routes and the /admin pages are for
 * administrators only (server/access.ts `mayManagePeople`). An API request from anyone else is
 * refused with a sentence (401 before signing in, 403 after); a page answers not found, so its
 * existence is not confirmed.
 */
import type { Kysely } from "kysely";
import { notFound } from "next/navigation";
import { PERSON_ID } from "../contracts/people-requests";
import { mayManagePeople } from "./access";
import { requireAccount, type Account } from "./accounts";
import type { Database } from "./db/database";
import { getStore } from "./open-store";
import { accountForPage } from "./page-account";
import { ServiceError } from "./service-error";
import { unavailableReason } from "./store-errors";

/** The signed-in administrator making an API request; `doing` finishes "only administrators can …". */
export async function requireAdmin(request: Request, doing: string): Promise<Account> {
  const account = await requireAccount(request);
  if (!mayManagePeople(account)) throw new ServiceError(403, `only administrators can ${doing}`);
  return account;
}

/** The signed-in administrator viewing a page at `path`; a signed-out visitor is sent to sign in, anyone else gets not found. */
export async function adminForPage(path: string): Promise<Account> {
  const account = await accountForPage(path);
  if (!mayManagePeople(account)) notFound();
  return account;
}

/** An account or cohort id from a route's path; one that cannot be an id is a 404 without touching storage. */
export function checkRecordId(id: string, what: "account" | "cohort"): string {
  if (!PERSON_ID.test(id)) throw new ServiceError(404, `no ${what} "${id.slice(0, 80)}"`);
  return id;
}

/**
 * What an administration page shows, loaded for the signed-in administrator; when the database
 * cannot be used, the reason instead (the page says it rather than failing). A signed-out visitor
 * is sent to sign in and anyone else gets not found, as with adminForPage.
 */
export async function loadAdminPage<T>(
  path: string,
  load: (account: Account, db: Kysely<Database>) => Promise<T>,
): Promise<{ account: Account; data: T; unavailable?: undefined } | { unavailable: string }> {
  try {
    const account = await adminForPage(path);
    const { db } = await (await getStore()).database();
    return { account, data: await load(account, db) };
  } catch (e) {
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return { unavailable };
  }
}
