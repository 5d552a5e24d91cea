import { readdirSync, readFileSync } from "node:fs";
import { CompletionContext } from "@codemirror/autocomplete";
import { EditorState, Text } from "@codemirror/state";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  completionsAt,
  hoverAt,
  OUTCOME_MEANINGS,
  scenarioAssist,
  scenarioCompletionSource,
  schemaAt,
} from "../../../../components/studio/scenario-assist";
import { outlineOf, placeAt } from "../../../../components/studio/yaml-outline";
import { RESPONSE_KIND_IDS } from "../../../../scenarios/kinds";
import schema from "../../../../scenarios/scenario.schema.json";

/** The largest scenario of the library. */
const LIBRARY = readFileSync("scenarios/library/mutuality.scenario.yaml", "utf8");

/** Where the cursor is in a text written with a caret mark. */
const CARET = "‸";

function at(marked: string): { doc: Text; pos: number } {
  const pos = marked.indexOf(CARET);
  if (pos < 0 || marked.indexOf(CARET, pos + 1) >= 0) throw new Error("[scenario-assist test] mark the cursor exactly once");
  return { doc: Text.of(marked.replace(CARET, "").split("\n")), pos };
}

/** The library scenario with `find` replaced by `replace` (which holds the cursor mark). */
function library(find: string, replace: string): string {
  expect(LIBRARY).toContain(find);
  return LIBRARY.replace(find, replace);
}

const complete = (marked: string, explicit = true) => {
  const { doc, pos } = at(marked);
  return completionsAt(doc, pos, explicit);
};
const labels = (marked: string, explicit = true) => complete(marked, explicit)?.options.map((o) => o.label) ?? [];
const option = (marked: string, label: string) => complete(marked)?.options.find((o) => o.label === label);
const hover = (marked: string) => {
  const { doc, pos } = at(marked);
  return hoverAt(doc, pos)?.text ?? null;
};

const NODE_IDS = [...LIBRARY.slice(LIBRARY.indexOf("\nnodes:\n")).matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((m) => m[1]!);
const ENDINGS = ["walks-out", "signed-anyway", "connected-end", "mixed-end", "disengaged-end"];

describe("completion of keys", () => {
  it("offers the top-level keys a scenario does not have yet, each with its description", () => {
    const text = library('content-note: "Mentions opioid use and recovery, urine screens, a sober house and the threat of losing housing."\n', "").replace(
      "start: arrival\n",
      `start: arrival\n${CARET}\n`,
    );
    expect(labels(text)).toEqual(["content-note", "language"]);
    expect(option(text, "language")?.info).toBe(schemaAt(["language"])!.description);
    expect(option(text, "content-note")?.info).toContain("Shown before play starts");
  });

  it("offers every top-level key in a new text, the required ones first and marked so", () => {
    const result = complete(`# a new scenario\n${CARET}`)!;
    const required = result.options.filter((o) => o.detail === "required").map((o) => o.label);
    expect(required).toEqual(["format", "id", "title", "summary", "roles", "start", "nodes"]);
    expect(result.options.map((o) => o.label)).toEqual(expect.arrayContaining(["skills", "content-note", "language", "meters"]));
    // Boosts keep required keys above the others.
    const boost = (label: string) => result.options.find((o) => o.label === label)!.boost!;
    expect(boost("nodes")).toBeGreaterThan(boost("skills"));
  });

  it("offers the keys a choice does not have yet where a key of the choice is started", () => {
    const text = library("        kind: collaborating\n        question: open\n        best: true\n        feedback: \"You named", `        kind: collaborating\n        question: open\n        best: true\n        ${CARET}\n        feedback: "You named`);
    expect(labels(text)).toEqual(["reflection", "rapport", "mutuality", "set", "when"]);
    expect(option(text, "rapport")?.info).toBe("Added to rapport when chosen, a whole number -100..100. Default: the kind's rapport delta.");
    // While typing, the list opens once a letter is typed, and keeps its place in the word.
    const typed = complete(text.replace(CARET, `ref${CARET}`), false)!;
    expect(typed.options.map((o) => o.label)).toContain("reflection");
    expect(text.slice(0, text.indexOf(CARET)).length).toBe(typed.from);
    expect(typed.to - typed.from).toBe(3);
  });

  it("offers a new choice's keys after its dash, say, kind and next marked required, and opens the kinds after kind", () => {
    const text = library("    choices:\n      - id: name-the-ask", `    choices:\n      - ${CARET}\n      - id: name-the-ask`);
    const result = complete(text)!;
    expect(result.options.map((o) => o.label)).toEqual(["id", "say", "kind", "reflection", "question", "best", "rapport", "mutuality", "feedback", "set", "when", "next"]);
    expect(result.options.filter((o) => o.detail === "required").map((o) => o.label)).toEqual(["say", "kind", "next"]);
    const kind = result.options.find((o) => o.label === "kind")!;
    expect(kind).toMatchObject({ apply: "kind: ", reopen: true });
    expect(result.options.find((o) => o.label === "say")).toMatchObject({ apply: "say: " });
    expect(result.options.find((o) => o.label === "say")!.reopen).toBeUndefined();
    // A mapping's key starts the next line, indented under it.
    expect(result.options.find((o) => o.label === "when")!.apply).toBe("when:\n          ");
  });

  it("offers a node the keys of its type: a turn's, a branch's, an ending's, or all while it has none", () => {
    const node = (body: string) => labels(`format: 1\nstart: a\nnodes:\n  a:\n${body}`);
    expect(node(`    ${CARET}`)).toEqual(["say", "choices", "branch", "end"]);
    expect(node(`    say: "Hi."\n    ${CARET}`)).toEqual(["choices", "end"]);
    expect(node(`    say: "Hi."\n    ${CARET}\n    choices:\n      - say: x`)).toEqual(["ask-rationale"]);
    expect(node(`    ${CARET}\n    choices:\n      - say: x`)).toEqual(["say", "ask-rationale"]);
    expect(node(`    ask-rationale: true\n    ${CARET}`)).toEqual(["say", "choices"]);
    expect(node(`    branch:\n      - next: b\n    ${CARET}`)).toEqual([]);
    expect(node(`    end:\n      outcome: mixed\n    ${CARET}`)).toEqual(["say"]);
    const choices = option(`format: 1\nnodes:\n  a:\n    ${CARET}`, "choices")!;
    expect(choices.apply).toBe("choices:\n      - ");
    expect(choices.info).toContain("Makes the node a turn");
  });

  it("offers the keys of roles, the counterpart, an ending and a condition", () => {
    expect(labels(`roles:\n  ${CARET}`)).toEqual(["trainee", "counterpart"]);
    expect(labels(`roles:\n  trainee: Peer specialist\n  counterpart:\n    name: Sam\n    ${CARET}`)).toEqual(["description"]);
    expect(labels(library("    end:\n      outcome: disengaged\n", `    end:\n      outcome: disengaged\n      ${CARET}\n`)).slice(0, 1)).toEqual([]);
    expect(labels(`nodes:\n  x:\n    end:\n      ${CARET}`)).toEqual(["outcome", "debrief"]);
    expect(labels(`nodes:\n  b:\n    branch:\n      - when:\n          ${CARET}`)).toEqual(["rapport", "mutuality", "flags", "unset"]);
  });

  it("offers a condition's keys inside a flow mapping, leaving out those it has", () => {
    const text = library("when: { flags: [pushed-plan] }", `when: { flags: [pushed-plan], ${CARET} }`);
    expect(labels(text)).toEqual(["rapport", "mutuality", "unset"]);
    expect(option(text, "unset")).toMatchObject({ apply: "unset: ", info: "Holds when no flag listed is set." });
  });

  it("offers a node that a start or next names but no node has, where a node id is written", () => {
    const text = library("        next: walks-out\n", "        next: walks-away\n").replace("  guarded:\n", `  ${CARET}\n  guarded:\n`);
    const result = complete(text)!;
    expect(result.options.map((o) => o.label)).toEqual(["walks-away"]);
    expect(result.options[0]!.detail).toBe("no node yet");
    expect(result.options[0]!.apply).toBe("walks-away:\n    ");
  });
});

describe("completion of values", () => {
  it("offers the twelve response kinds after kind, each with its default deltas and meaning, grouped by effect", () => {
    const text = library("kind: collaborating\n        question: open\n        best: true\n        feedback: \"You named", `kind: ${CARET}\n        question: open\n        best: true\n        feedback: "You named`);
    const result = complete(text)!;
    expect(result.options.map((o) => o.label)).toEqual([...RESPONSE_KIND_IDS]);
    const sharing = result.options.find((o) => o.label === "sharing-with")!;
    expect(sharing.detail).toBe("rapport +5, mutuality +10");
    expect(sharing.info).toContain("brief, relevant own experience, then focus goes back");
    expect(sharing.section).toEqual({ name: "helpful", rank: 0 });
    expect(result.options.find((o) => o.label === "judging")).toMatchObject({ detail: "rapport -10, mutuality -5", section: { name: "harmful", rank: 2 } });
    expect(result.options.find((o) => o.label === "closed-question")!.detail).toBe("rapport 0, mutuality 0");
  });

  it("offers the kinds in half-typed text, with a space when the cursor is right after the colon", () => {
    const result = complete(`format: 1\nnodes:\n  a:\n    say: Hi\n    choices:\n      - say: "Tell me more?"\n        kind:${CARET}`)!;
    expect(result.options.map((o) => o.label)).toEqual([...RESPONSE_KIND_IDS]);
    expect(result.options[0]!.apply).toBe(" listening-to");
    // Typing a kind's first letters: the list opens by itself and replaces the whole word.
    const typed = complete(`nodes:\n  a:\n    choices:\n      - kind: val${CARET}idating\n        next: b`, false)!;
    expect(typed.options).toHaveLength(12);
    expect(typed.to - typed.from).toBe("validating".length);
  });

  it("offers the document's node ids after next, with what each node is", () => {
    const text = library("        next: what-she-wants\n", `        next: ${CARET}\n`);
    const result = complete(text)!;
    expect(result.options.map((o) => o.label)).toEqual(NODE_IDS);
    expect(result.options.find((o) => o.label === "mid-check")!.detail).toBe("branch");
    expect(result.options.find((o) => o.label === "mixed-end")!.detail).toBe("ending: mixed");
    const wants = result.options.find((o) => o.label === "what-she-wants")!;
    expect(wants).toMatchObject({ detail: "turn", info: "“(She turns her phone over, face down.) Here's the part nobody asks about.”" });
  });

  it("offers node ids in a branch entry too, and no ending for start", () => {
    expect(labels(library("      - next: options\n", `      - next: ${CARET}\n`))).toEqual(NODE_IDS);
    const start = labels(library("start: arrival", `start: ${CARET}`));
    expect(start).toEqual(NODE_IDS.filter((id) => !ENDINGS.includes(id)));
  });

  it("offers the outcomes after an ending's outcome, each with its meaning", () => {
    const result = complete(library("      outcome: disengaged\n", `      outcome: ${CARET}\n`))!;
    expect(result.options.map((o) => o.label)).toEqual(["connected", "mixed", "disengaged"]);
    expect(result.options[2]!.info).toBe("disengaged: the counterpart withdrew or left.");
    // In a flow mapping too.
    expect(labels(`nodes:\n  x:\n    end: { outcome: ${CARET} }`)).toEqual(["connected", "mixed", "disengaged"]);
  });

  it("offers the flags the text sets or tests in a condition's list, and schema values such as reflection and format", () => {
    const result = complete(library("when: { flags: [pushed-plan] }", `when: { flags: [pu${CARET}] }`))!;
    expect(result.options.map((o) => o.label)).toEqual(expect.arrayContaining(["pushed-plan", "promised-bed", "note-together"]));
    // The word being typed is not a flag of the text.
    expect(result.options.map((o) => o.label)).not.toContain("pu");
    expect(result.options.find((o) => o.label === "pushed-plan")!.detail).toBe("set 1×, tested 1×");
    expect(labels(library("        set: [pushed-plan]\n", `        set:\n          - ${CARET}\n`))).toContain("promised-bed");
    expect(labels(library("        reflection: complex\n", `        reflection: ${CARET}\n`))).toEqual(["simple", "complex"]);
    expect(labels(library("format: 1\n", `format: ${CARET}\n`))).toEqual(["1"]);
  });
});

describe("no completion", () => {
  it("inside a free-text value, quoted or not, a block text or a comment", () => {
    expect(complete(library('        say: "Kim did ask', `        say: "Kim ${CARET}did ask`))).toBeNull();
    expect(complete(`nodes:\n  a:\n    say: Hello th${CARET}ere`)).toBeNull();
    expect(complete(`nodes:\n  a:\n    say: Hello${CARET}`)).toBeNull();
    expect(complete(`nodes:\n  a:\n    end:\n      outcome: mixed\n      debrief: |\n        It went ${CARET}\n`)).toBeNull();
    expect(complete(`nodes:\n  a:\n    end:\n      debrief: |\n        It went\n        ${CARET}\n`)).toBeNull();
    expect(complete(`# yaml-language-server: ${CARET}\nformat: 1`)).toBeNull();
    expect(complete(`title: "A ${CARET}`)).toBeNull();
    expect(complete(`nodes:\n  a:\n    choices:\n      - say: "I was torn:\n          too, ${CARET}"`)).toBeNull();
  });

  it("while typing, until a word is started, and where a key is finished", () => {
    const text = library("        next: what-she-wants\n", `        next: ${CARET}\n`);
    expect(complete(text, false)).toBeNull();
    expect(complete(text, true)).not.toBeNull();
    expect(complete(`format: 1\n${CARET}`, false)).toBeNull();
  });

  it("takes back up after a block text ends, a multi-line quote closes, or a flow list closes on a later line", () => {
    expect(labels(`nodes:\n  a:\n    end:\n      debrief: |\n        It went\n      ${CARET}`)).toEqual(["outcome"]);
    expect(labels(`nodes:\n  a:\n    say: "Two\n      lines"\n    ${CARET}`)).toEqual(["choices", "end"]);
    expect(labels(`skills: [a,\n  b]\n${CARET}`)).toContain("format");
  });
});

describe("half-written and broken text", () => {
  const files = readdirSync("scenarios/library").filter((f) => f.endsWith(".scenario.yaml"));

  /** Asks for completion and hover help at `pos`, and checks that what comes back stays in the text around `pos`. */
  function askAt(doc: Text, pos: number) {
    for (const explicit of [true, false]) {
      const result = completionsAt(doc, pos, explicit);
      if (result) {
        expect(result.from).toBeLessThanOrEqual(pos);
        expect(result.to).toBeGreaterThanOrEqual(pos);
        expect(result.to).toBeLessThanOrEqual(doc.length);
        expect(result.options.length).toBeGreaterThan(0);
      }
    }
    const help = hoverAt(doc, pos);
    if (help) expect(help.from <= pos && pos <= help.to).toBe(true);
  }

  it.each(files)("%s: help at every position, never an error", (file) => {
    const doc = Text.of(readFileSync(`scenarios/library/${file}`, "utf8").split("\n"));
    for (let pos = 0; pos <= doc.length; pos++) askAt(doc, pos);
  });

  it("help in a library text cut, and with YAML's special characters typed, anywhere", () => {
    const pieces = fc.constantFrom("- ", ": ", ":", "{", "}", "[", "]", ", ", '"', "'", "|", ">", "#", "&a ", "*a", "!t ", "\n", "\n  ", "\n      - ", "kind", "next: ", "---\n", "\t", "");
    fc.assert(
      fc.property(fc.nat(LIBRARY.length), fc.nat(LIBRARY.length), fc.array(pieces, { maxLength: 6 }), fc.nat(), (cut, at, typed, where) => {
        const base = LIBRARY.slice(0, Math.max(cut, 200));
        const p = Math.min(at, base.length);
        const text = base.slice(0, p) + typed.join("") + base.slice(p);
        const doc = Text.of(text.split("\n"));
        askAt(doc, Math.min(p + typed.join("").length, doc.length));
        askAt(doc, where % (doc.length + 1));
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  });
});

describe("hover help", () => {
  it("gives a key's description, saying when it is required", () => {
    expect(hover(library("  trainee: Peer specialist", `  trai${CARET}nee: Peer specialist`))).toBe(
      "trainee (required): Who the trainee plays, such as Peer specialist or Peer supervisor.",
    );
    expect(hover(library("        reflection: complex\n", `        reflection${CARET}: complex\n`))).toBe(`reflection: ${schemaAt(["nodes", "x", "choices", "[]", "reflection"])!.description}`);
    expect(hover(library("when: { rapport: \"< 20\" }", `when: { ${CARET}rapport: "< 20" }`))).toContain("Holds when the current rapport compares so");
  });

  it("gives a kind's meaning and default deltas", () => {
    const text = hover(library("        kind: collaborating\n        question: open\n        best: true\n        feedback: \"You named", `        kind: collabo${CARET}rating\n        question: open\n        best: true\n        feedback: "You named`))!;
    expect(text).toContain("collaborating: Collaborating (helpful): shares power: asks permission, hands the choice back.");
    expect(text).toContain("Default deltas: rapport +5, mutuality +10.");
    expect(text).toContain("treats the person as the expert on their own life");
  });

  it("says what node a next names, or that there is no such node", () => {
    expect(hover(library("        next: what-she-wants\n", `        next: what-she${CARET}-wants\n`))).toBe(
      "Node “what-she-wants”: a turn.\n“(She turns her phone over, face down.) Here's the part nobody asks about.”",
    );
    expect(hover(library("      - next: options\n", `      - next: opt${CARET}ions\n`))).toMatch(/^Node “options”: a turn\./);
    expect(hover(library("        next: walks-out\n", `        next: walks-ou${CARET}\n`))).toBe("No node “walks-ou” in this scenario.");
    expect(hover(library("start: arrival", `start: ${CARET}arrival`))).toMatch(/^Node “arrival”: a turn\./);
    expect(hover(library("        next: walks-out\n", `        next: walks${CARET}-out\n`))).toMatch(/^Node “walks-out”: an ending \(disengaged\)\./);
  });

  it("gives an outcome's meaning, a node's type where it is written, and nothing over free text", () => {
    expect(hover(library("      outcome: mixed\n", `      outcome: mi${CARET}xed\n`))).toBe(`mixed: ${OUTCOME_MEANINGS.mixed}.`);
    expect(hover(library("  mid-check:\n", `  mid-${CARET}check:\n`))).toBe("Node “mid-check”: a branch.");
    expect(hover(library('        say: "Kim did ask', `        say: "Kim di${CARET}d ask`))).toBeNull();
    expect(hover(`# a comm${CARET}ent\nformat: 1`)).toBeNull();
  });
});

describe("the help's sources", () => {
  it("describes every key of the scenario format in the JSON Schema", () => {
    const missing: string[] = [];
    const visit = (s: Record<string, unknown>, path: string) => {
      const properties = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, value] of Object.entries(properties)) {
        if (typeof value.description !== "string" || value.description.length === 0) missing.push(`${path}${key}`);
        visit(value, `${path}${key}.`);
      }
      for (const child of [s.items, s.additionalProperties, ...((s.anyOf as unknown[]) ?? [])]) {
        if (child && typeof child === "object") visit(child as Record<string, unknown>, path);
      }
    };
    visit(schema as Record<string, unknown>, "");
    expect(missing).toEqual([]);
  });

  it("gives each outcome the meaning docs/scenario-format.md gives it", () => {
    const doc = readFileSync("docs/scenario-format.md", "utf8");
    for (const [outcome, meaning] of Object.entries(OUTCOME_MEANINGS)) expect(doc).toContain(`| \`${outcome}\` | ${meaning} |`);
  });

  it("walks a text once, however often it is asked", () => {
    const { doc, pos } = at(library("        next: what-she-wants\n", `        next: ${CARET}\n`));
    expect(outlineOf(doc)).toBe(outlineOf(doc));
    expect(placeAt(doc, pos)).toEqual(placeAt(doc, pos));
    // A changed text is a new text, walked anew.
    const changed = doc.replace(pos, pos, Text.of(["w"]));
    expect(outlineOf(changed)).not.toBe(outlineOf(doc));
  });

  it("answers through CodeMirror's completion source, keeping the list while a word is typed", () => {
    const { doc, pos } = at(library("kind: collaborating\n        question: open\n        best: true\n        feedback: \"You named", `kind: coll${CARET}\n        question: open\n        best: true\n        feedback: "You named`));
    const state = EditorState.create({ doc, extensions: scenarioAssist() });
    const result = scenarioCompletionSource(new CompletionContext(state, pos, false));
    expect(result?.options.map((o) => o.label)).toContain("collaborating");
    expect(result?.options.find((o) => o.label === "collaborating")?.detail).toBe("rapport +5, mutuality +10");
    expect(result?.validFor).toBeInstanceOf(RegExp);
    expect((result?.validFor as RegExp).test("collab")).toBe(true);
    expect((result?.validFor as RegExp).test("coll ")).toBe(false);
  });
});
