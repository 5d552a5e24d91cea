import { describe, expect, it } from "vitest";
import { takeBacksOf } from "../../../app/sessions/[id]/take-backs";

describe("takeBacksOf", () => {
  it("counts take-backs from the revision: each choice, take-back and the end raise it once", () => {
    // Three choices, nothing taken back, still going.
    expect(takeBacksOf(3, 3, "active")).toBe(0);
    // Three choices and the end.
    expect(takeBacksOf(4, 3, "completed")).toBe(0);
    // Four choices made, one taken back (3 stored), then completed: 4 + 1 + 1.
    expect(takeBacksOf(6, 3, "completed")).toBe(1);
    // Two taken back and not chosen again, then abandoned: 2 choices + 2 take-backs + 1, none stored.
    expect(takeBacksOf(5, 0, "abandoned")).toBe(2);
    expect(takeBacksOf(1, 0, "abandoned")).toBe(0);
  });

  it("says nothing when the figures do not add up (a session from before revisions were counted, or edited by hand)", () => {
    expect(takeBacksOf(0, 3, "completed")).toBeUndefined();
    expect(takeBacksOf(0, 0, "abandoned")).toBeUndefined();
    expect(takeBacksOf(4, 3, "active")).toBeUndefined();
  });
});
