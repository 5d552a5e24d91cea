import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FirstAdminForm } from "../../components/account/first-admin-form";
import { MIN_PASSWORD_LENGTH } from "../../contracts/account-requests";
import { hasAccounts } from "../../server/accounts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up" };

/** On a new installation: the first administrator's account. Once any account exists, sign in instead. */
export default async function SetupPage() {
  if (await hasAccounts()) redirect("/sign-in");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Set up Peer Practice</h1>
      <p>
        This installation has no accounts yet. Make the first administrator&apos;s account: with it you can invite trainees,
        supervisors and trainers.
      </p>
      <FirstAdminForm minPasswordLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
