/**
 * What the library's search and family filter match, the same on the server (a plain GET form:
 * `/?q=…&family=…`) and in the browser (as you type). Pure, so both run the one rule; what each
 * scenario offers to it is made on the server (library-items.ts).
 */

/** One scenario as the filter sees it. */
export interface FilterItem {
  id: string;
  /** The families its skills belong to (scenarios/skills.ts). */
  families: string[];
  /** Its skills by the vocabulary's ids (an alias as the skill it stands for; an unknown skill as written). */
  skills: string[];
  /** Everything search looks in, already folded (see `fold`). */
  text: string;
}

/** The filters in force; empty strings for none. */
export interface LibraryFilters {
  q: string;
  family: string;
  skill: string;
}

/** The longest search taken from an address; anything longer is cut there. */
export const MAX_QUERY = 100;

/** Lower case without accents, so "resume" finds "résumé" and "Eli" finds "eli". */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

/** The words of a search, folded; hyphens count as spaces, so "active-listening" finds "Active listening". */
export function searchWords(q: string): string[] {
  return fold(q).replaceAll("-", " ").split(/\s+/).filter(Boolean);
}

/**
 * Whether a scenario is shown: every word of the search is in its text, it belongs to the family
 * (none: every scenario, with or without skills), and it practises the skill (none: any).
 */
export function matches(item: FilterItem, filters: LibraryFilters): boolean {
  if (filters.family && !item.families.includes(filters.family)) return false;
  if (filters.skill && !item.skills.includes(filters.skill)) return false;
  return searchWords(filters.q).every((w) => item.text.includes(w));
}

/** The library's address for these filters: `/` with only those in force. */
export function libraryHref(filters: LibraryFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.family) params.set("family", filters.family);
  if (filters.skill) params.set("skill", filters.skill);
  const query = params.toString();
  return query ? `/?${query}` : "/";
}
