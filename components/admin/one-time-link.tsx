"use client";

import { useId, useRef, useState } from "react";
import { Button } from "../ui/button";

/** When a link stops working, in words: the day and time in the reader's own zone. */
function until(expiresAt: string): string {
  return new Date(expiresAt).toLocaleString(undefined, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
}

/**
 * A one-time set-password link to hand over: shown in a read-only field with a Copy button. Where
 * the clipboard cannot be written (an older browser, a page not served over HTTPS), the link is
 * selected instead for the administrator to copy by hand.
 */
export function OneTimeLink({
  url,
  expiresAt,
  hours,
  name,
  mailedTo = null,
}: {
  url: string;
  expiresAt: string;
  hours: number;
  name: string;
  /** The address the server also mailed it to, when it sends mail. */
  mailedTo?: string | null;
}) {
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const [copied, setCopied] = useState<"copied" | "select" | undefined>();
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopied("select");
    }
  };
  return (
    <div className="space-y-2 rounded border border-brand-600 bg-brand-50 p-3">
      <label htmlFor={id} className="block font-medium">
        Set-password link for {name}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          ref={field}
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-hint`}
          className="min-w-0 flex-1 rounded border border-stone-400 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button variant="primary" onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      <p id={`${id}-hint`} className="text-sm text-stone-700">
        {mailedTo ? `It was also mailed to ${mailedTo}; if it does not arrive, give it to ${name} yourself.` : `Give this link to ${name} yourself (by message or in person).`} It works once, for {hours} hours (until {until(expiresAt)}). Anyone who has it can set
        the password, so do not post it where others can see it.
      </p>
      <p role="status" className="text-sm font-medium">
        {copied === "copied" ? "Copied." : copied === "select" ? "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it." : ""}
      </p>
    </div>
  );
}
