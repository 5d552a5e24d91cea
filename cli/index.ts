/** `npm run scenarios -- <command>`: the trainers' command line. */
import { createInterface } from "node:readline/promises";
import { EXIT, UsageError, type Command, type Io } from "./command";
import { check } from "./commands/check";
import { play } from "./commands/play";
import { schema } from "./commands/schema";
import { stats } from "./commands/stats";
import { exportTweeCommand, importTweeCommand } from "./commands/twee";

const COMMANDS: Command[] = [check, stats, play, schema, importTweeCommand, exportTweeCommand];

const HELP = `Usage: npm run scenarios -- <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join("\n")}

Run "npm run scenarios -- <command> --help" for a command's options.`;

/** Runs one command line; returns the exit code. Kept apart from process handling so tests can call it. */
export async function main(argv: string[], io: Io, commands: Command[] = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`scenarios: unknown command "${name}"\n\n${HELP}`);
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
      io.err(`scenarios ${name}: ${(e as Error).message}\nRun "npm run scenarios -- ${name} --help" for usage.`);
      return EXIT.usage;
    }
    throw e;
  }
}

/**
 * Io on the real terminal. Lines that arrive before they are asked for (piped input) are queued.
 * `close` lets go of the input once the command is done, so that the process can end while the
 * terminal or a pipe is still open.
 */
export function processIo(): Io & { close: () => void } {
  let rl: ReturnType<typeof createInterface> | undefined;
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  const start = () => {
    rl = createInterface({ input: process.stdin, terminal: false });
    rl.on("line", (line) => {
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    });
    rl.on("close", () => {
      closed = true;
      for (const w of waiting.splice(0)) w(null);
    });
  };
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    ask: (prompt) => {
      process.stdout.write(prompt);
      if (!rl) start();
      if (lines.length) return Promise.resolve(lines.shift()!);
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl?.close(),
  };
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isEntry) {
  // No process.exit(): it would drop what is still queued for a pipe (all but its first 64 KiB
  // when the reader is slower). With the input let go, nothing is left to wait for but the
  // output, and the process ends once it is written.
  const io = processIo();
  main(process.argv.slice(2), io)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        process.stderr.write(`scenarios: ${(e as Error).message}\n`);
        process.exitCode = EXIT.usage;
      },
    )
    .finally(io.close);
}
