/** What the library's filter reads of each scenario, and of the address; made on the server. */
import { familiesOf, familyOf, resolveSkills, skillOf } from "../../scenarios/skills";
import type { Scenario } from "../../scenarios/types";
import { fold, MAX_QUERY, type FilterItem, type LibraryFilters } from "./library-filter";

/** Title, summary, who the trainee talks with and plays, and every skill by label, id and other spellings. */
export function filterItem(scenario: Scenario): FilterItem {
  const skills = resolveSkills(scenario.skills);
  const skillWords = skills.flatMap((s) => [s.label, s.id, ...(skillOf(s.id)?.aliases ?? [])].map((w) => w.replaceAll("-", " ")));
  const text = [scenario.title, scenario.summary, scenario.roles.counterpart.name, scenario.roles.counterpart.description ?? "", scenario.roles.trainee, ...skillWords]
    .join("\n");
  return { id: scenario.id, families: familiesOf(scenario.skills), skills: skills.map((s) => s.id), text: fold(text) };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * The filters an address asks for: the search trimmed and cut at MAX_QUERY characters; a family
 * or skill the vocabulary does not know is left out (a skill named by another spelling becomes the
 * skill it stands for).
 */
export function readFilters(params: { q?: string | string[]; family?: string | string[]; skill?: string | string[] }): LibraryFilters {
  const q = first(params.q).trim().slice(0, MAX_QUERY);
  const family = familyOf(first(params.family)) ? first(params.family) : "";
  const skill = skillOf(first(params.skill))?.id ?? "";
  return { q, family, skill };
}

