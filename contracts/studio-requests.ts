/**
 * The bodies of the studio's requests: drafts of scenarios and publishing them. A draft's text is
 * taken as it is sent (its size is checked against the scenario size limit by the server).
 */
import "../scenarios/zod-in-browser";
import { z } from "zod";
import { KEBAB_CASE } from "../scenarios/schema";

/** Draft ids are UUIDs; anything else names no draft. */
export const DRAFT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A scenario version's hash: 64 lowercase hex digits. */
export const VERSION_HASH = /^[0-9a-f]{64}$/;

export const scenarioIdSchema = z.string().max(64).regex(KEBAB_CASE, "must be a scenario id: kebab-case, at most 64 characters");

/** `POST /api/studio/drafts`: a new draft of the scenario that will publish as `scenarioId`. */
export const newDraftRequestSchema = z.strictObject({
  scenarioId: scenarioIdSchema,
  text: z.string(),
});
export type NewDraftRequest = z.output<typeof newDraftRequestSchema>;

/** `POST /api/studio/drafts/<id>`: the draft's new text, and the revision the editor based it on. */
export const saveDraftRequestSchema = z.strictObject({
  text: z.string(),
  baseRevision: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type SaveDraftRequest = z.output<typeof saveDraftRequestSchema>;

/** `POST …/publish`: nothing to say but that it is JSON (an empty object), like every request that changes something. */
export const publishRequestSchema = z.strictObject({});

/** What a scenario can be downloaded as from the studio: its YAML text, or a Twee 3 story for Twine. */
export const EXPORT_FORMATS = ["yaml", "twee"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The kinds of file a draft can be imported from, by their names' endings. */
export const IMPORT_FILE = /\.(ya?ml|json|twee|tw)$/i;

/**
 * `POST /api/studio/imports`: a file's name (its ending says what it holds: `.yaml`/`.yml`,
 * `.json`, `.twee`/`.tw`) and its text, made into a new draft; `scenarioId` replaces the id the
 * file gives (to import under another id than one already taken).
 */
export const importRequestSchema = z.strictObject({
  fileName: z.string().min(1).max(255).regex(IMPORT_FILE, "must end in .yaml, .yml, .json, .twee or .tw"),
  text: z.string(),
  scenarioId: scenarioIdSchema.optional(),
});
export type ImportRequest = z.output<typeof importRequestSchema>;
