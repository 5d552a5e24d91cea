/**
 * The counterpart's portrait: their initials in a coloured circle. The colour comes from the name
 * alone, so the same person looks the same on every visit and in every scenario, and every colour
 * of the set carries white text at a contrast of at least 4.5 : 1.
 */

/**
 * Deep shades (Tailwind's 700s and 800s) that white initials read on at 4.5 : 1 or more: the class
 * that paints each (a class, as the page's policy applies no `style` attribute) and its colour.
 */
export const PORTRAIT_COLOURS = [
  { className: "bg-brand-700", hex: "#175a4e" },
  { className: "bg-indigo-700", hex: "#4338ca" },
  { className: "bg-pink-800", hex: "#9d174d" },
  { className: "bg-amber-800", hex: "#92400e" },
  { className: "bg-teal-700", hex: "#0f766e" },
  { className: "bg-purple-700", hex: "#7e22ce" },
  { className: "bg-rose-700", hex: "#be123c" },
  { className: "bg-blue-700", hex: "#1d4ed8" },
  { className: "bg-green-800", hex: "#166534" },
  { className: "bg-fuchsia-800", hex: "#86198f" },
  { className: "bg-orange-800", hex: "#9a3412" },
  { className: "bg-sky-800", hex: "#075985" },
  { className: "bg-stone-600", hex: "#57534e" },
] as const;

export type PortraitColour = (typeof PORTRAIT_COLOURS)[number];

/** Up to two initials: the first letters of the first and last words ("Marisol" → "M", "Dana Reyes" → "DR"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (words.length === 0) return "?";
  const first = (w: string) => [...w.replace(/^[^\p{L}\p{N}]+/u, "")][0]?.toLocaleUpperCase() ?? "";
  return words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words[words.length - 1]!);
}

/** The colour of a name's portrait: FNV-1a of the name, into the set. */
export function portraitColour(name: string): PortraitColour {
  let h = 0x811c9dc5;
  for (const ch of name.trim().toLocaleLowerCase()) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PORTRAIT_COLOURS[h % PORTRAIT_COLOURS.length]!;
}

const SIZES = {
  sm: "h-8 w-8 text-xs",
  md: "h-12 w-12 text-base",
  lg: "h-16 w-16 text-xl",
} as const;

/** The portrait; decorative, as the name is always written beside it. */
export function Portrait({ name, size = "md", className }: { name: string; size?: keyof typeof SIZES; className?: string }) {
  return (
    <span
      aria-hidden="true"
      data-portrait={initialsOf(name)}
      className={[
        "inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold tracking-wide text-white",
        portraitColour(name).className,
        SIZES[size],
        className,
      ]
        .filter(Boolean)
        .join(" ")}
    >
      {initialsOf(name)}
    </span>
  );
}
