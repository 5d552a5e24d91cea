"use client";
/**
 * Tabs for the studio's side panels (the WAI-ARIA tabs pattern): one tab stop for the row, arrow
 * keys, Home and End move between tabs and show them at once. A panel once shown stays mounted
 * and is hidden when another is chosen, so a graph keeps its layout and a playtest its place.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface PanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

export function PanelTabs({ tabs, selected, onSelect, label }: { tabs: readonly PanelTab[]; selected: string; onSelect(id: string): void; label: string }) {
  const base = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set([selected]));
  if (!shown.has(selected)) setShown(new Set([...shown, selected]));

  const move = (e: KeyboardEvent, index: number) => {
    const to = e.key === "ArrowRight" ? index + 1 : e.key === "ArrowLeft" ? index - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const tab = tabs[(to + tabs.length) % tabs.length]!;
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  };

  return (
    <div>
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-1 border-b border-stone-300">
        {tabs.map((t, i) => {
          const active = t.id === selected;
          return (
            <button
              key={t.id}
              ref={(el) => {
                if (el) buttons.current.set(t.id, el);
                else buttons.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-selected={active}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(t.id)}
              onKeyDown={(e) => move(e, i)}
              className={`-mb-px rounded-t border px-3 py-1.5 text-sm ${
                active ? "border-stone-300 border-b-white bg-white font-semibold text-stone-900" : "border-transparent text-stone-700 hover:bg-stone-100"
              }`}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      {tabs.map((t) =>
        shown.has(t.id) ? (
          <div
            key={t.id}
            role="tabpanel"
            id={`${base}-panel-${t.id}`}
            aria-labelledby={`${base}-tab-${t.id}`}
            hidden={t.id !== selected}
            tabIndex={0}
            className="pt-3 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {t.content}
          </div>
        ) : null,
      )}
    </div>
  );
}
