/** A published version's nodes in reading order, whatever order they were stored in. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../../scenarios/check-scenario";
import { canonicalJson } from "../../../scenarios/hash";
import type { Scenario } from "../../../scenarios/types";
import { inReadingOrder } from "../../../server/studio-versions";

const scenario = checkScenario(readFileSync("scenarios/library/active-listening.scenario.yaml", "utf8")).scenario!;

describe("inReadingOrder", () => {
  it("starts at the start and follows the conversation, the same for the file and for the stored (sorted) version", () => {
    const stored = JSON.parse(canonicalJson(scenario)) as Scenario;
    const ids = Object.keys(inReadingOrder(scenario).nodes);
    expect(Object.keys(inReadingOrder(stored).nodes)).toEqual(ids);
    expect(ids[0]).toBe(scenario.start);
    expect([...ids].sort()).toEqual(Object.keys(scenario.nodes).sort());
    // Every node after the start is reached from one before it.
    const node = scenario.nodes;
    const leadsTo = (id: string) => {
      const n = node[id]!;
      return n.type === "turn" ? n.choices.map((c) => c.next) : n.type === "branch" ? n.branch.map((r) => r.next) : [];
    };
    ids.slice(1).forEach((id, i) => expect(ids.slice(0, i + 1).some((before) => leadsTo(before).includes(id)), id).toBe(true));
    expect(inReadingOrder(scenario)).toEqual(scenario);
    expect(Object.keys(inReadingOrder(stored).meters)).toEqual(["rapport", "mutuality"]);
  });

  it("puts nodes nothing leads to last, by id", () => {
    const { start } = scenario;
    const extra = { type: "ending", say: [], outcome: "mixed" } as unknown as Scenario["nodes"][string];
    const withOrphans = { ...scenario, nodes: { zebra: extra, ...scenario.nodes, aardvark: extra } } as Scenario;
    const ids = Object.keys(inReadingOrder(withOrphans).nodes);
    expect(ids[0]).toBe(start);
    expect(ids.slice(-2)).toEqual(["aardvark", "zebra"]);
  });
});
