/**
 * The answers of the studio API: drafts, their conflicts and check findings, and published
 * versions. Route handlers type what they answer by these; the browser parses them by name.
 */
import "../scenarios/zod-in-browser";
import * as z from "zod/mini";

const time = z.iso.datetime({ offset: true });
const count = z.int().check(z.minimum(0));

/** One finding of the scenario checker, with its place in the text. */
export const problemSchema = z.strictObject({
  rule: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  line: z.int(),
  column: z.int(),
  nodeId: z.optional(z.string()),
});

/** What the checker says of a draft's text: the counts, and every finding. */
export const draftCheckSchema = z.strictObject({ errors: count, warnings: count, problems: z.array(problemSchema) });

/** A draft in the list: the checker's counts, and the title when the text parses. */
export const draftSummarySchema = z.strictObject({
  id: z.string(),
  scenarioId: z.string(),
  title: z.nullable(z.string()),
  authorName: z.nullable(z.string()),
  revision: count,
  updatedAt: time,
  errors: count,
  warnings: count,
});

export const draftSchema = z.strictObject({
  id: z.string(),
  scenarioId: z.string(),
  text: z.string(),
  /** Raised by every save; the next save names it as its `baseRevision`. */
  revision: count,
  authorId: z.nullable(z.string()),
  authorName: z.nullable(z.string()),
  createdAt: time,
  updatedAt: time,
  check: draftCheckSchema,
});

/** A version published under a scenario id. */
export const publishedVersionSchema = z.strictObject({
  scenarioId: z.string(),
  hash: z.string(),
  title: z.string(),
  publishedAt: time,
  /** Who first published it (null once that account is erased). */
  publishedBy: z.nullable(z.string()),
  current: z.boolean(),
});

/** `GET /api/studio/drafts`. */
export const draftListAnswerSchema = z.strictObject({ drafts: z.array(draftSummarySchema) });
/** `POST /api/studio/drafts` (201), `GET` and a successful `POST /api/studio/drafts/<id>`. */
export const draftAnswerSchema = z.strictObject({ draft: draftSchema });
/**
 * `POST /api/studio/drafts/<id>` (409) when the draft was saved since the revision the request
 * was based on: nothing was written; both versions come back so the page can show them.
 */
export const draftConflictAnswerSchema = z.strictObject({
  error: z.string(),
  conflict: z.strictObject({
    stored: z.strictObject({ text: z.string(), revision: count, updatedAt: time }),
    sent: z.strictObject({ text: z.string(), baseRevision: count }),
  }),
});
/** `POST /api/studio/drafts/<id>/publish` (409) when the text has errors: the findings (errors and warnings). */
export const draftNotPublishableAnswerSchema = z.strictObject({ error: z.string(), check: draftCheckSchema });
/** `POST /api/studio/drafts/<id>/publish` and `POST /api/studio/scenarios/<id>/versions/<hash>/publish`. */
export const publishedVersionAnswerSchema = z.strictObject({ version: publishedVersionSchema });
/** `GET /api/studio/scenarios/<id>/versions`: newest first. */
export const versionHistoryAnswerSchema = z.strictObject({ scenarioId: z.string(), versions: z.array(publishedVersionSchema) });

/** Something in an imported Twee file that could not be carried over as it was; positions are 1-based. */
export const tweeWarningSchema = z.strictObject({ line: z.int(), column: z.int(), rule: z.string(), message: z.string() });
/**
 * `POST /api/studio/imports` (201): the new draft, what the file was read as, and (for Twee) what
 * could not be carried over, in file order.
 */
export const importAnswerSchema = z.strictObject({
  draft: draftSchema,
  format: z.enum(["yaml", "json", "twee"]),
  warnings: z.array(tweeWarningSchema),
});
/** `GET /api/studio/scenarios/<id>/versions/<hash>`: the version and its text, as the scenario file the library would write for it. */
export const versionTextAnswerSchema = z.strictObject({ version: publishedVersionSchema, text: z.string() });

export type DraftCheck = z.output<typeof draftCheckSchema>;
export type DraftSummary = z.output<typeof draftSummarySchema>;
export type Draft = z.output<typeof draftSchema>;
export type PublishedVersion = z.output<typeof publishedVersionSchema>;
export type DraftConflictAnswer = z.output<typeof draftConflictAnswerSchema>;
export type DraftNotPublishableAnswer = z.output<typeof draftNotPublishableAnswerSchema>;
export type TweeWarningAnswer = z.output<typeof tweeWarningSchema>;
export type ImportAnswer = z.output<typeof importAnswerSchema>;
