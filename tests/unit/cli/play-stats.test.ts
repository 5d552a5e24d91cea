import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../../../cli/command";
import { main } from "../../../cli/index";
import { shuffled } from "../../../machines/shuffle";

const TEA = `format: 1
id: tea
title: Tea at the center
summary: Jo stops by for tea.
roles:
  trainee: Peer specialist
  counterpart:
    name: Jo
meters: { rapport: 50, mutuality: 50 }
start: hello
nodes:
  hello:
    say: "Is the kettle on?"
    choices:
      - id: reflect
        say: "Sounds like you could use a cup."
        kind: listening-to
        feedback: "You noticed what she needs."
        next: talk
      - id: rules
        say: "Sign in first, please."
        kind: dominating
        feedback: "Rules before hello."
        next: talk
  talk:
    say: "It's been a long week."
    choices:
      - id: tell-me
        say: "What made it long?"
        kind: open-question
        next: check
      - id: cheer
        say: "Weekend's almost here!"
        kind: reassuring
        next: check
  check:
    branch:
      - when: { rapport: ">= 60" }
        next: warm
      - next: cool
  warm:
    say: "Thanks for asking."
    end:
      outcome: connected
      debrief: "Jo felt heard."
  cool:
    say: "(Jo finishes her tea and leaves.)"
    end:
      outcome: disengaged
`;

// A turn whose only choice is hidden once "pushed" is set: parses, but plays can get stuck.
const STUCK = TEA.replace("id: tea", "id: stuck").replace(
  "        kind: open-question\n        next: check",
  "        kind: open-question\n        when: { mutuality: \">= 99\" }\n        next: check",
).replace("        kind: reassuring\n        next: check", "        kind: reassuring\n        when: { mutuality: \">= 99\" }\n        next: check");

let dir = "";
let tea = "";
let stuck = "";
let broken = "";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "play-stats-"));
  tea = path.join(dir, "tea.scenario.yaml");
  stuck = path.join(dir, "stuck.scenario.yaml");
  broken = path.join(dir, "broken.scenario.yaml");
  writeFileSync(tea, TEA);
  writeFileSync(stuck, STUCK);
  writeFileSync(broken, TEA.replace("next: talk\n      - id: rules", "next: nowhere\n      - id: rules"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Answer = string | null | ((out: string) => string | null);

/** An Io that records output and answers prompts from a script; past the script, input has ended. */
function fakeIo(script: Answer[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const io: Io = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    ask: async (prompt) => {
      prompts.push(prompt);
      const next = script.shift();
      if (next === undefined) return null;
      return typeof next === "function" ? next(out.join("\n")) : next;
    },
  };
  return { io, out: () => out.join("\n"), err: () => err.join("\n"), prompts };
}

/** Answers with the number the last list of choices gives the response that says `say`. */
const pick = (say: string) => (out: string) => {
  const all = [...out.matchAll(/^ {2}(\d+)\. (.*)$/gm)].filter((m) => m[2] === say);
  const n = all.at(-1)?.[1];
  if (!n) throw new Error(`"${say}" is not on offer`);
  return n;
};

/** The 1-based number a choice has among those shown at a node for a seed (all choices on offer). */
const numberOf = (ids: string[], id: string, seed: number, nodeId: string) => shuffled(ids, seed, nodeId).indexOf(id) + 1;

describe("scenarios stats", () => {
  it("prints a report with counts, endings, best and worst paths, distinct paths and kinds", async () => {
    const f = fakeIo();
    expect(await main(["stats", tea], f.io)).toBe(0);
    const text = f.out();
    expect(text).toContain("Tea at the center (tea)");
    expect(text).toContain("Nodes:       5 (2 turns, 1 branch, 2 endings); 4 choices");
    expect(text).toMatch(/^ {2}warm\s+connected\s+yes\s+2\s+65\s+60$/m);
    expect(text).toMatch(/^ {2}cool\s+disengaged\s+yes\s+2\s+35–55\s+35–50$/m);
    expect(text).toContain('Best path: ends at "warm" (connected) after 2 turns, rapport 65, mutuality 60');
    expect(text).toContain("1. hello → reflect  (listening-to)");
    expect(text).toContain("2. talk → tell-me  (open-question)");
    expect(text).toContain("choice ids: reflect,tell-me");
    expect(text).toContain('Worst path: ends at "cool" (disengaged) after 2 turns, rapport 35, mutuality 35');
    expect(text).toContain("choice ids: rules,cheer");
    expect(text).toContain("Distinct paths: 4 from the start to an ending");
    expect(text).toContain("Traps: none");
    expect(text).toMatch(/^ {2}Dominating\s+dominating \(harmful\)\s+1\s+25\.0%\s+1$/m);
    expect(text).toMatch(/^ {2}all kinds\s+4\s+100\.0%\s+4$/m);
  });

  it("prints JSON for tools, with the path count as a decimal string", async () => {
    const f = fakeIo();
    expect(await main(["stats", "--format", "json", tea], f.io)).toBe(0);
    const json = JSON.parse(f.out());
    expect(json.paths).toBe("4");
    expect(json.counts).toMatchObject({ nodes: 5, turns: 2, branches: 1, endings: 2, choices: 4 });
    expect(json.endings[0]).toEqual({
      nodeId: "warm",
      outcome: "connected",
      reachable: true,
      fewestTurns: 2,
      mostTurns: 2,
      rapport: { low: 65, high: 65 },
      mutuality: { low: 60, high: 60 },
    });
    expect(json.best.choiceIds).toEqual(["reflect", "tell-me"]);
    expect(json.worst.choiceIds).toEqual(["rules", "cheer"]);
  });

  it("prints the file's errors with their positions and exits 1", async () => {
    const f = fakeIo();
    expect(await main(["stats", broken], f.io)).toBe(1);
    expect(f.err()).toMatch(/broken\.scenario\.yaml:\d+:\d+ {2}error {2}\S+ {2}.*nowhere/);
    expect(f.out()).toBe("");
  });

  it("exits 2 on a missing file, a bad format or no file", async () => {
    const missing = fakeIo();
    expect(await main(["stats", path.join(dir, "nope.scenario.yaml")], missing.io)).toBe(2);
    expect(missing.err()).toContain("no such file");
    expect(await main(["stats", "--format", "xml", tea], fakeIo().io)).toBe(2);
    expect(await main(["stats"], fakeIo().io)).toBe(2);
  });

  it("explains itself with --help", async () => {
    const f = fakeIo();
    expect(await main(["stats", "--help"], f.io)).toBe(0);
    expect(f.out()).toContain("Usage: npm run scenarios -- stats [--format text|json] <file>");
    expect(f.out()).toContain("Exit status:");
  });
});

describe("scenarios play, interactively", () => {
  it("explains a wrong answer, asks again, gives feedback and stops at q", async () => {
    const f = fakeIo(["7", "tea please", pick("Sounds like you could use a cup."), "q"]);
    expect(await main(["play", tea], f.io)).toBe(0);
    const text = f.out();
    expect(text).toContain("Jo: Is the kettle on?");
    expect(text).toContain("There is no choice 7 here: type a number from 1 to 2, or q to quit.");
    expect(text).toContain('"tea please" is not a choice: type a number from 1 to 2, or q to quit.');
    expect(text).toContain("You: Sounds like you could use a cup.");
    expect(text).toContain("Listening to (listening-to): helps.");
    expect(text).toContain("Feedback: You noticed what she needs.");
    expect(text).toContain("Rapport 50 → 60 (+10); mutuality 50 → 55 (+5)");
    expect(text).toContain("Jo: It's been a long week.");
    expect(text.trimEnd().endsWith("Stopped.")).toBe(true);
    expect(f.prompts).toEqual(Array(4).fill("Your choice (1-2, q to quit): "));
  });

  it("plays to an ending and prints its lines, outcome and debrief", async () => {
    const f = fakeIo([pick("Sounds like you could use a cup."), pick("What made it long?")]);
    expect(await main(["play", tea, "--seed", "3"], f.io)).toBe(0);
    const text = f.out();
    expect(text).toContain("Open question (open-question): helps.");
    expect(text).toContain("Jo: Thanks for asking.");
    expect(text).toContain('Outcome: connected (ending "warm") after 2 turns; rapport 65, mutuality 60.');
    expect(text).toContain("Debrief: Jo felt heard.");
    expect(text).not.toContain("Stopped.");
  });

  it("says a harmful choice hurts", async () => {
    const f = fakeIo([pick("Sign in first, please.")]);
    expect(await main(["play", tea], f.io)).toBe(0);
    expect(f.out()).toContain("Dominating (dominating): hurts.");
    expect(f.out()).toContain("Rapport 50 → 40 (−10); mutuality 50 → 40 (−10)");
  });

  it("stops when the input ends", async () => {
    const f = fakeIo([]);
    expect(await main(["play", tea], f.io)).toBe(0);
    expect(f.out().trimEnd().endsWith("Stopped.")).toBe(true);
  });

  it("shows the choices in an order fixed by the seed", async () => {
    const order = async (seed: string) => {
      const f = fakeIo([]);
      await main(["play", tea, "--seed", seed], f.io);
      return [...f.out().matchAll(/^ {2}\d+\. (.*)$/gm)].map((m) => m[1]);
    };
    expect(await order("5")).toEqual(await order("5"));
    const expected = shuffled(["Sounds like you could use a cup.", "Sign in first, please."], 5, "hello");
    expect(await order("5")).toEqual(expected);
  });
});

describe("scenarios play --choices", () => {
  it("replays numbered choices in the seed's order and prints the transcript and outcome", async () => {
    const seed = 4;
    const first = numberOf(["reflect", "rules"], "reflect", seed, "hello");
    const second = numberOf(["tell-me", "cheer"], "tell-me", seed, "talk");
    const f = fakeIo();
    expect(await main(["play", tea, "--seed", String(seed), "--choices", `${first},${second}`], f.io)).toBe(0);
    const text = f.out();
    expect(text).toContain("Turn 1: hello");
    expect(text).toContain("  Jo: Is the kettle on?");
    expect(text).toContain(`You (choice ${first} of 2, "reflect"): Sounds like you could use a cup.`);
    expect(text).toContain("Rapport 50 → 60 (+10); mutuality 50 → 55 (+5)");
    expect(text).toContain("Feedback: You noticed what she needs.");
    expect(text).toContain(`You (choice ${second} of 2, "tell-me"): What made it long?`);
    expect(text).toContain('Outcome: connected (ending "warm") after 2 turns; rapport 65, mutuality 60.');
    expect(f.prompts).toEqual([]);
  });

  it("names the turn and node of a number out of range and exits 1", async () => {
    const f = fakeIo();
    expect(await main(["play", tea, "--choices", "1,5"], f.io)).toBe(1);
    expect(f.err()).toContain('turn 2 (node "talk"): there is no choice 5; 2 are on offer, so pick 1-2');
  });

  it("prints the transcript so far and where it stopped when the numbers run out", async () => {
    const f = fakeIo();
    expect(await main(["play", tea, "--choices", "2"], f.io)).toBe(0);
    expect(f.out()).toContain("Turn 1: hello");
    expect(f.out()).toContain('Stopped after 1 turn at "talk", before an ending; turn 2 offers 1-2.');
  });

  it("refuses numbers after the ending, and choices that are not numbers", async () => {
    const late = fakeIo();
    expect(await main(["play", tea, "--choices", "1,1,1"], late.io)).toBe(1);
    expect(late.err()).toMatch(/choice 3 \(1\): the play already ended at "(warm|cool)" after 2 turns/);
    expect(await main(["play", tea, "--choices", "1,x"], fakeIo().io)).toBe(2);
    expect(await main(["play", tea, "--choices", "1", "--walks", "3"], fakeIo().io)).toBe(2);
  });
});

describe("scenarios play --walks", () => {
  const walkCounts = (text: string) =>
    [...text.matchAll(/^ {2}(warm|cool|did not end)\s+(?:\S+\s+)?(\d+)\s+[\d.]+%$/gm)].map((m) => [m[1], Number(m[2])] as const);

  it("gives the same report for the same seed, with counts that add up to the walks", async () => {
    const a = fakeIo();
    const b = fakeIo();
    expect(await main(["play", tea, "--walks", "60", "--seed", "7"], a.io)).toBe(0);
    expect(await main(["play", tea, "--walks", "60", "--seed", "7"], b.io)).toBe(0);
    expect(a.out()).toBe(b.out());
    const counts = walkCounts(a.out());
    expect(counts.map(([id]) => id)).toEqual(["warm", "cool", "did not end"]);
    expect(counts.reduce((sum, [, n]) => sum + n, 0)).toBe(60);
    expect(a.out()).toContain('60 random walks of "Tea at the center" (tea), seed 7');
    expect(a.out()).toContain("Average turns: 2.0 over the 60 walks that ended (fewest 2, most 2)");
    expect(a.out()).toMatch(/Outcomes: connected [\d.]+%, mixed 0\.0%, disengaged [\d.]+%, did not end 0\.0%/);
  });

  it("counts walks that get stuck as not ended", async () => {
    const f = fakeIo();
    expect(await main(["play", stuck, "--walks", "5"], f.io)).toBe(0);
    expect(walkCounts(f.out()).find(([id]) => id === "did not end")?.[1]).toBe(5);
    expect(f.out()).toContain("5 walks stopped at a turn with no choice on offer");
    expect(f.out()).toContain("Average turns: no walk ended");
  });

  it("rejects a walk count that is not a positive whole number", async () => {
    expect(await main(["play", tea, "--walks", "0"], fakeIo().io)).toBe(2);
    expect(await main(["play", tea, "--walks", "many"], fakeIo().io)).toBe(2);
  });

  it("explains itself with --help", async () => {
    const f = fakeIo();
    expect(await main(["play", "--help"], f.io)).toBe(0);
    expect(f.out()).toContain("Usage: npm run scenarios -- play <file> [--seed N] [--choices 1,3,2,...] [--walks K]");
  });
});
