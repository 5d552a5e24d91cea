import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ForgotPasswordForm } from "../../components/account/forgot-password-form";
import { LINK_HOURS } from "../../server/auth";
import { mailConfigured } from "../../server/mail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Forgot your password?" };

/** Asking for a set-password link by email: only on a server that sends mail (otherwise an administrator hands links over). */
export default function ForgotPasswordPage() {
  if (!mailConfigured()) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="text-stone-700">Give the email your account uses, and we will send a link to set a new password.</p>
      <ForgotPasswordForm hours={LINK_HOURS} />
      <p className="text-sm">
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}
