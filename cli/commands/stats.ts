import { RESPONSE_KINDS } from "../../scenarios/kinds";
import { scenarioStats, type MeterRange, type PathStats, type ScenarioStats } from "../../scenarios/stats";
import type { Scenario } from "../../scenarios/types";
import { EXIT, formatArgs, readScenarioFile, UsageError, type Command, type Io } from "../command";

const number = (n: number | bigint) => n.toLocaleString("en-US");
const plural = (n: number, word: string, words = `${word}s`) => `${number(n)} ${n === 1 ? word : words}`;
const range = (low: number | string, high: number | string) => (low === high ? String(low) : `${low}–${high}`);
const meters = (r: MeterRange | undefined) => (r ? range(r.low, r.high) : "–");

/** Lays out rows as columns, each as wide as its widest cell. */
function table(rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd(),
  );
}

/** A play as numbered `node → choice` steps, with the branches it passed and the ending. */
function pathLines(scenario: Scenario, path: PathStats): string[] {
  const lines: string[] = [];
  let step = 0;
  for (const nodeId of path.nodeIds) {
    const node = scenario.nodes[nodeId];
    if (node?.type === "turn") {
      const s = path.steps[step++]!;
      lines.push(`  ${String(step).padStart(2)}. ${s.nodeId} → ${s.choiceId}  (${s.kind})`);
    } else if (node?.type === "branch") lines.push(`      ${nodeId}  (branch)`);
    else lines.push(`      ${nodeId}  (ending)`);
  }
  return lines;
}

function describePath(label: string, scenario: Scenario, path: PathStats): string[] {
  return [
    `${label}: ends at "${path.endingId}" (${path.outcome}) after ${plural(path.steps.length, "turn")}, ` +
      `rapport ${path.meters.rapport}, mutuality ${path.meters.mutuality}`,
    ...pathLines(scenario, path),
    `  choice ids: ${path.choiceIds.join(",")}`,
  ];
}

/** The report a trainer reads. */
export function formatStats(scenario: Scenario, stats: ScenarioStats): string {
  const { counts } = stats;
  const out: string[] = [
    `${stats.title} (${stats.id})`,
    "",
    `Nodes:       ${counts.nodes} (${plural(counts.turns, "turn")}, ${plural(counts.branches, "branch", "branches")}, ${plural(counts.endings, "ending")}); ${plural(counts.choices, "choice")}`,
    `Reachable:   ${counts.reachableNodes} of ${counts.nodes} nodes, in ${plural(counts.situations, "situation")} (node, meters and flags)`,
    "",
    "Endings:",
    ...table([
      ["  ending", "outcome", "reachable", "turns", "rapport", "mutuality"],
      ...stats.endings.map((e) => [
        `  ${e.nodeId}`,
        e.outcome,
        e.reachable ? "yes" : "no",
        e.fewestTurns === undefined || e.mostTurns === undefined ? "–" : range(e.fewestTurns, e.mostTurns),
        meters(e.rapport),
        meters(e.mutuality),
      ]),
    ]),
    "",
  ];
  if (stats.best && stats.worst) {
    out.push(...describePath("Best path", scenario, stats.best), "", ...describePath("Worst path", scenario, stats.worst), "");
  } else out.push("Best and worst path: no play reaches an ending.", "");

  out.push(
    stats.paths === "unbounded"
      ? "Distinct paths: unbounded (plays can loop, so a play could go on forever)"
      : `Distinct paths: ${number(stats.paths)} from the start to an ending`,
  );
  const trap = stats.traps.example;
  out.push(
    trap
      ? `Traps: ${plural(stats.traps.count, "situation")} cannot reach an ending, for example "${trap.nodeId}" at rapport ${trap.rapport}, mutuality ${trap.mutuality}` +
          (trap.flags.length ? `, flags ${trap.flags.join(", ")}` : "")
      : "Traps: none (from every situation some play still reaches an ending)",
    "",
    "Kinds on offer (choices at turns some play reaches; in the whole file):",
  );
  const share = (n: number) => (stats.choicesOnOffer ? `${((100 * n) / stats.choicesOnOffer).toFixed(1)}%` : "–");
  out.push(
    ...table(
      [
        ["  kind", "id (effect)", "on offer", "share", "in file"],
        ...stats.kinds.map((k) => [`  ${RESPONSE_KINDS[k.kind].label}`, `${k.kind} (${RESPONSE_KINDS[k.kind].effect})`, String(k.onOffer), share(k.onOffer), String(k.inFile)]),
        ["  all kinds", "", String(stats.choicesOnOffer), share(stats.choicesOnOffer), String(counts.choices)],
      ],
      new Set([2, 3, 4]),
    ),
  );
  return out.join("\n");
}

export const stats: Command = {
  name: "stats",
  summary: "count a scenario's plays, endings, path lengths, meter ranges and kinds on offer",
  help: `Usage: npm run scenarios -- stats [--format text|json] <file>

Explores every situation a play can be in (a node with the meters and flags that
reach it; branch nodes pass through and take no turn) and reports:

  counts       nodes, turns, branches, endings, choices; reachable nodes and situations
  endings      for each ending, in file order: whether some play reaches it, the
               fewest and most turns to it ("unbounded" when a loop can lead there),
               and the lowest and highest rapport and mutuality it can end with
  best, worst  a play with the best and one with the worst result, as node → choice
               steps with choice ids; results rank by outcome (connected > mixed >
               disengaged), then by final rapport + mutuality; ties go to fewer turns
  paths        the exact number of distinct plays from the start to an ending, or
               "unbounded" when plays can loop; and any trap (a situation from which
               no ending can be reached)
  kinds        for each response kind, its choices at turns some play reaches (whether
               or not their "when" holds there) and in the whole file

A scenario with more than 2,000,000 situations is refused.

Options:
  --format json   print one JSON object for tools instead of text (big numbers as
                  decimal strings)
  -h, --help      show this help

Exit status: 0 when the report is printed, 1 when the file has errors (printed as
file:line:column  error  rule  message) or is too large to explore, 2 on bad usage
or a file that cannot be read.`,
  async run(args, io) {
    const { format, positionals } = formatArgs(args);
    if (positionals.length !== 1) throw new UsageError("name exactly one scenario file");
    const file = positionals[0]!;
    const loaded = readScenarioFile(file, io);
    if ("exit" in loaded) return loaded.exit;
    let result: ScenarioStats;
    try {
      result = scenarioStats(loaded.scenario);
    } catch (e) {
      io.err(`${file}: ${(e as Error).message}`);
      return EXIT.problems;
    }
    if (format === "json") {
      // Unreachable endings keep every key, as null, so tools need no presence checks.
      const endings = result.endings.map((e) => ({
        ...e,
        fewestTurns: e.fewestTurns ?? null,
        mostTurns: e.mostTurns ?? null,
        rapport: e.rapport ?? null,
        mutuality: e.mutuality ?? null,
      }));
      const json = { file, ...result, endings, best: result.best ?? null, worst: result.worst ?? null };
      io.out(JSON.stringify(json, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2));
    } else io.out(formatStats(loaded.scenario, result));
    return EXIT.ok;
  },
};
