/**
 * Child process of bench/analyze.ts: does one measured job in a fresh process and prints one JSON
 * line with its figures, its peak memory included (process.resourceUsage().maxRSS).
 *
 *   node --import tsx bench/analyze-worker.ts noop            startup floor: Node + tsx, no work
 *   node --import tsx bench/analyze-worker.ts check <file>    read the file, checkScenario (as `check` does)
 *   node --import tsx bench/analyze-worker.ts parse <file>    read the file, parseScenario only (YAML + schema)
 *   node --import tsx bench/analyze-worker.ts paths <file>    getSimplePaths of xstate/graph on the compiled machine
 *
 * Modules are imported per job, so a check run loads only what the CLI's check loads.
 */
import { readFileSync, writeSync } from "node:fs";
import { performance } from "node:perf_hooks";

const maxRssMB = () => process.resourceUsage().maxRSS / 1024;
const report = (figures: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ ...figures, maxRssMB: maxRssMB() })}\n`);

const [mode, file] = process.argv.slice(2);

if (mode === "noop") {
  report({});
} else if (mode === "check" && file) {
  const { checkScenario } = await import("../scenarios/check-scenario");
  const t0 = performance.now();
  const text = readFileSync(file, "utf8");
  const result = checkScenario(text);
  const ms = performance.now() - t0;
  report({ ms, errors: result.errors, warnings: result.warnings, parsed: result.scenario !== undefined });
} else if (mode === "parse" && file) {
  const { parseScenario } = await import("../scenarios/parse");
  const t0 = performance.now();
  const parsed = parseScenario(readFileSync(file, "utf8"));
  const ms = performance.now() - t0;
  report({ ms, parsed: parsed.ok });
} else if (mode === "paths" && file) {
  const { checkScenario } = await import("../scenarios/check-scenario");
  const { compileScenario } = await import("../machines/compile-scenario");
  const { offeredChoices } = await import("../machines/select-view");
  const { getSimplePaths } = await import("xstate/graph");
  const { scenario } = checkScenario(readFileSync(file, "utf8"));
  if (!scenario) throw new Error(`${file} did not parse`);
  const machine = compileScenario(scenario);
  // Progress on stderr at the first snapshot, then every 100 snapshots or 100 ms, so the parent can say how far
  // it got when it kills us, and whether it was still moving (getSimplePaths is synchronous: no timer
  // can fire, so the events function, called once per new snapshot, does the reporting).
  let expanded = 0;
  let lastReport = performance.now();
  const t0 = performance.now();
  const paths = getSimplePaths(machine, {
    // Default serialization (the whole snapshot: value and context); only the events are given.
    events: (snapshot) => {
      expanded++;
      const now = performance.now();
      if (expanded === 1 || expanded % 100 === 0 || now - lastReport > 100) {
        lastReport = now;
        writeSync(2, `progress ${JSON.stringify({ expanded, ms: now - t0, maxRssMB: maxRssMB() })}\n`);
      }
      return offeredChoices(scenario, snapshot).map((c) => ({ type: "choice.select" as const, choiceId: c.id }));
    },
  });
  const ms = performance.now() - t0;
  report({ ms, paths: paths.length, expanded });
} else {
  process.stderr.write("usage: analyze-worker.ts noop | check <file> | parse <file> | paths <file>\n");
  process.exit(2);
}
