import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "../../../cli/index";
import { checkScenario } from "../../../scenarios/check-scenario";
import { RESPONSE_KIND_IDS, RESPONSE_KINDS } from "../../../scenarios/kinds";
import { SIZE_LIMITS } from "../../../scenarios/size-limits";
import { fakeIo } from "../cli/fake-io";
import { checkerRuleIds, tweeRuleIds } from "./rule-ids";

const DOC = "docs/scenario-format.md";
const EXAMPLES = "docs/examples";
const doc = readFileSync(DOC, "utf8");
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".scenario.yaml")).sort();

/** The cells of every table row of the document whose first cell is a `code` id. */
function rowsById(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of doc.split("\n")) {
    const m = /^\| `([a-z0-9-]+)` \|(.*)\|$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.split("|").map((c) => c.trim()));
  }
  return rows;
}

/** "+10", "0", "−5" as numbers. */
const delta = (cell: string | undefined) => Number(cell?.replace("−", "-").replace("+", ""));

describe("the worked example of docs/scenario-format.md", () => {
  it("is there, one file named after its id", () => {
    expect(examples).toEqual(["what-would-you-do.scenario.yaml"]);
  });

  it.each(examples)("%s passes the checker with no errors and no warnings", (file) => {
    const text = readFileSync(`${EXAMPLES}/${file}`, "utf8");
    const result = checkScenario(text, file);
    expect(result.problems).toEqual([]);
    expect(result.scenario?.id).toBe(file.replace(".scenario.yaml", ""));
  });

  it("passes `npm run scenarios -- check docs/examples`", async () => {
    const { io, out, err } = fakeIo();
    expect(await main(["check", EXAMPLES], io)).toBe(0);
    expect(out).toEqual([`${examples.length} file${examples.length === 1 ? "" : "s"} checked: 0 errors, 0 warnings`]);
    expect(err).toEqual([]);
  });

  it.each(examples)("%s is reproduced in the document exactly as it is in the file", (file) => {
    const text = readFileSync(`${EXAMPLES}/${file}`, "utf8");
    expect(doc).toContain(`\`\`\`yaml\n${text}\`\`\`\n`);
  });
});

describe("docs/scenario-format.md", () => {
  const rows = rowsById();
  const checker = checkerRuleIds(".");
  const twee = tweeRuleIds(".");
  // Each fixture of tests/fixtures/rules shows one rule of the checker.
  const fixtures = readdirSync("tests/fixtures/rules").map((f) => f.replace(/\.scenario\.ya?ml$/, ""));

  it("finds the rule ids in the source (the scan below is not empty)", () => {
    expect(checker.size).toBeGreaterThanOrEqual(29);
    expect(twee.size).toBeGreaterThanOrEqual(10);
    for (const rule of fixtures) expect(checker).toContain(rule);
  });

  it("has a row, with its severity, for every rule id the checker and the library can report", () => {
    const missing = [...checker].filter((rule) => !["error", "warning"].includes(rows.get(rule)?.[0] ?? ""));
    expect(missing).toEqual([]);
  });

  it("has a row for every warning of the Twee importer", () => {
    expect([...twee].filter((rule) => !rows.has(rule))).toEqual([]);
  });

  it("documents no rule the program does not have", () => {
    const ruleRows = [...rows].filter(([id, cells]) => ["error", "warning"].includes(cells[0]!) || id.startsWith("twee-"));
    expect(ruleRows.map(([id]) => id).filter((id) => !checker.has(id) && !twee.has(id))).toEqual([]);
  });

  it("gives every response kind with what it does, its default deltas and its effect, as scenarios/kinds.ts does", () => {
    for (const id of RESPONSE_KIND_IDS) {
      const k = RESPONSE_KINDS[id];
      const cells = rows.get(id);
      expect(cells, id).toBeDefined();
      expect({ does: cells![0], rapport: delta(cells![1]), mutuality: delta(cells![2]), effect: cells![3] }).toEqual({
        does: k.does,
        rapport: k.rapport,
        mutuality: k.mutuality,
        effect: k.effect,
      });
    }
  });

  it("states the size limits of scenarios/size-limits.ts", () => {
    const n = (v: number) => v.toLocaleString("en-US");
    expect(doc).toContain(`| a scenario file | ${SIZE_LIMITS.fileBytes / (1024 * 1024)} MB;`);
    expect(doc).toContain(`| nodes in a scenario | ${n(SIZE_LIMITS.nodes)} |`);
    expect(doc).toContain(`| characters of text in one node (keys included) | ${n(SIZE_LIMITS.nodeText)} |`);
    expect(doc).toContain(`| characters of text in the whole scenario (keys included) | ${n(SIZE_LIMITS.text)} |`);
    expect(doc).toContain(`(texts, numbers, lists, mappings and keys) | ${n(SIZE_LIMITS.values)} |`);
    expect(doc).toContain(`or a \`branch\` list | ${SIZE_LIMITS.listItems} |`);
  });

  it("is linked from the README and from the JSON Schema", () => {
    expect(readFileSync("README.md", "utf8")).toContain("(docs/scenario-format.md)");
    expect(JSON.parse(readFileSync("scenarios/scenario.schema.json", "utf8")).description).toContain("docs/scenario-format.md");
  });
});
