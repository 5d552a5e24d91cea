/**
 * The scenarios the app offers: the files of the built-in library and of any folders in
 * SCENARIO_DIRS, and the current version of each scenario published from the studio.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { scenarioHash } from "../scenarios/hash";
import { checkScenario } from "../scenarios/check-scenario";
import type { LibraryEntry } from "../scenarios/library-entry";
import type { Problem } from "../scenarios/problem";
import type { Scenario } from "../scenarios/types";
import { readScenarioText } from "../scenarios/read-scenario-text";
import { SCENARIO_FILE, scenarioFileStem } from "../scenarios/scenario-file";
import { longestPlay, scenarioStats } from "../scenarios/stats";
import { getStore } from "./open-store";
import type { Store } from "./store";
import { unavailableReason } from "./store-errors";

export type { LibraryEntry };

/** The folders scanned: the built-in library, then SCENARIO_DIRS (separated by the path delimiter). */
export function scenarioDirs(): string[] {
  return scenarioFolders().map((f) => f.dir);
}

/** A folder the library is read from, as SCENARIO_DIRS names it and as found on disk. */
export interface ScenarioFolder {
  /** Where it comes from: the built-in library, or SCENARIO_DIRS (as written there). */
  source: "built-in" | "SCENARIO_DIRS";
  /** As SCENARIO_DIRS gives it (relative to the folder the server runs in, or absolute); the built-in one relative. */
  given: string;
  /** The absolute path read. */
  dir: string;
}

/** A scanned folder with what was found there. */
export interface ScenarioFolderState extends ScenarioFolder {
  /** `ok`: a folder that could be read; otherwise why its scenarios are not offered. */
  state: "ok" | "missing" | "not-a-folder" | "unreadable";
  /** The scenario files in it (`*.scenario.yaml`, `.yml`, `.json`); 0 unless `ok`. */
  files: number;
  /** The system's error code when it could not be read (EACCES, …). */
  code?: string;
}

function scenarioFolders(): ScenarioFolder[] {
  const root = process.cwd();
  const extra = (process.env.SCENARIO_DIRS ?? "").split(path.delimiter).filter((d) => d.trim() !== "");
  return [
    { source: "built-in", given: path.join("scenarios", "library"), dir: path.join(root, "scenarios", "library") },
    ...extra.map((d): ScenarioFolder => ({ source: "SCENARIO_DIRS", given: d, dir: path.resolve(/*turbopackIgnore: true*/ root, d.trim()) })),
  ];
}

/** Each folder the library reads, in order, with whether it exists and can be read and how many scenario files it holds. */
export function scenarioFolderStates(): ScenarioFolderState[] {
  return scenarioFolders().map((f): ScenarioFolderState => {
    try {
      if (!statSync(f.dir).isDirectory()) return { ...f, state: "not-a-folder", files: 0 };
      return { ...f, state: "ok", files: readdirSync(f.dir).filter((n) => SCENARIO_FILE.test(n)).length };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "error";
      return { ...f, state: code === "ENOENT" || code === "ENOTDIR" ? "missing" : "unreadable", files: 0, code };
    }
  });
}

const ABSENT: Record<Exclude<ScenarioFolderState["state"], "ok">, string> = {
  missing: "does not exist",
  "not-a-folder": "is a file, not a folder",
  unreadable: "cannot be read",
};

/** The sentence about a folder whose scenarios cannot be offered, or undefined when it was read. */
export function scenarioFolderProblem(f: ScenarioFolderState): string | undefined {
  if (f.state === "ok") return undefined;
  const where = f.dir === f.given ? `"${f.given}"` : `"${f.given}" (${f.dir})`;
  const why = `${ABSENT[f.state]}${f.state === "unreadable" && f.code ? ` (${f.code})` : ""}`;
  const what = f.source === "built-in" ? "The built-in library folder" : "The folder";
  const named = f.source === "built-in" ? "" : ` named in SCENARIO_DIRS`;
  return `${what} ${where}${named} ${why}, so no scenario in it is offered.`;
}

/**
 * What the server says at start about where scenarios come from: one line listing each folder
 * with its count of scenario files, and a warning for each folder that is missing or cannot be
 * read (a misspelled SCENARIO_DIRS entry would otherwise be ignored without a word).
 */
export function scenarioFolderReport(states: ScenarioFolderState[] = scenarioFolderStates()): { info: string; warnings: string[] } {
  const listed = states.map((f) => {
    if (f.state !== "ok") return `${f.given} (${ABSENT[f.state]})`;
    return `${f.given} (${f.files} scenario file${f.files === 1 ? "" : "s"})`;
  });
  const warnings = states.flatMap((f) => {
    const problem = scenarioFolderProblem(f);
    if (problem === undefined) return [];
    const hint = f.source === "SCENARIO_DIRS" ? ` Check the spelling; folders in SCENARIO_DIRS are separated by "${path.delimiter}".` : "";
    return [`${problem}${hint}`];
  });
  return { info: `Scenario folders read: ${listed.join(", ")}`, warnings };
}

/** Logs scenarioFolderReport: the folders on one line, each warning on a line of its own. */
export function logScenarioFolders(log: Pick<Console, "log" | "warn"> = console): void {
  const { info, warnings } = scenarioFolderReport();
  log.log(`[server] ${info}`);
  for (const w of warnings) log.warn(`[server] warning: ${w}`);
}

/**
 * Each file's entry by its modification time and size. The entry is kept as a promise, so that
 * requests arriving together on a cold server share one check of each file instead of each
 * checking the whole library.
 */
const cache = new Map<string, { mtimeMs: number; size: number; entry: Promise<LibraryEntry> }>();

async function loadFile(file: string, display: string): Promise<LibraryEntry> {
  const stem = scenarioFileStem(path.basename(file));
  let text: string;
  try {
    const read = readScenarioText(file);
    if ("problem" in read) return { ok: false, file: display, id: stem, problems: [read.problem] };
    text = read.text;
  } catch (e) {
    const problem: Problem = {
      rule: "unreadable",
      severity: "error",
      message: `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`,
      path: [],
      line: 1,
      column: 1,
    };
    return { ok: false, file: display, id: stem, problems: [problem] };
  }
  // The same check trainers run from the command line: a scenario with errors cannot be started.
  const result = checkScenario(text, file);
  if (!result.scenario || result.errors > 0) {
    return { ok: false, file: display, id: stem, problems: result.problems.filter((p) => p.severity === "error") };
  }
  return playable(result.scenario, display, await scenarioHash(result.scenario));
}

function playable(scenario: Scenario, file: string, hash: string): LibraryEntry {
  let longestTurns: number | "unbounded" | undefined;
  let reachableEndings: string[] | undefined;
  try {
    const stats = scenarioStats(scenario, { limit: 200_000 });
    longestTurns = longestPlay(stats);
    // Worked out once here, so the debrief's "Endings found" costs the browser nothing.
    reachableEndings = stats.endings.filter((e) => e.reachable).map((e) => e.nodeId);
  } catch {
    longestTurns = undefined; // Too many situations to count; the card just leaves the length out.
  }
  return {
    ok: true,
    file,
    id: scenario.id,
    scenario,
    hash,
    ...(longestTurns !== undefined && { longestTurns }),
    ...(reachableEndings !== undefined && { reachableEndings }),
  };
}

const duplicate = (id: string, file: string, earlier: string): LibraryEntry => ({
  ok: false,
  file,
  id,
  problems: [{ rule: "id-duplicate", severity: "error", message: `id: "${id}" is already used by ${earlier}`, path: ["id"], line: 1, column: 1 }],
});

/** Every scenario file, valid or not, in folder and name order; a later file with an id already used is listed as that error. */
export async function loadFiles(): Promise<LibraryEntry[]> {
  const entries: LibraryEntry[] = [];
  const seen = new Map<string, string>();
  for (const dir of scenarioDirs()) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => SCENARIO_FILE.test(n)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      const display = path.relative(process.cwd(), file);
      let entry: LibraryEntry;
      try {
        const st = statSync(file);
        let hit = cache.get(file);
        if (!hit || hit.mtimeMs !== st.mtimeMs || hit.size !== st.size) {
          const loading = loadFile(file, display);
          hit = { mtimeMs: st.mtimeMs, size: st.size, entry: loading };
          cache.set(file, hit);
          // A load that failed is tried again next time rather than kept.
          loading.catch(() => {
            if (cache.get(file)?.entry === loading) cache.delete(file);
          });
        }
        entry = await hit.entry;
      } catch {
        continue;
      }
      const earlier = seen.get(entry.id);
      if (earlier !== undefined) entry = duplicate(entry.id, display, earlier);
      else seen.set(entry.id, display);
      entries.push(entry);
    }
  }
  return entries;
}

/** How a published scenario is labelled where a file's name would be: `published:<id>`. */
export const publishedLabel = (id: string) => `published:${id}`;

/**
 * A published version's entry by its hash. A hash names one content for ever, so entries are kept
 * by hash without checking anything again; which hash is current is read from the database on
 * every call instead, so a publish shows on the next request in every server process.
 */
const publishedCache = new Map<string, Promise<LibraryEntry>>();
const MAX_PUBLISHED = 200;

async function publishedEntry(store: Store, id: string, hash: string): Promise<LibraryEntry> {
  const key = `${id}\n${hash}`;
  let hit = publishedCache.get(key);
  if (!hit) {
    const loading = (async (): Promise<LibraryEntry> => {
      const scenario = await store.getScenarioVersion(hash);
      if (scenario && scenario.id === id) return playable(scenario, publishedLabel(id), hash);
      const message = `the published version ${hash.slice(0, 12)} is missing or damaged in the database; publish a version again`;
      return { ok: false, file: publishedLabel(id), id, problems: [{ rule: "unreadable", severity: "error", message, path: [], line: 1, column: 1 }] };
    })();
    hit = loading;
    if (publishedCache.size >= MAX_PUBLISHED) publishedCache.delete(publishedCache.keys().next().value!);
    publishedCache.set(key, loading);
    loading.catch(() => {
      if (publishedCache.get(key) === loading) publishedCache.delete(key);
    });
  }
  return hit;
}

/** The current published version of every scenario published from the studio (or of one id), by id. */
async function loadPublished(store: Store, only?: string): Promise<LibraryEntry[]> {
  const { db } = await store.database();
  let q = db.selectFrom("published_scenarios").select(["scenario_id", "hash"]).orderBy("scenario_id");
  if (only !== undefined) q = q.where("scenario_id", "=", only);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => publishedEntry(store, r.scenario_id, r.hash)));
}

const byTitle = (entries: LibraryEntry[]) =>
  entries.sort((a, b) =>
    a.ok !== b.ok ? (a.ok ? -1 : 1) : a.ok && b.ok ? a.scenario.title.localeCompare(b.scenario.title) : a.file.localeCompare(b.file),
  );

/**
 * Every scenario, valid or not, sorted by title (broken ones last): the files (unchanged files
 * come from a cache) and the current published versions (from `store`, the app's store unless
 * given). A published id that a file has too is listed as an error; the file is the one played.
 * When the database cannot be read, the files are listed alone and the reason is logged.
 */
export async function loadLibrary(store?: Store): Promise<LibraryEntry[]> {
  const files = await loadFiles();
  let published: LibraryEntry[] = [];
  try {
    published = await loadPublished(store ?? (await getStore()));
  } catch (e) {
    console.error(`[server] the published scenarios are left out of the library: ${unavailableReason(e) ?? (e as Error).message}`);
  }
  const seen = new Map(files.map((e) => [e.id, e.file]));
  return byTitle([...files, ...published.map((e) => (seen.has(e.id) ? duplicate(e.id, e.file, seen.get(e.id)!) : e))]);
}

/**
 * One entry by id, or undefined: a file's, else the current published version's. Unlike
 * loadLibrary, a database that cannot be read is an error here rather than "no such scenario".
 */
export async function findScenario(id: string, store?: Store): Promise<LibraryEntry | undefined> {
  const file = (await loadFiles()).find((e) => e.id === id);
  if (file) return file;
  return (await loadPublished(store ?? (await getStore()), id))[0];
}
