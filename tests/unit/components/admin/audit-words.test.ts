import { describe, expect, it } from "vitest";
import { auditDetailWords, auditTime } from "../../../../components/admin/audit-words";

describe("auditDetailWords", () => {
  it("says how roles changed, by their names", () => {
    expect(auditDetailWords({ action: "roles-changed", detail: { from: ["trainee"], to: ["trainee", "supervisor"] } })).toBe("From Trainee to Trainee, Supervisor.");
    expect(auditDetailWords({ action: "account-created", detail: { email: "ari@example.org", roles: ["admin"] } })).toBe(
      "With the roles Administrator, email ari@example.org.",
    );
    // An erased person's entry has lost its email.
    expect(auditDetailWords({ action: "account-created", detail: { roles: ["trainee"] } })).toBe("With the roles Trainee.");
  });

  it("names the cohort and how someone belongs to it", () => {
    expect(auditDetailWords({ action: "cohort-member-added", detail: { cohortId: "c1", cohort: "Spring", membership: "staff" } })).toBe(
      "To cohort “Spring”, as supervisor or trainer.",
    );
    expect(auditDetailWords({ action: "cohort-member-removed", detail: { cohortId: "c1", cohort: "Spring", membership: "trainee" } })).toBe(
      "From cohort “Spring”, where they were trainee.",
    );
    expect(auditDetailWords({ action: "cohort-renamed", detail: { cohortId: "c1", from: "Spring", to: "Spring, evenings" } })).toBe(
      "From “Spring” to “Spring, evenings”.",
    );
    expect(auditDetailWords({ action: "cohort-deleted", detail: { cohortId: "c1", cohort: "Spring" } })).toBe("Cohort “Spring”.");
  });

  it("says the scenario, mode and due date of an assignment, taking names it is given for ids", () => {
    const names = { cohorts: new Map([["c1", "Spring"]]), scenarios: new Map([["active-listening", "Active listening"]]) };
    expect(
      auditDetailWords(
        { action: "assignment-created", detail: { cohortId: "c1", cohort: "Spring", scenarioId: "active-listening", mode: "assessment", dueOn: "2027-03-01" } },
        names,
      ),
    ).toBe("“Active listening” in assessment mode to cohort “Spring”, due 2027-03-01.");
    expect(auditDetailWords({ action: "assignment-created", detail: { cohortId: "c1", scenarioId: "x", mode: "practice", dueOn: null } }, names)).toBe(
      "“x” in practice mode to cohort “Spring”, no due date.",
    );
    expect(auditDetailWords({ action: "assignment-removed", detail: { cohortId: "gone", scenarioId: "active-listening" } }, names)).toBe(
      "“Active listening” from a cohort since deleted.",
    );
  });

  it("says where a comment was edited or deleted: the turn, the scenario and the session", () => {
    const names = { scenarios: new Map([["four-parts-of-connection", "Dana’s first week out"]]) };
    const detail = { sessionId: "0b7c6a4e-2f1d-4c3b-9a8e-7d6c5b4a3f21", scenarioId: "four-parts-of-connection", turn: 3, commentId: "c" };
    expect(auditDetailWords({ action: "comment-edited", detail }, names)).toBe("On turn 3 of a session of “Dana’s first week out” (0b7c6a4e).");
    expect(auditDetailWords({ action: "comment-deleted", detail: { ...detail, turn: null } }, names)).toBe(
      "On a whole session of “Dana’s first week out” (0b7c6a4e).",
    );
  });

  it("says what an erasure did with the sessions, and nothing where the action says it all", () => {
    expect(auditDetailWords({ action: "account-erased", detail: { sessions: "delete" } })).toBe("Their sessions were deleted.");
    expect(auditDetailWords({ action: "account-erased", detail: { sessions: "anonymise" } })).toBe("Their sessions were kept without a name, for statistics.");
    expect(auditDetailWords({ action: "sign-in", detail: null })).toBe("");
  });

  it("does not trust a detail's shape: odd values are left out rather than shown raw", () => {
    expect(auditDetailWords({ action: "roles-changed", detail: { from: "admin", to: [1, "king", "trainer"] } })).toBe("From none to Trainer.");
    expect(auditDetailWords({ action: "cohort-member-added", detail: { membership: "guest" } })).toBe("To a cohort since deleted.");
  });
});

describe("auditTime", () => {
  it("shows the day and minute in UTC", () => {
    expect(auditTime("2026-12-01T06:15:31.335Z")).toBe("2026-12-01 06:15 UTC");
  });
});
