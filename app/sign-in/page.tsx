import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "../../components/account/sign-in-form";
import { Notice } from "../../components/ui/notice";
import { hasAccounts } from "../../server/accounts";
import { mailConfigured } from "../../server/mail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

/** Where to go after signing in: a path on this site, never another site. */
function nextPath(next: string | string[] | undefined): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await hasAccounts())) redirect("/setup");
  const { next, password } = await searchParams;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {password === "set" && (
        <Notice tone="info" role="status" className="max-w-sm">
          Your password is set. Sign in with your email and the new password.
        </Notice>
      )}
      <SignInForm next={nextPath(next)} />
      {mailConfigured() ? (
        <p className="text-sm text-stone-700">
          <Link href="/forgot-password">Forgot your password?</Link> No account yet? Ask your program&apos;s administrator for a link.
        </p>
      ) : (
        <p className="text-sm text-stone-700">No account yet, or forgot your password? Ask your program&apos;s administrator for a link.</p>
      )}
    </div>
  );
}
