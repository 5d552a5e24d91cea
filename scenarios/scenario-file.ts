/** How scenario files are named: `<id>.scenario.yaml` (or `.yml`, `.json`). */

/** A scenario file's name; the library and `check` look only for these. */
export const SCENARIO_FILE = /\.scenario\.(ya?ml|json)$/;

/** The id a scenario file's name promises (`intro.scenario.yaml` → `intro`); another name comes back whole. */
export function scenarioFileStem(fileName: string): string {
  return fileName.replace(SCENARIO_FILE, "");
}
