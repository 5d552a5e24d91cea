/** Where an account stands, in words and a tint: active, deactivated, or invited without a password yet. */
export function PersonStatus({ active, passwordSet }: { active: boolean; passwordSet: boolean }) {
  const [text, tint] = !active
    ? ["Deactivated", "border-stone-400 bg-stone-100 text-stone-800"]
    : !passwordSet
      ? ["Invited, no password yet", "border-amber-400 bg-amber-50 text-amber-900"]
      : ["Active", "border-brand-600 bg-brand-50 text-brand-800"];
  return <span className={`inline-block rounded border px-1.5 text-xs leading-5 whitespace-nowrap ${tint}`}>{text}</span>;
}
