/** Works out, outside the browser, what a play through a library scenario will show. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { replay, type Replay } from "../../machines/replay";
import { offeredChoices } from "../../machines/select-view";
import { compileScenario } from "../../machines/compile-scenario";
import { parseScenario } from "../../scenarios/parse";
import type { Scenario } from "../../scenarios/types";

export function libraryScenario(id: string): Scenario {
  const file = path.join(process.cwd(), "scenarios", "library", `${id}.scenario.yaml`);
  const r = parseScenario(readFileSync(file, "utf8"));
  if (!r.ok) throw new Error(`${id} does not parse`);
  return r.scenario;
}

/** The play that always takes the first choice on offer in file order (or the last). */
export function planFor(scenario: Scenario, pick: "first" | "last" = "first"): Replay {
  const machine = compileScenario(scenario);
  const choices: string[] = [];
  for (;;) {
    const r = replay(scenario, choices, machine);
    if (r.done) return r;
    const offered = offeredChoices(scenario, r.snapshot);
    const c = pick === "first" ? offered[0] : offered[offered.length - 1];
    if (!c) throw new Error(`no choice on offer at ${String(r.snapshot.value)}`);
    choices.push(c.id);
  }
}
