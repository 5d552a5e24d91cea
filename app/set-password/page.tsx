import type { Metadata } from "next";
import { SetPasswordForm } from "../../components/account/set-password-form";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../contracts/account-requests";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

/**
 * Where a one-time set-password link leads (`/set-password#token=…`). The token stays in the
 * browser until the form sends it in a request body; this page works signed out, and signed in
 * as anyone (it sets the password of the account the link was made for).
 */
export default function SetPasswordPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Set your password</h1>
      <p className="text-stone-700">Choose the password you will sign in with. The link you opened works once.</p>
      <SetPasswordForm minPasswordLength={MIN_PASSWORD_LENGTH} maxPasswordLength={MAX_PASSWORD_LENGTH} />
    </div>
  );
}
