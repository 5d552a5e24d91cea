import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { SignOutButton } from "../components/account/sign-out-button";
import { isAdmin, isStaff, mayAuthor, mayManagePeople } from "../server/access";
import { signedInAccount, type Account } from "../server/accounts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Peer Practice", template: "%s · Peer Practice" },
  description: "Practise peer-support conversations: connection, rapport and mutuality.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Who is signed in, for the header; nobody when that cannot be told (the page itself says why the database cannot be used). */
async function headerAccount(): Promise<Account | null> {
  try {
    return await signedInAccount(await headers());
  } catch {
    return null;
  }
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const account = await headerAccount();
  return (
    <html lang="en">
      <body className="group/page min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        {/* A page meant for print (a cohort report) shows no site navigation: it marks itself with data-print-page. */}
        <header className="border-b border-stone-200 bg-white group-has-[[data-print-page]]/page:hidden">
          <nav aria-label="Main" className="mx-auto flex max-w-3xl flex-wrap group-has-[[data-wide]]/page:max-w-[96rem] items-center gap-x-4 gap-y-1 whitespace-nowrap px-4 py-3">
            <Link href="/" className="font-semibold text-brand-800 no-underline hover:underline">
              Peer Practice
            </Link>
            <Link href="/" className="text-sm text-stone-700 hover:underline">
              Scenario library
            </Link>
            <Link href="/sessions" className="text-sm text-stone-700 hover:underline">
              Sessions
            </Link>
            {account && account.roles.includes("trainee") && (
              <Link href={`/people/${encodeURIComponent(account.id)}`} className="text-sm text-stone-700 hover:underline">
                My progress
              </Link>
            )}
            {account && (isStaff(account) || isAdmin(account)) && (
              <Link href="/cohorts" className="text-sm text-stone-700 hover:underline">
                Cohorts
              </Link>
            )}
            {account && mayAuthor(account) && (
              <Link href="/studio" className="text-sm text-stone-700 hover:underline">
                Studio
              </Link>
            )}
            {account && mayManagePeople(account) && (
              <Link href="/admin" className="text-sm text-stone-700 hover:underline">
                <span className="sm:hidden">Admin</span>
                <span className="hidden sm:inline">Administration</span>
              </Link>
            )}
            <span className="ml-auto flex items-center gap-3">
              {account ? (
                <>
                  <Link href="/account" className="text-sm text-stone-700 hover:underline">
                    <span className="sm:hidden">Account</span>
                    <span className="hidden sm:inline">{account.name}</span>
                  </Link>
                  <SignOutButton />
                </>
              ) : (
                <Link href="/sign-in" className="text-sm text-stone-700 hover:underline">
                  Sign in
                </Link>
              )}
            </span>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-3xl px-4 py-6 group-has-[[data-wide]]/page:max-w-[96rem]">
          {children}
        </main>
      </body>
    </html>
  );
}
