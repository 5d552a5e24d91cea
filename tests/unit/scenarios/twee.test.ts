import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseScenario } from "../../../scenarios/parse";
import { scenarioToYaml } from "../../../scenarios/serialize-scenario";
import { exportTwee, importTwee } from "../../../scenarios/twee";
import type { Scenario, TurnNode } from "../../../scenarios/types";

const read = (url: URL) => readFileSync(url, "utf8");
const library = new URL("../../../scenarios/library/", import.meta.url);

function parsed(text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok) {
    const problems = r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join("\n");
    throw new Error(`expected a valid scenario:\n${problems}\n${text}`);
  }
  return r.scenario;
}

function turn(s: Scenario, id: string): TurnNode {
  const node = s.nodes[id];
  if (node?.type !== "turn") throw new Error(`expected "${id}" to be a turn`);
  return node;
}

/** Text that Twee cannot hold as is: markup, link brackets, header and directive marks, macros, blank lines. */
const TRICKY = `format: 1
id: tricky-text
title: "Tricky: [[text]] -> everywhere"
summary: "A summary with <!-- a comment --> and ]] in it."
skills: [edge-cases]
content-note: "Mentions **nothing** at all."
language: es-US
roles:
  trainee: Peer specialist
  counterpart:
    name: "Sam | Samantha"
meters: { rapport: 30, mutuality: 70 }
start: first
nodes:
  first:
    say:
      - "This is **bold** and _quiet_."
      - "Here is [[not a link]] and <<set $x to 1>>."
      - ":: not a header"
      - "(note: she whispers)"
      - "One paragraph\\n\\nthat has a blank line."
      - "Two lines\\nin one."
    choices:
      - say: "Go -> there | or [here]"
        kind: listening-to
        reflection: simple
        rapport: 3
        mutuality: -2
        feedback: "Feedback with --> and ]] and <b>tags</b>."
        set: [went]
        next: check
      - id: second
        say: "*Emphasis* in a choice"
        kind: advising
        when: { rapport: "> 10", mutuality: "<= 90", flags: [a], unset: [b] }
        next: check
  check:
    branch:
      - when: { unset: [went] }
        next: first
      - when: { rapport: "== 30" }
        next: done
      - next: quiet
  done:
    say: "#@ not a directive"
    end:
      outcome: connected
      debrief: "###@sql in a debrief"
  quiet:
    end:
      outcome: disengaged
`;

describe("importTwee", () => {
  it("imports the Botscripten sample with a warning and a placeholder for everything it cannot carry", () => {
    const text = read(new URL("../../../../shared/fixtures/twee/botscripten-sample.twee", import.meta.url));
    const { yaml, warnings } = importTwee(text);
    const s = parsed(yaml);

    expect(s.id).toBe("test");
    expect(s.title).toBe("Test");
    expect(s.start).toBe("start");
    expect(Object.keys(s.nodes)).toEqual([
      "start",
      "a-demo",
      "choice-good",
      "choice-bad",
      "directives",
      "does-it-always-go-on-one-line",
      "so-how-does-it-run",
    ]);
    expect(turn(s, "a-demo").choices.map((c) => [c.say, c.next])).toEqual([
      ["Choices are neat", "choice-good"],
      ["I'm not a fan", "choice-bad"],
    ]);
    expect(turn(s, "choice-good").say).toEqual(["Oh, that's great! I like having choices too."]);
    expect(turn(s, "directives").say[1]).toBe(
      "Directives are how you can tell your scripting system to DO more than just chat like a bot.",
    );
    expect(s.nodes["so-how-does-it-run"]).toMatchObject({ type: "ending", outcome: "mixed" });
    expect(s.summary).toBe("Imported from Twee: write a summary.");
    expect(s.roles).toEqual({ trainee: "Peer specialist", counterpart: { name: "Counterpart" } });

    const expected: [string, number, number, string][] = [
      ["twee-placeholder", 1, 1, "no summary"],
      ["twee-placeholder", 1, 1, "roles.trainee"],
      ["twee-placeholder", 1, 1, "roles.counterpart.name"],
      ["twee-unknown-tag", 15, 11, 'passage "Start": tag "speaker-bot"'],
      ["twee-no-kind", 20, 1, 'the link "A demo?" has no response kind'],
      ["twee-unknown-tag", 23, 13, 'passage "A demo?": tag "speaker-bot"'],
      ["twee-no-kind", 26, 1, 'the link "Choices are neat"'],
      ["twee-no-kind", 27, 1, `the link "I'm not a fan"`],
      ["twee-unknown-tag", 30, 18, 'passage "Choice Good": tag "speaker-bot"'],
      ["twee-macro", 31, 1, '"#@set choice good"'],
      ["twee-no-kind", 35, 1, 'passage "Choice Good": the link "Directives"'],
      ["twee-unknown-tag", 38, 17, 'passage "Choice Bad": tag "speaker-bot"'],
      ["twee-macro", 39, 1, '"#@set choice bad"'],
      ["twee-no-kind", 43, 1, 'passage "Choice Bad": the link "Directives"'],
      ["twee-unknown-tag", 46, 16, 'passage "Directives": tag "speaker-bot"'],
      ["twee-markup", 49, 58, '"**DO**"'],
      ["twee-no-kind", 53, 1, 'the link "Does it always go on one line?"'],
      ["twee-unknown-tag", 56, 36, 'passage "Does it always go on one line?": tag "speaker-bot"'],
      ["twee-macro", 57, 1, '"###@sql"'],
      ["twee-no-kind", 64, 1, 'the link "So, how does it run?"'],
      ["twee-no-outcome", 67, 1, 'passage "So, how does it run?" is an ending with no outcome'],
      ["twee-unknown-tag", 67, 26, 'passage "So, how does it run?": tag "speaker-bot"'],
    ];
    expect(warnings.map((w) => [w.rule, w.line, w.column])).toEqual(expected.map(([rule, line, column]) => [rule, line, column]));
    warnings.forEach((w, i) => expect(w.message).toContain(expected[i]?.[3]));

    expect(yaml.startsWith("# yaml-language-server: $schema=../scenario.schema.json\n")).toBe(true);
    expect(yaml).toContain("# placeholder: no response kind in the Twee file\n        kind: closed-question");
    expect(yaml).toContain("# placeholder: no outcome in the Twee file\n      outcome: mixed");
    expect(yaml).toContain("# placeholder: no summary in the Twee file\nsummary:");
    expect(yaml).toContain("# placeholder: no trainee role in the Twee file");
    expect(yaml).toContain("# placeholder: no counterpart in the Twee file");
    expect(yaml).toContain("# from Twee, not carried over: #@set choice good\n  choice-good:");
    expect(yaml).toContain("# from Twee, not carried over: ###@sql\n  #   SELECT * FROM users");
    expect(yaml).toContain("# from Twee, not carried over: tag speaker-bot");
  });

  it("takes a link's kind from a response-kind tag on the passage it leads to", () => {
    const { yaml, warnings } = importTwee(`:: StoryTitle
Kinds

:: Start
How are you?

[[You sound worn out.->Reflect]]
[[Cheer up!->Cheer]]
[[Tell me more.->Reflect]] <!-- peer-practice {"kind":"open-question"} -->

:: Reflect [listening-to]
Yeah. Worn out.

[[Want to sit a while?->Cheer]]

:: Cheer [reassuring outcome-disengaged]
Whatever.
`);
    const s = parsed(yaml);
    expect(turn(s, "start").choices.map((c) => c.kind)).toEqual(["listening-to", "reassuring", "open-question"]);
    expect(turn(s, "reflect").choices.map((c) => c.kind)).toEqual(["reassuring"]);
    expect(s.nodes.cheer).toMatchObject({ type: "ending", outcome: "disengaged", say: ["Whatever."] });
    expect(warnings.map((w) => w.rule)).toEqual(["twee-placeholder", "twee-placeholder", "twee-placeholder"]);
  });

  it("reads names and links the way Twee 3 and Twine write them", () => {
    const { yaml, warnings } = importTwee(`:: StoryTitle
Edge cases

:: StoryData
{"ifid":"3A31AA6F-EF9A-43B1-BF53-08AF770247A8","start":"Hall"}

::   Hall  [validating]
Welcome.

[[Kitchen<-  Go to the kitchen]]
[[Read it|A [draft] room]]
[[Nowhere]]

::  Kitchen [outcome-connected]
You made it.

:: A \\[draft\\] room [ending outcome-mixed]
Drafty.
`);
    const r = parseScenario(yaml);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.rule)).toEqual(["next-unknown"]);

    // The missing passage makes the scenario invalid, so read the file's data unvalidated.
    const { nodes } = parseYaml(yaml) as { nodes: Record<string, { choices?: unknown[] }> };
    expect(Object.keys(nodes)).toEqual(["hall", "kitchen", "a-draft-room"]);
    expect(nodes.hall?.choices).toEqual([
      { say: "Go to the kitchen", kind: "closed-question", next: "kitchen" },
      { say: "Read it", kind: "closed-question", next: "a-draft-room" },
      { say: "Nowhere", kind: "closed-question", next: "nowhere" },
    ]);
    expect(yaml).toContain("start: hall");
    const unknown = warnings.filter((w) => w.rule === "twee-link-unknown");
    expect(unknown).toEqual([
      { line: 12, column: 1, rule: "twee-link-unknown", message: expect.stringContaining('"Nowhere" names no passage') },
    ]);
  });
  it("removes macros and markup, keeping the text of hooks and listing the rest as YAML comments", () => {
    const { yaml, warnings } = importTwee(`:: StoryTitle
Macros

:: Begin
(set: $mood to "low")(if: $mood is "low")[She //sighs//. [[Ask why->Why]]]
<<set $seen to true>>
[[Leave|End][$left to true]]

:: Why [open-question outcome-connected]
Because.

:: End [outcome-disengaged]
`);
    const s = parsed(yaml);
    expect(s.start).toBe("begin");
    expect(turn(s, "begin").say).toEqual(["She sighs."]);
    expect(turn(s, "begin").choices.map((c) => [c.say, c.kind, c.next])).toEqual([
      ["Ask why", "open-question", "why"],
      ["Leave", "closed-question", "end"],
    ]);
    expect(warnings.filter((w) => w.line > 1).map((w) => [w.rule, w.line, w.column])).toEqual([
      ["twee-macro", 5, 1],
      ["twee-macro", 5, 22],
      ["twee-markup", 5, 47],
      ["twee-macro", 6, 1],
      ["twee-macro", 7, 1],
      ["twee-no-kind", 7, 1],
    ]);
    expect(yaml).toContain(`  # from Twee, not carried over: <<set $seen to true>>
  # from Twee, not carried over: (set: $mood to "low")
  # from Twee, not carried over: (if: $mood is "low")
  # from Twee, not carried over: $left to true
  begin:`);
  });
});

describe("exportTwee", () => {
  const scenarios: [string, string][] = [
    ["the format's example", read(new URL("../../fixtures/scenarios/first-visit.scenario.yaml", import.meta.url))],
    ["text Twee cannot hold as is", TRICKY],
    ["a turn that asks why", read(new URL("../../fixtures/library-extra/why-this-response.scenario.yaml", import.meta.url))],
    ...readdirSync(library)
      .filter((f) => f.endsWith(".scenario.yaml"))
      .map((f): [string, string] => [`library/${f}`, read(new URL(f, library))]),
  ];

  it.each(scenarios)("round-trips %s through Twee without warnings", (_, text) => {
    const s = parsed(text);
    const twee = exportTwee(s);
    const back = importTwee(twee);
    expect(back.warnings).toEqual([]);
    expect(parsed(back.yaml)).toEqual(s);
    expect(exportTwee(s)).toBe(twee);
  });

  it.each(scenarios)("round-trips %s through scenarioToYaml", (_, text) => {
    const s = parsed(text);
    const yaml = scenarioToYaml(s);
    expect(yaml.startsWith("# yaml-language-server: $schema=../scenario.schema.json\n")).toBe(true);
    expect(parsed(yaml)).toEqual(s);
  });

  it("writes a Twee 3 story Twine can open, with a stable IFID", () => {
    const s = parsed(read(new URL("../../fixtures/scenarios/first-visit.scenario.yaml", import.meta.url)));
    const twee = exportTwee(s);
    const data = /:: StoryData\n(\{[\s\S]*?\n\})/.exec(twee)?.[1];
    expect(JSON.parse(data ?? "")).toMatchObject({ start: "coffee", format: "Harlowe" });
    expect(JSON.parse(data ?? "").ifid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(twee).toContain(":: StoryTitle\nFirst visit to the drop-in center\n");
    expect(twee).toContain(":: check [branch] ");
    expect(twee).toContain(":: leaves [ending outcome-disengaged] ");
    expect(twee).toContain("[[Sounds like coffee is all you want today.->programs]] <!-- peer-practice {");
  });
});
