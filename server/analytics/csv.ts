/**
 * The analytics' tables as CSV (RFC 4180: comma-separated, CRLF line ends, a cell quoted when it
 * holds a comma, quote or line break, quotes doubled), with a UTF-8 byte order mark so spreadsheet
 * programs read names like "Zoë" right. A text cell that a spreadsheet would take for a formula
 * (starting with = + - @, or a tab or carriage return) is written with a ' in front, so opening
 * the file never runs what a trainee typed in a note (CSV injection). Numbers are written as they are.
 */
import type { AnalyticsTable, PersonProgress, ProgressTable, ScenarioAnalytics } from "../../contracts/analytics-answers";

export type Cell = string | number | boolean | null;

/** One cell as CSV text. */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Math.round(value * 1e4) / 1e4) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV text: the header, then one line per row. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** One table of a scenario's analytics: its header and rows. */
export function analyticsTable(a: ScenarioAnalytics, table: AnalyticsTable): { header: string[]; rows: Cell[][] } {
  switch (table) {
    case "nodes":
      return {
        header: ["node_id", "type", "visits", "sessions", "trainees", "in_drawn_version"],
        rows: a.nodes.map((n) => [n.nodeId, n.type, n.visits, n.sessions, n.trainees, n.inDrawn]),
      };
    case "choices":
      return {
        header: ["node_id", "choice_id", "text", "kind", "effect", "picks", "sessions", "reached", "share", "trainees", "trainee_share", "in_drawn_version"],
        rows: a.choices.map((c) => [c.nodeId, c.choiceId, c.text, c.kind, c.effect, c.picks, c.sessions, c.reached, c.share, c.trainees, c.traineeShare, c.inDrawn]),
      };
    case "pitfalls":
      return {
        header: ["node_id", "turn_text", "choice_id", "choice_text", "kind", "picks", "sessions", "share", "feedback", "notes_total", "notes"],
        rows: a.pitfalls.map((p) => [
          p.nodeId,
          p.turnLines.join("\n"),
          p.choiceId,
          p.choiceText,
          p.kind,
          p.picks,
          p.sessions,
          p.share,
          p.feedback,
          p.notesTotal,
          p.notes.map((n) => `${n.participant} (turn ${n.turn}): ${n.text}`).join("\n"),
        ]),
      };
    case "outcomes":
      return { header: ["outcome", "count", "share"], rows: a.outcomes.map((o) => [o.outcome, o.count, o.share]) };
    case "meters":
      return {
        header: ["turn", "n", "rapport_median", "rapport_p25", "rapport_p75", "mutuality_median", "mutuality_p25", "mutuality_p75"],
        rows: a.meters.map((m) => [m.turn, m.n, m.rapport.median, m.rapport.p25, m.rapport.p75, m.mutuality.median, m.mutuality.p25, m.mutuality.p75]),
      };
    case "kinds":
      return { header: ["kind", "effect", "count", "share"], rows: a.kinds.map((k) => [k.kind, k.effect, k.count, k.share]) };
    case "reflections": {
      const r = a.reflections;
      const t = r.thresholds;
      return {
        header: ["metric", "value", "fair_from", "good_from", "band"],
        rows: [
          ["reflections", r.reflections, null, null, null],
          ["simple_reflections", r.simple, null, null, null],
          ["complex_reflections", r.complex, null, null, null],
          ["questions", r.questions, null, null, null],
          ["reflection_to_question", r.ratio, t.reflectionToQuestion.fair, t.reflectionToQuestion.good, r.ratioBand],
          ["percent_complex", r.percentComplex, t.percentComplex.fair, t.percentComplex.good, r.percentComplexBand],
          ["sessions_ratio_fair_or_better", r.sessionsRatioFair, null, null, null],
          ["sessions_with_ratio", r.sessionsWithRatio, null, null, null],
          ["sessions_complex_fair_or_better", r.sessionsComplexFair, null, null, null],
          ["sessions_with_percent_complex", r.sessionsWithComplex, null, null, null],
        ],
      };
    }
    case "times":
      return { header: ["node_id", "n", "median_ms", "p25_ms", "p75_ms"], rows: a.times.map((t) => [t.nodeId, t.n, t.medianMs, t.p25Ms, t.p75Ms]) };
    case "abandonment":
      return { header: ["node_id", "count", "share", "of_reached"], rows: a.abandonment.map((s) => [s.nodeId, s.count, s.share, s.ofReached]) };
  }
}

/** One table of a person's progress. */
export function progressTable(p: PersonProgress, table: ProgressTable): { header: string[]; rows: Cell[][] } {
  switch (table) {
    case "sessions":
      return {
        header: [
          "session_id",
          "scenario_id",
          "title",
          "version",
          "mode",
          "status",
          "started_at",
          "ended_at",
          "outcome",
          "turns",
          "final_rapport",
          "final_mutuality",
          "reflections",
          "simple_reflections",
          "complex_reflections",
          "questions",
          "reflection_to_question",
          "reflection_to_question_band",
          "percent_complex",
          "percent_complex_band",
          "kind_mix",
          "damage",
        ],
        rows: p.sessions.map((s) => [
          s.id,
          s.scenarioId,
          s.title,
          s.version,
          s.mode,
          s.status,
          s.startedAt,
          s.endedAt,
          s.outcome,
          s.turns,
          s.finalMeters.rapport,
          s.finalMeters.mutuality,
          s.reflections.reflections,
          s.reflections.simple,
          s.reflections.complex,
          s.reflections.questions,
          s.reflections.ratio,
          s.reflections.ratioBand,
          s.reflections.percentComplex,
          s.reflections.percentComplexBand,
          s.kindMix.map((k) => `${k.kind}:${k.count}`).join(" "),
          s.damage,
        ]),
      };
  }
}

/** A CSV download. */
export function csvResponse(fileName: string, table: { header: string[]; rows: Cell[][] }): Response {
  return new Response(toCsv(table.header, table.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
