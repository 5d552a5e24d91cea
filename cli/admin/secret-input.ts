/**
 * The administrators' command line on the real terminal. Its `ask` reads a secret: on a
 * terminal it prompts on standard error and reads a line without echo; from a pipe or a file it
 * reads one line and prompts nothing, so standard output carries only the result.
 */
import type { Io } from "../command";

/** Ctrl-C, Ctrl-D, Ctrl-U, backspace and delete, as a terminal in raw mode sends them. */
const INTERRUPT = "\u0003";
const END = "\u0004";
const KILL_LINE = "\u0015";
const ERASE = new Set(["\u0008", "\u007f"]);

export function secretIo(): Io & { close: () => void } {
  const stdin = process.stdin;
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    ask: (prompt) => (stdin.isTTY ? askWithoutEcho(stdin, prompt) : readLine(stdin)),
    // Let go of the input, so that the process can end while a pipe is still open.
    close: () => void stdin.pause(),
  };
}

/** Input read from a pipe but not used yet (after the first line). */
let pending = "";

/** The next line of a pipe or file (without its line ending), or null at its end. */
function readLine(stdin: NodeJS.ReadStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const take = (): boolean => {
      const at = pending.indexOf("\n");
      if (at < 0) return false;
      const line = pending.slice(0, at).replace(/\r$/, "");
      pending = pending.slice(at + 1);
      finish();
      resolve(line);
      return true;
    };
    const onData = (chunk: string) => {
      pending += chunk;
      take();
    };
    const onEnd = () => {
      const rest = pending.replace(/\r$/, "");
      pending = "";
      finish();
      resolve(rest === "" ? null : rest);
    };
    const onError = (e: Error) => {
      finish();
      reject(e);
    };
    const finish = () => {
      stdin.off("data", onData).off("end", onEnd).off("error", onError);
      stdin.pause();
    };
    if (take()) return;
    if (stdin.readableEnded) return onEnd();
    stdin.setEncoding("utf8").on("data", onData).once("end", onEnd).once("error", onError).resume();
  });
}

/** A line typed on a terminal, not shown; null when Ctrl-D is typed on an empty line. */
function askWithoutEcho(stdin: NodeJS.ReadStream, prompt: string): Promise<string | null> {
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let typed: string[] = [];
    const done = (line: string | null) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      resolve(line);
    };
    const onData = (chunk: string) => {
      // An escape sequence (an arrow key, a function key) comes as one chunk: it is not text.
      if (chunk.startsWith("\u001b")) return;
      for (const c of chunk) {
        if (c === "\r" || c === "\n") return done(typed.join(""));
        if (c === INTERRUPT) {
          done(null);
          process.kill(process.pid, "SIGINT");
          return;
        }
        if (c === END) {
          if (typed.length === 0) return done(null);
        } else if (ERASE.has(c)) typed.pop();
        else if (c === KILL_LINE) typed = [];
        else if (c >= " ") typed.push(c);
      }
    };
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    stdin.on("data", onData).resume();
  });
}
