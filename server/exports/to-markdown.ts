/** A session as a Markdown document a supervisor can paste into their notes. */
import type { ExportedComment, ExportedTurn, SessionTranscript } from "../../contracts/session-export";
import { INDICATORS_NOTE } from "../../machines/debrief";

/**
 * Plain text made safe to drop into Markdown: it renders as the same characters, never as
 * emphasis, links, HTML, code, tables or a block (heading, list, quote, rule). Line breaks are
 * kept; callers that need them inside a block use `paragraphs`.
 */
export function escapeMarkdown(text: string): string {
  return text.split(/\r\n|\r|\n/).map(escapeLine).join("\n");
}

function escapeLine(line: string): string {
  return (
    line
      // Four leading spaces would start a code block; the indentation carries no meaning here.
      .replace(/^[ \t]+/, "")
      .replace(/[\\`*_[\]<>|~]/g, "\\$&")
      .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&")
      // These only start a block at the beginning of a line, so escaping them elsewhere would
      // just clutter the text a supervisor reads.
      .replace(/^[#+=-]/, "\\$&")
      .replace(/^(\d+)([.)])/, "$1\\$2")
  );
}

/**
 * Escaped text whose line breaks survive inside a block: lines of a paragraph end in a hard
 * break, blank lines separate paragraphs, and every line after the first starts with `prefix`.
 */
function paragraphs(text: string, prefix: string): string {
  const paras = text
    .split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/)
    .map((p) =>
      p
        .split(/\r\n|\r|\n/)
        .map(escapeLine)
        .filter((l) => l !== "")
        .join(`\\\n${prefix}`),
    )
    .filter((p) => p !== "");
  return paras.join(`\n${prefix.trimEnd()}\n${prefix}`);
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/** Milliseconds as "4.2 s" or "1 min 5 s". */
export function formatTimeTaken(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface MarkdownOptions {
  /** The IANA time zone times are written in for people to read (TIME_ZONE); UTC unless given. */
  timeZone?: string;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An ISO 8601 time as people read it, to the minute, always with its zone: "2025-03-04 10:00 UTC",
 * or in another zone its local time, the zone's name and its offset then,
 * "2025-03-04 05:00 America/New_York (UTC-05:00)". A text that is no time is given as it is.
 */
export function formatTime(iso: string, timeZone = "UTC"): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    });
    timeFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
  const local = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  if (format.resolvedOptions().timeZone === "UTC") return `${local} UTC`;
  // "GMT-05:00", or "GMT" alone where the offset is zero.
  const offset = (parts.timeZoneName ?? "GMT").replace(/^GMT/, "") || "+00:00";
  // The zone as it was named (Intl may know it by an older name: Asia/Kolkata as Asia/Calcutta).
  return `${local} ${timeZone} (UTC${offset})`;
}

function quote(lines: readonly string[]): string[] {
  const quoted = lines.map((l) => paragraphs(l, "> ")).filter((l) => l !== "");
  return quoted.flatMap((l, i) => (i === 0 ? [`> ${l}`] : [">", `> ${l}`]));
}

function comment(c: ExportedComment, timeZone: string, note = ""): string {
  return `- **${escapeMarkdown(c.author).replace(/\n/g, " ")}**${note}, ${formatTime(c.createdAt, timeZone)}: ${paragraphs(c.body, "  ")}`;
}

function meterLine(name: string, before: number, after: number, delta: number): string {
  const clamped = before + delta !== after ? ", clamped" : "";
  return `- **${name}:** ${before} → ${after} (${signed(delta)}${clamped})`;
}

function turnSection(t: SessionTranscript, turn: ExportedTurn, timeZone: string): string[] {
  const counterpart = escapeMarkdown(t.scenario.counterpart);
  const reflection = turn.reflection ? `, ${turn.reflection} reflection` : "";
  const out = [
    `### Turn ${turn.number}`,
    "",
    ...(turn.lines.length > 0 ? [`**${counterpart}:**`, "", ...quote(turn.lines), ""] : []),
    `**You:** ${paragraphs(turn.choice.text, "")}`,
    "",
    // The trainee's own words on why: plain text, escaped like everything they wrote.
    ...(turn.note !== null ? [`**Why:** ${paragraphs(turn.note, "")}`, ""] : []),
    `- **Kind:** ${escapeMarkdown(turn.kind.label)}${reflection} (${turn.kind.effect}). ${paragraphs(turn.kind.why, "  ")}`,
    meterLine("Rapport", turn.before.rapport, turn.after.rapport, turn.deltas.rapport),
    meterLine("Mutuality", turn.before.mutuality, turn.after.mutuality, turn.deltas.mutuality),
    `- **Time taken:** ${formatTimeTaken(turn.timeTakenMs)}`,
  ];
  if (turn.feedback !== null) out.push(`- **Feedback:** ${paragraphs(turn.feedback, "  ")}`);
  const alt = turn.strongestAlternative;
  if (alt) {
    out.push(
      `- **Strongest option on offer:** “${paragraphs(alt.text, "  ")}” (${escapeMarkdown(alt.kindLabel)}; ` +
        `rapport ${signed(alt.deltas.rapport)}, mutuality ${signed(alt.deltas.mutuality)})`,
    );
  }
  if (turn.comments.length > 0) out.push("", "**Comments:**", "", ...turn.comments.map((c) => comment(c, timeZone)));
  return [...out, ""];
}

function ratioText(ratio: number | null): string {
  return ratio === null ? "none" : `${Number(ratio.toFixed(2))}:1`;
}

function debriefSection(t: SessionTranscript): string[] {
  const d = t.debrief;
  const m = d.reflections;
  const rq = d.thresholds.reflectionToQuestion;
  const pc = d.thresholds.percentComplex;
  const ratio =
    m.ratio === null
      ? m.reflections > 0
        ? `reflections and no questions (${m.ratioBand})`
        : "no reflections or questions"
      : `${ratioText(m.ratio)} (${m.ratioBand}; MITI fair ${ratioText(rq.fair)}, good ${ratioText(rq.good)})`;
  const complex =
    m.percentComplex === null
      ? "no reflections"
      : `${m.percentComplex}% of ${m.reflections} (${m.percentComplexBand}; MITI fair ${pc.fair}%, good ${pc.good}%)`;
  const out = [
    "## Debrief",
    "",
    `- **Reflection-to-question ratio:** ${ratio}`,
    `- **Complex reflections:** ${complex}`,
    `- **Reflections:** ${m.reflections} (${m.simple} simple, ${m.complex} complex); **questions:** ${m.questions}`,
    `- **Helpful choices:** ${d.helpful}; **harmful choices:** ${d.harmful}`,
    "",
    `> ${escapeMarkdown(INDICATORS_NOTE)} ${escapeMarkdown(d.thresholds.note)}`,
    "",
    "### Response kinds",
    "",
  ];
  if (d.kindMix.length === 0) out.push("No choices yet.", "");
  else {
    out.push("| Kind | Effect | Count |", "|---|---|---:|");
    for (const k of d.kindMix) out.push(`| ${escapeMarkdown(k.label)} | ${k.effect} | ${k.count} |`);
    out.push("");
  }
  out.push("### Meters by turn", "", "| Turn | Rapport | Mutuality |", "|---:|---:|---:|");
  for (const s of d.series) out.push(`| ${s.turn === 0 ? "start" : s.turn} | ${s.rapport} | ${s.mutuality} |`);
  return [...out, ""];
}

/**
 * The session as a Markdown document: metadata, outcome, every turn, the debrief and comments.
 * Times are written for people, in `options.timeZone` (UTC unless given), always naming the zone.
 */
export function toMarkdown(t: SessionTranscript, options: MarkdownOptions = {}): string {
  const timeZone = options.timeZone ?? "UTC";
  const s = t.session;
  const sc = t.scenario;
  const n = t.turns.length;
  const out = [
    `# ${escapeMarkdown(sc.title).replace(/\n/g, " ")}`,
    "",
    `Session transcript exported from Peer Practice.`,
    "",
    `- **Participant:** ${escapeMarkdown(s.participant)}`,
    `- **Scenario:** \`${sc.id}\`, version \`${sc.versionHash.slice(0, 12)}\``,
    `- **Roles:** the trainee plays ${escapeMarkdown(sc.trainee)}; the counterpart is ${escapeMarkdown(sc.counterpart)}`,
    `- **Mode:** ${s.mode}`,
    `- **Status:** ${s.status}`,
    `- **Started:** ${formatTime(s.startedAt, timeZone)}`,
    `- **Ended:** ${s.endedAt === null ? "not yet" : formatTime(s.endedAt, timeZone)}`,
    `- **Reviewed:** ${s.reviewed ? "yes" : "no"}`,
    `- **Session id:** ${escapeMarkdown(s.id)}`,
    "",
    ...(t.notice === null ? [] : [`**Note:** ${escapeMarkdown(t.notice)}`, ""]),
    "## Outcome",
    "",
  ];
  const meters =
    `Rapport ${s.startMeters.rapport} → ${s.finalMeters.rapport}, ` +
    `mutuality ${s.startMeters.mutuality} → ${s.finalMeters.mutuality}.`;
  const turnsText = `${n} ${n === 1 ? "turn" : "turns"}`;
  if (t.ending) {
    out.push(`**${capitalize(t.ending.outcome)}** after ${turnsText}. ${meters}`, "");
    if (t.ending.lines.length > 0) out.push(...quote(t.ending.lines), "");
    if (t.ending.debrief !== null) out.push(paragraphs(t.ending.debrief, ""), "");
  } else {
    out.push(`**No ending reached** (${s.status}) after ${turnsText}. ${meters}`, "");
  }
  out.push("## Turns", "");
  if (n === 0) out.push("No choices yet.", "");
  for (const turn of t.turns) out.push(...turnSection(t, turn, timeZone));
  out.push(...debriefSection(t));
  out.push("## Session comments", "");
  if (t.comments.length === 0) out.push("None.");
  // A comment left on a turn that was taken back keeps its turn number visible.
  else for (const c of t.comments) out.push(comment(c, timeZone, c.turn !== null ? ` (on turn ${c.turn}, since taken back)` : ""));
  return `${out.join("\n")}\n`;
}
