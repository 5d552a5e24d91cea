"use client";

import Link from "next/link";

/** Catches whatever escapes a page, so a trainee sees a sentence and a way on, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p>This page could not be shown. Nothing you did in a session is lost: it is saved in this browser.</p>
      <div className="flex gap-3">
        <button type="button" onClick={reset} className="rounded bg-brand-700 px-4 py-2 text-white">
          Try again
        </button>
        <Link href="/" className="rounded border border-stone-300 px-4 py-2">
          Back to the library
        </Link>
      </div>
    </div>
  );
}
