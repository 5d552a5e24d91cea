/** `npm run scenarios -- <command>`: the trainers' command line. */
import { createInterface } from "node:readline/promises";
import { dispatch, programHelp, runAsProcess, type Command, type Io } from "./command";
import { check } from "./commands/check";
import { play } from "./commands/play";
import { schema } from "./commands/schema";
import { stats } from "./commands/stats";
import { exportTweeCommand, importTweeCommand } from "./commands/twee";

const COMMANDS: Command[] = [check, stats, play, schema, importTweeCommand, exportTweeCommand];

const HELP = programHelp("scenarios", COMMANDS);

/** Runs one command line; returns the exit code. Kept apart from process handling so tests can call it. */
export function main(argv: string[], io: Io, commands: Command[] = COMMANDS): Promise<number> {
  return dispatch("scenarios", HELP, commands, argv, io);
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
if (isEntry) runAsProcess("scenarios", main, processIo());
