/**
 * `npm run bench:analyze`: how long the CLI's `check` takes on big generated scenarios, and on a
 * 10,000-node chain and a 10,000-node cycle, and its peak memory, each file in a fresh child
 * process; beside it, what `getSimplePaths` of xstate/graph does on the compiled machine of the
 * smaller ones when used naively (default serialization: the whole snapshot). Prints figures
 * beside their budgets and a verdict; exits 1 when over budget. Everything runs locally, in a
 * temp folder removed at the end, and every child is time-limited.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { generateChain } from "./generate-chain";
import { generateScenario, type GenerateOptions } from "./generate-scenario";
import { scenarioToYaml } from "../scenarios/serialize-scenario";
import { flagsTested } from "../scenarios/step";
import type { Condition, Scenario } from "../scenarios/types";

// ── settings ────────────────────────────────────────────────────────────────────────────────────
const GENERATOR: Omit<GenerateOptions, "nodes" | "seed"> = { backEdges: 0.05, flags: 2, alwaysOffer: true };
/**
 * Budgets for `check` on this machine (2 cores), per file: the time check itself takes (reading
 * the file, parsing, validating, analysing), the median of RUNS fresh processes, and peak memory.
 * Node and tsx start-up is measured apart and shown beside it: it is the same for any file.
 */
const RUNS = 3;

/** One file to check: how it is made, its budget if it has one, and the hard limit on each run. */
interface Case {
  key: string;
  /** "story": bench/generate-scenario.ts; "chain", "cycle": bench/generate-chain.ts. */
  shape: "story" | "chain" | "cycle";
  nodes: number;
  seed?: number;
  make: () => Scenario;
  budget?: { ms: number; mb: number };
  /** A run over its limit is killed and counts as over budget. */
  limitMs: number;
}

const story = (nodes: number, seed: number, limitMs: number, budget?: Case["budget"]): Case => ({
  key: `story-${nodes}`,
  shape: "story",
  nodes,
  seed,
  make: () => generateScenario({ nodes, seed, ...GENERATOR }),
  limitMs,
  ...(budget && { budget }),
});

/**
 * The longest shapes: every node on one line, written first node first. A pass that swept over
 * all nodes until nothing changed settled one node per sweep there and took 40 s on a chain of
 * 10,000 (the limit kills such a run); linear passes take 2 to 3 s, 1 s of it reading the 4 MB
 * file. The budget leaves room for a busy machine.
 */
const shape = (kind: "chain" | "cycle", nodes: number, budget: Case["budget"]): Case => ({
  key: `${kind}-${nodes}`,
  shape: kind,
  nodes,
  make: () => generateChain({ nodes, loop: kind === "cycle" }),
  limitMs: 45_000,
  budget,
});

const CASES: Case[] = [
  story(100, 1, 15_000),
  story(1_000, 2, 15_000, { ms: 1_000, mb: 500 }),
  story(10_000, 3, 45_000, { ms: 10_000, mb: 500 }),
  shape("chain", 10_000, { ms: 6_000, mb: 500 }),
  shape("cycle", 10_000, { ms: 6_000, mb: 500 }),
];
/** getSimplePaths runs, each killed at its limit. */
const PATHS_RUNS = [
  { key: "story-100", limitMs: 60_000 },
  { key: "story-1000", limitMs: 30_000 },
] as const;
const PATHS_HEAP_MB = 4_096;
/** The whole bench stays within this; the optional parse breakdown runs only in the time left. */
const DEADLINE_MS = 240_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORKER = path.join("bench", "analyze-worker.ts");
const started = performance.now();

// ── formatting ──────────────────────────────────────────────────────────────────────────────────
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const dur = (ms: number) => (ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const mb = (m: number) => `${Math.round(m)} MB`;
const times = (r: number) => `${r >= 100 ? int(r) : r.toFixed(1)}×`;
const row = (cells: [string, number][]) => cells.map(([text, width]) => (width < 0 ? text.padEnd(-width) : text.padStart(width))).join("  ");

// ── children ────────────────────────────────────────────────────────────────────────────────────
interface ChildRun {
  wallMs: number;
  timedOut: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The JSON line the worker printed, when it finished. */
  result?: Record<string, unknown> & { maxRssMB: number };
  /** The last progress line of a getSimplePaths run. */
  progress?: { expanded: number; ms: number; maxRssMB: number };
  /** Wall time (since spawn) at which the last progress line arrived. */
  progressAtMs?: number;
  stderr: string;
}

let running: ChildProcess | undefined;

function runWorker(args: string[], limitMs: number, nodeArgs: string[] = []): Promise<ChildRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", WORKER, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    running = child;
    let stdout = "";
    let stderr = "";
    let progress: ChildRun["progress"];
    let progressAtMs: number | undefined;
    let wallMs = 0;
    let timedOut = false;
    child.stdout!.on("data", (d: Buffer) => (stdout += d));
    let partial = "";
    child.stderr!.on("data", (d: Buffer) => {
      stderr = (stderr + d).slice(-64_000);
      const lines = (partial + d).split("\n");
      partial = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith("progress {")) continue;
        progress = JSON.parse(line.slice("progress ".length));
        progressAtMs = performance.now() - t0;
      }
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, limitMs);
    child.on("exit", () => (wallMs = performance.now() - t0));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      const line = stdout.trim().split("\n").pop();
      let result: ChildRun["result"];
      if (code === 0 && line?.startsWith("{")) result = JSON.parse(line);
      resolve({ wallMs, timedOut, code, signal, result, progress, progressAtMs, stderr: stderr.replace(/^progress .*\n?/gm, "") });
    });
  });
}

/** Why a child gave no figures, in a few words. */
function failure(run: ChildRun, limitMs: number): string {
  if (run.timedOut) return `did not finish in ${dur(limitMs)}`;
  if (/heap out of memory|Allocation failed/i.test(run.stderr)) return `ran out of memory after ${dur(run.wallMs)}`;
  const last = run.stderr.trim().split("\n").filter(Boolean).pop() ?? "";
  return `failed (exit ${run.code ?? run.signal}) ${last.slice(0, 80)}`;
}

// ── scenarios ───────────────────────────────────────────────────────────────────────────────────
function counts(s: Scenario) {
  const nodes = Object.values(s.nodes);
  const flags = new Set<string>();
  const tested = (w?: Condition) => flagsTested(w).forEach((t) => flags.add(t.flag));
  let choices = 0;
  for (const n of nodes) {
    if (n.type === "turn") {
      choices += n.choices.length;
      for (const c of n.choices) {
        c.set.forEach((f) => flags.add(f));
        tested(c.when);
      }
    } else if (n.type === "branch") n.branch.forEach((b) => tested(b.when));
  }
  const of = (t: string) => nodes.filter((n) => n.type === t).length;
  return { nodes: nodes.length, turns: of("turn"), branches: of("branch"), endings: of("ending"), choices, flags: flags.size };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-analyze-"));
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    running?.kill("SIGKILL");
    cleanUp();
    process.exit(130);
  });
}

const overBudget: string[] = [];
try {
  console.log("bench:analyze — `check` on generated scenarios; xstate/graph getSimplePaths beside it");
  console.log(
    `story: bench/generate-scenario.ts  backEdges ${GENERATOR.backEdges}  flags ${GENERATOR.flags} per 50-node stretch  alwaysOffer ${GENERATOR.alwaysOffer}`,
  );
  console.log("chain, cycle: bench/generate-chain.ts  three replies per turn (a fourth on high rapport every tenth), all to the next turn;");
  console.log("  the cycle's last turn leads back to the first, and out to an ending only on rapport >= 60");
  const W = { shape: -6, n: 7, seed: 4, c: 7, yaml: 9 };
  console.log(
    "  " +
      row([["shape", W.shape], ["nodes", W.n], ["seed", W.seed], ["turns", W.c], ["branches", 8], ["endings", W.c], ["choices", W.c], ["flags", 5], ["YAML", W.yaml]]),
  );
  const files = new Map<string, string>();
  for (const c of CASES) {
    const scenario = c.make();
    const yaml = scenarioToYaml(scenario);
    const file = path.join(dir, `${c.key}.scenario.yaml`);
    writeFileSync(file, yaml);
    files.set(c.key, file);
    const n = counts(scenario);
    console.log(
      "  " +
        row([
          [c.shape, W.shape],
          [int(n.nodes), W.n],
          [c.seed === undefined ? "—" : String(c.seed), W.seed],
          [int(n.turns), W.c],
          [int(n.branches), 8],
          [int(n.endings), W.c],
          [int(n.choices), W.c],
          [int(n.flags), 5],
          [`${(yaml.length / 1024).toFixed(0)} kB`, W.yaml],
        ]),
    );
  }

  // ── check ──
  console.log("");
  console.log(`check: one fresh child per file: node --import tsx ${WORKER} check <file>`);
  console.log("  (the child reads the file and calls checkScenario, as the CLI's check does per file;");
  console.log(`   check = read + checkScenario inside the child, median of ${RUNS} runs; wall = spawn to exit, Node + tsx start-up included)`);
  await runWorker(["check", files.get("story-100")!], 30_000); // warm-up: tsx's transform cache; not counted
  const floor = await runWorker(["noop"], 15_000);
  if (floor.result) console.log(`  start-up floor (Node + tsx, no work): wall ${dur(floor.wallMs)}, peak ${mb(floor.result.maxRssMB)}; one warm-up run not counted`);
  const checkMs = new Map<string, number>();
  const checkWall = new Map<string, number>();
  console.log(
    "  " +
      row([["shape", -6], ["nodes", 7], ["check", 8], ["budget", 8], ["", 4], ["wall", 8], ["peak RSS", 9], ["budget", 8], ["", 4], ["errors", 7], ["warnings", 8]]),
  );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const { key, shape: kind, nodes, budget, limitMs: limit } of CASES) {
    const what = `check ${kind} of ${int(nodes)} nodes`;
    const runs: { wallMs: number; ms: number; maxRssMB: number; errors: number; warnings: number }[] = [];
    let failed: string | undefined;
    for (let i = 0; i < RUNS && !failed; i++) {
      const run = await runWorker(["check", files.get(key)!], limit);
      if (!run.result) failed = failure(run, limit);
      else runs.push({ wallMs: run.wallMs, ...(run.result as unknown as { ms: number; maxRssMB: number; errors: number; warnings: number }) });
    }
    if (failed) {
      console.log("  " + row([[kind, -6], [int(nodes), 7], [failed, -60]]));
      if (budget) overBudget.push(`${what}: ${failed}`);
      continue;
    }
    const ms = median(runs.map((r) => r.ms));
    const wallMs = median(runs.map((r) => r.wallMs));
    const peak = Math.max(...runs.map((r) => r.maxRssMB));
    const r = runs[0]!;
    checkMs.set(key, ms);
    checkWall.set(key, wallMs);
    const timeOk = !budget || ms <= budget.ms;
    const memOk = !budget || peak <= budget.mb;
    if (!timeOk) overBudget.push(`${what} took ${dur(ms)} (budget ${dur(budget!.ms)})`);
    if (!memOk) overBudget.push(`${what} peaked at ${mb(peak)} (budget ${mb(budget!.mb)})`);
    console.log(
      "  " +
        row([
          [kind, -6],
          [int(nodes), 7],
          [dur(ms), 8],
          [budget ? `< ${dur(budget.ms)}` : "—", 8],
          [budget ? (timeOk ? "ok" : "OVER") : "", 4],
          [dur(wallMs), 8],
          [mb(peak), 9],
          [budget ? `< ${mb(budget.mb)}` : "—", 8],
          [budget ? (memOk ? "ok" : "OVER") : "", 4],
          [int(r.errors), 7],
          [int(r.warnings), 8],
        ]),
    );
  }

  // ── getSimplePaths ──
  console.log("");
  console.log(`getSimplePaths (xstate/graph) on the compiled machine, one child per run: node --max-old-space-size=${PATHS_HEAP_MB} --import tsx ${WORKER} paths <file>`);
  console.log("  default serializeState (the whole snapshot: value + context with flags and turns); events from offeredChoices;");
  console.log("  time = the getSimplePaths call alone; the child is killed at its limit; ratio = its time / check's time (in-child) on the same file");
  console.log("  " + row([["shape", -6], ["nodes", 7], ["limit", 6], ["result", -76], ["vs check", 9]]));
  let stalled = false;
  for (const { key, limitMs } of PATHS_RUNS) {
    const { shape: kind, nodes } = CASES.find((c) => c.key === key)!;
    const run = await runWorker(["paths", files.get(key)!], limitMs, [`--max-old-space-size=${PATHS_HEAP_MB}`]);
    const base = checkMs.get(key);
    const r = run.result;
    let result: string;
    let ratio: string;
    if (r) {
      result = `${dur(r.ms as number)}, ${int(r.paths as number)} paths, ${int(r.expanded as number)} snapshots, peak ${mb(r.maxRssMB)}`;
      ratio = base ? times((r.ms as number) / base) : "?";
    } else {
      const p = run.progress;
      // No progress line in the last seconds: stuck inside one transition, not just slow.
      const quiet = run.progressAtMs === undefined ? run.wallMs : run.wallMs - run.progressAtMs;
      const how = p
        ? quiet > 5_000
          ? `stalled at ≥ ${int(p.expanded)} snapshots, none new for ${dur(quiet)}`
          : `≥ ${int(p.expanded)} snapshots expanded, ${mb(p.maxRssMB)}`
        : "no snapshot expanded";
      result = `${failure(run, limitMs)} (${how})`;
      ratio = base ? `> ${times((run.timedOut ? limitMs : run.wallMs) / base)}` : "?";
    }
    console.log("  " + row([[kind, -6], [int(nodes), 7], [dur(limitMs), 6], [result, -76], [ratio, 9]]));
    if (result.includes("stalled")) stalled = true;
  }
  if (stalled) console.log("  stalled: one transition never returned, e.g. an eventless loop among branch nodes (what check reports as `trap`)");

  // ── parse share (optional, in the time left) ──
  console.log("");
  console.log(`of check's time, parse (YAML + schema, parseScenario alone, own child), the rest being analysis:`);
  const parts: string[] = [];
  for (const { key, shape: kind, nodes } of CASES) {
    const left = DEADLINE_MS - (performance.now() - started) - 2_000;
    const whole = checkMs.get(key);
    const limit = Math.min(left, (checkWall.get(key) ?? 0) + 5_000);
    const label = `${kind} ${int(nodes)}`;
    if (whole === undefined || limit < 1_000) {
      parts.push(`${label}: ${whole === undefined ? "—" : "skipped (time)"}`);
      continue;
    }
    const run = await runWorker(["parse", files.get(key)!], limit);
    const ms = run.result?.ms as number | undefined;
    parts.push(`${label}: ${ms === undefined ? failure(run, limit) : `${dur(ms)} of ${dur(whole)} (${Math.round((100 * ms) / whole)}%)`}`);
  }
  console.log(`  ${parts.join("   ")}`);
} finally {
  running?.kill("SIGKILL");
  cleanUp();
}

console.log("");
console.log(`total ${dur(performance.now() - started)}`);
if (overBudget.length) {
  console.log(`verdict: OVER BUDGET — ${overBudget.join("; ")}`);
  process.exit(1);
}
console.log("verdict: within budget");
process.exit(0);
