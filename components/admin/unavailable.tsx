import { Notice } from "../ui/notice";

/** What an administration page says when the database cannot be used. */
export function Unavailable({ reason }: { reason: string }) {
  return (
    <Notice tone="error" role="alert">
      This page cannot be shown: the database cannot be used right now ({reason}). Try again in a moment.
    </Notice>
  );
}
