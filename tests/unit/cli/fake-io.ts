import type { Io } from "../../../cli/command";

/** An Io that records what a command prints and answers its questions from a script. */
export function fakeIo(answers: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => void out.push(...t.split("\n")),
    err: (t) => void err.push(...t.split("\n")),
    ask: async () => answers.shift() ?? null,
  };
  return { io, out, err };
}
