/** The library's search and family filter, as the server and the browser both run them, and the cards' time estimate. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fold, libraryHref, matches, searchWords, type LibraryFilters } from "../../../../components/library/library-filter";
import { filterItem, readFilters } from "../../../../components/library/library-items";
import { lengthLine, minutesFor } from "../../../../components/library/time-estimate";
import { parseScenario } from "../../../../scenarios/parse";
import type { Scenario } from "../../../../scenarios/types";
import { fakeScenario } from "../../../fakes";

const library = new URL("../../../../scenarios/library/", import.meta.url);
const scenarios: Scenario[] = readdirSync(library)
  .filter((f) => f.endsWith(".scenario.yaml"))
  .map((f) => {
    const r = parseScenario(readFileSync(new URL(f, library), "utf8"));
    if (!r.ok) throw new Error(f);
    return r.scenario;
  });
const items = scenarios.map(filterItem);
const none: LibraryFilters = { q: "", family: "", skill: "" };
const found = (f: Partial<LibraryFilters>) => items.filter((i) => matches(i, { ...none, ...f })).map((i) => i.id).sort();

describe("the library's filter", () => {
  it("shows everything with no filter, a scenario without skills included", () => {
    const bare = filterItem(fakeScenario({ skills: [] }));
    expect(matches(bare, none)).toBe(true);
    expect(matches(bare, { ...none, family: "listening" })).toBe(false);
    expect(found({})).toHaveLength(scenarios.length);
  });

  it("finds the active-listening scenario under Listening and by the word listening", () => {
    expect(found({ family: "listening" })).toContain("active-listening");
    expect(found({ q: "listening" })).toContain("active-listening");
    expect(found({ q: "Active-Listening" })).toContain("active-listening");
  });

  it("searches the title, the summary, the counterpart and the skills, every word, in any case and without accents", () => {
    expect(found({ q: "sixty days" })).toEqual(["active-listening"]);
    expect(found({ q: "renee" })).toEqual(["active-listening"]);
    expect(found({ q: "Watchman" })).toEqual(["worldview-hearing-voices"]);
    expect(found({ q: "harm reduction" })).toEqual(["return-to-use-and-harm-reduction"]);
    expect(found({ q: "Inés" })).toEqual(found({ q: "ines" }));
    expect(found({ q: "renee watchman" })).toEqual([]);
    expect(found({ q: "   " })).toHaveLength(scenarios.length);
  });

  it("narrows by family and by search together", () => {
    const supervision = found({ family: "supervision" });
    expect(supervision).toEqual(["supervising-a-new-peer-specialist"]);
    expect(found({ family: "supervision", q: "Renee" })).toEqual([]);
    expect(found({ skill: "reflections" })).toEqual(expect.arrayContaining(["active-listening", "cultural-humility"]));
  });

  it("folds case and accents, and takes hyphens as spaces in a search", () => {
    expect(fold("Résumé ÉLI")).toBe("resume eli");
    expect(searchWords("  Active-listening  open ")).toEqual(["active", "listening", "open"]);
  });

  it("reads the address: a known family, a skill by any of its spellings, a search trimmed and cut", () => {
    expect(readFilters({ q: "  voices ", family: "listening", skill: "listening" })).toEqual({ q: "voices", family: "listening", skill: "active-listening" });
    expect(readFilters({ family: "nope", skill: "juggling" })).toEqual(none);
    expect(readFilters({ q: ["a", "b"] }).q).toBe("a");
    expect(readFilters({ q: "x".repeat(500) }).q).toHaveLength(100);
    expect(readFilters({})).toEqual(none);
  });

  it("writes the address with only the filters in force", () => {
    expect(libraryHref(none)).toBe("/");
    expect(libraryHref({ q: " hearing voices ", family: "listening", skill: "" })).toBe("/?q=hearing+voices&family=listening");
  });
});

describe("the time estimate", () => {
  it("is about a minute a turn on the longest play, rounded up to five minutes", () => {
    expect([1, 5, 6, 10, 12, 15, 16].map(minutesFor)).toEqual([5, 5, 10, 10, 15, 15, 20]);
    expect(lengthLine(14)).toBe("About 15 minutes · up to 14 turns");
    expect(lengthLine(1)).toBe("About 5 minutes · up to 1 turn");
    expect(lengthLine("unbounded")).toMatch(/^Open-ended/);
    expect(lengthLine(undefined)).toMatch(/^Long/);
  });
});
