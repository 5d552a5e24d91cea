import type { Metadata } from "next";
import { ChangePasswordForm } from "../../components/account/change-password-form";
import { MIN_PASSWORD_LENGTH } from "../../contracts/account-requests";
import { accountForPage } from "../../server/page-account";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account" };

/** The signed-in account: who it is, and changing its password. */
export default async function AccountPage() {
  const account = await accountForPage("/account");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p>
        Signed in as <strong>{account.name}</strong> ({account.email}).
      </p>
      <h2 className="text-xl font-semibold">Change your password</h2>
      <ChangePasswordForm minPasswordLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
