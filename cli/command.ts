/** What every CLI command is: a name, its help, and a run function that returns the exit code. */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseScenario } from "../scenarios/parse";
import { formatProblem, type Problem } from "../scenarios/problem";
import { readScenarioText } from "../scenarios/read-scenario-text";
import type { Scenario } from "../scenarios/types";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads one line from the terminal; null at end of input. */
  ask: (prompt: string) => Promise<string | null>;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The whole `--help` text. */
  help: string;
  run: (args: string[], io: Io) => Promise<number>;
}

/** Exit codes, as linters use them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** A usage mistake: printed with the command's help hint, exit 2. */
export class UsageError extends Error {}

/** The help of a command line (`npm run <program> -- <command>`): its commands, one line each. */
export function programHelp(program: string, commands: Command[]): string {
  const width = Math.max(12, ...commands.map((c) => c.name.length));
  return `Usage: npm run ${program} -- <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`).join("\n")}

Run "npm run ${program} -- <command> --help" for a command's options.`;
}

/** Runs one command line of `program` (help, a command's help, or the command); returns the exit code. */
export async function dispatch(program: string, help: string, commands: Command[], argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(help);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`${program}: unknown command "${name}"\n\n${help}`);
    return EXIT.usage;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    // Unknown options and the like come from parseArgs as TypeErrors with a code.
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`${program} ${name}: ${(e as Error).message}\nRun "npm run ${program} -- ${name} --help" for usage.`);
      return EXIT.usage;
    }
    throw e;
  }
}

/**
 * Runs `main` as the process's command line. No process.exit(): it would drop what is still
 * queued for a pipe (all but its first 64 KiB when the reader is slower). With the input let go
 * (`io.close`), nothing is left to wait for but the output, and the process ends once it is written.
 */
export function runAsProcess(program: string, main: (argv: string[], io: Io) => Promise<number>, io: Io & { close: () => void }): void {
  main(process.argv.slice(2), io)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        process.stderr.write(`${program}: ${(e as Error).message}\n`);
        process.exitCode = EXIT.usage;
      },
    )
    .finally(io.close);
}

/** Reads the arguments of a command whose only option is `--format text|json`. */
export function formatArgs(args: string[]): { format: "text" | "json"; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "text" } },
  });
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
  return { format: values.format, positionals };
}

function cannotRead(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message;
  return `${file}: cannot be read (${why})`;
}

/** Reads a file, turning failures into a sentence. */
export function readText(file: string): { text: string } | { error: string } {
  try {
    if (statSync(file).isDirectory()) return { error: `${file}: is a folder, not a file` };
    return { text: readFileSync(file, "utf8") };
  } catch (e) {
    return { error: cannotRead(file, e) };
  }
}

/** Reads a scenario file: its text, the problem that keeps it from being read (too large), or why it cannot be read. */
export function readScenario(file: string): { text: string } | { problem: Problem } | { error: string } {
  try {
    if (statSync(file).isDirectory()) return { error: `${file}: is a folder, not a file` };
    return readScenarioText(file);
  } catch (e) {
    return { error: cannotRead(file, e) };
  }
}

/** Reads and validates one scenario file, printing its problems; returns the exit code when it cannot be used. */
export function readScenarioFile(file: string, io: Io): { scenario: Scenario } | { exit: number } {
  const read = readScenario(file);
  if ("error" in read) {
    io.err(read.error);
    return { exit: EXIT.usage };
  }
  if ("problem" in read) {
    io.err(formatProblem(file, read.problem));
    return { exit: EXIT.problems };
  }
  const parsed = parseScenario(read.text);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.err(formatProblem(file, p));
    return { exit: EXIT.problems };
  }
  return { scenario: parsed.scenario };
}
