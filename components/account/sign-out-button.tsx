"use client";

import { useState } from "react";
import { requestJson } from "../api/request-json";

/** Signs out on this device and goes to the sign-in page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className="text-sm text-stone-700 hover:underline"
      onClick={() => {
        setBusy(true);
        void requestJson("/api/auth/sign-out", "authAnswerSchema", { body: {} }).then(() => window.location.assign("/sign-in"));
      }}
    >
      Sign out
    </button>
  );
}
