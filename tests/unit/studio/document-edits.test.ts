import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import {
  addBranchEntry,
  addChoice,
  addNode,
  type EditResult,
  moveChoice,
  nodeIdProblem,
  readNodeForm,
  removeBranchEntry,
  removeChoice,
  removeNode,
  renameNode,
  setBranchCondition,
  setBranchNext,
  setChoice,
  setEnding,
  setSay,
  setStart,
} from "../../../components/studio/document-edits";
import { checkScenario } from "../../../scenarios/check-scenario";

/** A scenario written by hand, with the habits a trainer's file has: comments, aligned comments, blank lines, flow mappings, quoting of all kinds. */
const DRAFT = `# yaml-language-server: $schema=../scenario.schema.json
format: 1
id: drop-in
title: First visit   # the title trainees see
summary: 'Marcus came for the coffee, and he''s wary of programs.'
skills: [connection, rapport]
roles:
  trainee: Peer specialist
  counterpart:
    name: Marcus
meters: { rapport: 40, mutuality: 50 }    # start values
start: coffee

nodes:
  # The first thing Marcus says.
  coffee:
    say: "(by the coffee pot) You work here? I'm just here for the coffee."
    choices:
      - id: reflect                    # a reflection
        say: "Sounds like coffee is all you want today."
        kind: listening-to
        reflection: simple
        feedback: "You reflected his choice without pitching anything."
        next: programs
      # Paperwork first.
      - id: intake
        say: "Let me grab you an intake form."
        kind: dominating
        rapport: -15                   # worse than the kind's default
        feedback: "Paperwork first is what he distrusts."
        set: [pushed-paperwork]
        next: check

  check:
    branch:
      - when: { rapport: "< 30" }
        next: leaves
      - when: { flags: [pushed-paperwork] }
        next: programs
      - next: programs

  programs:
    say:
      - "Every place says 'we're different.'"
      - "(he looks at the door)"
    choices:
      - say: What happened in those places?
        kind: open-question
        feedback: "You asked about his experience, not his eligibility."
        next: stays
      - say: "You should really give us a chance."
        kind: advising
        feedback: "Advice he did not ask for."
        next: leaves

  stays:
    say: "(sits down) Okay. For a bit."
    end:
      outcome: connected
      debrief: "Marcus stayed because you listened."

  leaves:
    say: "(leaves the cup and walks out)"
    end: { outcome: disengaged }
`;

function ok<T extends object>(r: EditResult<T>): T & { text: string } {
  if (!r.ok) throw new Error(`expected the edit to succeed: ${r.error}`);
  return r;
}

function errorOf(r: EditResult): string {
  if (r.ok) throw new Error("expected the edit to be refused");
  return r.error;
}

/** The text cut into the part before the first node and one part per node (from its key, or the comment lines just above, to the next). */
function segments(text: string): Map<string, string> {
  const lines = text.split("\n");
  const out = new Map<string, string>();
  const nodesAt = lines.findIndex((l) => /^nodes:/.test(l));
  let current = "(head)";
  let buffer: string[] = [];
  const flush = () => out.set(current, buffer.join("\n"));
  lines.forEach((line, i) => {
    const key = i > nodesAt ? /^ {2}([a-z0-9-]+):/.exec(line) : null;
    if (key) {
      // Comment lines right above a node's key belong to it.
      const lead: string[] = [];
      while (buffer.length > 0 && /^\s*#/.test(buffer[buffer.length - 1]!)) lead.unshift(buffer.pop()!);
      flush();
      current = key[1]!;
      buffer = [...lead];
    }
    buffer.push(line);
  });
  flush();
  return out;
}

/** Every part of `after` but the named nodes' is the same as in `before`, byte for byte. */
function expectOnlyChanged(before: string, after: string, changed: readonly string[]) {
  const a = segments(before);
  const b = segments(after);
  for (const [id, text] of a) {
    if (changed.includes(id)) continue;
    expect(b.get(id), `node ${id}`).toBe(text);
  }
  for (const id of b.keys()) if (!a.has(id)) expect(changed, `new node ${id}`).toContain(id);
}

/** What the edit keeps: it parses, the checker finds no errors, and every comment is still there. */
function expectSound(after: string, comments: readonly string[] = commentsOf(DRAFT)) {
  expect(parseDocument(after).errors).toEqual([]);
  const check = checkScenario(after, "drop-in.scenario.yaml");
  expect(check.problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([]);
  for (const c of comments) expect(after).toContain(c);
}

function commentsOf(text: string): string[] {
  return text
    .split("\n")
    .map((l) => /(#.*)$/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined && !c.includes("'"));
}

const keysOf = (text: string, nodeId: string, choice: number) => {
  const data = parseDocument(text).toJS() as { nodes: Record<string, { choices: Record<string, unknown>[] }> };
  return Object.keys(data.nodes[nodeId]!.choices[choice]!);
};

describe("the draft used by these tests", () => {
  it("checks with no errors", () => {
    expectSound(DRAFT);
  });
});

describe("setSay", () => {
  it("changes the counterpart's line in place, keeping its quotes and every other line", () => {
    const after = ok(setSay(DRAFT, "coffee", "You work here? I just want coffee.")).text;
    expect(after).toBe(DRAFT.replace(`"(by the coffee pot) You work here? I'm just here for the coffee."`, `"You work here? I just want coffee."`));
    expectSound(after);
  });

  it("writes several lines as a list, and changes a list line by line", () => {
    const two = ok(setSay(DRAFT, "stays", "(sits down)\nOkay. For a bit.")).text;
    expect(two).toContain(`  stays:\n    say:\n      - "(sits down)"\n      - "Okay. For a bit."\n    end:`);
    expectOnlyChanged(DRAFT, two, ["stays"]);
    expectSound(two);

    const changed = ok(setSay(DRAFT, "programs", "Every place says 'we're different.'\n(he looks at the window)")).text;
    expect(changed).toBe(DRAFT.replace(`"(he looks at the door)"`, `"(he looks at the window)"`));
  });

  it("quotes a line that YAML would otherwise read differently", () => {
    const after = ok(setSay(DRAFT, "coffee", "Note: #1 is - coffee")).text;
    expect(readNodeForm(after, "coffee")).toMatchObject({ ok: true, say: "Note: #1 is - coffee" });
    expectSound(after);
  });

  it("removes an ending's line when it is emptied, and refuses a branch", () => {
    const after = ok(setSay(DRAFT, "stays", "")).text;
    expect(after).toContain(`  stays:\n    end:\n      outcome: connected`);
    expectOnlyChanged(DRAFT, after, ["stays"]);
    expectSound(after);
    expect(errorOf(setSay(DRAFT, "check", "Hi"))).toBe(`node "check" is a branch, which has no line`);
  });
});

describe("setEnding", () => {
  it("sets the outcome and the debrief, and removes an empty debrief", () => {
    const after = ok(setEnding(DRAFT, "stays", { outcome: "mixed", debrief: "He stayed, for now." })).text;
    expect(after).toBe(DRAFT.replace("outcome: connected", "outcome: mixed").replace(`"Marcus stayed because you listened."`, `"He stayed, for now."`));
    const without = ok(setEnding(DRAFT, "stays", { debrief: "" })).text;
    expect(without).toBe(DRAFT.replace(`      debrief: "Marcus stayed because you listened."\n`, ""));
  });

  it("adds a debrief to an ending written on one line", () => {
    const after = ok(setEnding(DRAFT, "leaves", { debrief: "He left before trust could form." })).text;
    expect(readNodeForm(after, "leaves")).toMatchObject({ ok: true, outcome: "disengaged", debrief: "He left before trust could form." });
    expectOnlyChanged(DRAFT, after, ["leaves"]);
    expectSound(after);
  });

  it("refuses what is not an ending or not an outcome", () => {
    expect(errorOf(setEnding(DRAFT, "coffee", { outcome: "mixed" }))).toBe(`node "coffee" is not an ending`);
    expect(errorOf(setEnding(DRAFT, "stays", { outcome: "great" as never }))).toMatch(/^"great" is not an outcome/);
  });
});

describe("setChoice", () => {
  it("changes text, kind and feedback where they stand, keeping the aligned comments", () => {
    const after = ok(setChoice(DRAFT, "coffee", 1, { say: "Want a form?", kind: "closed-question", feedback: "A yes/no question." })).text;
    expect(after).toBe(
      DRAFT.replace(`"Let me grab you an intake form."`, `"Want a form?"`)
        .replace("kind: dominating", "kind: closed-question")
        .replace(`"Paperwork first is what he distrusts."`, `"A yes/no question."`),
    );
    expect(after).toContain("        rapport: -15                   # worse than the kind's default\n");
    expectSound(after);
  });

  it("adds deltas in the format's key order, and removes one to fall back to the kind's default", () => {
    const added = ok(setChoice(DRAFT, "programs", 0, { rapport: 8, mutuality: -2 })).text;
    expect(keysOf(added, "programs", 0)).toEqual(["say", "kind", "rapport", "mutuality", "feedback", "next"]);
    expectOnlyChanged(DRAFT, added, ["programs"]);
    expectSound(added);
    expect(checkScenario(added).scenario!.nodes.programs).toMatchObject({ choices: [{ rapport: 8, mutuality: -2 }, {}] });

    const removed = ok(setChoice(DRAFT, "coffee", 1, { rapport: null })).text;
    expect(removed).toBe(DRAFT.replace("        rapport: -15                   # worse than the kind's default\n", ""));
    expect(checkScenario(removed).scenario!.nodes.coffee).toMatchObject({ choices: [{}, { rapport: -10 }] });
  });

  it("keeps a plain scalar plain, and quotes it only when it must", () => {
    const plain = ok(setChoice(DRAFT, "programs", 0, { say: "What happened there?" })).text;
    expect(plain).toBe(DRAFT.replace("say: What happened in those places?", "say: What happened there?"));
    const quoted = ok(setChoice(DRAFT, "programs", 0, { say: "What happened: there?" })).text;
    expect(readNodeForm(quoted, "programs")).toMatchObject({ ok: true, choices: [{ say: "What happened: there?" }, {}] });
    expectSound(quoted);
  });

  it("drops the reflection of a choice that stops being listening-to", () => {
    const after = ok(setChoice(DRAFT, "coffee", 0, { kind: "validating" })).text;
    expect(after).toBe(DRAFT.replace("        kind: listening-to\n        reflection: simple\n", "        kind: validating\n"));
    expectSound(after);
    const reflection = ok(setChoice(DRAFT, "coffee", 0, { reflection: "complex" })).text;
    expect(reflection).toBe(DRAFT.replace("reflection: simple", "reflection: complex"));
    expect(errorOf(setChoice(DRAFT, "coffee", 1, { reflection: "simple" }))).toBe("only a listening-to choice is a reflection");
  });

  it("sets a choice's question in the format's key order, and goes back to its kind's when cleared", () => {
    const asked = ok(setChoice(DRAFT, "coffee", 0, { question: "open" })).text;
    expect(asked).toBe(DRAFT.replace("        reflection: simple\n        feedback: \"You reflected", "        reflection: simple\n        question: open\n        feedback: \"You reflected"));
    expect(readNodeForm(asked, "coffee")).toMatchObject({ ok: true, choices: [{ question: "open", best: false }, { best: false }] });
    expect(checkScenario(asked).scenario!.nodes.coffee).toMatchObject({ choices: [{ question: "open" }, {}] });
    expect(ok(setChoice(asked, "coffee", 0, { question: null })).text).toBe(DRAFT);
    expect(errorOf(setChoice(DRAFT, "coffee", 0, { question: "rhetorical" as never }))).toBe("a question is open or closed");
  });

  it("marks one choice of a turn the strongest, unmarking the others, and removes the mark", () => {
    const first = ok(setChoice(DRAFT, "coffee", 0, { best: true })).text;
    expect(keysOf(first, "coffee", 0)).toEqual(["id", "say", "kind", "reflection", "best", "feedback", "next"]);
    const second = ok(setChoice(first, "coffee", 1, { best: true })).text;
    expect(readNodeForm(second, "coffee")).toMatchObject({ ok: true, choices: [{ best: false }, { best: true }] });
    expect(checkScenario(second).problems.filter((p) => p.rule === "best-duplicate")).toEqual([]);
    expectSound(second);
    expect(ok(setChoice(second, "coffee", 1, { best: false })).text).toBe(DRAFT);
  });

  it("removes feedback when it is emptied, and sets where a choice leads", () => {
    const after = ok(setChoice(DRAFT, "programs", 1, { feedback: "", next: "stays" })).text;
    expect(after).toBe(DRAFT.replace(`        feedback: "Advice he did not ask for."\n        next: leaves`, "        next: stays"));
  });

  it("refuses a missing node or choice, an unknown kind, a delta out of range and a next that names no node", () => {
    expect(errorOf(setChoice(DRAFT, "nowhere", 0, { say: "x" }))).toBe(`there is no node "nowhere"`);
    expect(errorOf(setChoice(DRAFT, "coffee", 2, { say: "x" }))).toBe(`node "coffee" has no choice 3`);
    expect(errorOf(setChoice(DRAFT, "coffee", -1, { say: "x" }))).toBe(`node "coffee" has no choice 0`);
    expect(errorOf(setChoice(DRAFT, "stays", 0, { say: "x" }))).toBe(`node "stays" has no choices`);
    expect(errorOf(setChoice(DRAFT, "coffee", 0, { kind: "shouting" as never }))).toBe(`"shouting" is not a response kind`);
    expect(errorOf(setChoice(DRAFT, "coffee", 0, { rapport: 101 }))).toBe("the rapport change must be a whole number from -100 to 100");
    expect(errorOf(setChoice(DRAFT, "coffee", 0, { mutuality: 1.5 }))).toBe("the mutuality change must be a whole number from -100 to 100");
    expect(errorOf(setChoice(DRAFT, "coffee", 0, { next: "nowhere" }))).toBe(`there is no node "nowhere" to lead to`);
  });
});

describe("adding, removing and moving choices", () => {
  it("adds a choice with a fresh id after the last, leading where the last leads", () => {
    const r = ok(addChoice(DRAFT, "coffee"));
    expect(r).toMatchObject({ index: 2, choiceId: "choice-3" });
    expect(r.text).toContain(`        next: check\n      - id: choice-3\n        say: "Write what the trainee says."\n        kind: closed-question\n        next: check\n\n  check:`);
    expectOnlyChanged(DRAFT, r.text, ["coffee"]);
    expectSound(r.text);
    // Ids never repeat, also those a choice has by its position.
    const again = ok(addChoice(ok(addChoice(DRAFT, "programs")).text, "programs"));
    expect(checkScenario(again.text).scenario!.nodes.programs).toMatchObject({ choices: [{ id: "1" }, { id: "2" }, { id: "choice-3" }, { id: "choice-4" }] });
  });

  it("stops at six choices", () => {
    let text = DRAFT;
    for (let i = 0; i < 4; i++) text = ok(addChoice(text, "coffee")).text;
    expect(errorOf(addChoice(text, "coffee"))).toBe("a turn offers at most 6 choices");
    expect(errorOf(addChoice(DRAFT, "check"))).toBe(`node "check" is not a turn, so it has no choices`);
  });

  it("removes a choice with the comment above it, but never the last one", () => {
    const after = ok(removeChoice(DRAFT, "coffee", 1)).text;
    expect(after).not.toContain("# Paperwork first.");
    expect(after).not.toContain("intake");
    expectOnlyChanged(DRAFT, after, ["coffee"]);
    expect(parseDocument(after).errors).toEqual([]);
    expect(errorOf(removeChoice(after, "coffee", 0))).toBe("a turn needs at least one choice; add another before removing this one");
    expect(errorOf(removeChoice(DRAFT, "coffee", 5))).toBe(`node "coffee" has no choice 6`);
  });

  it("moves a choice up and down, with its comments, and refuses to move past the ends", () => {
    const down = ok(moveChoice(DRAFT, "coffee", 0, "down"));
    expect(down.index).toBe(1);
    const choices = (t: string) => t.slice(t.indexOf("    choices:\n"), t.indexOf("\n\n  check:"));
    const first = choices(DRAFT).slice("    choices:\n".length, choices(DRAFT).indexOf("      # Paperwork first."));
    const second = choices(DRAFT).slice(choices(DRAFT).indexOf("      # Paperwork first."));
    expect(choices(down.text)).toBe(`    choices:\n${second}\n${first.replace(/\n$/, "")}`);
    expectOnlyChanged(DRAFT, down.text, ["coffee"]);
    expectSound(down.text);
    expect(ok(moveChoice(down.text, "coffee", 1, "up")).text).toBe(DRAFT);
    expect(errorOf(moveChoice(DRAFT, "coffee", 0, "up"))).toBe("choice 1 is already the first");
    expect(errorOf(moveChoice(DRAFT, "coffee", 1, "down"))).toBe("choice 2 is already the last");
  });
});

describe("branch entries", () => {
  it("changes a comparison inside a { } mapping where it stands, and where an entry leads", () => {
    const after = ok(setBranchCondition(DRAFT, "check", 0, "rapport", ">=45")).text;
    expect(after).toBe(DRAFT.replace(`{ rapport: "< 30" }`, `{ rapport: ">= 45" }`));
    const next = ok(setBranchNext(DRAFT, "check", 2, "stays")).text;
    expect(next).toBe(DRAFT.replace("      - next: programs\n", "      - next: stays\n"));
    expectSound(next);
  });

  it("adds a second meter, and adds and removes a condition, keeping its flags", () => {
    const both = ok(setBranchCondition(DRAFT, "check", 0, "mutuality", "< 40")).text;
    expect(both).toBe(DRAFT.replace(`{ rapport: "< 30" }`, `{ rapport: "< 30", mutuality: "< 40" }`));
    const withFlags = ok(setBranchCondition(DRAFT, "check", 1, "rapport", "> 10")).text;
    expect(readNodeForm(withFlags, "check")).toMatchObject({ ok: true, branch: [{}, { rapport: "> 10", other: "flags pushed-paperwork" }, {}] });
    expectSound(withFlags);
    const none = ok(setBranchCondition(DRAFT, "check", 0, "rapport", null)).text;
    expect(none).toBe(DRAFT.replace(`      - when: { rapport: "< 30" }\n        next: leaves`, "      - next: leaves"));
    expectOnlyChanged(DRAFT, none, ["check"]);
  });

  it("adds an entry before the last and removes entries but the last", () => {
    const r = ok(addBranchEntry(DRAFT, "check"));
    expect(r.index).toBe(2);
    expect(r.text).toContain(`        next: programs\n      - when: { rapport: ">= 50" }\n        next: programs\n      - next: programs\n`);
    expectSound(r.text);
    expect(ok(removeBranchEntry(r.text, "check", 2)).text).toBe(DRAFT);
    expect(errorOf(removeBranchEntry(DRAFT, "check", 2))).toBe("the last entry is the one taken otherwise; a branch keeps it");
  });

  it("refuses comparisons that are not, and entries that are not there", () => {
    expect(errorOf(setBranchCondition(DRAFT, "check", 0, "rapport", "about 30"))).toMatch(/^"about 30" is not a comparison/);
    expect(errorOf(setBranchCondition(DRAFT, "check", 0, "rapport", "< 101"))).toMatch(/^"< 101" is not a comparison/);
    expect(errorOf(setBranchNext(DRAFT, "check", 3, "stays"))).toBe(`node "check" has no branch entry 4`);
    expect(errorOf(setBranchNext(DRAFT, "coffee", 0, "stays"))).toBe(`node "coffee" has no branch entries`);
    expect(errorOf(setBranchNext(DRAFT, "check", 0, "gone"))).toBe(`there is no node "gone" to lead to`);
  });
});

describe("addNode", () => {
  it("adds a turn after a choice's node, on the choice's way: the choice leads to it, and it leads where the choice led", () => {
    const r = ok(addNode(DRAFT, "turn", { from: { nodeId: "programs", index: 1 } }));
    expect(r.nodeId).toBe("new-turn");
    expect(r.text).toContain(
      `        next: new-turn\n\n  new-turn:\n    say: "Write what Marcus says here."\n    choices:\n      - id: choice-1\n        say: "Write what the trainee says."\n        kind: closed-question\n        next: leaves\n\n  stays:`,
    );
    expectOnlyChanged(DRAFT, r.text, ["programs", "new-turn"]);
    expectSound(r.text);
  });

  it("adds a branch from a choice, and endings from a branch entry and a choice, with fresh ids", () => {
    const branch = ok(addNode(DRAFT, "branch", { from: { nodeId: "coffee", index: 0 } }));
    expect(readNodeForm(branch.text, "new-branch")).toMatchObject({ ok: true, type: "branch", branch: [{ rapport: ">= 50", next: "programs" }, { next: "programs" }] });
    expect(readNodeForm(branch.text, "coffee")).toMatchObject({ ok: true, choices: [{ next: "new-branch" }, { next: "check" }] });
    expectOnlyChanged(DRAFT, branch.text, ["coffee", "new-branch"]);
    expectSound(branch.text);

    // Entry 1 is the one taken: the only way to the branch lowers rapport below 30.
    const ending = ok(addNode(DRAFT, "ending", { from: { nodeId: "check", index: 0 } }));
    expect(readNodeForm(ending.text, "check")).toMatchObject({ ok: true, branch: [{ next: "new-ending" }, {}, {}] });
    expectOnlyChanged(DRAFT, ending.text, ["check", "new-ending"]);
    expectSound(ending.text);
    const second = ok(addNode(ending.text, "ending", { from: { nodeId: "coffee", index: 1 } }));
    expect(second.nodeId).toBe("new-ending-2");
    expect(readNodeForm(second.text, "new-ending-2")).toMatchObject({ ok: true, type: "ending", outcome: "mixed", say: "Write what Marcus says as the conversation ends." });
    expect(parseDocument(second.text).errors).toEqual([]);
  });

  it("adds a node on its own at the end, or after a given node; nothing leads to it yet", () => {
    const r = ok(addNode(DRAFT, "ending"));
    expect(r.text.startsWith(DRAFT)).toBe(true);
    expect(r.text.slice(DRAFT.length)).toBe(`\n  new-ending:\n    say: "Write what Marcus says as the conversation ends."\n    end:\n      outcome: mixed\n`);
    expect(checkScenario(r.text).problems.filter((p) => p.severity === "error").map((p) => p.rule)).toEqual(["unreachable"]);
    const after = ok(addNode(DRAFT, "turn", { after: "coffee" }));
    expect(after.text).toContain(`        next: check\n\n  new-turn:\n`);
    expectOnlyChanged(DRAFT, after.text, ["new-turn"]);
  });

  it("refuses a missing node or choice to link from", () => {
    expect(errorOf(addNode(DRAFT, "turn", { from: { nodeId: "gone", index: 0 } }))).toBe(`there is no node "gone"`);
    expect(errorOf(addNode(DRAFT, "turn", { from: { nodeId: "coffee", index: 4 } }))).toBe(`node "coffee" has no choice 5`);
    expect(errorOf(addNode(DRAFT, "turn", { after: "gone" }))).toBe(`there is no node "gone"`);
  });
});

describe("removeNode and setStart", () => {
  it("removes a node and its lines; what led to it then names no node", () => {
    const after = ok(removeNode(DRAFT, "stays")).text;
    expect(after).toBe(DRAFT.replace(/ {2}stays:\n[\s\S]*?\n\n/, ""));
    expect(checkScenario(after).problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([`node "programs" → "stays": no such node`]);
  });

  it("removes a node with the comment above it", () => {
    const started = ok(setStart(DRAFT, "check")).text;
    expect(started).toBe(DRAFT.replace("start: coffee", "start: check"));
    const after = ok(removeNode(started, "coffee")).text;
    expect(after).not.toContain("The first thing Marcus says");
    expect(after).toContain("nodes:\n  check:\n");
  });

  it("refuses the start, a missing node, and an ending as the start", () => {
    expect(errorOf(removeNode(DRAFT, "coffee"))).toBe(`"coffee" is where the scenario starts; make another node the start before removing it`);
    expect(errorOf(removeNode(DRAFT, "gone"))).toBe(`there is no node "gone"`);
    expect(errorOf(setStart(DRAFT, "stays"))).toBe(`"stays" is an ending; the scenario starts at a turn or a branch`);
  });
});

describe("renameNode", () => {
  it("renames the node and every reference: start, choices and branch entries", () => {
    const after = ok(renameNode(DRAFT, "coffee", "at-the-pot")).text;
    expect(after).toBe(DRAFT.replace("start: coffee", "start: at-the-pot").replace("  coffee:\n", "  at-the-pot:\n"));
    expectSound(after);
    const programs = ok(renameNode(DRAFT, "programs", "every-place")).text;
    expect(programs).toBe(DRAFT.replaceAll("next: programs", "next: every-place").replace("  programs:\n", "  every-place:\n"));
    expectSound(programs);
    const leaves = ok(renameNode(DRAFT, "leaves", "walks-out")).text;
    expect(checkScenario(leaves).scenario!.nodes.check).toMatchObject({ branch: [{ next: "walks-out" }, {}, {}] });
    expect(leaves).not.toMatch(/next: leaves|^ {2}leaves:/m);
  });

  it("refuses an id that is taken or not an id, and a node that is not there", () => {
    expect(errorOf(renameNode(DRAFT, "coffee", "stays"))).toBe(`"stays" is already the id of another node`);
    expect(errorOf(renameNode(DRAFT, "coffee", "Coffee Pot"))).toMatch(/^an id is lowercase letters and digits/);
    expect(errorOf(renameNode(DRAFT, "coffee", "coffee--pot"))).toMatch(/^an id is lowercase letters and digits/);
    expect(errorOf(renameNode(DRAFT, "coffee", "a".repeat(65)))).toBe("an id is at most 64 characters");
    expect(errorOf(renameNode(DRAFT, "coffee", ""))).toBe("write an id");
    expect(errorOf(renameNode(DRAFT, "gone", "here"))).toBe(`there is no node "gone"`);
    expect(nodeIdProblem(DRAFT, "coffee", "coffee")).toBeUndefined();
    expect(ok(renameNode(DRAFT, "coffee", "coffee")).text).toBe(DRAFT);
  });
});

describe("a text with its own layout", () => {
  const FOUR = [
    "format: 1",
    "id: habits",
    "title: Habits",
    "summary: S",
    "roles:",
    "    trainee: Peer specialist",
    "    counterpart:",
    "        name: Ana",
    "start: a",
    "nodes:",
    "    a:",
    "        say: Plain text here",
    "        choices:",
    '        -   say: "One"       # first',
    "            kind: listening-to",
    "            next: b",
    "        - say: Two",
    "          kind: advising",
    "          next: b",
    "    b:",
    "        end: {outcome: connected}",
  ].join("\n");

  it("writes new lines with its indentation, and keeps it without a line break at the end", () => {
    const added = ok(addNode(FOUR, "ending")).text;
    expect(added).toBe(`${FOUR}\n    new-ending:\n        say: "Write what Ana says as the conversation ends."\n        end:\n            outcome: mixed`);
    expect(ok(addChoice(FOUR, "a")).text).toBe(
      FOUR.replace("    b:", '        - id: choice-3\n          say: "Write what the trainee says."\n          kind: closed-question\n          next: b\n    b:'),
    );
    expect(ok(setEnding(FOUR, "b", { outcome: "mixed" })).text).toBe(FOUR.replace("{outcome: connected}", "{outcome: mixed}"));
    expect(ok(removeChoice(FOUR, "a", 1)).text).toBe(FOUR.replace("        - say: Two\n          kind: advising\n          next: b\n", ""));
  });
});

describe("texts that are not scenarios", () => {
  const edits: ((text: string) => EditResult)[] = [
    (t) => setSay(t, "coffee", "x"),
    (t) => setChoice(t, "coffee", 0, { say: "x" }),
    (t) => addChoice(t, "coffee"),
    (t) => removeChoice(t, "coffee", 0),
    (t) => moveChoice(t, "coffee", 0, "down"),
    (t) => setEnding(t, "stays", { outcome: "mixed" }),
    (t) => setBranchCondition(t, "check", 0, "rapport", "< 3"),
    (t) => addNode(t, "turn", { from: { nodeId: "coffee", index: 0 } }),
    (t) => removeNode(t, "stays"),
    (t) => renameNode(t, "coffee", "pot"),
  ];

  it.each([
    ["", "the text is not a scenario: it should be a mapping with format, id, title and nodes"],
    ["format: 1\ntitle: [unclosed\n", /^the YAML has a syntax error on line \d+; fix it in the text first$/],
    ["- a\n- b\n", "the text is not a scenario: it should be a mapping with format, id, title and nodes"],
    ["format: 1\nnodes: 3\n", "the scenario has no nodes mapping yet"],
  ])("answers an error for %j and never throws", (text, message) => {
    for (const edit of edits) {
      const r = edit(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message instanceof RegExp ? message : new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    }
  });

  it("answers an error for nodes that are not mappings yet", () => {
    const text = "format: 1\nstart: coffee\nnodes:\n  coffee: just text\n  stays: 2\n  check: []\n";
    for (const edit of edits.slice(0, 8)) {
      const r = edit(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^node "(coffee|stays|check)" is not a mapping yet; write it in the text first$/);
    }
    expect(readNodeForm(text, "coffee")).toMatchObject({ ok: true, type: undefined, choices: [] });
  });

  it("keeps a JSON scenario JSON", () => {
    const json = `${JSON.stringify(parseDocument(DRAFT).toJS(), null, 2)}\n`;
    const said = ok(setSay(json, "coffee", "Hi.")).text;
    expect(JSON.parse(said).nodes.coffee.say).toBe("Hi.");
    expect(said).toBe(json.replace(`"(by the coffee pot) You work here? I'm just here for the coffee."`, `"Hi."`));
    const added = ok(addChoice(json, "coffee")).text;
    expect(JSON.parse(added).nodes.coffee.choices).toHaveLength(3);
    expect(added).toBe(`${JSON.stringify(JSON.parse(added), null, 2)}\n`);
  });
});

describe("every built-in scenario", () => {
  const dir = path.join(process.cwd(), "scenarios/library");
  const files = readdirSync(dir).filter((f) => f.endsWith(".scenario.yaml"));

  it.each(files)("%s keeps its text outside the changed nodes, and checks as before", (file) => {
    const text = readFileSync(path.join(dir, file), "utf8");
    const before = checkScenario(text, file);
    expect(before.errors).toBe(0);
    const scenario = before.scenario!;
    const start = scenario.start;
    const turn = Object.entries(scenario.nodes).find(([, n]) => n.type === "turn" && n.choices.length >= 2)![0];
    const sound = (after: string, changed: string[]) => {
      expect(checkScenario(after, file).errors).toBe(0);
      for (const c of commentsOf(text)) expect(after).toContain(c);
      expectOnlyChanged(text, after, changed);
    };
    sound(ok(setSay(text, turn, "A new line.")).text, [turn]);
    sound(ok(setChoice(text, turn, 1, { say: "Another answer.", kind: "validating", rapport: 7, mutuality: null, feedback: "New feedback." })).text, [turn]);
    sound(ok(moveChoice(text, turn, 0, "down")).text, [turn]);
    const node = scenario.nodes[turn]!;
    if (node.type === "turn" && node.choices.length < 6) sound(ok(addChoice(text, turn)).text, [turn]);
    const linked = ok(addNode(text, "turn", { from: { nodeId: turn, index: 0 } }));
    sound(linked.text, [turn, linked.nodeId]);

    const renamed = ok(renameNode(text, start, "renamed-start")).text;
    const after = checkScenario(renamed, file);
    expect(after.errors).toBe(0);
    expect(after.scenario!.start).toBe("renamed-start");
    const rename = (id: string) => (id === start ? "renamed-start" : id);
    const expected = JSON.parse(
      JSON.stringify(scenario.nodes, (key, value: unknown) => (key === "next" && typeof value === "string" ? rename(value) : value)),
    ) as Record<string, unknown>;
    expect(after.scenario!.nodes).toEqual(Object.fromEntries(Object.entries(expected).map(([id, n]) => [rename(id), n])));
  });
});
