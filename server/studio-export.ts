/**
 * Downloading a scenario from the studio, as its YAML file (`<id>.scenario.yaml`) or as a Twee 3
 * story for Twine (`<id>.twee`, written by the same exporter as `npm run scenarios -- export-twee`):
 * a draft (its saved text), a published version, or a scenario of the library (a file, else the
 * current published version). Twee needs a scenario without errors; YAML is always the text.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { EXPORT_FORMATS, type ExportFormat } from "../contracts/studio-requests";
import { checkScenario } from "../scenarios/check-scenario";
import type { Scenario } from "../scenarios/types";
import { exportTwee } from "../scenarios/twee";
import type { Account } from "./accounts";
import { loadFiles } from "./scenario-library";
import { ServiceError } from "./service-error";
import type { Store } from "./store";
import { getDraft, requireAuthor, versionHistory } from "./studio";
import { jsonToYaml } from "./studio-import";
import { publishedVersionText } from "./studio-versions";

export interface StudioExportFile {
  /** The file name offered for saving. */
  name: string;
  contentType: string;
  body: string;
}

/** The format asked for in `?format=`: YAML unless it says otherwise; anything else is refused (400). */
export function exportFormat(asked: string | null): ExportFormat {
  const format = asked ?? "yaml";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ServiceError(400, `format must be yaml or twee, not "${format.slice(0, 40)}"`);
  return format as ExportFormat;
}

const yamlFile = (scenarioId: string, text: string): StudioExportFile => ({ name: `${scenarioId}.scenario.yaml`, contentType: "application/yaml", body: text });
const tweeFile = (scenario: Scenario): StudioExportFile => ({ name: `${scenario.id}.twee`, contentType: "text/plain", body: exportTwee(scenario) });

const errors = (count: number) => (count === 1 ? "an error" : `${count} errors`);

/** A draft's saved text; as Twee only once it has no errors (409 otherwise, saying what to do). */
export async function exportDraft(store: Store, account: Account, id: string, format: ExportFormat): Promise<StudioExportFile> {
  const { db } = await store.database();
  const draft = await getDraft(db, account, id);
  if (format === "yaml") return yamlFile(draft.scenarioId, draft.text);
  const checked = checkScenario(draft.text, `${draft.scenarioId}.scenario.yaml`);
  if (!checked.scenario || checked.errors > 0) {
    throw new ServiceError(409, `the draft has ${errors(checked.errors)}, so it cannot be written as Twee; fix ${checked.errors === 1 ? "it" : "them"} first, or download it as YAML`);
  }
  return tweeFile(checked.scenario);
}

/** One version published from the studio, as the library writes it. */
export async function exportVersion(store: Store, account: Account, scenarioId: string, hash: string, format: ExportFormat): Promise<StudioExportFile> {
  const { scenario, text } = await publishedVersionText(store, account, scenarioId, hash);
  return format === "yaml" ? yamlFile(scenarioId, text) : tweeFile(scenario);
}

/**
 * A scenario of the library by id: a file's text as it is (a JSON file written as YAML), else the
 * current version published from the studio. 404 when neither has the id.
 */
export async function exportScenario(store: Store, account: Account, scenarioId: string, format: ExportFormat): Promise<StudioExportFile> {
  requireAuthor(account);
  const file = (await loadFiles()).find((e) => e.id === scenarioId);
  if (file) {
    if (format === "twee") {
      if (!file.ok) throw new ServiceError(409, `the file ${file.file} has ${errors(file.problems.length)}, so it cannot be written as Twee; see the command-line check`);
      return tweeFile(file.scenario);
    }
    const text = await readFile(path.resolve(/*turbopackIgnore: true*/ process.cwd(), file.file), "utf8");
    return yamlFile(scenarioId, /\.json$/i.test(file.file) ? jsonToYaml(text, file.file).yaml : text);
  }
  const { db } = await store.database();
  let current;
  try {
    current = (await versionHistory(db, account, scenarioId)).find((v) => v.current);
  } catch (e) {
    if (e instanceof ServiceError && e.status === 404) throw new ServiceError(404, `no scenario "${scenarioId}" in the library`);
    throw e;
  }
  if (!current) throw new ServiceError(404, `no scenario "${scenarioId}" in the library`);
  return exportVersion(store, account, scenarioId, current.hash, format);
}
