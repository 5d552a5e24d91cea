import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateChain } from "../../../bench/generate-chain";
import { generateScenario } from "../../../bench/generate-scenario";
import { checkSize } from "../../../scenarios/check-size";
import { parseScenario } from "../../../scenarios/parse";
import { toScenarioFile } from "../../../scenarios/serialize-scenario";
import { SIZE_LIMITS } from "../../../scenarios/size-limits";
import { readYaml } from "../../../scenarios/yaml-source";

/** A valid scenario whose `nodes:` comes last, so tests add their own nodes or top-level keys after it. */
const BASE = readFileSync(new URL("../../fixtures/rules/no-feedback.scenario.yaml", import.meta.url), "utf8");
const SAY = `say: "Hi. I'm not sure why I came."`;

function problems(text: string) {
  return parseScenario(text).problems.map((p) => ({ at: `${p.line}:${p.column}`, rule: p.rule, message: p.message }));
}

const dataOf = (text: string) => {
  const source = readYaml(text);
  if (!source.ok) throw new Error(source.message);
  return source.data;
};

describe("scenario size, measured before validation", () => {
  it("refuses an 82 kB file whose say list repeats one long line 20,000 times through an alias, at the node and where the text goes past the limit", () => {
    const text = BASE.replace(SAY, `say: [&l "${"a".repeat(1990)}"${", *l".repeat(20_000)}]`);
    expect(text.length).toBeLessThan(83_000);
    expect(problems(text)).toEqual([
      {
        at: "11:3",
        rule: "too-large",
        message: 'node "hello" holds 39,802,202 characters of text once its aliases (*name) are expanded; a node may hold at most 20,000',
      },
      {
        at: "12:10040",
        rule: "too-large",
        message:
          "nodes.hello.say[2010]: the scenario comes to 39,802,402 characters of text once its aliases (*name) are expanded, going past the limit here; a scenario may hold at most 4,000,000",
      },
    ]);
  });

  it("measures nested aliases by reference, so thirty levels of nine (9^30 values) are counted at once", () => {
    let text = `${BASE}skills: &l0 [a, b, c, d, e, f, g, h, i]\n`;
    for (let i = 1; i <= 30; i++) text += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]\n`;
    const found = problems(text);
    expect(found.map((p) => [p.at, p.rule])).toEqual([
      ["34:10", "too-large"],
      ["34:40", "too-large"],
    ]);
    // The alias in l6 is where the count goes past a million values; it points there, not inside what it repeats.
    expect(found[0]!.message).toBe(
      "l6[1]: the scenario comes to more than a trillion values (texts, numbers, lists, mappings and keys) once its aliases (*name) are expanded, going past the limit here; a scenario may hold at most 1,000,000",
    );
  });

  it("reports an alias inside what it repeats instead of following it forever", () => {
    expect(problems(BASE.replace("start: hello", "meters: &m { rapport: 40, mutuality: *m }\nstart: hello"))).toEqual([
      {
        at: "9:38",
        rule: "alias-cycle",
        message:
          "meters.mutuality: this alias (*name) repeats a part of the file that it stands inside, so the scenario would never end; an alias may only repeat something written outside it",
      },
    ]);
  });

  it("refuses more than 10,000 nodes, at the nodes key", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `  e${i}: { end: { outcome: mixed } }\n`).join("");
    expect(problems(BASE + many)).toEqual([
      { at: "10:1", rule: "too-large", message: "nodes: the scenario has 10,003 nodes; a scenario may have at most 10,000" },
    ]);
  });

  it("refuses more than 4,000,000 characters in all even when every node is within its own limit", () => {
    const many = Array.from({ length: 230 }, (_, i) => `  e${i}: { say: *long, end: { outcome: mixed } }\n`).join("");
    const text = BASE.replace(SAY, `say: &long "${"b".repeat(18_000)}"`) + many;
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ at: "248:16", rule: "too-large" });
    expect(found[0]!.message).toBe(
      "nodes.e220.say: the scenario comes to 4,163,362 characters of text once its aliases (*name) are expanded, going past the limit here; a scenario may hold at most 4,000,000",
    );
  });

  it("lets through the 10,000-node scenarios the analysis benchmark generates", () => {
    // The file shape is what reading their YAML gives back, without printing and reading 4 MB each.
    const story = generateScenario({ nodes: 10_000, seed: 3, backEdges: 0.05, flags: 2, alwaysOffer: true });
    for (const scenario of [story, generateChain({ nodes: 10_000 }), generateChain({ nodes: 10_000, loop: true })]) {
      expect(checkSize(toScenarioFile(scenario)), scenario.id).toEqual([]);
    }
  });

  it("keeps every built-in scenario within a tenth of each limit", () => {
    const tenth = {
      nodes: SIZE_LIMITS.nodes / 10,
      nodeText: SIZE_LIMITS.nodeText / 10,
      text: SIZE_LIMITS.text / 10,
      values: SIZE_LIMITS.values / 10,
    };
    const library = new URL("../../../scenarios/library/", import.meta.url);
    for (const f of readdirSync(library).filter((n) => n.endsWith(".scenario.yaml"))) {
      expect(checkSize(dataOf(readFileSync(new URL(f, library), "utf8")), tenth), f).toEqual([]);
    }
  });
});
