import type { ReactNode } from "react";

/**
 * One part of an analytics page: a heading with its actions (a CSV link) beside it, what the
 * figures mean, then the figures. Kept whole on a printed page where it fits.
 */
export function Section({ id, title, actions, intro, children }: { id: string; title: string; actions?: ReactNode; intro?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="analytics-section space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <h2 id={id} className="text-xl font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {intro && <div className="max-w-prose space-y-1 text-sm text-stone-700">{intro}</div>}
      {children}
    </section>
  );
}
