/**
 * Importing a file into the studio as a new draft: a scenario file in YAML (kept as it is) or
 * JSON (written as YAML, keys in the file's order), or a Twee 3 story (read by the same importer
 * as `npm run scenarios -- import-twee`, whose warnings come back with the draft).
 *
 * Everything is checked before anything is written, and the draft is written in one insert, so a
 * refused import leaves nothing behind: a file over the size limit, one that is not text, JSON
 * that does not parse, a Twee file without passages, and a scenario id that a draft or a file of
 * the library has already.
 */
import type { Kysely } from "kysely";
import { isCollection, isScalar, parseDocument, visit } from "yaml";
import type { ImportAnswer } from "../contracts/studio-answers";
import { scenarioIdSchema, type ImportRequest } from "../contracts/studio-requests";
import { SIZE_LIMITS } from "../scenarios/size-limits";
import { importTwee, type TweeWarning } from "../scenarios/twee";
import type { Account } from "./accounts";
import type { Database } from "./db/database";
import { ServiceError } from "./service-error";
import { createDraft, requireAuthor } from "./studio";

export type ImportFormat = ImportAnswer["format"];

/** A file made ready to be a draft. */
export interface ConvertedImport {
  format: ImportFormat;
  /** The draft's text: YAML. */
  text: string;
  scenarioId: string;
  /** What a Twee file could not carry over; empty for YAML and JSON. */
  warnings: TweeWarning[];
}

/** How deeply a JSON file may nest; the scenario checker refuses YAML deeper than this too. */
const MAX_JSON_DEPTH = 64;

const n = (v: number) => v.toLocaleString("en-US");

/** What a file holds, by its name's ending. */
export function importFormatOf(fileName: string): ImportFormat {
  if (/\.ya?ml$/i.test(fileName)) return "yaml";
  if (/\.json$/i.test(fileName)) return "json";
  if (/\.tw(ee)?$/i.test(fileName)) return "twee";
  throw new ServiceError(400, `"${fileName.slice(0, 80)}" is not a file the studio imports: name a .yaml, .yml, .json, .twee or .tw file`);
}

/** The scenario id a file's name suggests (`intro.scenario.yaml` → `intro`). */
const stemOf = (fileName: string) => fileName.replace(/\.(scenario\.)?(ya?ml|json|tw(ee)?)$/i, "");

/** The top-level `id:` line of a YAML text; the text is not parsed, so any text at all is safe to ask. */
const ID_LINE = /^id:[ \t]*(["']?)([^"'\s#]*)\1[ \t]*(#.*)?$/m;
const idLine = (yaml: string): string | undefined => ID_LINE.exec(yaml)?.[2] || undefined;

/** The text with its top-level `id:` line naming `scenarioId` (a text without one is left as it is). */
export function withScenarioId(yaml: string, scenarioId: string): string {
  return yaml.replace(/^id:.*$/m, `id: ${scenarioId}`);
}

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/** JSON.parse's complaint, with the place as line and column rather than a character offset. */
function jsonError(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = / in JSON at position (\d+)/.exec(message);
  const what = message.replace(/ in JSON at position \d+.*$/s, "").replace(/^Unexpected end of JSON input$/, "it ends before the JSON does");
  if (!at) return what;
  const { line, column } = position(text, Number(at[1]));
  return `${what} (line ${line}, column ${column})`;
}

/** How deeply a parsed JSON value nests, counted without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    deepest = Math.max(deepest, d);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/**
 * JSON text as YAML, keys in the order the file has them (JSON.parse would move keys that look
 * like numbers first). The JSON is read as YAML, which it is, and written in block style.
 */
export function jsonToYaml(text: string, fileName = "the file"): { yaml: string; value: Record<string, unknown> } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ServiceError(400, `${fileName} is not valid JSON: ${jsonError(text, e)}; nothing was imported`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ServiceError(400, `${fileName} holds no scenario: a scenario in JSON is one object ({ … }); nothing was imported`);
  }
  if (depthOf(value) > MAX_JSON_DEPTH) {
    throw new ServiceError(400, `${fileName} nests more than ${MAX_JSON_DEPTH} levels deep, which no scenario does; nothing was imported`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos?.[0] ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : "";
    throw new ServiceError(400, `${fileName} cannot be read as a scenario: ${first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}${where}; nothing was imported`);
  }
  visit(doc, {
    Node(_key, node) {
      // Empty mappings and lists stay `{}` and `[]`; everything else in block style, each scalar as YAML would write it.
      if (isCollection(node)) node.flow = node.items.length === 0;
      if (isScalar(node)) node.type = undefined;
    },
  });
  return { yaml: doc.toString({ lineWidth: 0 }), value: value as Record<string, unknown> };
}

function checkText(fileName: string, text: string): void {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > SIZE_LIMITS.fileBytes) {
    throw new ServiceError(413, `${fileName} is ${n(bytes)} bytes; a scenario file may be at most ${n(SIZE_LIMITS.fileBytes)} bytes (5 MB), so nothing was imported`);
  }
  // A NUL never appears in text, and U+FFFD is what bytes that are not UTF-8 became when the file was read as text.
  if (/[\u0000\uFFFD]/.test(text)) {
    throw new ServiceError(400, `${fileName} is not a text file (it holds bytes that are not UTF-8 text); nothing was imported`);
  }
  if (text.trim() === "") throw new ServiceError(400, `${fileName} is empty; nothing was imported`);
}

/** Checks a file and makes it the text of a draft, with the scenario id it will have. Writes nothing. */
export function convertImport(input: ImportRequest): ConvertedImport {
  const base = input.fileName.split(/[\\/]/).pop()!;
  const format = importFormatOf(base);
  // Named in messages; a very long name is cut short there.
  const fileName = base.length > 120 ? `${base.slice(0, 100)}…${base.slice(-12)}` : base;
  checkText(fileName, input.text);
  let text: string;
  let fileId: unknown;
  let warnings: TweeWarning[] = [];
  switch (format) {
    case "yaml":
      text = input.text;
      fileId = idLine(text);
      break;
    case "json": {
      const converted = jsonToYaml(input.text, fileName);
      text = converted.yaml;
      fileId = converted.value.id;
      break;
    }
    case "twee": {
      if (!/^::/m.test(input.text)) {
        throw new ServiceError(400, `${fileName} has no Twee passages (lines starting with "::"), so there is nothing to import`);
      }
      const imported = importTwee(input.text);
      if (/^nodes: \{\}$/m.test(imported.yaml)) {
        throw new ServiceError(400, `${fileName} has no story passages, only the story's title, data or scripts, so there is nothing to import`);
      }
      text = imported.yaml;
      warnings = imported.warnings;
      fileId = idLine(text);
      break;
    }
  }
  const stem = stemOf(base);
  const scenarioId = input.scenarioId ?? (typeof fileId === "string" && fileId !== "" ? fileId : stem);
  if (!scenarioIdSchema.safeParse(scenarioId).success) {
    const from = typeof fileId === "string" && fileId !== "" ? `the id "${String(fileId).slice(0, 80)}" in ${fileName}` : `the file name ${fileName}`;
    throw new ServiceError(400, `${from} is not a scenario id (lowercase words joined by hyphens, at most 64 characters): give the scenario id to import it under`);
  }
  if (scenarioId !== fileId) text = withScenarioId(text, scenarioId);
  return { format, text, scenarioId, warnings };
}

/**
 * Makes a new draft from a file. Refused (409) when a draft of the same scenario id exists (the
 * trainer opens that one, or imports under another id) or a file of the library has the id.
 */
export async function importDraft(db: Kysely<Database>, account: Account, input: ImportRequest): Promise<ImportAnswer> {
  requireAuthor(account);
  const converted = convertImport(input);
  const existing = await db.selectFrom("drafts").select("id").where("scenario_id", "=", converted.scenarioId).executeTakeFirst();
  if (existing) {
    throw new ServiceError(409, `a draft of scenario "${converted.scenarioId}" exists already; open it from the list, or import the file under another scenario id`);
  }
  const draft = await createDraft(db, account, { scenarioId: converted.scenarioId, text: converted.text });
  return { draft, format: converted.format, warnings: converted.warnings };
}
