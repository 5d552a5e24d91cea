// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { effectsOf, ProgressComments, ProgressSessionsTable, ProgressTrends } from "../../../../components/people/progress-sections";
import type { PersonProgress, ProgressSession } from "../../../../contracts/analytics-answers";
import { MITI_THRESHOLDS } from "../../../../machines/debrief";

afterEach(cleanup);

const metrics = (reflections: number, questions: number, simple: number, complex: number) => ({
  reflections,
  questions,
  simple,
  complex,
  ratio: questions > 0 ? reflections / questions : null,
  ratioBand: null,
  percentComplex: simple + complex > 0 ? Math.round((complex / (simple + complex)) * 100) : null,
  percentComplexBand: null,
});

function session(id: string, day: string, over: Partial<ProgressSession> = {}): ProgressSession {
  return {
    id,
    scenarioId: "sixty-days",
    title: "Sixty days",
    version: "ab".repeat(32),
    mode: "practice",
    status: "completed",
    startedAt: `${day}T09:30:00.000Z`,
    endedAt: `${day}T09:45:00.000Z`,
    outcome: "connected",
    turns: 4,
    finalMeters: { rapport: 70, mutuality: 65 },
    kindMix: [
      { kind: "listening-to", count: 2 },
      { kind: "open-question", count: 1 },
      { kind: "advising", count: 1 },
    ],
    reflections: metrics(2, 1, 1, 1),
    damage: null,
    ...over,
  };
}

const progress: PersonProgress = {
  person: { id: "kit", name: "Kit Lee", active: true },
  sessions: [
    session("s1", "2031-03-01", { finalMeters: { rapport: 40, mutuality: 45 }, outcome: "disengaged", kindMix: [{ kind: "advising", count: 3 }, { kind: "listening-to", count: 1 }], reflections: metrics(1, 0, 1, 0) }),
    session("s2", "2031-03-01", { status: "abandoned", outcome: null, turns: 2 }),
    session("s3", "2031-03-08"),
  ],
  assignments: [],
  assignmentCounts: { done: 0, open: 0, overdue: 0, "in-progress": 0 },
  comments: [
    { id: "c1", sessionId: "s3", scenarioId: "sixty-days", turn: 2, author: "Sam Rivera", at: "2031-03-09T08:00:00.000Z", text: "Better pacing." },
    { id: "c2", sessionId: "s1", scenarioId: "sixty-days", turn: null, author: "Sam Rivera", at: "2031-03-02T08:00:00.000Z", text: "Try a reflection first." },
  ],
  thresholds: MITI_THRESHOLDS,
  computedAt: "2031-03-10T00:00:00.000Z",
};

const rows = (table: HTMLElement) => within(table).getAllByRole("row").slice(1).map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));

describe("a person's progress", () => {
  it("counts a session's responses by effect", () => {
    expect(effectsOf(progress.sessions[0]!)).toEqual({ helpful: 1, neutral: 0, harmful: 3, total: 4 });
  });

  it("charts the completed sessions only, oldest first, a session without questions leaving a gap", () => {
    render(<ProgressTrends progress={progress} />);
    expect(rows(screen.getByRole("table", { name: "Final meters of the 2 completed sessions, oldest first" }))).toEqual([
      ["2031-03-01", "40", "45"],
      ["2031-03-08", "70", "65"],
    ]);
    expect(rows(screen.getByRole("table", { name: /^Helpful and harmful responses/ }))).toEqual([
      ["2031-03-01", "25", "75"],
      ["2031-03-08", "75", "25"],
    ]);
    expect(rows(screen.getByRole("table", { name: "Reflections per question in the 2 completed sessions, oldest first" }))).toEqual([
      ["2031-03-01", "none"],
      ["2031-03-08", "2.0"],
    ]);
  });

  it("says so when no session is completed yet", () => {
    render(<ProgressTrends progress={{ ...progress, sessions: [progress.sessions[1]!] }} />);
    expect(screen.getByText("No completed session yet: the trends start with the first one.")).toBeInTheDocument();
  });

  it("lists every session newest first, each linked to its transcript", () => {
    render(<ProgressSessionsTable sessions={progress.sessions} />);
    const table = screen.getByRole("table", { name: "Every session, newest first" });
    expect(rows(table).map((r) => [r[0], r[3], r[4], r[5], r[9]])).toEqual([
      ["2031-03-08 09:30 (transcript)", "Connected", "4", "70", "3 / 1 of 4"],
      ["2031-03-01 09:30 (transcript)", "Abandoned", "2", "70", "3 / 1 of 4"],
      ["2031-03-01 09:30 (transcript)", "Disengaged", "4", "40", "1 / 3 of 4"],
    ]);
    expect(within(table).getAllByRole("link")[0]).toHaveAttribute("href", "/sessions/s3");
  });

  it("shows each comment with its author and a link to the turn or session it is on", () => {
    render(<ProgressComments comments={progress.comments} titles={new Map([["s1", "Sixty days"], ["s3", "Sixty days"]])} />);
    expect(screen.getByRole("link", { name: "turn 2 of Sixty days" })).toHaveAttribute("href", "/sessions/s3");
    expect(screen.getByRole("link", { name: "the whole session of Sixty days" })).toHaveAttribute("href", "/sessions/s1");
  });
});
