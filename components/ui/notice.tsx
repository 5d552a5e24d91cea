import type { HTMLAttributes } from "react";

/**
 * What a notice tells: `info` (resumed, taken back), `warning` (something was ignored or is at
 * risk), `error` (something failed), `plain` (a neutral state, such as an empty list).
 */
export type NoticeTone = "info" | "warning" | "error" | "plain";

const TONES: Record<NoticeTone, string> = {
  info: "border-sky-200 bg-sky-50",
  warning: "border-amber-300 bg-amber-50",
  error: "border-red-300 bg-red-50",
  plain: "border-stone-200 bg-white",
};

type NoticeProps = Omit<HTMLAttributes<HTMLElement>, "role"> & {
  tone: NoticeTone;
  /**
   * Left to the caller because it decides what a screen reader announces: `status` politely,
   * `alert` at once, `note` not at all; none for a box that is just part of the page.
   */
  role?: "status" | "alert" | "note";
  /** `div` or `section` when the notice holds a heading or a list. */
  as?: "p" | "div" | "section" | "aside";
};

/** A bordered box of one tone that tells the reader about the page's state. */
export function Notice({ tone, as: Tag = "p", className, ...props }: NoticeProps) {
  return <Tag className={["rounded border px-3 py-2 text-sm", TONES[tone], className].filter(Boolean).join(" ")} {...props} />;
}
