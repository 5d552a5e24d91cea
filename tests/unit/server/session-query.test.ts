import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSessionQuery, MAX_PAGE } from "../../../server/session-query";

describe("checkSessionQuery", () => {
  it("passes good filters through, and leaves out empty fields", () => {
    const r = checkSessionQuery({ scenario: "active-listening", participant: " Sam ", outcome: "none", mode: "practice", status: "active", from: "2026-02-28", to: "2026-03-01", sort: "participant", order: "asc", page: "3", extra: "x", mode2: "" });
    expect(r.problems).toEqual([]);
    expect(r.query).toEqual({ scenarioSearch: "active-listening", participant: "Sam", outcome: "none", mode: "practice", status: "active", hideShortAbandoned: true, from: "2026-02-28", to: "2026-03-01", sort: "participant", order: "asc", page: 3, pageSize: 20 });
    expect(checkSessionQuery({ participant: "", from: "", page: "  " })).toEqual({ query: expect.objectContaining({ page: 1, participant: undefined, from: undefined }), params: {}, problems: [] });
  });

  it("searches scenarios by title or id, filters by review, and shows short abandoned sessions only when asked", () => {
    const r = checkSessionQuery({ scenario: " Dana's first week ", review: "needed", short: "show" });
    expect(r.problems).toEqual([]);
    expect(r.query).toMatchObject({ scenarioSearch: "Dana's first week", review: "needed", hideShortAbandoned: false });
    expect(r.params).toEqual({ scenario: " Dana's first week ", review: "needed", short: "show" });
    expect(checkSessionQuery({}).query.hideShortAbandoned).toBe(true);
    expect(checkSessionQuery({ short: "yes" }).problems).toEqual(['"yes" is not "show"; the filter "Abandoned after 0–1 turns" was ignored']);
    expect(checkSessionQuery({ review: "later" }).problems).toEqual(['"later" is not a review state (needed, done); the filter "Review" was ignored']);
  });

  it("sorts by any column, and reads the old name of the scenario column's sort", () => {
    for (const sort of ["startedAt", "participant", "scenario", "turns", "outcome", "review"]) expect(checkSessionQuery({ sort }).query.sort).toBe(sort);
    expect(checkSessionQuery({ sort: "scenarioId" })).toMatchObject({ query: { sort: "scenario" }, problems: [] });
  });

  it("narrows to a cohort by its id, and ignores what is no cohort id, saying so", () => {
    expect(checkSessionQuery({ cohort: "4f0c2a9e-3b1d-4c5e-8f6a-7b8c9d0e1f2a" }).query.cohortId).toBe("4f0c2a9e-3b1d-4c5e-8f6a-7b8c9d0e1f2a");
    const r = checkSessionQuery({ cohort: "North group" });
    expect(r.query.cohortId).toBeUndefined();
    expect(r.problems).toEqual(['"North group" is not a cohort id; the filter "Cohort" was ignored']);
  });

  it("ignores a date that is not a calendar date with a four-digit year, saying so", () => {
    const cases: [string, string][] = [
      ["garbage", '"garbage" is not a date (YYYY-MM-DD); the filter "Started from" was ignored'],
      ["+275760-09-13", '"+275760-09-13" is not a date (YYYY-MM-DD); the filter "Started from" was ignored'],
      ["2026-13-45", '"2026-13-45" is not a date that exists; the filter "Started from" was ignored'],
      ["2026-02-29", '"2026-02-29" is not a date that exists; the filter "Started from" was ignored'],
      ["2026-3-1", '"2026-3-1" is not a date (YYYY-MM-DD); the filter "Started from" was ignored'],
      ["2026-03-01T00:00", '"2026-03-01T00:00" is not a date (YYYY-MM-DD); the filter "Started from" was ignored'],
    ];
    for (const [from, message] of cases) {
      const r = checkSessionQuery({ from });
      expect(r.problems).toEqual([message]);
      expect(r.query.from).toBeUndefined();
    }
    expect(checkSessionQuery({ to: "2024-02-29" }).query.to).toBe("2024-02-29");
    expect(checkSessionQuery({ to: "0999-13-01" }).problems).toEqual(['"0999-13-01" is not a date that exists; the filter "Started before" was ignored']);
  });

  it("shows the first page for a page that is not a whole number from 1 to the maximum", () => {
    for (const page of ["1.5", "1e20", "0", "-1", "+2", "0x10", "Infinity", String(MAX_PAGE + 1), "99999999999999999999"]) {
      const r = checkSessionQuery({ page });
      expect(r.query.page, page).toBe(1);
      expect(r.problems[0], page).toMatch(new RegExp(`^${JSON.stringify(page).replace(/[+.]/g, "\\$&")} is .*; the first page is shown$`));
    }
    expect(checkSessionQuery({ page: String(MAX_PAGE) }).query.page).toBe(MAX_PAGE);
  });

  it("ignores unknown choices, control characters and repeated parameters, one sentence each", () => {
    const r = checkSessionQuery({ outcome: "great", mode: "fun", status: "x", sort: "id", order: "up", participant: "Sam\u0000", scenario: "Active\nListening", page: ["1", "2"] });
    expect(r.problems).toEqual([
      '"Active\\nListening" must be one line without control characters; the filter "Scenario" was ignored',
      '"Sam\\u0000" must be one line without control characters; the filter "Participant" was ignored',
      '"great" is not an outcome (connected, mixed, disengaged, none); the filter "Outcome" was ignored',
      '"fun" is not a mode (practice, assessment); the filter "Mode" was ignored',
      '"x" is not a status (active, completed, abandoned); the filter "Status" was ignored',
      '"id" is not a sort key (startedAt, participant, scenario, turns, outcome, review); the filter "Sort by" was ignored',
      '"up" is not an order (asc, desc); the filter "Order" was ignored',
      '"page" was given 2 times; the first page is shown',
    ]);
    expect(r.query).toEqual({ hideShortAbandoned: true, sort: "startedAt", order: "desc", page: 1, pageSize: 20 });
    expect(r.params).toEqual({});
  });

  it("never lets through a value the store would refuse, whatever it is sent", () => {
    const value = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("2026-01-01", "1", "asc", "none", "practice"));
    const names = ["scenario", "participant", "outcome", "mode", "status", "review", "short", "from", "to", "sort", "order", "page"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), (search) => {
        const { query, params, problems } = checkSessionQuery(search);
        expect(Number.isInteger(query.page) && query.page >= 1 && query.page <= MAX_PAGE).toBe(true);
        for (const date of [query.from, query.to]) if (date !== undefined) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const t of [query.participant, query.scenarioSearch]) if (t !== undefined) expect(t.isWellFormed() && !/\p{Cc}/u.test(t)).toBe(true);
        const given = Object.values(search).filter((v) => v.trim() !== "").length;
        expect(Object.keys(params).length + problems.length).toBe(given);
      }),
      { seed: 20_260_304, numRuns: 1000 },
    );
  });
});
