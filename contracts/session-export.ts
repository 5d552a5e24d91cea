/**
 * The shape of an exported session (the answer of `GET /api/sessions/:id/export?format=json`), as
 * zod schemas: the single source for the TypeScript types, the runtime check on every export, and
 * the committed JSON Schema (`server/exports/session-export.schema.json`); a unit test fails when
 * that file is stale. Regenerate it after changing a schema:
 *
 *   npx tsx -e 'import("./contracts/session-export.ts").then((m) => process.stdout.write(m.sessionExportJsonSchema()))' > server/exports/session-export.schema.json
 */
import "../scenarios/zod-in-browser";
import { z } from "zod";
import { RESPONSE_KIND_IDS } from "../scenarios/kinds";
import { MODES, OUTCOMES, SESSION_STATUSES } from "./enums";

/** Bumped whenever a change could break a reader of older exports (3: each turn's `note`). */
export const SESSION_EXPORT_VERSION = 3;
export const SESSION_EXPORT_FORMAT = "peer-practice-session";

const meter = z.number().int().min(0).max(100);
const meters = (description: string) =>
  z
    .strictObject({
      rapport: meter.describe("Rapport, 0 to 100."),
      mutuality: meter.describe("Mutuality, 0 to 100."),
    })
    .describe(description);
const deltas = (description: string) =>
  z
    .strictObject({
      rapport: z.number().int().describe("Rapport delta, before clamping to 0..100."),
      mutuality: z.number().int().describe("Mutuality delta, before clamping to 0..100."),
    })
    .describe(description);
// Offsets are allowed because rows may come from a database that keeps the writer's zone.
const time = (description: string) => z.iso.datetime({ offset: true }).describe(description);
const kindId = (description: string) => z.enum(RESPONSE_KIND_IDS).describe(description);
const effect = (description: string) => z.enum(["helpful", "neutral", "harmful"]).describe(description);
// Full-zod enums of the shared values, since a description cannot be added to the zod/mini ones.
const outcome = (description: string) => z.enum(OUTCOMES).describe(description);
const band = (description: string) => z.enum(["below fair", "fair", "good"]).nullable().describe(description);
const count = (description: string) => z.number().int().min(0).describe(description);
const thresholds = (description: string, unit: string) =>
  z
    .strictObject({
      fair: z.number().min(0).describe(`MITI 4.2.1's "fair" threshold (${unit}).`),
      good: z.number().min(0).describe(`MITI 4.2.1's "good" threshold (${unit}).`),
    })
    .describe(description);

export const exportedCommentSchema = z
  .strictObject({
    id: z.string().describe("The comment's id in the store."),
    turn: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe("The 1-based turn the comment is on; null for a comment on the whole session."),
    author: z.string().describe("Who wrote the comment, as they gave their name."),
    body: z.string().describe("The comment, plain text."),
    createdAt: time("When the comment was written (ISO 8601)."),
  })
  .describe("A supervisor's or trainer's comment.");

export const exportedTurnSchema = z
  .strictObject({
    number: z.number().int().min(1).describe("1-based position of the turn in the session."),
    nodeId: z.string().describe("The scenario node the turn was at."),
    lines: z.array(z.string().describe("One line, plain text.")).describe("What the counterpart said at this turn."),
    choice: z
      .strictObject({
        id: z.string().describe("The choice's id, unique within its node."),
        text: z.string().describe("What the trainee said, plain text."),
      })
      .describe("The response the trainee chose."),
    kind: z
      .strictObject({
        id: kindId("The response kind's id."),
        label: z.string().describe("The kind's human label."),
        effect: effect("How this kind tends to act on the relationship."),
        why: z.string().describe("Why this kind helps or hurts."),
      })
      .describe("The chosen response's kind."),
    reflection: z
      .enum(["simple", "complex"])
      .nullable()
      .describe("For a tagged listening-to choice, how deep the reflection goes; otherwise null."),
    deltas: deltas("The choice's nominal meter deltas."),
    before: meters("The meters before the choice."),
    after: meters("The meters after the choice, clamped to 0..100."),
    feedback: z.string().nullable().describe("The scenario's feedback on the choice; null when it has none."),
    timeTakenMs: z.number().int().min(0).describe("How long the trainee took to choose, in milliseconds."),
    chosenAt: time("When the choice was stored (ISO 8601)."),
    note: z
      .string()
      .nullable()
      .describe("The trainee's own note on why they chose it (practice mode only), plain text of at most 500 characters; null when they wrote none."),
    options: z
      .array(
        z
          .strictObject({
            id: z.string().describe("The choice's id."),
            text: z.string().describe("What the trainee would have said."),
            kind: kindId("The choice's response kind."),
            offered: z.boolean().describe("False when the choice's condition hid it at this point of the session."),
          })
          .describe("One choice of the node."),
      )
      .describe("Every choice of the node, in file order, with whether it was on offer."),
    strongestAlternative: z
      .strictObject({
        id: z.string().describe("The choice's id."),
        text: z.string().describe("What the trainee could have said."),
        kind: kindId("The choice's response kind."),
        kindLabel: z.string().describe("The kind's human label."),
        deltas: deltas("The choice's nominal meter deltas."),
      })
      .nullable()
      .describe("The choice on offer with the largest combined meter gain, when it beats the one chosen; otherwise null."),
    comments: z.array(exportedCommentSchema).describe("Comments on this turn, oldest first."),
  })
  .describe("One turn of the session.");

export const sessionTranscriptSchema = z
  .strictObject({
    session: z
      .strictObject({
        id: z.string().describe("The session's id."),
        mode: z.enum(MODES).describe("Practice shows feedback as it goes; assessment only at the end."),
        participant: z.string().describe("The display name the trainee gave."),
        status: z.enum(SESSION_STATUSES).describe("Whether the session is still going, finished or given up."),
        startedAt: time("When the session started (ISO 8601)."),
        endedAt: z.iso.datetime({ offset: true }).nullable().describe("When the session ended (ISO 8601); null while it is active."),
        outcome: z.enum(OUTCOMES).nullable().describe("The ending's outcome; null when no ending was reached."),
        reviewed: z.boolean().describe("Whether a supervisor marked the session reviewed."),
        startMeters: meters("The meters at the start."),
        finalMeters: meters("The meters after the last choice stored, as the replay computes them."),
      })
      .describe("The session's record."),
    scenario: z
      .strictObject({
        id: z.string().describe("The scenario's kebab-case id."),
        title: z.string().describe("The scenario's title."),
        summary: z.string().describe("The scenario's one-paragraph summary."),
        versionHash: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .describe("SHA-256 (hex) of the canonical JSON of the scenario version the session used."),
        language: z.string().describe("The scenario's BCP 47 language tag."),
        trainee: z.string().describe("Who the trainee plays."),
        counterpart: z.string().describe("The name of who the trainee talks with."),
      })
      .describe("The scenario version the session was played on."),
    turns: z.array(exportedTurnSchema).describe("Every choice made, in order."),
    notice: z
      .string()
      .nullable()
      .describe(
        "Null for a sound session. Otherwise why the stored choices do not replay in full on their scenario version (a choice missing, or not on offer where the session stood), so that `turns` stops at the last turn that replays; or why the recorded outcome differs from what the choices replay to.",
      ),
    ending: z
      .strictObject({
        nodeId: z.string().describe("The ending node."),
        outcome: outcome("connected, mixed or disengaged."),
        lines: z.array(z.string().describe("One line, plain text.")).describe("The counterpart's closing lines."),
        debrief: z.string().nullable().describe("The scenario's debrief text for this ending; null when it has none."),
      })
      .nullable()
      .describe("The ending reached; null while the session has not reached one."),
    comments: z
      .array(exportedCommentSchema)
      .describe("Comments on the whole session, and any on a turn the session no longer has (a choice taken back); oldest first."),
    debrief: z
      .strictObject({
        reflections: z
          .strictObject({
            reflections: count("Listening-to choices made."),
            simple: count("Of those, tagged simple."),
            complex: count("Of those, tagged complex."),
            questions: count("Open and closed questions asked."),
            ratio: z.number().min(0).nullable().describe("Reflections ÷ questions; null when no question was asked."),
            ratioBand: band("The ratio against MITI's thresholds; null with no ratio."),
            percentComplex: z
              .number()
              .int()
              .min(0)
              .max(100)
              .nullable()
              .describe("Complex ÷ tagged reflections, rounded percent; null when no reflection was tagged."),
            percentComplexBand: band("The percentage against MITI's thresholds; null with no percentage."),
          })
          .describe("MITI-style reflection metrics."),
        thresholds: z
          .strictObject({
            reflectionToQuestion: thresholds("Thresholds for the reflection-to-question ratio.", "reflections per question"),
            percentComplex: thresholds("Thresholds for the share of complex reflections.", "percent"),
            note: z.string().describe("Where the thresholds come from."),
          })
          .describe("MITI 4.2.1's fair and good thresholds, set by expert opinion."),
        kindMix: z
          .array(
            z
              .strictObject({
                kind: kindId("The response kind."),
                label: z.string().describe("The kind's human label."),
                effect: effect("How this kind tends to act on the relationship."),
                count: z.number().int().min(1).describe("How many times it was chosen."),
              })
              .describe("One kind that was chosen."),
          )
          .describe("How many times each kind was chosen, in the kind table's order; kinds never chosen are left out."),
        helpful: count("Choices of a helpful kind."),
        harmful: count("Choices of a harmful kind."),
        series: z
          .array(
            z
              .strictObject({
                turn: count("0 for the start, then the 1-based turn."),
                rapport: meter.describe("Rapport after that turn."),
                mutuality: meter.describe("Mutuality after that turn."),
              })
              .describe("The meters at one point."),
          )
          .describe("The meters at the start and after every turn."),
      })
      .describe("The figures the debrief shows."),
  })
  .describe("A session with everything needed to read it without the program.");

export const sessionExportSchema = z
  .strictObject({
    format: z.literal(SESSION_EXPORT_FORMAT).describe(`Always "${SESSION_EXPORT_FORMAT}".`),
    version: z.literal(SESSION_EXPORT_VERSION).describe("The export format's version."),
    ...sessionTranscriptSchema.shape,
  })
  .describe(sessionTranscriptSchema.description ?? "");

export type SessionTranscript = z.output<typeof sessionTranscriptSchema>;
export type ExportedTurn = z.output<typeof exportedTurnSchema>;
export type ExportedComment = z.output<typeof exportedCommentSchema>;
export type SessionExport = z.output<typeof sessionExportSchema>;

/** The JSON Schema as the committed file holds it: pretty JSON with a trailing newline. */
export function sessionExportJsonSchema(): string {
  const schema = z.toJSONSchema(sessionExportSchema, { target: "draft-07", io: "output" });
  const described = {
    ...schema,
    $id: "https://peer-practice.local/session-export.schema.json",
    title: `Peer Practice session export, version ${SESSION_EXPORT_VERSION}`,
  };
  return `${JSON.stringify(described, null, 2)}\n`;
}
