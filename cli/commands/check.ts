import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { checkScenario } from "../../scenarios/check-scenario";
import { formatProblem, type Problem } from "../../scenarios/problem";
import { SCENARIO_FILE } from "../../scenarios/scenario-file";
import { SIZE_LIMITS } from "../../scenarios/size-limits";
import { EXIT, formatArgs, readScenario, UsageError, type Command } from "../command";

/** The scenario files named, folders searched (recursively) for *.scenario.yaml|yml|json. */
function collect(paths: string[]): { files: string[]; unreadable: string[] } {
  const files: string[] = [];
  const unreadable: string[] = [];
  const walk = (p: string, named: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      unreadable.push(`${p}: no such file or folder`);
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        walk(path.join(p, name), false);
      }
    } else if (named || SCENARIO_FILE.test(p)) files.push(p);
  };
  for (const p of paths) walk(p, true);
  return { files, unreadable };
}

export const check: Command = {
  name: "check",
  summary: "find every problem in scenario files, with its line and column",
  help: `Usage: npm run scenarios -- check [--format text|json] <files or folders>...

Parses, validates and analyses each scenario file (folders are searched for
*.scenario.yaml, *.scenario.yml and *.scenario.json) and prints every problem as

  file:line:column  error|warning  rule-id  message

then a summary. A broken file never stops the others from being checked; a file
larger than ${SIZE_LIMITS.fileBytes / (1024 * 1024)} MB is reported as too-large without being read.

Options:
  --format json   print one JSON object for tools instead of text
  -h, --help      show this help

Exit status: 0 when no file has errors (warnings allowed), 1 when some file has
errors, 2 on bad usage or a file that cannot be read.`,
  async run(args, io) {
    const { format, positionals } = formatArgs(args);
    if (positionals.length === 0) throw new UsageError("name at least one scenario file or folder");
    const { files, unreadable } = collect(positionals);
    const results: { file: string; problems: Problem[]; readError?: string }[] = [];
    for (const file of files) {
      const read = readScenario(file);
      if ("error" in read) {
        unreadable.push(read.error);
        continue;
      }
      results.push({ file, problems: "problem" in read ? [read.problem] : checkScenario(read.text, file).problems });
    }
    const errors = results.reduce((n, r) => n + r.problems.filter((p) => p.severity === "error").length, 0);
    const warnings = results.reduce((n, r) => n + r.problems.filter((p) => p.severity === "warning").length, 0);
    if (format === "json") {
      io.out(
        JSON.stringify(
          {
            files: results.map((r) => ({
              file: r.file,
              problems: r.problems.map(({ rule, severity, message, line, column, nodeId }) => ({
                rule,
                severity,
                message,
                line,
                column,
                ...(nodeId !== undefined && { nodeId }),
              })),
            })),
            unreadable,
            errors,
            warnings,
          },
          null,
          2,
        ),
      );
    } else {
      for (const r of results) for (const p of r.problems) io.out(formatProblem(r.file, p));
      for (const u of unreadable) io.err(u);
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
      io.out(
        `${plural(results.length, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}` +
          (unreadable.length ? `; ${plural(unreadable.length, "file")} could not be read` : ""),
      );
    }
    if (unreadable.length) return EXIT.usage;
    return errors > 0 ? EXIT.problems : EXIT.ok;
  },
};
