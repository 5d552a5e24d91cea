/** The signed-in account for a page; a signed-out visitor is sent to sign in and brought back. */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signedInAccount, type Account } from "./accounts";

/** The account viewing a page at `path`; redirects to /sign-in?next=<path> when nobody is signed in. */
export async function accountForPage(path: string): Promise<Account> {
  const account = await signedInAccount(await headers());
  if (!account) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return account;
}
