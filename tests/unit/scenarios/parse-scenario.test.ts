import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseScenario } from "../../../scenarios/parse";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/scenarios/${name}`, import.meta.url), "utf8");

/** A small valid scenario; tests below break one thing at a time. */
const VALID = `format: 1
id: tiny
title: Tiny
summary: A tiny scenario.
roles:
  trainee: Peer specialist
  counterpart:
    name: Sam
start: hello
nodes:
  hello:
    say: "Hi."
    choices:
      - id: listen
        say: "You came in."
        kind: listening-to
        next: bye
  bye:
    end:
      outcome: connected
`;

function problems(text: string) {
  const r = parseScenario(text);
  return r.problems.map((p) => ({ at: `${p.line}:${p.column}`, rule: p.rule, message: p.message }));
}

describe("parseScenario", () => {
  it("accepts the format's own example and applies the defaults", () => {
    const r = parseScenario(fixture("first-visit.scenario.yaml"));
    expect(r.problems).toEqual([]);
    if (!r.ok) throw new Error("expected a valid scenario");
    const s = r.scenario;
    expect(s.contentNote).toBe("Mentions homelessness and past hospital stays.");
    expect(s.language).toBe("en");
    expect(s.meters).toEqual({ rapport: 40, mutuality: 50 });
    const coffee = s.nodes.coffee;
    if (coffee?.type !== "turn") throw new Error("coffee is a turn");
    // The second choice has no id: it gets its 1-based position, and its kind's deltas.
    expect(coffee.choices[1]).toMatchObject({ id: "2", kind: "dominating", rapport: -10, mutuality: -10, set: ["pushed-paperwork"] });
    expect(coffee.choices[0]).toMatchObject({ id: "reflect", rapport: 10, mutuality: 5, reflection: "complex" });
    expect(s.nodes.programs).toMatchObject({ type: "turn", say: ["Every place says 'we're different.'", "(he looks at the door)"] });
    expect(s.nodes.check).toEqual({
      type: "branch",
      branch: [
        { when: { rapport: { op: "<", value: 30 } }, next: "leaves" },
        { when: { flags: ["pushed-paperwork"] }, next: "wary" },
        { next: "programs" },
      ],
    });
    expect(s.nodes.leaves).toEqual({
      type: "ending",
      say: ["(leaves the cup and walks out)"],
      outcome: "disengaged",
      debrief: "Marcus left before trust could form.",
    });
  });

  it("reads ask-rationale on a turn as askRationale, and leaves it out when false or absent", () => {
    const asking = parseScenario(VALID.replace('    say: "Hi."\n', '    say: "Hi."\n    ask-rationale: true\n'));
    if (!asking.ok) throw new Error(JSON.stringify(asking.problems));
    expect(asking.scenario.nodes.hello).toMatchObject({ type: "turn", askRationale: true });
    const notAsking = parseScenario(VALID.replace('    say: "Hi."\n', '    say: "Hi."\n    ask-rationale: false\n'));
    if (!notAsking.ok) throw new Error(JSON.stringify(notAsking.problems));
    expect(notAsking.scenario.nodes.hello).not.toHaveProperty("askRationale");
    const plain = parseScenario(VALID);
    expect(plain.ok && plain.scenario).toEqual(notAsking.scenario);
  });

  it("refuses ask-rationale on an ending, and one that is not true or false", () => {
    expect(problems(VALID.replace("      outcome: connected\n", "      outcome: connected\n    ask-rationale: true\n"))).toEqual([
      { at: "21:20", rule: "schema", message: "nodes.bye.ask-rationale is only for a turn: a branch or an ending has no choice to explain" },
    ]);
    expect(problems(VALID.replace('    say: "Hi."\n', '    say: "Hi."\n    ask-rationale: yes\n'))).toEqual([
      { at: "13:20", rule: "schema", message: "nodes.hello.ask-rationale must be true or false" },
    ]);
  });

  it("defaults both meters to 50 and skills to none", () => {
    const r = parseScenario(VALID);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.scenario.meters).toEqual({ rapport: 50, mutuality: 50 });
    expect(r.scenario.skills).toEqual([]);
  });

  it("reads JSON with the same shape to the same scenario", () => {
    const yaml = parseScenario(fixture("first-visit.scenario.yaml"));
    // The same data as a tab-indented JSON file.
    const json = parseScenario(JSON.stringify(YAML.parse(fixture("first-visit.scenario.yaml")), null, "\t"));
    expect(json.problems).toEqual([]);
    expect(json.ok && yaml.ok && json.scenario).toEqual(yaml.ok && yaml.scenario);
  });

  it("reports a YAML syntax error with its position", () => {
    expect(problems("format: 1\n\tid: tiny\n")).toEqual([
      { at: "2:1", rule: "syntax", message: "tab characters must not be used in indentation" },
    ]);
  });

  it("reports an empty file", () => {
    expect(problems("")).toEqual([{ at: "1:1", rule: "empty", message: "the file is empty" }]);
  });

  it("reports a duplicate key where it stands", () => {
    const text = VALID.replace("title: Tiny\n", "title: Tiny\ntitle: Again\n");
    expect(problems(text)).toEqual([{ at: "4:1", rule: "syntax", message: "this key appears twice in the same mapping" }]);
  });

  it("reports a missing required key at the map that lacks it", () => {
    expect(problems(VALID.replace("title: Tiny\n", ""))).toEqual([
      { at: "1:1", rule: "required", message: "title is required" },
    ]);
    expect(problems(VALID.replace("    name: Sam\n", "    description: x\n"))).toEqual([
      { at: "8:5", rule: "required", message: "roles.counterpart.name is required" },
    ]);
  });

  it("reports an unknown key (a typo) at the key itself", () => {
    expect(problems(VALID.replace("        kind: listening-to\n", "        kind: listening-to\n        feedbak: Nice.\n"))).toEqual([
      { at: "17:9", rule: "unknown-key", message: 'nodes.hello.choices[1]: "feedbak" is not a known key here (a typo?)' },
    ]);
  });

  it("reports a kind that does not exist and lists the real ones", () => {
    const [p] = problems(VALID.replace("kind: listening-to", "kind: listening"));
    expect(p).toEqual({
      at: "16:15",
      rule: "schema",
      message: expect.stringMatching(/^nodes\.hello\.choices\[1\]\.kind "listening" is not a response kind; use one of listening-to, open-question/),
    });
  });

  it("reports ids that are not kebab-case", () => {
    expect(problems(VALID.replace("id: tiny", "id: Tiny_One"))).toEqual([
      { at: "2:5", rule: "schema", message: "id must be kebab-case: lowercase letters and digits joined by single hyphens" },
    ]);
  });

  it("reports a meter start value out of range", () => {
    expect(problems(VALID.replace("start: hello", "meters: { rapport: 140, mutuality: -1 }\nstart: hello"))).toEqual([
      { at: "9:20", rule: "schema", message: "meters.rapport must be at most 100" },
      { at: "9:36", rule: "schema", message: "meters.mutuality must be at least 0" },
    ]);
  });

  it("reports a malformed comparison in a when", () => {
    const text = VALID.replace("        next: bye\n", '        when: { rapport: "<< 30" }\n        next: bye\n');
    expect(problems(text)).toEqual([
      {
        at: "17:26",
        rule: "schema",
        message:
          'nodes.hello.choices[1].when.rapport "<< 30" is not a comparison: write one of < <= > >= == and a whole number 0..100, such as "< 30"',
      },
    ]);
  });

  it("reports a comparison with a value over 100", () => {
    const text = VALID.replace("        next: bye\n", '        when: { mutuality: ">= 101" }\n        next: bye\n');
    expect(problems(text)[0]?.message).toContain('">= 101" is not a comparison');
  });

  it("reports text over 2,000 characters", () => {
    expect(problems(VALID.replace('say: "Hi."', `say: "${"a".repeat(2001)}"`))).toEqual([
      { at: "12:10", rule: "schema", message: "nodes.hello.say must be at most 2000 characters" },
    ]);
  });

  it("reports a turn with more than six choices", () => {
    const choice = "      - say: x\n        kind: validating\n        next: bye\n";
    const text = VALID.replace("  bye:\n", choice.repeat(6) + "  bye:\n");
    expect(problems(text)).toEqual([{ at: "14:7", rule: "schema", message: "nodes.hello.choices must offer at most 6 choices" }]);
  });

  it("reports a say list, a flag list or a branch list of more than 20 entries", () => {
    const list = (word: string, n: number) => `[${Array.from({ length: n }, (_, i) => `${word}-${i + 1}`).join(", ")}]`;
    expect(problems(VALID.replace('say: "Hi."', `say: ${list("line", 21)}`))).toEqual([
      { at: "12:10", rule: "schema", message: "nodes.hello.say must list at most 20 lines" },
    ]);
    // Twenty lines are allowed.
    expect(problems(VALID.replace('say: "Hi."', `say: ${list("line", 20)}`))).toEqual([]);
    const flags = VALID.replace("        next: bye\n", `        set: ${list("met", 21)}\n        when: { flags: ${list("met", 21)}, unset: ${list("left", 21)} }\n        next: bye\n`);
    expect(problems(flags).map((p) => p.message)).toEqual([
      "nodes.hello.choices[1].set must list at most 20 flags",
      "nodes.hello.choices[1].when.flags must list at most 20 flags",
      "nodes.hello.choices[1].when.unset must list at most 20 flags",
    ]);
    const entries = Array.from({ length: 20 }, (_, i) => `      - when: { rapport: "> ${i}" }\n        next: bye\n`).join("");
    const branch = VALID.replace("  bye:\n", `  fork:\n    branch:\n${entries}      - next: hello\n  bye:\n`);
    expect(problems(branch)).toEqual([{ at: "20:7", rule: "schema", message: "nodes.fork.branch must list at most 20 entries" }]);
  });

  it("reports a node that mixes shapes, and one that has none", () => {
    expect(problems(VALID.replace("    end:\n", "    branch:\n      - next: hello\n    end:\n"))).toEqual([
      {
        at: "19:5",
        rule: "schema",
        message: "nodes.bye mixes branch and end: a node is exactly one of a turn, a branch or an ending",
      },
    ]);
    expect(problems(VALID.replace("    end:\n      outcome: connected\n", "    say: Bye.\n"))).toEqual([
      {
        at: "19:5",
        rule: "no-way-on",
        message: "nodes.bye has no way on and is no ending: give it choices (a turn), branch (a branch) or end (an ending)",
      },
    ]);
  });

  it("reports a turn without a line and a branch with one", () => {
    expect(problems(VALID.replace('    say: "Hi."\n', ""))).toEqual([
      { at: "12:5", rule: "schema", message: "nodes.hello.say is required: a turn needs the counterpart's line" },
    ]);
  });

  it("reports a next that names no node, at the next", () => {
    expect(problems(VALID.replace("next: bye", "next: by"))).toEqual([
      { at: "17:15", rule: "next-unknown", message: 'node "hello" → "by": no such node' },
    ]);
  });

  it("reports a start that names no node, or an ending", () => {
    expect(problems(VALID.replace("start: hello", "start: nope"))).toEqual([
      { at: "9:8", rule: "start-unknown", message: 'start: "nope" names no node' },
    ]);
    expect(problems(VALID.replace("start: hello", "start: bye"))).toEqual([
      { at: "9:8", rule: "start-is-ending", message: 'start: "bye" is an ending; start must be a turn or a branch' },
    ]);
  });

  it("reports duplicate choice ids, including a default position id", () => {
    const text = VALID.replace("      - id: listen\n", "      - say: first\n        kind: validating\n        next: bye\n      - id: \"1\"\n");
    expect(problems(text)).toEqual([
      {
        at: "17:13",
        rule: "choice-id-duplicate",
        message: 'node "hello": choice 2 has the id "1", already used by choice 1; ids must be unique in a node',
      },
    ]);
  });

  it("reports a branch list whose last entry has a when, and an entry that hides the rest", () => {
    const text = VALID.replace(
      "  bye:\n",
      '  fork:\n    branch:\n      - next: bye\n      - when: { rapport: "> 10" }\n        next: hello\n  bye:\n',
    );
    expect(problems(text)).toEqual([
      { at: "20:9", rule: "branch-shadows", message: 'node "fork": branch entry 1 has no when, so the entries after it are never taken' },
      {
        at: "21:15",
        rule: "branch-no-fallback",
        message: 'node "fork": the last branch entry has a when; the last one must have none, so some branch is always taken',
      },
    ]);
  });

  it("reports reflection on a choice that is not listening-to", () => {
    const text = VALID.replace("kind: listening-to", "kind: validating\n        reflection: simple");
    expect(problems(text)).toEqual([
      {
        at: "17:21",
        rule: "reflection-not-listening",
        message: 'node "hello": choice 1 is validating; reflection applies only to listening-to choices',
      },
    ]);
  });

  it("reports every problem at once, in file order", () => {
    const text = VALID.replace("id: tiny", "id: Tiny").replace("next: bye", "next: by").replace("title: Tiny", "title: ''");
    expect(problems(text).map((p) => p.at)).toEqual(["2:5", "3:8", "17:15"]);
  });

  it("rejects a file that is not a mapping", () => {
    expect(problems("- a\n- b\n")).toEqual([
      {
        at: "1:1",
        rule: "schema",
        message: "the file must be a scenario: a mapping with format, id, title, summary, roles, start and nodes",
      },
    ]);
  });
});
