import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * How a button (or a link that acts as one) looks:
 * - `primary`: the one main action of its place (start, submit, play again);
 * - `secondary`: the actions beside it (clear, back, pause, mark as reviewed);
 * - `quiet`: an action that reads as a link in running text;
 * - `option`: one of a set of answers to pick from, a card as wide as its column;
 * - `danger`: the main action of a place when it cannot be undone (erasing, deleting).
 * A disabled button of a boxed variant is greyed out, so it does not look like it would act.
 */
export type ButtonVariant = "primary" | "secondary" | "quiet" | "option" | "danger";

/** `md` stands alone; `sm` sits in a toolbar or in a row of small fields, as tall as they are. */
export type ButtonSize = "md" | "sm";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "rounded bg-brand-700 text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-700",
  secondary: "rounded border border-stone-300 bg-white hover:bg-stone-100 disabled:cursor-not-allowed disabled:bg-stone-100 disabled:text-stone-500",
  quiet: "text-brand-700 underline",
  option: "w-full rounded-lg border border-stone-300 bg-white p-3 text-left hover:border-brand-600 hover:bg-brand-50",
  danger: "rounded bg-red-700 text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-700",
};

// Only the boxed variants take a size: a quiet action follows the text around it, and an option
// pads evenly so a line of explanation can sit under its title.
const SIZES: Record<ButtonSize, string> = { md: "px-4 py-2", sm: "px-3 py-1 text-sm" };
const SIZED: ReadonlySet<ButtonVariant> = new Set(["primary", "secondary", "danger"]);

type Look = {
  variant: ButtonVariant;
  size?: ButtonSize;
  /**
   * For layout only (margins, width, flex). Two Tailwind classes for one property do not
   * override each other by their order in the attribute, so colours and padding stay here.
   */
  className?: string;
};

/** The class string of a variant, for the few elements that cannot be a `Button` or a `ButtonLink`. */
export function buttonClass(variant: ButtonVariant, size: ButtonSize = "md", className?: string): string {
  return [VARIANTS[variant], SIZED.has(variant) ? SIZES[size] : undefined, className].filter(Boolean).join(" ");
}

/** A button of one of the variants; `type` is "button" unless the caller says "submit". */
export function Button({ variant, size, className, type = "button", ...props }: Look & Omit<ComponentProps<"button">, "className">) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}

/** A next/link that looks like a button of one of the variants. */
export function ButtonLink({ variant, size, className, ...props }: Look & Omit<ComponentProps<typeof Link>, "className">) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}
