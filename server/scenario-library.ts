/** Loads the scenario files the app offers: the built-in library plus any folders in SCENARIO_DIRS. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { scenarioHash } from "../scenarios/hash";
import { checkScenario } from "../scenarios/check-scenario";
import type { LibraryEntry } from "../scenarios/library-entry";
import type { Problem } from "../scenarios/problem";
import { readScenarioText } from "../scenarios/read-scenario-text";
import { SCENARIO_FILE, scenarioFileStem } from "../scenarios/scenario-file";
import { longestPlay, scenarioStats } from "../scenarios/stats";

export type { LibraryEntry };

/** The folders scanned: the built-in library, then SCENARIO_DIRS (separated by the path delimiter). */
export function scenarioDirs(): string[] {
  const root = process.cwd();
  const extra = (process.env.SCENARIO_DIRS ?? "").split(path.delimiter).filter(Boolean);
  return [path.join(root, "scenarios", "library"), ...extra.map((d) => path.resolve(/*turbopackIgnore: true*/ root, d))];
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
  const scenario = result.scenario;
  let longestTurns: number | "unbounded" | undefined;
  try {
    longestTurns = longestPlay(scenarioStats(scenario, { limit: 200_000 }));
  } catch {
    longestTurns = undefined; // Too many situations to count; the card just leaves the length out.
  }
  return {
    ok: true,
    file: display,
    id: scenario.id,
    scenario,
    hash: await scenarioHash(scenario),
    ...(longestTurns !== undefined && { longestTurns }),
  };
}

/** Every scenario file, valid or not, sorted by title (broken files last). Unchanged files come from a cache. */
export async function loadLibrary(): Promise<LibraryEntry[]> {
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
      if (earlier !== undefined) {
        entry = {
          ok: false,
          file: display,
          id: entry.id,
          problems: [
            {
              rule: "id-duplicate",
              severity: "error",
              message: `id: "${entry.id}" is already used by ${earlier}`,
              path: ["id"],
              line: 1,
              column: 1,
            },
          ],
        };
      } else seen.set(entry.id, display);
      entries.push(entry);
    }
  }
  return entries.sort((a, b) =>
    a.ok !== b.ok ? (a.ok ? -1 : 1) : a.ok && b.ok ? a.scenario.title.localeCompare(b.scenario.title) : a.file.localeCompare(b.file),
  );
}

/** One entry by id, or undefined. */
export async function findScenario(id: string): Promise<LibraryEntry | undefined> {
  return (await loadLibrary()).find((e) => e.id === id);
}
