import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalJson, scenarioHash } from "../../../scenarios/hash";
import { parseScenario } from "../../../scenarios/parse";
import { fakeScenario } from "../../fakes";

const text = readFileSync(new URL("../../fixtures/scenarios/first-visit.scenario.yaml", import.meta.url), "utf8");
const parsed = (t: string) => {
  const r = parseScenario(t);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
};

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });
});

describe("scenarioHash", () => {
  it("is a hex SHA-256", async () => {
    expect(await scenarioHash(fakeScenario())).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on key order or on writing defaults out", async () => {
    const base = await scenarioHash(parsed(text));
    const reordered = text.replace("title: First visit to the drop-in center\n", "").replace(
      "format: 1\n",
      "format: 1\ntitle: First visit to the drop-in center\n",
    );
    expect(await scenarioHash(parsed(reordered))).toBe(base);
    // The dominating choice's deltas written out equal its kind's defaults.
    const explicit = text.replace("        kind: dominating\n", "        kind: dominating\n        rapport: -10\n        mutuality: -10\n");
    expect(await scenarioHash(parsed(explicit))).toBe(base);
    expect(await scenarioHash(parsed(text.replace("\nnodes:", "\nlanguage: en\nnodes:")))).toBe(base);
    // ask-rationale: false is the default written out.
    expect(await scenarioHash(parsed(text.replace("\n    choices:", "\n    ask-rationale: false\n    choices:")))).toBe(base);
  });

  it("changes when anything a trainee meets changes", async () => {
    const base = await scenarioHash(parsed(text));
    expect(await scenarioHash(parsed(text.replace("rapport: 10\n", "rapport: 9\n")))).not.toBe(base);
    expect(await scenarioHash(parsed(text.replace("Long story.", "Long story!")))).not.toBe(base);
    expect(await scenarioHash(parsed(text.replace("\n    choices:", "\n    ask-rationale: true\n    choices:")))).not.toBe(base);
  });
});
