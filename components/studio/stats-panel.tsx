"use client";
/**
 * A draft's statistics as `npm run scenarios -- stats` reports them, for its author: which endings
 * plays reach, the best and the worst play (each can be played in the playtest), the meters plays
 * end with, and how many plays there are. Computed off the page's thread (use-scenario-stats.ts).
 */
import { useId, type ReactNode } from "react";
import { RESPONSE_KINDS } from "../../scenarios/kinds";
import type { EndingStats, MeterRange, PathStats, ScenarioStats } from "../../scenarios/stats";
import type { Scenario } from "../../scenarios/types";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { OUTCOME_LABELS } from "./graph-model";
import { useScenarioStats } from "./use-scenario-stats";

export interface StatsPanelProps {
  /** A parsed scenario with no errors; keep its identity between renders, it is analysed anew when it changes. */
  scenario: Scenario;
  /** Called with a path's choice ids when the author asks to play the best or the worst path. */
  onPlayPath: (choiceIds: string[]) => void;
  /** Whether the panel is a section with its own "Analysis" heading (the default); false under a heading outside that names it. */
  heading?: boolean;
}

const number = (n: number | bigint) => n.toLocaleString("en-US");
const plural = (n: number, word: string, words = `${word}s`) => `${number(n)} ${n === 1 ? word : words}`;
const range = (low: number | string, high: number | string) => (low === high ? String(low) : `${low}–${high}`);
const meters = (r: MeterRange) => range(r.low, r.high);
const outcome = (o: keyof typeof OUTCOME_LABELS) => OUTCOME_LABELS[o].toLowerCase();
const Id = ({ children }: { children: ReactNode }) => <code className="break-all font-mono">{children}</code>;

/** The lowest and highest value of a meter over every reachable ending. */
function overall(endings: readonly EndingStats[], meter: "rapport" | "mutuality"): MeterRange | null {
  const ranges = endings.flatMap((e) => (e[meter] ? [e[meter]] : []));
  if (ranges.length === 0) return null;
  return { low: Math.min(...ranges.map((r) => r.low)), high: Math.max(...ranges.map((r) => r.high)) };
}

function Endings({ stats }: { stats: ScenarioStats }) {
  const reached = stats.endings.filter((e) => e.reachable);
  const unreached = stats.endings.filter((e) => !e.reachable);
  const rapport = overall(stats.endings, "rapport");
  const mutuality = overall(stats.endings, "mutuality");
  return (
    <div className="space-y-2">
      <h3 className="font-semibold">Endings</h3>
      <p className="text-sm">
        {number(reached.length)} of {plural(stats.endings.length, "ending")} can be reached
        {unreached.length > 0 && (
          <>
            ; <strong className="font-semibold text-red-800">never reached: </strong>
            {unreached.map((e, i) => (
              <span key={e.nodeId}>
                {i > 0 && ", "}
                <Id>{e.nodeId}</Id>
              </span>
            ))}
          </>
        )}
        .
      </p>
      {rapport && mutuality && (
        <p className="text-sm">
          Plays end with rapport {meters(rapport)} and mutuality {meters(mutuality)}.
        </p>
      )}
      <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white text-sm" aria-label="Every ending">
        {stats.endings.map((e) => (
          <li key={e.nodeId} className="px-3 py-2">
            <p>
              <Id>{e.nodeId}</Id>, {outcome(e.outcome)}
            </p>
            {e.reachable && e.fewestTurns !== undefined && e.mostTurns !== undefined && e.rapport && e.mutuality ? (
              <p className="text-stone-700">
                After {range(e.fewestTurns, e.mostTurns)} turns, rapport {meters(e.rapport)}, mutuality {meters(e.mutuality)}
              </p>
            ) : (
              <p className="font-medium text-red-800">No play reaches it</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PathSteps({ scenario, path }: { scenario: Scenario; path: PathStats }) {
  let step = 0;
  return (
    <ol className="mt-2 space-y-0.5 text-sm" aria-label="Steps">
      {path.nodeIds.map((nodeId, i) => {
        const node = scenario.nodes[nodeId];
        if (node?.type === "turn") {
          const s = path.steps[step++];
          return (
            <li key={i}>
              {step}. <Id>{nodeId}</Id> → <Id>{s?.choiceId}</Id> ({s ? RESPONSE_KINDS[s.kind].label.toLowerCase() : "?"})
            </li>
          );
        }
        return (
          <li key={i} className="pl-4 text-stone-700">
            <Id>{nodeId}</Id> ({node?.type === "branch" ? "branch" : "ending"})
          </li>
        );
      })}
    </ol>
  );
}

function PathSummary({
  label,
  scenario,
  path,
  onPlay,
}: {
  label: "best" | "worst";
  scenario: Scenario;
  path: PathStats;
  onPlay: () => void;
}) {
  const headingId = useId();
  return (
    <div role="group" aria-labelledby={headingId} className="space-y-2 rounded border border-stone-200 bg-white p-3">
      <h3 id={headingId} className="font-semibold">
        {label === "best" ? "Best path" : "Worst path"}
      </h3>
      <p className="text-sm">
        Ends at <Id>{path.endingId}</Id> ({outcome(path.outcome)}) after {plural(path.steps.length, "turn")}, with rapport {path.meters.rapport} and
        mutuality {path.meters.mutuality}.
      </p>
      <Button variant="secondary" size="sm" onClick={onPlay}>
        Play the {label} path
      </Button>
      <details>
        <summary className="cursor-pointer text-sm">Its choices, step by step</summary>
        <PathSteps scenario={scenario} path={path} />
      </details>
    </div>
  );
}

function Results({ scenario, stats, onPlayPath }: { scenario: Scenario; stats: ScenarioStats; onPlayPath: (choiceIds: string[]) => void }) {
  const { counts } = stats;
  const trap = stats.traps.example;
  return (
    <div className="space-y-4">
      <Endings stats={stats} />
      {stats.best && stats.worst ? (
        <div className="space-y-3">
          <PathSummary label="best" scenario={scenario} path={stats.best} onPlay={() => onPlayPath([...stats.best!.choiceIds])} />
          <PathSummary label="worst" scenario={scenario} path={stats.worst} onPlay={() => onPlayPath([...stats.worst!.choiceIds])} />
        </div>
      ) : (
        <Notice tone="warning">No play reaches an ending, so there is no best or worst path.</Notice>
      )}
      <div className="space-y-1 text-sm">
        <h3 className="text-base font-semibold">Plays</h3>
        <p className="break-words">
          {stats.paths === "unbounded"
            ? "Distinct paths: unbounded (plays can loop, so a play could go on for ever)."
            : `Distinct paths: ${number(stats.paths)} from the start to an ending.`}
        </p>
        <p>
          Reachable: {counts.reachableNodes} of {plural(counts.nodes, "node")}, in {plural(counts.situations, "situation")} (node, meters and flags).
        </p>
        <p>
          {trap ? (
            <>
              Traps: {plural(stats.traps.count, "situation")} cannot reach an ending, for example <Id>{trap.nodeId}</Id> at rapport {trap.rapport},
              mutuality {trap.mutuality}
              {trap.flags.length ? `, flags ${trap.flags.join(", ")}` : ""}.
            </>
          ) : (
            "Traps: none (from every situation some play still reaches an ending)."
          )}
        </p>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer">Response kinds on offer</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">Choices of each kind at turns some play reaches, and in the whole file</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-1 pr-2 font-medium">
                Kind
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">
                On offer
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                In file
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row" className="py-0.5 pr-2 font-normal">
                  {RESPONSE_KINDS[k.kind].label} <span className="text-stone-600">({RESPONSE_KINDS[k.kind].effect})</span>
                </th>
                <td className="py-0.5 pr-2 text-right">{k.onOffer}</td>
                <td className="py-0.5 text-right">{k.inFile}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

export function StatsPanel({ scenario, onPlayPath, heading = true }: StatsPanelProps) {
  const state = useScenarioStats(scenario);
  const ownHeading = useId();
  // Under a heading outside (such as a fold's), the section that heading names holds this panel.
  const Box = heading ? "section" : "div";
  return (
    <Box
      aria-labelledby={heading ? ownHeading : undefined}
      aria-busy={state.status === "analysing" || (state.status === "done" && state.stale)}
      className="space-y-3"
    >
      {heading && (
        <h2 id={ownHeading} className="text-lg font-semibold">
          Analysis
        </h2>
      )}
      <p className="text-sm text-stone-700">
        Every play of the draft, explored exactly, as <code>npm run scenarios -- stats</code> does.
      </p>
      <p role="status" className="text-sm text-stone-700">
        {state.status === "analysing"
          ? "Analysing the draft…"
          : state.status === "done"
            ? state.stale
              ? "Updating for the latest change…"
              : `Analysed ${plural(state.stats.counts.situations, "situation")} in ${number(Math.max(1, Math.round(state.ms)))} ms.`
            : ""}
      </p>
      {state.status === "failed" && (
        <Notice tone="error" role="alert">
          {state.error}
        </Notice>
      )}
      {state.status === "done" && <Results scenario={scenario} stats={state.stats} onPlayPath={onPlayPath} />}
    </Box>
  );
}
