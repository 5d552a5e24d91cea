/** The door to the studio's pages: trainers and administrators; a signed-out visitor signs in, anyone else gets not found. */
import { notFound } from "next/navigation";
import { mayAuthor } from "./access";
import type { Account } from "./accounts";
import { accountForPage } from "./page-account";

/** The signed-in author viewing a studio page at `path`. */
export async function authorForPage(path: string): Promise<Account> {
  const account = await accountForPage(path);
  if (!mayAuthor(account)) notFound();
  return account;
}
