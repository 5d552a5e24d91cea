"use client";

import { Fragment, useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { buttonClass } from "../ui/button";
import { libraryHref, matches, MAX_QUERY, type FilterItem, type LibraryFilters } from "./library-filter";

/** A family the filter offers, with how many scenarios it holds. */
export interface FamilyOption {
  id: string;
  label: string;
  count: number;
}

interface Props {
  /** Every playable scenario, in the order shown. */
  items: FilterItem[];
  /** Each scenario's card (rendered on the server), by id. */
  cards: Record<string, ReactNode>;
  /** The families at least one scenario belongs to, in the vocabulary's order. */
  families: FamilyOption[];
  /** The filters of the address the page was loaded at. */
  initial: LibraryFilters;
  /** The label of `initial.skill`, when there is one. */
  skillLabel: string | null;
  /** Made anew by each server render of the page: tells coming back to this render (Back) from a new visit. */
  render: string;
}

/** Where the filters of the page's latest render are kept for the tab, so Back finds them again. */
const KEPT = "peer-practice.library-filters";

function keptFilters(render: string): LibraryFilters | undefined {
  try {
    const kept = JSON.parse(window.sessionStorage.getItem(KEPT) ?? "null") as { render?: unknown; filters?: LibraryFilters } | null;
    return kept?.render === render && kept.filters ? kept.filters : undefined;
  } catch {
    return undefined; // No storage (a private window, say): Back shows the page as it was first loaded.
  }
}

function keepFilters(render: string, filters: LibraryFilters) {
  try {
    window.sessionStorage.setItem(KEPT, JSON.stringify({ render, filters }));
  } catch {
    // As above: nothing kept.
  }
}

const CHIP =
  "relative inline-flex shrink-0 cursor-pointer items-center gap-1.5 whitespace-nowrap rounded-full border border-stone-300 bg-white px-3 py-1 text-sm " +
  "hover:border-brand-600 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-700 has-[:checked]:text-white " +
  "has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 has-[:focus-visible]:outline-solid";

const scenarios = (n: number) => (n === 1 ? "1 scenario" : `${n} scenarios`);

/**
 * The library's search and family filter with the list they narrow. It is a plain GET form first:
 * without JavaScript (or before the page is ready) Search submits it and the server sends the list
 * already narrowed. Once the page is ready, the list narrows as you type or pick a family, and the
 * address follows, so a reload or a shared link shows the same.
 */
export function LibraryBrowser({ items, cards, families, initial, skillLabel, render }: Props) {
  const [q, setQ] = useState(initial.q);
  const [family, setFamily] = useState(initial.family);
  const [skill, setSkill] = useState(initial.skill);
  const form = useRef<HTMLFormElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const filters = { q, family, skill };
  const shown = items.filter((i) => matches(i, filters));
  const filtering = q.trim() !== "" || family !== "" || skill !== "";

  // Once the page is ready: what was typed or picked before is kept and acted on; coming back to
  // this render (Back from a scenario) brings back the filters it had. (The page gives this
  // component a key of its render, so a new visit starts it afresh from the address.)
  useEffect(() => {
    const data = form.current && new FormData(form.current);
    const typed = String(data?.get("q") ?? initial.q);
    const picked = String(data?.get("family") ?? initial.family);
    const kept = keptFilters(render);
    if (typed !== initial.q || picked !== initial.family) {
      setQ(typed);
      setFamily(picked);
    } else if (kept) {
      setQ(kept.q);
      setFamily(families.some((f) => f.id === kept.family) ? kept.family : "");
      setSkill(kept.skill === initial.skill ? kept.skill : "");
    }
  }, [initial, families, render]);

  // The address follows the filters (replaced, not pushed: typing is not a series of pages).
  const href = libraryHref(filters);
  useEffect(() => {
    keepFilters(render, { q, family, skill });
    if (window.location.pathname + window.location.search !== href) window.history.replaceState(null, "", href);
  }, [href, render, q, family, skill]);

  const clear = (e: MouseEvent) => {
    e.preventDefault();
    setQ("");
    setFamily("");
    setSkill("");
    search.current?.focus();
  };
  const removeSkill = (e: MouseEvent) => {
    e.preventDefault();
    setSkill("");
  };

  const familyLabel = families.find((f) => f.id === family)?.label;
  const what = [q.trim() && `for “${q.trim()}”`, familyLabel && `in ${familyLabel}`, skill && skillLabel && `practising ${skillLabel}`]
    .filter(Boolean)
    .join(" ");
  const status = !filtering
    ? scenarios(items.length)
    : shown.length === 0
      ? `No scenarios ${what}`
      : `${shown.length} of ${scenarios(items.length)} ${what}`;

  return (
    <div className="space-y-4">
      <form
        ref={form}
        role="search"
        aria-label="Scenarios"
        action="/"
        method="get"
        onSubmit={(e) => e.preventDefault()}
        className="space-y-3"
      >
        <div className="flex items-end gap-2">
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <label htmlFor="library-q" className="text-sm font-medium">
              Search scenarios
            </label>
            <input
              ref={search}
              id="library-q"
              type="search"
              name="q"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              maxLength={MAX_QUERY}
              placeholder="Title, person or skill"
              autoComplete="off"
              enterKeyHint="search"
              className="w-full rounded border border-stone-400 bg-white px-3 py-2"
            />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            Search
          </button>
        </div>
        {families.length > 0 && (
          <fieldset className="min-w-0">
            <legend className="sr-only sm:not-sr-only sm:mb-1 sm:text-sm sm:font-medium">Skill family</legend>
            {/* On a phone one row that scrolls sideways; on wider screens the chips wrap. */}
            <div className="-mx-4 flex gap-2 overflow-x-auto px-4 py-1.5 sm:mx-0 sm:flex-wrap sm:overflow-visible sm:px-0">
              {[{ id: "", label: "All", count: items.length }, ...families].map((f) => (
                <label key={f.id || "all"} className={CHIP}>
                  <input
                    type="radio"
                    name="family"
                    value={f.id}
                    checked={family === f.id}
                    onChange={() => setFamily(f.id)}
                    aria-label={`${f.label}, ${scenarios(f.count)}`}
                    className="sr-only"
                  />
                  {f.label}
                  <span className="text-xs opacity-75">{f.count}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {skill && skillLabel && (
          <p className="text-sm">
            <input type="hidden" name="skill" value={skill} />
            Only scenarios practising <strong>{skillLabel}</strong>.{" "}
            <a href={libraryHref({ ...filters, skill: "" })} onClick={removeSkill} className="text-brand-700 underline">
              Show every skill
            </a>
          </p>
        )}
      </form>

      <div id="scenario-list" tabIndex={-1} className="space-y-3 focus:outline-none">
        <p role="status" className="text-sm text-stone-700">
          {status}
        </p>
        {shown.length === 0 ? (
          <div className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center">
            <p className="font-medium">Nothing in the library matches.</p>
            <p className="mt-1 text-sm text-stone-700">Try fewer or other words, or another family.</p>
            <a href="/" onClick={clear} className={buttonClass("secondary", "md", "mt-3 inline-block")}>
              Clear the search and filters
            </a>
          </div>
        ) : (
          <ul className="space-y-4" aria-label={filtering ? "Matching scenarios" : "All scenarios"}>
            {shown.map((i) => (
              <Fragment key={i.id}>{cards[i.id]}</Fragment>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
