"use client";

import { Button } from "../ui/button";

/** Opens the browser's print dialog (to print, or save as PDF). */
export function PrintButton() {
  return (
    <Button variant="primary" size="sm" onClick={() => window.print()}>
      Print
    </Button>
  );
}
