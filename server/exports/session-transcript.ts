/** A stored session as one plain object: the source every export format is rendered from. */
import { debriefOf, MITI_THRESHOLDS, strongestAlternative } from "../../machines/debrief";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import type { Scenario } from "../../scenarios/types";
import { replayStored, type StoredReplay } from "../session-replay";
import type { ChoiceRow, CommentRow, SessionRow } from "../store";
import type { ExportedComment, ExportedTurn, SessionTranscript } from "../../contracts/session-export";

/** Shown beside the MITI thresholds wherever they are exported. */
export const MITI_NOTE =
  "MITI 4.2.1 sets these thresholds by expert opinion, not from normative data; read them as a guide, not a score.";

const byTime = (a: CommentRow, b: CommentRow) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const commentOf = (c: CommentRow): ExportedComment => ({
  id: c.id,
  turn: c.turn,
  author: c.author,
  body: c.body,
  createdAt: c.createdAt,
});

/**
 * The transcript of a stored session, replayed on `scenario` (the version stored under
 * `session.scenarioHash`), or taken from `stored` when the caller has replayed it already. Throws
 * when the rows do not belong together, since an export built from mismatched rows would
 * misreport what the trainee did. Stored choices that no longer replay in full are not an error:
 * the transcript covers the turns that do, and its `notice` says why it stops.
 */
export function sessionTranscript(
  session: SessionRow,
  scenario: Scenario,
  choices: readonly ChoiceRow[],
  comments: readonly CommentRow[],
  stored: StoredReplay = replayStored(session, scenario, choices),
): SessionTranscript {
  const where = `[exports] session "${session.id}"`;
  if (scenario.id !== session.scenarioId) {
    throw new Error(`${where}: played on scenario "${session.scenarioId}", not "${scenario.id}"`);
  }
  for (const row of [...choices, ...comments]) {
    if (row.sessionId !== session.id) throw new Error(`${where}: a row of session "${row.sessionId}" was passed in`);
  }
  const ordered = [...choices].sort((a, b) => a.seq - b.seq);
  const r = stored.replay;
  const outcome = r.ending?.outcome ?? null;
  const debrief = debriefOf(r);
  const sorted = [...comments].sort(byTime);

  const turns = r.turns.map((turn, i): ExportedTurn => {
    const row = ordered[i]!;
    const number = turn.index + 1;
    const node = scenario.nodes[turn.nodeId];
    const all = node?.type === "turn" ? node.choices : turn.offered;
    const kind = RESPONSE_KINDS[turn.kind];
    const alt = strongestAlternative(turn);
    return {
      number,
      nodeId: turn.nodeId,
      lines: [...turn.lines],
      choice: { id: turn.choice.id, text: turn.choice.say },
      kind: { id: kind.id, label: kind.label, effect: kind.effect, why: kind.why },
      reflection: turn.choice.reflection ?? null,
      deltas: { ...turn.deltas },
      before: { ...turn.before },
      after: { ...turn.after },
      feedback: turn.feedback ?? null,
      timeTakenMs: row.timeTakenMs,
      chosenAt: row.createdAt,
      note: row.note,
      options: all.map((c) => ({
        id: c.id,
        text: c.say,
        kind: c.kind,
        offered: turn.offered.some((o) => o.id === c.id),
      })),
      strongestAlternative: alt && {
        id: alt.id,
        text: alt.say,
        kind: alt.kind,
        kindLabel: RESPONSE_KINDS[alt.kind].label,
        deltas: { rapport: alt.rapport, mutuality: alt.mutuality },
      },
      comments: sorted.filter((c) => c.turn === number).map(commentOf),
    };
  });

  return {
    session: {
      id: session.id,
      mode: session.mode,
      participant: session.participant,
      status: session.status,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      outcome,
      reviewed: session.reviewed,
      startMeters: { rapport: debrief.series[0]!.rapport, mutuality: debrief.series[0]!.mutuality },
      finalMeters: { ...r.meters },
    },
    scenario: {
      id: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      versionHash: session.scenarioHash,
      language: scenario.language,
      trainee: scenario.roles.trainee,
      counterpart: scenario.roles.counterpart.name,
    },
    turns,
    notice: stored.damage,
    ending: r.ending
      ? { nodeId: r.ending.id, outcome: r.ending.outcome, lines: [...r.ending.lines], debrief: r.ending.debrief ?? null }
      : null,
    // A comment on a turn that was later taken back still belongs in the record.
    comments: sorted.filter((c) => c.turn === null || c.turn > turns.length).map(commentOf),
    debrief: {
      reflections: { ...debrief.metrics },
      thresholds: {
        reflectionToQuestion: { ...MITI_THRESHOLDS.reflectionToQuestion },
        percentComplex: { ...MITI_THRESHOLDS.percentComplex },
        note: MITI_NOTE,
      },
      kindMix: debrief.mix.map((m) => ({
        kind: m.kind,
        label: RESPONSE_KINDS[m.kind].label,
        effect: RESPONSE_KINDS[m.kind].effect,
        count: m.count,
      })),
      helpful: debrief.helpful,
      harmful: debrief.harmful,
      series: debrief.series.map((s) => ({ ...s })),
    },
  };
}
