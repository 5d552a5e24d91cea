"use client";

import { Button, ButtonLink } from "../components/ui/button";

/** Catches whatever escapes a page, so a trainee sees a sentence and a way on, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p>This page could not be shown. Nothing you did in a session is lost: it is saved in this browser.</p>
      <div className="flex gap-3">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        <ButtonLink variant="secondary" href="/">
          Back to the library
        </ButtonLink>
      </div>
    </div>
  );
}
