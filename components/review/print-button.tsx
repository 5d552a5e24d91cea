"use client";

import { Button } from "../ui/button";

/** Opens the browser's print dialog; the page's print rules leave out navigation and buttons. */
export function PrintButton() {
  return (
    <Button variant="secondary" size="sm" onClick={() => window.print()}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className="mr-1.5 inline-block h-4 w-4 align-[-3px]" fill="currentColor">
        <path d="M5 2h10v4H5zM3 7h14a2 2 0 0 1 2 2v5h-3v4H4v-4H1V9a2 2 0 0 1 2-2zm3 6v3h8v-3zm9-4a1 1 0 1 0 0 2 1 1 0 0 0 0-2z" />
      </svg>
      Print
    </Button>
  );
}
