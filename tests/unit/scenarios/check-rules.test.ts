import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../../scenarios/check-scenario";

const dir = new URL("../../fixtures/rules/", import.meta.url);

/** Each fixture shows one rule; some rules bring a consequence with them, listed too. */
const EXPECTED: Record<string, [at: string, severity: "error" | "warning", rule: string, message: string][]> = {
  syntax: [["3:8", "error", "syntax", 'a quoted text is never closed: add the closing "']],
  empty: [["1:1", "error", "empty", "the file is empty"]],
  required: [["1:1", "error", "required", "summary is required"]],
  "unknown-key": [["22:9", "error", "unknown-key", 'nodes.hello.choices[2]: "feedbak" is not a known key here (a typo?)']],
  schema: [
    [
      "21:15",
      "error",
      "schema",
      'nodes.hello.choices[2].kind "advice" is not a response kind; use one of listening-to, open-question, closed-question, validating, sharing-with, oversharing, doing-with, collaborating, advising, dominating, judging, reassuring',
    ],
  ],
  "too-large": [
    [
      "11:3",
      "error",
      "too-large",
      'node "hello" holds 20,796 characters of text once its aliases (*name) are expanded; a node may hold at most 20,000',
    ],
  ],
  "alias-cycle": [
    [
      "23:15",
      "error",
      "alias-cycle",
      "nodes.hello.choices[2].next: this alias (*name) repeats a part of the file that it stands inside, so the scenario would never end; an alias may only repeat something written outside it",
    ],
  ],
  "id-mismatch": [
    [
      "2:5",
      "error",
      "id-mismatch",
      'id: "id-mismatched" differs from the file name; name the file id-mismatched.scenario.yaml or change the id to "id-mismatch"',
    ],
  ],
  "no-way-on": [
    ["25:5", "error", "no-way-on", "nodes.stuck has no way on and is no ending: give it choices (a turn), branch (a branch) or end (an ending)"],
  ],
  "next-unknown": [["18:15", "error", "next-unknown", 'node "hello" → "wel": no such node']],
  "start-unknown": [["9:8", "error", "start-unknown", 'start: "helo" names no node']],
  "start-is-ending": [["9:8", "error", "start-is-ending", 'start: "well" is an ending; start must be a turn or a branch']],
  "choice-id-duplicate": [
    ["19:13", "error", "choice-id-duplicate", 'node "hello": choice 2 has the id "listen", already used by choice 1; ids must be unique in a node'],
  ],
  "branch-no-fallback": [
    [
      "28:15",
      "error",
      "branch-no-fallback",
      'node "fork": the last branch entry has a when; the last one must have none, so some branch is always taken',
    ],
  ],
  "branch-shadows": [
    ["26:9", "error", "branch-shadows", 'node "fork": branch entry 1 has no when, so the entries after it are never taken'],
  ],
  "reflection-not-listening": [
    ["22:21", "error", "reflection-not-listening", 'node "hello": choice 2 is advising; reflection applies only to listening-to choices'],
  ],
  unreachable: [["24:3", "error", "unreachable", 'node "orphan" is never reached: no play leads here']],
  trap: [
    [
      "31:3",
      "error",
      "trap",
      'node "hallway": no ending can be reached from here for some plays, such as with rapport 55, mutuality 60 and no flags; the conversation could never finish',
    ],
    [
      "44:3",
      "error",
      "trap",
      'node "stairs": no ending can be reached from here for some plays, such as with rapport 60, mutuality 65 and no flags; the conversation could never finish',
    ],
  ],
  "choices-all-hidden": [
    [
      "26:5",
      "error",
      "choices-all-hidden",
      'node "ask": every choice is hidden by its when for some plays, such as with rapport 45, mutuality 40 and no flags; the conversation would be stuck',
    ],
  ],
  "when-never": [
    [
      "26:15",
      "warning",
      "when-never",
      'node "hello": choice 3 ("joke") is never offered: rapport > 90 cannot hold here, where plays reach rapport 50–50 and mutuality 50–50',
    ],
  ],
  "when-always": [
    ["26:15", "warning", "when-always", 'node "hello": choice 3 ("joke") has a when that always holds here (mutuality >= 10); it can go'],
  ],
  // A flag nobody sets also makes the choice that needs it unreachable.
  "flag-never-set": [
    [
      "26:15",
      "warning",
      "when-never",
      'node "hello": choice 3 ("remember") is never offered: flags met-before cannot hold here, where plays reach rapport 50–50 and mutuality 50–50',
    ],
    ["26:25", "warning", "flag-never-set", 'flag "met-before" is tested but no choice sets it'],
  ],
  "flag-never-tested": [["28:15", "warning", "flag-never-tested", 'flag "wrote-name" is set but never tested, so it changes nothing']],
  "one-kind": [["26:5", "warning", "one-kind", 'node "again": every choice is listening-to, so the turn practises no real decision']],
  "no-helpful-kind": [
    ["26:5", "warning", "no-helpful-kind", 'node "again": no choice is of a helpful kind, so the trainee cannot respond well here'],
  ],
  "no-connected-ending": [
    ["10:1", "warning", "no-connected-ending", "no reachable ending has the outcome connected, so no play can end well"],
  ],
  // A "?" in a choice that counts no question, and a question (by kind or by `question`) whose words ask nothing.
  "question-mismatch": [
    [
      "15:14",
      "warning",
      "question-mismatch",
      'node "hello": choice 1 ("listen") asks something ("?") but is counted as no question, since it is listening-to; add question: open or question: closed so the reflection metrics count it',
    ],
    [
      "21:14",
      "warning",
      "question-mismatch",
      'node "hello": choice 2 ("ask") is counted as an open question (its kind, open-question) but its words ask nothing (no "?"); give it the kind of what it says, or word it as the question it is',
    ],
    [
      "34:19",
      "warning",
      "question-mismatch",
      'node "hello": choice 4 ("mine") is counted as an open question (question: open) but its words ask nothing (no "?"); remove question, or word it as the question it is',
    ],
  ],
  "best-tie": [
    [
      "13:5",
      "warning",
      "best-tie",
      'node "hello": choice 1 ("listen") and choice 2 ("named") tie for the strongest option (rapport + mutuality 15); mark the one to learn from with best: true, or the debrief shows "listen" by the kind order',
    ],
  ],
  "best-duplicate": [
    ["24:15", "error", "best-duplicate", 'node "hello": choice 2 ("named") is marked best, and so is choice 1 ("listen"); mark one choice a turn'],
  ],
  // A known skill and another spelling of one pass; a typo gets the skill it most likely meant.
  "skill-unknown": [
    [
      "6:30",
      "warning",
      "skill-unknown",
      'skill "reflectons" is not in the skill vocabulary, so the library shows it under no family; did you mean "reflections" (Reflections)?',
    ],
    [
      "6:42",
      "warning",
      "skill-unknown",
      'skill "paperwork" is not in the skill vocabulary, so the library shows it under no family; the known skills are listed in docs/scenario-format.md',
    ],
  ],
  "no-feedback": [
    [
      "14:9",
      "warning",
      "no-feedback",
      'node "hello": choice 1 ("listen") has no feedback, so the trainee only sees its kind\'s general explanation',
    ],
  ],
};

describe("checker rules, one fixture each", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".scenario.yaml"));

  it("has a fixture for every rule and an expectation for every fixture", () => {
    expect(files.map((f) => f.replace(".scenario.yaml", "")).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s", (rule, expected) => {
    const file = `${rule}.scenario.yaml`;
    const result = checkScenario(readFileSync(new URL(file, dir), "utf8"), file);
    expect(result.problems.map((p) => [`${p.line}:${p.column}`, p.severity, p.rule, p.message])).toEqual(expected);
  });

  it("finds nothing to report in the built-in library", () => {
    const library = new URL("../../../scenarios/library/", import.meta.url);
    for (const f of readdirSync(library).filter((n) => n.endsWith(".scenario.yaml"))) {
      expect(checkScenario(readFileSync(new URL(f, library), "utf8"), f).problems, f).toEqual([]);
    }
  });
});
