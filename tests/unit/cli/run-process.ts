/** Runs a command-line entry as a real process, its standard streams as pipes, for the process tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll } from "vitest";

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const running = new Set<ChildProcess>();
// A child that never ended (a failed test) is not left behind.
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
});

/** Runs `entry` with tsx; `input` is written to its standard input, which is then ended unless `keepOpen`. */
export function runProcess(
  entry: string,
  args: string[],
  { input, keepOpen = false, env }: { input?: string; keepOpen?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", [entry, ...args], { stdio: ["pipe", "pipe", "pipe"], ...(env && { env }) });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    if (input !== undefined) child.stdin.write(input);
    if (!keepOpen) child.stdin.end();
    child.on("error", reject);
    child.on("close", (code) => {
      running.delete(child);
      child.stdin.destroy();
      resolve({ code, stdout, stderr });
    });
  });
}
